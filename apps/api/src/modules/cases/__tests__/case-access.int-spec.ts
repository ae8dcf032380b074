import type { CaseDetail, CasePage, CreateCaseResponse } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDepartment, type TestPrincipal } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';

/**
 * Role × endpoint × object (issue 4 item 1): who may read and act on which case. Objects: a case
 * at department HW (PROCESSING), a case at its sub-unit HW-01, a case at SZ. Every refused
 * request answers 401/403 and leaves the case unchanged.
 */
const city = newSmallCity({ cols: 4, rows: 3 });
const grid = (k: number): string => composeGridCode('330105001001', k, 'gbt30428-15');

const P = {
  inspectorOwn: { username: 'insp-own', role: 'inspector', gridCodes: [grid(6)] },
  inspectorOther: { username: 'insp-other', role: 'inspector', gridCodes: [grid(1)] },
  operator: { username: 'op', role: 'operator' },
  shiftLeader: { username: 'sl', role: 'shift_leader' },
  dispatcher: { username: 'disp', role: 'dispatcher' },
  leader: { username: 'lead', role: 'leader' },
  admin: { username: 'adm', role: 'admin' },
  hw: { username: 'h-hw', role: 'department', departmentCode: 'HW' },
  hw01: { username: 'h-hw01', role: 'department', departmentCode: 'HW-01', parentDepartmentCode: 'HW' },
  sz: { username: 'h-sz', role: 'department', departmentCode: 'SZ' },
  otherDistrictLeader: { username: 'lead-x', role: 'leader', districtCode: '330106' },
} satisfies Record<string, TestPrincipal>;
type Who = keyof typeof P;
const EVERYONE = Object.keys(P) as Who[];

