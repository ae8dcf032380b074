import type { DemoCityDataset } from '@urbangrid/contracts';
import { type CaseAction, type CaseState, type ReplayRecord, replayFlow } from '@urbangrid/domain';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/test-database';
import { CasesRepository } from '../cases/cases.repository';
import { seedClassesIfEmpty } from '../classes/classes-seed';
import { seedDemoCityIfEmpty, type SeedResult } from './demo-seed';

/**
 * The demo-city generator, loaded by path at run time (Nx module boundaries keep the API from
 * importing tools), at scale 0.2: about 2,400 cases over the year before 2026-11-01.
 */
async function demoCity(): Promise<DemoCityDataset> {
  const file = join(__dirname, '../../../../../tools/demo-city/src/generate-demo-city.ts');
  const mod = (await import(file)) as { generateDemoCity: (o: { scale: number }) => DemoCityDataset };
  return mod.generateDemoCity({ scale: 0.2 });
}

interface FlowDbRow {
  caseId: string;
  seq: number;
  action: CaseAction;
  fromState: CaseState | null;
  toState: CaseState;
  actorId: string;
  actorRole: ReplayRecord['actor']['role'];
  actorDepartment: string | null;
  opinion: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  stageOnTime: boolean | null;
  disposalOnTime: boolean | null;
}

