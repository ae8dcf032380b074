import type { CaseDetail, CreateCaseResponse, ErrorResponse } from '@urbangrid/contracts';
import { type CaseAction, composeGridCode, type EvaluationCounts, localDateOf } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPrincipal } from '../../../../test/auth-helpers';
import { ensureDepartment, ensureTestUser } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import type {
  DrilldownPage,
  EvaluationItem,
  EvaluationResults,
  EvaluationSnapshot,
  EvaluationSnapshotSummary,
} from '../evaluation.types';

/**
 * A small city (one street, one community, 12 unit grids) and six cases driven through the real
 * API into known states; every count below is written by hand from the case list.
 *
 *   C1 grid 1, patrol by A: 受理 立案 派遣HW 签收 反馈 发核查 核查(已处理) 结案        → CLOSED
 *   C2 grid 2, patrol by A: 受理 立案 派遣SZ 回退(SZ, approved) 派遣HW 签收 反馈 发核查
 *                          核查(未处理) 派遣HW 签收 反馈 发核查 核查(已处理)          → TO_CLOSE
 *   C3 grid 7, hotline:     发核实(→B) 核实(属实) 受理 立案 派遣HW (record made late)  → DISPATCHED
 *   C4 grid 3, patrol by A: 受理 立案 作废申请 作废(approved)                           → VOID (作废)
 *   C5 grid 8, patrol by B: 受理 不予立案                                              → VOID (not 作废)
 *   C6 grid 4, 自处置 by A: 自处理审核 pass                                            → CLOSED
 */
const city = newSmallCity({ cols: 4, rows: 3 });
const grid = (k: number): string => composeGridCode('330105001001', k, 'gbt30428-15');
const A: TestPrincipal = {
  username: 'eval-insp-a',
  role: 'inspector',
  gridCodes: [1, 2, 3, 4, 5, 6].map(grid),
};
const B: TestPrincipal = {
  username: 'eval-insp-b',
  role: 'inspector',
  gridCodes: [7, 8, 9, 10, 11, 12].map(grid),
};
const HW: TestPrincipal = { username: 'eval-hw', role: 'department', departmentCode: 'EV-HW' };
const SZ: TestPrincipal = { username: 'eval-sz', role: 'department', departmentCode: 'EV-SZ' };
type Caller = TestPrincipal | 'operator' | 'shift_leader' | 'dispatcher' | 'leader' | 'admin';

