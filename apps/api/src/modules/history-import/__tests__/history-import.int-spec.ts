import { type CaseAction, type CaseState, type ReplayRecord, replayFlow } from '@urbangrid/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import type { HistoryImportJob } from '../history-import.repository';

const EXAMPLE = readFileSync(join(__dirname, '../../../../../../docs/examples/history-example.csv'), 'utf8');

/** The test city with the roles a case path needs (inspector01 answers for every grid). */
function city() {
  const c = newSmallCity();
  const pw = 'demo1234';
  c.users.push(
    { username: 'operator01', displayName: '受理员', role: 'operator', departmentCode: null, password: pw },
    {
      username: 'shiftlead01',
      displayName: '值班长',
      role: 'shift_leader',
      departmentCode: null,
      password: pw,
    },
    {
      username: 'dispatcher01',
      displayName: '派遣员',
      role: 'dispatcher',
      departmentCode: null,
      password: pw,
    },
    { username: 'inspector01', displayName: '监督员', role: 'inspector', departmentCode: null, password: pw },
  );
  return c;
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
  stageDeadline: string | null;
  stageOnTime: boolean | null;
  disposalOnTime: boolean | null;
}

describe('history import (POST /api/v1/history-imports)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db, { profile: 'national' });
    await seedDemoCityIfEmpty(t.db, city());
  });
  afterAll(async () => t?.close());

  async function upload(body: string, format: 'csv' | 'json'): Promise<HistoryImportJob> {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/history-imports?format=${format}`,
      payload: body,
      headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json<HistoryImportJob>();
    for (let i = 0; i < 200; i++) {
      const r = await t.request({ url: `/api/v1/history-imports/${job.id}` });
      const j = r.json<HistoryImportJob>();
      if (!['queued', 'validating', 'applying'].includes(j.status)) return j;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error('the import did not finish');
  }

  const countCases = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_file'))[0].n;

  it('refuses a file with one bad row among many, names that row and writes nothing', async () => {
    const lines = EXAMPLE.trim().split('\n');
    const header = lines[0];
    const good = lines[1];
    // 30 copies of a good row with their own numbers; line 18 (the 17th data row) dispatches to
    // a department that does not exist.
    const rows = Array.from({ length: 30 }, (_, i) => {
      const row = good.replace('OLD-2023-0001', `MANY-${i + 1}`);
      return i === 16 ? row.replace(',HW,', ',NOPE,') : row;
    });
    const before = await countCases();
    const job = await upload([header, ...rows].join('\n'), 'csv');
    expect(job.status).toBe('invalid');
    expect(job.errorCount).toBe(1);
    expect(job.errors).toEqual([{ line: 18, caseNo: 'MANY-17', reason: 'department NOPE does not exist' }]);
    expect(await countCases()).toBe(before);
    const legacy = await t.db.query('SELECT 1 FROM history_case');
    expect(legacy).toHaveLength(0);
  });

  it('reports every kind of bad row with its line: order, path, class, grid, duplicate number', async () => {
    const lines = EXAMPLE.trim().split('\n');
    const [header, r1, r2] = [lines[0], lines[1], lines[2]];
    const rows = [
      r1, // line 2: fine
      r1, // line 3: same case_no as line 2
      r1.replace('OLD-2023-0001', 'BAD-ORDER').replace('2023-03-01 08:50', '2023-03-01 08:35'), // line 4
      r1.replace('OLD-2023-0001', 'BAD-CLASS').replace(',0102,', ',0999,'), // line 5
      r1.replace('OLD-2023-0001', 'BAD-GRID').replace('120.1505', '120.2505'), // line 6
      // line 7: closed without the check (FEEDBACK → close is not a legal step)
      r2.replace('OLD-2023-0002', 'BAD-PATH').replace('2023-03-03 10:00,inspector01,yes', ',,'),
    ];
    const job = await upload([header, ...rows].join('\n'), 'csv');
    expect(job.status).toBe('invalid');
    const byLine = new Map(job.errors.map((e) => [e.line, e.reason]));
    expect([...byLine.keys()].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(byLine.get(3)).toBe('case_no OLD-2023-0001 is also on line 2');
    expect(byLine.get(4)).toBe('filed_at is before accepted_at: the stages are out of order');
    expect(byLine.get(5)).toBe('no current event class 0999');
    expect(byLine.get(6)).toMatch(/lies in no current unit grid/);
    expect(byLine.get(7)).toMatch(/^the path is not allowed: step \d+ \(close\)/);
    expect(await countCases()).toBe(0);
  });

  it('imports the documented example; its flow records carry deadlines and replay through the domain', async () => {
    const job = await upload(EXAMPLE, 'csv');
    expect(job.errors).toEqual([]);
    expect(job.status).toBe('done');
    // Steps: report, accept, file, dispatch, 签收, feedback, sendCheck, answerCheck, close = 9;
    // register, sendVerify, answerVerify + the same 8 after report = 11; report, accept, file,
    // requestVoid, decideVoid = 5; report … feedback = 6. 9 + 11 + 5 + 6 = 31.
    expect(job.summary).toMatchObject({ read: 4, cases: 4, flows: 31 });
    const cases = await t.db.query<{
      caseNo: string;
      legacyNo: string;
      state: string;
      gridCode: string;
      closedAt: string | null;
    }>(
      `SELECT c.case_no AS "caseNo", h.legacy_no AS "legacyNo", c.state, c.grid_code AS "gridCode",
              to_json(c.closed_at) #>> '{}' AS "closedAt"
       FROM case_file c JOIN history_case h ON h.case_id = c.id ORDER BY h.legacy_no`,
    );
    expect(cases.map((c) => [c.legacyNo, c.state])).toEqual([
      ['OLD-2023-0001', 'CLOSED'],
      ['OLD-2023-0002', 'CLOSED'],
      ['OLD-2023-0003', 'VOID'],
      ['OLD-2023-0004', 'FEEDBACK'],
    ]);
    // Case numbers of 2023 from the live sequence, in report order.
    expect(cases.map((c) => c.caseNo)).toEqual([
      '202300000001',
      '202300000002',
      '202300000003',
      '202300000004',
    ]);
    // 2023-03-01 16:30 Asia/Shanghai = 08:30Z.
    expect(cases[0].closedAt).toBe('2023-03-01T08:30:00+00:00');

    const flows = await t.db.query<FlowDbRow>(
      `SELECT f.case_id AS "caseId", f.seq, f.action, f.from_state AS "fromState", f.to_state AS "toState",
              f.actor_id AS "actorId", f.actor_role AS "actorRole", u.department_id AS "actorDepartment",
              f.opinion, f.payload, to_json(f.occurred_at) #>> '{}' AS "occurredAt",
              to_json(f.stage_deadline) #>> '{}' AS "stageDeadline",
              f.stage_on_time AS "stageOnTime", f.disposal_on_time AS "disposalOnTime"
       FROM case_flow f JOIN app_user u ON u.id = f.actor_id ORDER BY f.case_id, f.seq`,
    );
    expect(flows).toHaveLength(31);
    const byCase = new Map<string, FlowDbRow[]>();
    for (const f of flows) byCase.set(f.caseId, [...(byCase.get(f.caseId) ?? []), f]);
    for (const list of byCase.values()) {
      // As demo-cases.int-spec.ts: the stored payload adds the approval step and the actor's scope.
      const records: ReplayRecord[] = list.map((f) => {
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
      if (!result.ok) throw new Error(result.message);
      expect(result.snapshot.state).toBe(list.at(-1)!.toState);
    }
    // What part 4 counts: every stage step has its deadline and on-time flag; the closed cases'
    // disposal was on time (feedback the same or next working day).
    const staged = flows.filter((f) => f.stageDeadline !== null);
    expect(staged.length).toBeGreaterThan(10);
    expect(staged.every((f) => typeof f.stageOnTime === 'boolean')).toBe(true);
    const feedbacks = flows.filter((f) => f.action === 'feedback');
    expect(feedbacks).toHaveLength(3);
    expect(feedbacks.every((f) => typeof f.disposalOnTime === 'boolean')).toBe(true);
    // The audit chain got one entry per flow record.
    const [audit] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'case'`,
    );
    expect(audit.n).toBe(31);
  });

  it('refuses a case imported before and takes the JSON form with explicit steps', async () => {
    const again = await upload(EXAMPLE.trim().split('\n').slice(0, 2).join('\n'), 'csv');
    expect(again.status).toBe('invalid');
    expect(again.errors[0]).toEqual({
      line: 2,
      caseNo: 'OLD-2023-0001',
      reason: 'case_no OLD-2023-0001 was imported before',
    });

    const json = [
      {
        case_no: 'JSON-1',
        source: 'patrol',
        kind: 'event',
        class_code: '0102',
        lon: 120.1505,
        lat: 30.3005,
        reported_at: '2023-04-03T01:00:00Z',
        steps: [
          { action: 'report', at: '2023-04-03T01:00:00Z', by: 'inspector01' },
          { action: 'accept', at: '2023-04-03T01:05:00Z', by: 'operator01' },
          { action: 'file', at: '2023-04-03T01:10:00Z', by: 'shiftlead01' },
          { action: 'dispatch', at: '2023-04-03T01:20:00Z', by: 'dispatcher01', arg: 'HW' },
          { action: 'acceptTask', at: '2023-04-03T01:30:00Z' },
          { action: 'requestReturn', at: '2023-04-03T01:40:00Z', arg: 'misrouted' },
          { action: 'decideReturn', at: '2023-04-03T02:00:00Z', by: 'dispatcher01', arg: true },
        ],
      },
    ];
    const job = await upload(JSON.stringify(json), 'json');
    expect(job.errors).toEqual([]);
    expect(job.summary).toMatchObject({ cases: 1, flows: 7 });
    const [row] = await t.db.query<{ state: string }>(
      `SELECT c.state FROM case_file c JOIN history_case h ON h.case_id = c.id WHERE h.legacy_no = 'JSON-1'`,
    );
    expect(row.state).toBe('FILED');
  });

  it('is for admins only', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/history-imports?format=csv',
      payload: EXAMPLE,
      headers: { 'content-type': 'text/csv' },
      as: 'leader',
    });
    expect(res.statusCode).toBe(403);
  });
});