describe('demo cases seeded into the database', () => {
  let t: TestDatabase;
  let city: DemoCityDataset;
  let seeded: SeedResult;
  let cases: { id: string; caseNo: string; state: CaseState; snapshot: unknown; reportedAt: string }[] = [];
  const flows = new Map<string, FlowDbRow[]>();

  beforeAll(async () => {
    city = await demoCity();
    t = await openTestDatabase();
    await seedClassesIfEmpty(t.db, { profile: 'national' });
    // The time limits are not seeded yet (no app booted): the demo seeder seeds them first.
    seeded = await seedDemoCityIfEmpty(t.db, city);
    cases = await t.db.query(
      `SELECT id, case_no AS "caseNo", state, snapshot, to_json(reported_at) #>> '{}' AS "reportedAt"
       FROM case_file ORDER BY case_no`,
    );
    const rows = await t.db.query<FlowDbRow>(
      `SELECT f.case_id AS "caseId", f.seq, f.action, f.from_state AS "fromState", f.to_state AS "toState",
              f.actor_id AS "actorId", f.actor_role AS "actorRole", u.department_id AS "actorDepartment",
              f.opinion, f.payload, to_json(f.occurred_at) #>> '{}' AS "occurredAt",
              f.stage_on_time AS "stageOnTime", f.disposal_on_time AS "disposalOnTime"
       FROM case_flow f JOIN app_user u ON u.id = f.actor_id
       ORDER BY f.case_id, f.seq`,
    );
    for (const r of rows) flows.set(r.caseId, [...(flows.get(r.caseId) ?? []), r]);
  });
  afterAll(async () => t?.dispose());

  it('stores one case per script and one flow record per step', () => {
    const scripts = city.cases ?? [];
    expect(scripts.length).toBeGreaterThan(2000); // 12,000 × scale 0.2 = 2,400
    expect(seeded.cases).toBe(scripts.length);
    expect(cases).toHaveLength(scripts.length);
    expect(seeded.flows).toBe(scripts.reduce((n, s) => n + s.steps.length, 0));
    expect([...flows.values()].reduce((n, f) => n + f.length, 0)).toBe(seeded.flows);
  });

  it('replays every case from its flow records through libs/domain to its stored state and snapshot', () => {
    for (const c of cases) {
      const records: ReplayRecord[] = (flows.get(c.id) ?? []).map((f) => {
        // The stored payload adds the approval step and the actor's scope to the command's fields.
        const payload = { ...f.payload };
        const scope = payload.scope as { gridCodes: string[]; subUnitIds: string[] };
        delete payload.scope;
        delete payload.approval;
        return {
          action: f.action,
          fromState: f.fromState,
          toState: f.toState,
          opinion: f.opinion,
          payload,
          at: new Date(f.occurredAt),
          actor: {
            userId: f.actorId,
            role: f.actorRole,
            departmentId: f.actorDepartment,
            gridCodes: scope.gridCodes,
            subUnitIds: scope.subUnitIds,
          },
        };
      });
      const result = replayFlow(records);
      if (!result.ok) throw new Error(`case ${c.caseNo}: ${result.message}`);
      expect(result.snapshot.state).toBe(c.state);
      // The replay reaches the stored snapshot exactly, 超时结案 included (the close record
      // carries `closureType: 'late'` after a late disposal).
      const stored = c.snapshot as { closureType: string | null };
      expect(result.snapshot).toEqual(stored);
      if (stored.closureType === 'late') {
        const fs = flows.get(c.id) ?? [];
        expect(fs.filter((f) => f.action === 'feedback').at(-1)?.disposalOnTime).toBe(false);
        expect(fs.at(-1)?.disposalOnTime).toBe(false);
      }
      // seq is the version after each step: 1, 2, 3 …
      expect((flows.get(c.id) ?? []).map((f) => f.seq)).toEqual(records.map((_, k) => k + 1));
    }
  });

  it('numbers cases per year in reported order and lets live intake continue the numbering', async () => {
    const byYear = new Map<string, string[]>();
    for (const c of [...cases].sort(
      (a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.caseNo.localeCompare(b.caseNo),
    )) {
      const year = c.caseNo.slice(0, 4);
      byYear.set(year, [...(byYear.get(year) ?? []), c.caseNo]);
    }
    // The demo year 2025-11-01 … 2026-10-31 spans two calendar years.
    expect([...byYear.keys()].sort()).toEqual(['2025', '2026']);
    for (const [year, numbers] of byYear) {
      expect(numbers).toEqual(numbers.map((_, k) => `${year}${String(k + 1).padStart(8, '0')}`));
    }
    const next = await new CasesRepository(t.db).nextCaseNo(2026);
    expect(next).toBe(`2026${String((byYear.get('2026') ?? []).length + 1).padStart(8, '0')}`);
  });

  it('has closed, overdue, returned, reworked, parked and voided cases and a mix of on-time flags', () => {
    const all = [...flows.values()];
    const n = cases.length;
    const closed = cases.filter((c) => c.state === 'CLOSED').length;
    const some = (test: (f: FlowDbRow) => boolean) => all.filter((fs) => fs.some(test)).length;
    const overdue = some((f) => f.action === 'feedback' && f.disposalOnTime === false);
    const returned = some((f) => f.action === 'decideReturn' && f.toState === 'FILED');
    const reworked = some((f) => f.action === 'answerCheck' && f.payload.done === false);
    const parked = some((f) => f.action === 'decidePark' && f.toState === 'PARKED');
    const voided = cases.filter((c) => c.state === 'VOID').length;
    expect(closed / n).toBeGreaterThan(0.75);
    expect(overdue).toBeGreaterThan(0.04 * n);
    expect(returned).toBeGreaterThan(0.015 * n);
    expect(reworked).toBeGreaterThan(0.02 * n);
    expect(parked).toBeGreaterThan(0.004 * n);
    expect(voided).toBeGreaterThan(0);
    const stageFlags = all.flat().filter((f) => f.stageOnTime !== null);
    const late = stageFlags.filter((f) => f.stageOnTime === false).length;
    // Mostly on time, never all: a late share between 2 % and 40 %.
    expect(late / stageFlags.length).toBeGreaterThan(0.02);
    expect(late / stageFlags.length).toBeLessThan(0.4);
    // Open cases are on the desks.
    expect(cases.filter((c) => !['CLOSED', 'REJECTED', 'VOID'].includes(c.state)).length).toBeGreaterThan(20);
  });
});