describe('evaluation counts, results, drill-down and snapshots through the API', () => {
  let t: TestApp;
  let hwId: string;
  let szId: string;
  let aId: string;
  let bId: string;
  let operatorId: string;
  let shiftLeaderId: string;
  let dispatcherId: string;
  const ids: Record<string, string> = {};
  let month: string;
  /** An instant after C1 reached TO_CLOSE and before it was closed (and before every other case). */
  let beforeClose: string;

  const read = async (id: string): Promise<CaseDetail> =>
    (await t.request({ url: `/api/v1/cases/${id}`, as: 'leader' })).json<CaseDetail>();
  const step = async (id: string, action: CaseAction, as: Caller, body: Record<string, unknown> = {}) => {
    const { version } = await read(id);
    const r = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      as,
      payload: { version, ...body },
    });
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    return r.json<CaseDetail>();
  };
  const report = async (k: number, as: Caller, source = 'patrol'): Promise<string> => {
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      payload: {
        source,
        kind: 'event',
        classCode: '0102',
        description: '路边堆放生活垃圾',
        position: gridCentre(city, k),
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<CreateCaseResponse>().case.id;
  };
  const results = async (query: string, as: Caller = 'leader') => {
    const r = await t.request({ url: `/api/v1/evaluation/results?${query}`, as });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<EvaluationResults>();
  };
  const itemOf = (res: EvaluationResults, objectId: string): EvaluationItem => {
    const item = res.items.find((i) => i.objectId === objectId);
    if (!item) throw new Error(`no item ${objectId} in ${res.items.map((i) => i.objectId).join(', ')}`);
    return item;
  };
  const drill = async (query: string, as: Caller = 'leader') => {
    const r = await t.request({ url: `/api/v1/evaluation/results/drilldown?${query}`, as });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<DrilldownPage>();
  };

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    hwId = await ensureDepartment(t, 'EV-HW');
    szId = await ensureDepartment(t, 'EV-SZ');
    aId = await ensureTestUser(t, A);
    bId = await ensureTestUser(t, B);
    operatorId = await ensureTestUser(t, 'operator');
    shiftLeaderId = await ensureTestUser(t, 'shift_leader');
    dispatcherId = await ensureTestUser(t, 'dispatcher');
    month = localDateOf(t.config.timeZone, new Date()).slice(0, 7);

    // C1
    const c1 = (ids.C1 = await report(1, A));
    await step(c1, 'accept', 'operator');
    await step(c1, 'file', 'shift_leader');
    await step(c1, 'dispatch', 'dispatcher', { departmentId: hwId });
    await step(c1, 'acceptTask', HW);
    await step(c1, 'feedback', HW, { opinion: '已清理' });
    await step(c1, 'sendCheck', 'operator');
    await step(c1, 'answerCheck', A, { yes: true });
    await new Promise((r) => setTimeout(r, 5));
    beforeClose = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await step(c1, 'close', 'shift_leader');
    // C2
    const c2 = (ids.C2 = await report(2, A));
    await step(c2, 'accept', 'operator');
    await step(c2, 'file', 'shift_leader');
    await step(c2, 'dispatch', 'dispatcher', { departmentId: szId });
    await step(c2, 'requestReturn', SZ, { reason: 'misrouted' });
    await step(c2, 'decideReturn', 'dispatcher', { yes: true });
    await step(c2, 'dispatch', 'dispatcher', { departmentId: hwId });
    await step(c2, 'acceptTask', HW);
    await step(c2, 'feedback', HW);
    await step(c2, 'sendCheck', 'operator');
    await step(c2, 'answerCheck', A, { yes: false });
    await step(c2, 'dispatch', 'dispatcher', { departmentId: hwId });
    await step(c2, 'acceptTask', HW);
    await step(c2, 'feedback', HW);
    await step(c2, 'sendCheck', 'operator');
    const c2Done = await step(c2, 'answerCheck', A, { yes: true });
    expect(c2Done.state).toBe('TO_CLOSE');
    // C3
    const c3 = (ids.C3 = await report(7, 'operator', 'hotline_12345'));
    await step(c3, 'sendVerify', 'operator');
    await step(c3, 'answerVerify', B, { yes: true });
    await step(c3, 'accept', 'operator');
    await step(c3, 'file', 'shift_leader');
    await step(c3, 'dispatch', 'dispatcher', { departmentId: hwId });
    // The clock would have written this record late had the dispatch come after its deadline.
    await t.db.query(
      `UPDATE case_flow SET stage_on_time = false WHERE case_id = $1 AND action = 'dispatch'`,
      [c3],
    );
    // C4
    const c4 = (ids.C4 = await report(3, A));
    await step(c4, 'accept', 'operator');
    await step(c4, 'file', 'shift_leader');
    await step(c4, 'requestVoid', 'operator', { reason: 'wrong_report' });
    expect((await step(c4, 'decideVoid', 'shift_leader', { yes: true })).state).toBe('VOID');
    // C5
    const c5 = (ids.C5 = await report(8, B));
    await step(c5, 'accept', 'operator');
    expect((await step(c5, 'refuseFiling', 'shift_leader', { reason: 'condition_not_met' })).state).toBe(
      'VOID',
    );
    // C6
    const c6 = (ids.C6 = await report(4, A, 'self_disposal'));
    expect((await step(c6, 'auditSelfDisposal', 'shift_leader', { yes: true })).state).toBe('CLOSED');
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts every case of the district by hand', async () => {
    const res = await results(`objectType=region&level=district&period=month&at=${month}`);
    expect(res).toMatchObject({
      objectType: 'region',
      level: 'district',
      period: { kind: 'month', label: month, days: expect.any(Number) as number },
      profile: { id: 'GBT30428.4-2016-as-understood', version: 1 },
      notRecorded: ['falsified', 'evaded'],
    });
    const d = itemOf(res, '330105');
    expect(d.counts).toMatchObject({
      reported: 6, // C1–C6
      inspectorReported: 4, // patrol C1 C2 C4 C5; 自处置 C6 excluded by the default profile
      validReported: 2, // patrol, filed, not 作废: C1 C2
      filed: 4, // C1 C2 C3 C4 (raw: C4 作废 included)
      filedOnTime: 4,
      filedAccurately: 3, // 4 − C4
      voided: 1, // C4 (C5 不予立案 was never filed)
      parked: 0,
      publicReportsVerified: 1, // C3
      dueToDispatch: 5, // dispatch records C1 1 + C2 3 + C3 1; none waiting
      dispatched: 5,
      dispatchedOnTime: 4, // C3's made late
      dispatchedAccurately: 4, // all but C2's first (SZ, re-routed to HW)
      dueToDispose: 3, // C1 C2 C3
      disposed: 2, // C1 C2
      disposedOnTime: 2,
      overdueUndisposed: 0, // C3's deadline is days away
      returned: 1, // C2
      dueToClose: 2, // C1 closed + C2 TO_CLOSE
      closed: 1, // C1 (C6 closed by 自处理审核, not 结案)
      closedOnTime: 1,
      closeStepOnTime: 1,
      rework: 1, // C2
      reworkEvents: 1,
      reworkRepeated: 0,
      dueToVerify: 1, // C3
      verifiedOnTime: 1,
      dueToCheck: 3, // C1 1 + C2 2
      checkedOnTime: 3,
      accepted: 5, // C1–C5
      verifySendDue: 1,
      verifySentOnTime: 1,
      checkSendDue: 3,
      checkSentOnTime: 3,
      unitGrids: 12,
      falsified: 0,
      evaded: 0,
    } satisfies EvaluationCounts);
    // supervisionReportRate 1 / (4 − 1) → (1 − 1/3) × 100 = 66.67; closeRate 1/2 = 50 %.
    const byId = Object.fromEntries(d.result!.indicators.map((i) => [i.id, i]));
    expect(byId.supervisionReportRate).toMatchObject({ numerator: 1, denominator: 3, score: 66.67 });
    expect(byId.closeRate).toMatchObject({ numerator: 1, denominator: 2, rate: 50, score: 50 });
    expect(d.rank).toBe(1);
    expect(d.result!.composite).not.toBeNull();

    const grids = await results(`objectType=region&level=unitGrid&period=month&at=${month}`);
    expect(grids.items).toHaveLength(12); // every current unit grid, cases or not
    expect(itemOf(grids, grid(2)).counts).toMatchObject({ reported: 1, filed: 1, dispatched: 3, rework: 1 });
    expect(itemOf(grids, grid(12)).counts).toMatchObject({ reported: 0, filed: 0 });
  });

  it('attributes to the disposing department, returns to the department that asked', async () => {
    const res = await results(`objectType=department&period=month&at=${month}`);
    expect(itemOf(res, hwId).counts).toMatchObject({
      filed: 3, // C1 C2 C3: their last dispatch went to HW
      voided: 0,
      dueToDispose: 3,
      disposed: 2,
      disposedOnTime: 2,
      dueToClose: 2,
      closed: 1,
      rework: 1, // C2
      returned: 0,
    });
    expect(itemOf(res, szId).counts).toMatchObject({ filed: 0, dueToDispose: 0, returned: 1 }); // C2's 回退
    // HW reworkRate 1/2 → (1 − 0.5) × 100 = 50.
    const hw = Object.fromEntries(itemOf(res, hwId).result!.indicators.map((i) => [i.id, i]));
    expect(hw.reworkRate).toMatchObject({ numerator: 1, denominator: 2, score: 50 });
  });

  it('attributes posts to who acted, and 漏报 / 立案 to the inspector’s grids', async () => {
    const insp = await results(`objectType=inspector&period=month&at=${month}`);
    expect(itemOf(insp, aId).counts).toMatchObject({
      inspectorReported: 3, // C1 C2 C4 (C6 自处置 excluded)
      validReported: 2, // C1 C2
      dueToCheck: 3, // C1, C2 twice
      checkedOnTime: 3,
      dueToVerify: 0,
      filed: 3, // grids 1–6: C1 C2 C4
      voided: 1, // C4
      missedReports: 0,
    });
    expect(itemOf(insp, bId).counts).toMatchObject({
      inspectorReported: 1, // C5
      validReported: 0,
      dueToVerify: 1, // C3
      verifiedOnTime: 1,
      filed: 1, // grids 7–12: C3
      missedReports: 1, // C3, a verified public report in B's grid 7
    });
    // B: missedReportRate 1 / (1 − 0) → score 0.
    const b = Object.fromEntries(itemOf(insp, bId).result!.indicators.map((i) => [i.id, i]));
    expect(b.missedReportRate).toMatchObject({ numerator: 1, denominator: 1, score: 0 });

    const acc = await results(`objectType=acceptor&period=month&at=${month}`);
    expect(itemOf(acc, operatorId).counts).toMatchObject({
      accepted: 5,
      verifySendDue: 1,
      verifySentOnTime: 1,
      checkSendDue: 3,
      checkSentOnTime: 3,
    });

    const sl = await results(`objectType=shiftLeader&period=month&at=${month}`);
    const s = itemOf(sl, shiftLeaderId);
    expect(s.counts).toMatchObject({
      filed: 4,
      filedOnTime: 4,
      voided: 1,
      filedAccurately: 3,
      dueToClose: 1, // C1's close decision
      closeStepOnTime: 1,
    });
    // 100 × 0.25 + (4 − 1)/4 × 100 × 0.4 + 100 × 0.35 = 25 + 30 + 35 = 90.
    expect(s.result!.composite).toBe(90);

    const disp = await results(`objectType=dispatcher&period=month&at=${month}`);
    const p = itemOf(disp, dispatcherId);
    expect(p.counts).toMatchObject({
      dispatched: 5,
      dueToDispatch: 5,
      dispatchedOnTime: 4,
      dispatchedAccurately: 4,
    });
    // 派遣数 5 → band 0; 4/5 → 80; 4/5 → 80: 0 × 0.2 + 80 × 0.4 + 80 × 0.4 = 64.
    expect(p.result!.composite).toBe(64);
    expect(p.rank).toBe(1);
  });

  it('reads flags at the cut-off: before C1 was closed only C1 existed, due to close', async () => {
    const res = await results(
      `objectType=region&level=district&period=month&at=${month}&cutoff=${encodeURIComponent(beforeClose)}`,
    );
    expect(res.cutoff).toBe(beforeClose);
    expect(itemOf(res, '330105').counts).toMatchObject({ reported: 1, filed: 1, dueToClose: 1, closed: 0 });
  });

  it('drills from a count to the cases behind it, in keyset pages', async () => {
    const filed = await drill(
      `objectType=region&level=district&objectId=330105&count=filed&period=month&at=${month}`,
    );
    expect(filed.items.map((i) => i.caseId).sort()).toEqual([ids.C1, ids.C2, ids.C3, ids.C4].sort());
    expect(filed.nextCursor).toBeNull();

    const dispatched = await drill(
      `objectType=dispatcher&objectId=${dispatcherId}&count=dispatched&period=month&at=${month}`,
    );
    expect(Object.fromEntries(dispatched.items.map((i) => [i.caseId, i.n]))).toEqual({
      [ids.C1]: 1,
      [ids.C2]: 3,
      [ids.C3]: 1,
    });

    const missed = await drill(
      `objectType=inspector&objectId=${bId}&count=missedReports&period=month&at=${month}`,
    );
    expect(missed.items.map((i) => i.caseId)).toEqual([ids.C3]);

    // Two per page: C1 C2, then C3 C4.
    const p1 = await drill(
      `objectType=region&level=district&objectId=330105&count=filed&period=month&at=${month}&limit=2`,
    );
    expect(p1.items.map((i) => i.caseId)).toEqual([ids.C1, ids.C2]);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await drill(
      `objectType=region&level=district&objectId=330105&count=filed&period=month&at=${month}&limit=2&cursor=${p1.nextCursor}`,
    );
    expect(p2.items.map((i) => i.caseId)).toEqual([ids.C3, ids.C4]);
    expect(p2.nextCursor).toBeNull();
  });

  it('lets a department read its own department only', async () => {
    const res = await results(`objectType=department&period=month&at=${month}`, HW);
    expect(res.items.map((i) => i.objectId)).toEqual([hwId]);
    const r = await t.request({
      url: `/api/v1/evaluation/results?objectType=region&period=month&at=${month}`,
      as: HW,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json<ErrorResponse>().code).toBe('EVALUATION.OBJECT_NOT_IN_SCOPE');
    const other = await t.request({
      url: `/api/v1/evaluation/results/drilldown?objectType=department&objectId=${szId}&count=returned&period=month&at=${month}`,
      as: HW,
    });
    expect(other.statusCode).toBe(403);
    const op = await t.request({
      url: `/api/v1/evaluation/results?objectType=region&period=month&at=${month}`,
      as: 'operator',
    });
    expect(op.statusCode).toBe(403);
  });

  it('answers bad parameters with 4xx codes', async () => {
    const cases: [string, number, string][] = [
      ['objectType=planet&period=month&at=2026-10', 400, 'REQUEST.VALIDATION_FAILED'],
      ['objectType=region&period=month&at=2026-13', 422, 'EVALUATION.PERIOD_INVALID'],
      ['objectType=region&period=month', 422, 'EVALUATION.PERIOD_INVALID'],
      ['objectType=region&period=custom&from=2026-10-10&to=2026-10-01', 422, 'EVALUATION.PERIOD_INVALID'],
      ['objectType=region&period=quarter&at=2026-Q5', 422, 'EVALUATION.PERIOD_INVALID'],
      ['objectType=region&period=month&at=2026-10&profile=nope', 404, 'EVALUATION.PROFILE_NOT_FOUND'],
      [
        'objectType=region&period=month&at=2026-10&cutoff=2999-01-01T00:00:00Z',
        422,
        'EVALUATION.CUTOFF_INVALID',
      ],
      ['objectType=department&level=street&period=month&at=2026-10', 422, 'EVALUATION.CONTEXT_INVALID'],
      ['objectType=region&period=month&at=2026-10&regionCode=110101', 422, 'EVALUATION.CONTEXT_INVALID'],
    ];
    for (const [q, status, code] of cases) {
      const r = await t.request({ url: `/api/v1/evaluation/results?${q}`, as: 'leader' });
      expect(r.statusCode, q).toBe(status);
      expect(r.json<ErrorResponse>().code, q).toBe(code);
    }
    const unknown = await t.request({
      url: `/api/v1/evaluation/results/drilldown?objectType=region&objectId=330105&count=bogus&period=month&at=${month}`,
    });
    expect(unknown.json<ErrorResponse>()).toMatchObject({
      statusCode: 422,
      code: 'EVALUATION.COUNT_UNKNOWN',
    });
    const notDrillable = await t.request({
      url: `/api/v1/evaluation/results/drilldown?objectType=region&objectId=330105&count=unitGrids&period=month&at=${month}`,
    });
    expect(notDrillable.json<ErrorResponse>()).toMatchObject({
      statusCode: 422,
      code: 'EVALUATION.COUNT_NOT_DRILLABLE',
    });
    for (const [q, status, code] of [
      ['objectType=region&level=street&year=26', 400, 'REQUEST.VALIDATION_FAILED'],
      ['objectType=region&level=street', 400, 'REQUEST.VALIDATION_FAILED'],
      ['objectType=department&level=street&year=2026', 422, 'EVALUATION.CONTEXT_INVALID'],
    ] as const) {
      const r = await t.request({ url: `/api/v1/evaluation/matrix?${q}`, as: 'leader' });
      expect(r.statusCode, q).toBe(status);
      expect(r.json<ErrorResponse>().code, q).toBe(code);
    }
    const matrix = await t.request({
      url: `/api/v1/evaluation/matrix?objectType=department&year=${month.slice(0, 4)}`,
      as: 'leader',
    });
    expect(matrix.statusCode).toBe(200);
    expect(matrix.json<{ months: { month: string }[] }>().months.at(-1)?.month).toBe(month);
    expect(
      (await t.request({ url: '/api/v1/evaluation/matrix?objectType=region&year=2026', as: 'inspector' }))
        .statusCode,
    ).toBe(403);
    const missing = await t.request({
      url: '/api/v1/evaluation/snapshots/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.json<ErrorResponse>()).toMatchObject({
      statusCode: 404,
      code: 'EVALUATION.SNAPSHOT_NOT_FOUND',
    });
  });

  it('stores a city profile validated by the domain, versions going up by one', async () => {
    const variant = {
      id: 'city:330105',
      version: 1,
      name: '本区评价方案',
      basedOn: 'GBT30428.4-2016-as-understood',
      ranking: { basis: 'unrounded', ties: 'dense' },
    };
    const ok = await t.request({ method: 'POST', url: '/api/v1/evaluation/profiles', payload: { variant } });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/evaluation/profiles',
      payload: { variant },
    });
    expect(again.json<ErrorResponse>()).toMatchObject({
      statusCode: 409,
      code: 'EVALUATION.PROFILE_VERSION_CONFLICT',
    });
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/evaluation/profiles',
      payload: { variant: { ...variant, version: 2, ranking: { basis: 'sideways', ties: 'dense' } } },
    });
    expect(bad.json<ErrorResponse>()).toMatchObject({ statusCode: 422, code: 'EVALUATION.PROFILE_INVALID' });
    const byLeader = await t.request({
      method: 'POST',
      url: '/api/v1/evaluation/profiles',
      payload: { variant: { ...variant, version: 2 } },
      as: 'leader',
    });
    expect(byLeader.statusCode).toBe(403);
    const listed = await t.request({ url: '/api/v1/evaluation/profiles', as: 'leader' });
    expect(
      listed
        .json<{ id: string; version: number; shipped: boolean }[]>()
        .map((p) => `${p.id} v${p.version} ${p.shipped}`)
        .sort(),
    ).toEqual([
      'GBT30428.4-2016-as-understood v1 true',
      'chengdu-jinniu-department v1 true',
      'city:330105 v1 false',
      'hohhot-department v1 true',
      'jinhua-department v1 true',
    ]);
    const res = await results(`objectType=shiftLeader&period=month&at=${month}&profile=city:330105`);
    expect(res.profile).toMatchObject({ id: 'city:330105', version: 1 });
    expect(itemOf(res, shiftLeaderId).result!.composite).toBe(90);
  });

  it('freezes a published month: the snapshot stays the same after more cases arrive', async () => {
    const pub = await t.request({
      method: 'POST',
      url: '/api/v1/evaluation/snapshots',
      payload: { objectType: 'region', level: 'district', month },
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const published = pub.json<EvaluationSnapshot>();
    expect(published).toMatchObject({
      objectType: 'region',
      regionLevel: 'district',
      periodLabel: month,
      profileId: 'GBT30428.4-2016-as-understood',
      profileVersion: 1,
    });
    expect(published.inputs['330105']).toMatchObject({ reported: 6, filed: 4 });
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/evaluation/snapshots',
      payload: { objectType: 'region', level: 'district', month },
    });
    expect(dup.json<ErrorResponse>()).toMatchObject({ statusCode: 409, code: 'EVALUATION.SNAPSHOT_EXISTS' });

    const c7 = await report(5, A);
    await step(c7, 'accept', 'operator');
    await step(c7, 'file', 'shift_leader');
    const live = await results(`objectType=region&level=district&period=month&at=${month}`);
    expect(itemOf(live, '330105').counts).toMatchObject({ reported: 7, filed: 5 });

    const got = await t.request({ url: `/api/v1/evaluation/snapshots/${published.id}`, as: 'leader' });
    expect(got.statusCode).toBe(200);
    expect(got.json<EvaluationSnapshot>()).toEqual(published);
    const list = (await t.request({ url: '/api/v1/evaluation/snapshots', as: 'leader' })).json<
      EvaluationSnapshotSummary[]
    >();
    expect(list.map((s) => s.id)).toContain(published.id);
  });
  it('counts a running disposal past its deadline as due to close and overdue', async () => {
    // C3 (DISPATCHED at HW) as if its disposal deadline had passed an hour ago.
    await t.db.query(
      `UPDATE case_flow SET disposal_deadline = now() - interval '1 hour' WHERE case_id = $1 AND action = 'dispatch'`,
      [ids.C3],
    );
    const res = await results(`objectType=region&level=district&period=month&at=${month}`);
    expect(itemOf(res, '330105').counts).toMatchObject({
      dueToClose: 3, // C1 closed, C2 TO_CLOSE, C3 overdue
      overdueUndisposed: 1, // C3
      closed: 1,
      dueToDispatch: 6, // 5 dispatch records + C7 waiting in FILED (from the snapshot test)
    });
    const dept = await results(`objectType=department&period=month&at=${month}`);
    expect(itemOf(dept, hwId).counts).toMatchObject({ dueToClose: 3, overdueUndisposed: 1 });
  });
});