describe('cases: role × endpoint × object', () => {
  let t: TestApp;
  const ids = { hw: '', hw01: '', sz: '' };

  const processingAt = async (departmentCode: string): Promise<string> => {
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as: P.inspectorOwn,
      payload: {
        source: 'patrol',
        kind: 'event',
        classCode: '0102',
        description: '暴露垃圾一堆',
        position: gridCentre(city, 6),
      },
    });
    const id = r.json<CreateCaseResponse>().case.id;
    const departmentId = await ensureDepartment(t, departmentCode);
    const handler = departmentCode === 'HW' ? P.hw : departmentCode === 'SZ' ? P.sz : P.hw01;
    for (const [action, as, body] of [
      ['accept', P.operator, {}],
      ['file', P.shiftLeader, {}],
      ['dispatch', P.dispatcher, { departmentId }],
      ['acceptTask', handler, {}],
    ] as const) {
      const { version } = await read(id);
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions/${action}`,
        as,
        payload: { version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return id;
  };
  const read = async (id: string): Promise<CaseDetail> =>
    (await t.request({ url: `/api/v1/cases/${id}`, as: P.leader })).json<CaseDetail>();

  beforeAll(async () => {
    t = await startTestApp();
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    await ensureDepartment(t, 'HW-01', 'HW');
    ids.hw = await processingAt('HW');
    ids.hw01 = await processingAt('HW-01');
    ids.sz = await processingAt('SZ');
  }, 120_000);
  afterAll(async () => t?.close());

  /** Who may read the detail of each object. */
  const readers: Record<keyof typeof ids, Who[]> = {
    hw: ['inspectorOwn', 'operator', 'shiftLeader', 'dispatcher', 'leader', 'admin', 'hw'],
    // The parent department sees its sub-unit's cases; the sub-unit does not see the parent's.
    hw01: ['inspectorOwn', 'operator', 'shiftLeader', 'dispatcher', 'leader', 'admin', 'hw', 'hw01'],
    sz: ['inspectorOwn', 'operator', 'shiftLeader', 'dispatcher', 'leader', 'admin', 'sz'],
  };

  for (const object of Object.keys(readers) as (keyof typeof ids)[]) {
    it(`GET /cases/:id of the ${object} case: readers 200, everyone else 403, no token 401`, async () => {
      for (const who of EVERYONE) {
        const r = await t.request({ url: `/api/v1/cases/${ids[object]}`, as: P[who] });
        expect(r.statusCode, `${who} reading ${object}`).toBe(readers[object].includes(who) ? 200 : 403);
      }
      expect((await t.request({ url: `/api/v1/cases/${ids[object]}`, as: null })).statusCode).toBe(401);
    });
  }

  it('GET /cases lists only what each caller may see', async () => {
    const listed = async (who: Who): Promise<string[]> =>
      (await t.request({ url: '/api/v1/cases?limit=200', as: P[who] }))
        .json<CasePage>()
        .items.map((c) => c.id);
    expect(await listed('hw')).toEqual(expect.arrayContaining([ids.hw, ids.hw01]));
    expect(await listed('hw')).not.toContain(ids.sz);
    expect(await listed('hw01')).toEqual([ids.hw01]);
    expect(await listed('sz')).toEqual([ids.sz]);
    expect(await listed('inspectorOther')).toEqual([]);
    expect(await listed('otherDistrictLeader')).toEqual([]);
    expect((await listed('leader')).length).toBe(3);
    expect((await t.request({ url: '/api/v1/cases', as: null })).statusCode).toBe(401);
  });

  it('POST feedback on the HW case: only HW (or its parent) may; every other caller gets 403 and nothing changes', async () => {
    const before = await read(ids.hw);
    const expected: Partial<Record<Who, string>> = {
      inspectorOwn: 'CASE.ROLE_NOT_ALLOWED',
      inspectorOther: 'CASE.NOT_ASSIGNED', // cannot even see it
      operator: 'CASE.ROLE_NOT_ALLOWED',
      shiftLeader: 'CASE.ROLE_NOT_ALLOWED',
      dispatcher: 'CASE.ROLE_NOT_ALLOWED',
      leader: 'CASE.ROLE_NOT_ALLOWED',
      admin: 'AUTH.FORBIDDEN',
      hw01: 'CASE.NOT_ASSIGNED',
      sz: 'CASE.NOT_ASSIGNED',
      otherDistrictLeader: 'CASE.NOT_ASSIGNED',
    };
    for (const [who, code] of Object.entries(expected) as [Who, string][]) {
      const r = await t.request({
        method: 'POST',
        url: `/api/v1/cases/${ids.hw}/actions/feedback`,
        as: P[who],
        payload: { version: before.version },
      });
      expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
      expect(r.json<{ code: string }>().code, who).toBe(code);
    }
    const after = await read(ids.hw);
    expect(after).toMatchObject({ state: before.state, version: before.version });
    expect(after.timeline).toHaveLength(before.timeline.length);
    const ok = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${ids.hw}/actions/feedback`,
      as: P.hw,
      payload: { version: before.version },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('the parent department acts on its sub-unit’s case; the sub-unit may not act on another', async () => {
    const { version } = await read(ids.hw01);
    const r = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${ids.hw01}/actions/feedback`,
      as: P.hw,
      payload: { version },
    });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('POST /cases: inspector, operator and leader may create; the others get 403', async () => {
    const body = (source: string) => ({
      source,
      kind: 'event',
      classCode: '0102',
      description: '暴露垃圾',
      position: gridCentre(city, 6),
    });
    const sources: Record<Who, string> = {
      inspectorOwn: 'patrol',
      inspectorOther: 'patrol',
      operator: 'hotline_12345',
      leader: 'leader',
      shiftLeader: 'patrol',
      dispatcher: 'patrol',
      admin: 'patrol',
      hw: 'patrol',
      hw01: 'patrol',
      sz: 'patrol',
      otherDistrictLeader: 'leader',
    };
    // A leader of another district may create cases, but not at a point in this district.
    const creators: Who[] = ['inspectorOwn', 'inspectorOther', 'operator', 'leader'];
    for (const who of EVERYONE) {
      const r = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: P[who],
        payload: body(sources[who]),
      });
      expect(r.statusCode, `${who}: ${r.body}`).toBe(creators.includes(who) ? 201 : 403);
    }
  });

  it('GET dispatch-suggestion: dispatcher, shift leader and leader only', async () => {
    for (const who of EVERYONE) {
      const r = await t.request({ url: `/api/v1/cases/${ids.sz}/dispatch-suggestion`, as: P[who] });
      expect(r.statusCode, who).toBe(
        ['dispatcher', 'shiftLeader', 'leader', 'otherDistrictLeader'].includes(who) ? 200 : 403,
      );
    }
  });
});
