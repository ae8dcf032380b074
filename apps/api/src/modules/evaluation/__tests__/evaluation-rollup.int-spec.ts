import type { DemoCityDataset } from '@urbangrid/contracts';
import {
  EVALUATION_OBJECT_TYPES,
  type EvaluationObjectType,
  REGION_LEVELS,
  type RegionLevel,
} from '@urbangrid/domain';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../../test/test-database';
import { loadConfig } from '../../../config/app-config';
import type { AuthUser } from '../../auth/principal';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import { RAW_COUNTS, type RawCounts } from '../evaluation-count-columns';
import { resolvePeriod } from '../evaluation-period';
import { EvaluationRepository } from '../evaluation.repository';
import { EvaluationService } from '../evaluation.service';

/** The demo city at scale 0.2: about 2,400 cases over the year before 2026-11-01. */
async function demoCity(): Promise<DemoCityDataset> {
  const file = join(__dirname, '../../../../../../tools/demo-city/src/generate-demo-city.ts');
  const mod = (await import(file)) as { generateDemoCity: (o: { scale: number }) => DemoCityDataset };
  return mod.generateDemoCity({ scale: 0.2 });
}

const sorted = (m: Map<string, RawCounts>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
const total = (m: Map<string, RawCounts>, c: (typeof RAW_COUNTS)[number]) =>
  [...m.values()].reduce((s, x) => s + x[c], 0);

describe('daily roll-up against raw counting on the demo city', () => {
  let t: TestDatabase;
  let service: EvaluationService;
  let districtCode: string;
  const tz = 'Asia/Shanghai';
  const year = resolvePeriod('custom', { from: '2025-11-01', to: '2026-11-01' }, tz);
  const now = new Date();

  beforeAll(async () => {
    const city = await demoCity();
    districtCode = city.city.districtCode;
    t = await openTestDatabase();
    await seedClassesIfEmpty(t.db, { profile: 'national' });
    await seedDemoCityIfEmpty(t.db, city);
    const config = loadConfig(
      { DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', CITY_TIME_ZONE: tz },
      { webDir: '/none' },
    );
    service = new EvaluationService(t.db, new EvaluationRepository(t.db), config);
    await service.onModuleInit();
    const admin = { districtCode } as AuthUser;
    const refreshed = await service.refreshRollup(admin, { from: year.from, to: year.to }, now);
    // Most days are settled; cases still open keep their days raw.
    expect(refreshed.rolledDays).toBeGreaterThan(200);
    expect(refreshed.openDays).toBeGreaterThan(0);
    expect(refreshed.rolledDays + refreshed.openDays).toBe(365);
  }, 300_000);

  afterAll(async () => t?.dispose());

  type Scope = { type: EvaluationObjectType; level: RegionLevel };
  const scopes: Scope[] = EVALUATION_OBJECT_TYPES.flatMap((type): Scope[] =>
    type === 'region' ? REGION_LEVELS.map((level) => ({ type, level })) : [{ type, level: 'street' }],
  );

  for (const { type, level } of scopes)
    it(`${type}${type === 'region' ? ` (${level})` : ''}: roll-up plus raw remainder equals raw, for the year`, async () => {
      const mixed = await service.objectCounts(districtCode, type, level, year, now, { rollup: true });
      const raw = await service.objectCounts(districtCode, type, level, year, now, { rollup: false });
      expect(mixed.rolledDays).toBeGreaterThan(200);
      expect(raw.rolledDays).toBe(0);
      expect(sorted(mixed.byObject)).toEqual(sorted(raw.byObject));
      expect(raw.byObject.size).toBeGreaterThan(0);
    });

  describe('the per-case store of the days not rolled up', () => {
    const types = ['region', 'department', 'inspector', 'acceptor', 'shiftLeader', 'dispatcher'] as const;
    const agree = async (cutoff: Date, opts: { refresh: boolean }) => {
      for (const type of types) {
        const level = type === 'region' ? 'unitGrid' : 'street';
        const mixed = await service.objectCounts(districtCode, type, level, year, cutoff, {
          rollup: true,
          ...opts,
        });
        const raw = await service.objectCounts(districtCode, type, level, year, cutoff, { rollup: false });
        expect(sorted(mixed.byObject), `${type} at ${cutoff.toISOString()}`).toEqual(sorted(raw.byObject));
      }
    };
    const storedCases = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM evaluation_case_state`))[0].n;

    it('is filled by a read at now, and store plus raw remainder equals raw', async () => {
      await agree(new Date(), { refresh: true });
      // Every case of the open days is stored (none changed since), and none is dirty.
      const [{ open }] = await t.db.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM case_file c
         WHERE c.state NOT IN ('CLOSED', 'REJECTED', 'VOID') AND c.reported_at >= $1 AND c.reported_at < $2`,
        [year.fromUtc.toISOString(), year.toUtc.toISOString()],
      );
      expect(open).toBeGreaterThan(0);
      expect(await storedCases()).toBeGreaterThanOrEqual(open);
      expect((await t.db.query(`SELECT 1 FROM evaluation_dirty`)).length).toBe(0);
    });

    it('counts a case changed since the refresh raw until the next refresh', async () => {
      // A disposing case's deadline moved into the past by hand: its 超期 and 应结案 flags turn.
      const [c] = await t.db.query<{ id: string }>(
        `SELECT s.case_id AS id FROM evaluation_case_state s JOIN case_file c ON c.id = s.case_id
         WHERE c.state IN ('DISPATCHED', 'PROCESSING') ORDER BY s.case_id LIMIT 1`,
      );
      expect(c).toBeDefined();
      await t.db.query(
        `UPDATE case_flow SET disposal_deadline = now() - interval '1 hour' WHERE case_id = $1 AND disposal_deadline IS NOT NULL`,
        [c.id],
      );
      expect((await t.db.query(`SELECT 1 FROM evaluation_dirty WHERE case_id = $1`, [c.id])).length).toBe(1);
      await agree(new Date(), { refresh: false });
      await agree(new Date(), { refresh: true });
      expect((await t.db.query(`SELECT 1 FROM evaluation_dirty`)).length).toBe(0);
    });

    it('stops serving a disposing case at its deadline, and never serves a cut-off before it was stored', async () => {
      // The demo's open disposals are overdue already: give one a deadline two hours ahead.
      const [c] = await t.db.query<{ id: string }>(
        `SELECT s.case_id AS id FROM evaluation_case_state s JOIN case_file c ON c.id = s.case_id
         WHERE c.state IN ('DISPATCHED', 'PROCESSING') ORDER BY s.case_id DESC LIMIT 1`,
      );
      expect(c).toBeDefined();
      await t.db.query(
        `UPDATE case_flow SET disposal_deadline = now() + interval '2 hours' WHERE case_id = $1 AND disposal_deadline IS NOT NULL`,
        [c.id],
      );
      await agree(new Date(), { refresh: true });
      const [state] = await t.db.query<{ validTo: Date | null }>(
        `SELECT valid_to AS "validTo" FROM evaluation_case_state WHERE case_id = $1`,
        [c.id],
      );
      expect(state?.validTo).toBeInstanceOf(Date);
      // Just after the deadline the store still holds the answer from before it: not used.
      await agree(new Date(state.validTo!.getTime() + 60_000), { refresh: false });
      // A cut-off before the store was computed: nothing stored serves it.
      await agree(new Date(Date.now() - 3_600_000), { refresh: false });
    });
  });

  it('agrees for a month and at a past cut-off (days settled after it are counted raw)', async () => {
    const month = resolvePeriod('month', { at: '2026-06' }, tz);
    const cutoff = new Date('2026-06-20T00:00:00Z');
    for (const type of ['region', 'department', 'dispatcher'] as const) {
      for (const at of [now, cutoff]) {
        const mixed = await service.objectCounts(districtCode, type, 'street', month, at, { rollup: true });
        const raw = await service.objectCounts(districtCode, type, 'street', month, at, { rollup: false });
        expect(sorted(mixed.byObject)).toEqual(sorted(raw.byObject));
      }
    }
    // At the past cut-off fewer days are usable from the roll-up than now, and less is closed.
    const atNow = await service.objectCounts(districtCode, 'region', 'district', month, now, {
      rollup: true,
    });
    const atCut = await service.objectCounts(districtCode, 'region', 'district', month, cutoff, {
      rollup: true,
    });
    expect(atCut.rolledDays).toBeLessThan(atNow.rolledDays);
    expect(total(atCut.byObject, 'closed')).toBeLessThan(total(atNow.byObject, 'closed'));
  });

  it('the demo year has work in every count the default profile reads', async () => {
    const region = await service.objectCounts(districtCode, 'region', 'district', year, now, {
      rollup: true,
    });
    for (const c of [
      'reported',
      'filed',
      'voided',
      'public_reports_verified',
      'due_to_close',
      'closed',
    ] as const)
      expect(total(region.byObject, c), c).toBeGreaterThan(0);
    // A case belongs to one district: the district total of 上报数 is the number of cases in the year.
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_file WHERE district_code = $1 AND reported_at >= $2 AND reported_at < $3`,
      [districtCode, year.fromUtc.toISOString(), year.toUtc.toISOString()],
    );
    expect(total(region.byObject, 'reported')).toBe(n);
  });

  it('the year matrix (settled months from the roll-up in one statement) equals the monthly results', async () => {
    const leader = { districtCode, role: 'leader', departmentIds: [] } as unknown as AuthUser;
    for (const [objectType, level] of [
      ['region', 'street'],
      ['department', undefined],
      ['inspector', undefined],
    ] as const) {
      const matrix = await service.matrix(leader, { objectType, level, year: '2026' }, now);
      // The demo year runs to 2026-10-31: January to the current month are listed.
      expect(matrix.months.map((m) => m.month).slice(0, 10)).toEqual(
        ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`),
      );
      expect(matrix.months.some((m) => m.source.rawDays === 0)).toBe(true);
      for (const m of matrix.months) {
        const monthly = await service.results(
          leader,
          { objectType, level, period: 'month', at: m.month },
          now,
        );
        const cells = monthly.items.map((i) => ({
          objectId: i.objectId,
          name: i.name,
          rank: i.rank,
          composite: i.result?.composite ?? null,
          grade: i.result?.grade?.grade ?? null,
        }));
        expect(m.items, `${objectType} ${m.month}`).toEqual(cells);
        expect(m.source).toEqual(monthly.source);
      }
      expect(matrix.months.flatMap((m) => m.items).some((i) => i.composite !== null)).toBe(true);
    }
  }, 120_000);

  it('reads whole months from the monthly layer, and falls back to days when a day of a month is dropped', async () => {
    const builtMonths = async () =>
      (
        await t.db.query<{ m: string }>(
          `SELECT to_char(month, 'YYYY-MM') AS m FROM evaluation_rollup_month WHERE district_code = $1 ORDER BY 1`,
          [districtCode],
        )
      ).map((r) => r.m);
    const before = await builtMonths();
    expect(before.length).toBeGreaterThan(3);
    const month = before[1];
    // The monthly rows are the sums of the daily rows of their month.
    const [{ monthly, daily }] = await t.db.query<{ monthly: number; daily: number }>(
      `SELECT (SELECT sum(reported)::int FROM evaluation_monthly WHERE district_code = $1 AND scope = 'district'
                 AND month = $2::date) AS monthly,
              (SELECT sum(reported)::int FROM evaluation_daily WHERE district_code = $1 AND scope = 'district'
                 AND day >= $2::date AND day < ($2::date + interval '1 month')) AS daily`,
      [districtCode, `${month}-01`],
    );
    expect(monthly).toBe(daily);
    expect(monthly).toBeGreaterThan(0);

    const repo = new EvaluationRepository(t.db);
    await t.db.transaction(async (tx) =>
      new EvaluationRepository(tx).dropRollup(districtCode, [`${month}-15`]),
    );
    expect(await builtMonths()).not.toContain(month);
    const days = await repo.rolledDays(districtCode, year.from, year.to, now);
    expect(days).not.toContain(`${month}-15`);
    // Without its monthly rows, the month's other days still come from the daily rows.
    const byMonth = await repo.rolledCountsByMonth(districtCode, 'district', days);
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT sum(reported)::int AS n FROM evaluation_daily WHERE district_code = $1 AND scope = 'district'
         AND day >= $2::date AND day < ($2::date + interval '1 month')`,
      [districtCode, `${month}-01`],
    );
    expect(byMonth.get(month)?.get(districtCode)?.reported).toBe(n);
    const mixed = await service.objectCounts(districtCode, 'department', 'street', year, now, {
      rollup: true,
    });
    const raw = await service.objectCounts(districtCode, 'department', 'street', year, now, {
      rollup: false,
    });
    expect(sorted(mixed.byObject)).toEqual(sorted(raw.byObject));

    await service.refreshRollup({ districtCode } as AuthUser, { from: year.from, to: year.to }, now);
    expect(await builtMonths()).toEqual(before);
  }, 300_000);

  it('keeps the roll-up table columns equal to the counts the SQL produces', async () => {
    const cols = await t.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'evaluation_daily' AND table_schema = current_schema() ORDER BY ordinal_position`,
    );
    expect(cols.map((c) => c.column_name)).toEqual([
      'district_code',
      'day',
      'scope',
      'object_id',
      ...RAW_COUNTS,
    ]);
  });
});
