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
