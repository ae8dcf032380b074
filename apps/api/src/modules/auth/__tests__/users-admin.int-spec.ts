import type { DepartmentRecord, ErrorResponse, MeResponse, UserRecord } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../../test/auth-helpers';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { demoInspectorGrids, seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';

/** The small test city (one street 330105001, 4 × 3 grids) with an inspector, as the demo city has. */
const city = newSmallCity({ cols: 4, rows: 3 });
city.users.push({ username: 'inspector01', displayName: '监督员甲', role: 'inspector', departmentCode: null, password: 'demo1234' });
const GRID = (k: number) => `330105001001${String(k).padStart(3, '0')}`;

describe('user and department administration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedDemoCityIfEmpty(t.db, city);
  });
  afterAll(async () => t?.close());

  const departmentId = async (code: string) =>
    (await t.db.query<{ id: string }>('SELECT id FROM department WHERE code = $1', [code]))[0].id;

  it('seeds each demo inspector with every grid of its street', async () => {
    expect(demoInspectorGrids(city)).toEqual([
      { username: 'inspector01', gridCodes: Array.from({ length: 12 }, (_, k) => GRID(k + 1)) },
    ]);
    const res = await t.request({ url: '/api/v1/users?role=inspector' });
    expect(res.statusCode).toBe(200);
    const [inspector] = res.json<UserRecord[]>();
    expect(inspector).toMatchObject({ username: 'inspector01', role: 'inspector', active: true });
    expect(inspector.gridCodes).toHaveLength(12); // 4 × 3 grids, one street
    // The demo password works and /me lists the grids.
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector01', password: 'demo1234' }, as: null });
    expect(login.statusCode).toBe(200);
    const me = await t.request({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` },
      as: null,
    });
    expect(me.json<MeResponse>().gridCodes).toEqual(inspector.gridCodes);
  });

  it('creates a department handler; the department is required and must exist', async () => {
    const hw = await departmentId('HW');
    const missing = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hw-two', displayName: '环卫二号', role: 'department', password: 'abcd1234' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json<ErrorResponse>().code).toBe('USER.DEPARTMENT_REQUIRED');
    const unknown = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hw-two', displayName: '环卫二号', role: 'department', password: 'abcd1234', departmentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.json<ErrorResponse>().code).toBe('DEPARTMENT.NOT_FOUND');
    const weak = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hw-two', displayName: '环卫二号', role: 'department', password: 'short1', departmentId: hw },
    });
    expect(weak.json<ErrorResponse>().code).toBe('AUTH.PASSWORD_POLICY');
    const ok = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hw-two', displayName: '环卫二号', role: 'department', password: 'abcd1234', departmentId: hw },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<UserRecord>()).toMatchObject({ username: 'hw-two', role: 'department', departmentId: hw, districtCode: '330105' });
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hw-two', displayName: 'x', role: 'leader', password: 'abcd1234' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorResponse>().code).toBe('USER.USERNAME_TAKEN');
  });

  it('assigns grids to inspectors only, and only current unit grids', async () => {
    const [inspector] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'inspector01'`);
    const res = await t.request({ method: 'PUT', url: `/api/v1/users/${inspector.id}/grids`, payload: { gridCodes: [GRID(2), GRID(1), GRID(2)] } });
    expect(res.statusCode).toBe(200);
    expect(res.json<UserRecord>().gridCodes).toEqual([GRID(1), GRID(2)]);
    const unknown = await t.request({ method: 'PUT', url: `/api/v1/users/${inspector.id}/grids`, payload: { gridCodes: [GRID(1), GRID(99)] } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<ErrorResponse>()).toMatchObject({ code: 'USER.GRID_UNKNOWN', details: [{ field: 'gridCodes', message: GRID(99) }] });
    const [handler] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'dept-hw'`);
    const notInspector = await t.request({ method: 'PUT', url: `/api/v1/users/${handler.id}/grids`, payload: { gridCodes: [GRID(1)] } });
    expect(notInspector.json<ErrorResponse>().code).toBe('USER.NOT_INSPECTOR');
  });

  it('changes a role: the old access token stops working, a refresh gets the new role', async () => {
    const s = await loginAs(t, { username: 'role-change', role: 'operator' }, { fresh: true });
    const [u] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'role-change'`);
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { role: 'dispatcher', displayName: '改名' } });
    expect(res.json<UserRecord>()).toMatchObject({ role: 'dispatcher', displayName: '改名' });
    const old = await t.request({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${s.accessToken}` }, as: null });
    expect(old.statusCode).toBe(401);
    const refreshed = await t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: s.refreshToken }, as: null });
    expect(refreshed.json<{ user: { role: string } }>().user.role).toBe('dispatcher');
  });

  it('an administrator cannot demote or disable itself', async () => {
    const me = await t.request({ url: '/api/v1/auth/me' });
    const id = me.json<MeResponse>().user.id;
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { active: false } });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorResponse>().code).toBe('USER.SELF_CHANGE');
  });

  it('resets a password: sessions end, the new password signs in', async () => {
    const s = await loginAs(t, { username: 'reset-me', role: 'leader' }, { fresh: true });
    const [u] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'reset-me'`);
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/password`, payload: { password: 'fresh1234' } });
    expect(res.statusCode).toBe(204);
    const old = await t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: s.refreshToken }, as: null });
    expect(old.statusCode).toBe(401);
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reset-me', password: 'fresh1234' }, as: null });
    expect(login.statusCode).toBe(200);
  });

  it('creates a sub-unit under a parent; codes are unique; a handler of the parent then covers it', async () => {
    const parent = await departmentId('HW');
    const res = await t.request({ method: 'POST', url: '/api/v1/departments', payload: { code: 'HW-09', name: '环卫九所', parentId: parent } });
    expect(res.statusCode).toBe(201);
    const created = res.json<DepartmentRecord>();
    expect(created).toMatchObject({ code: 'HW-09', parentId: parent, districtCode: '330105', nameEn: null });
    const dup = await t.request({ method: 'POST', url: '/api/v1/departments', payload: { code: 'HW-09', name: 'x' } });
    expect(dup.json<ErrorResponse>().code).toBe('DEPARTMENT.CODE_TAKEN');
    const orphan = await t.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { code: 'X-1', name: 'x', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(orphan.json<ErrorResponse>().code).toBe('DEPARTMENT.PARENT_NOT_FOUND');
    const list = (await t.request({ url: '/api/v1/departments', as: 'dispatcher' })).json<DepartmentRecord[]>();
    expect(list.map((d) => d.code)).toContain('HW-09');
    const handler = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dept-hw', password: 'demo1234' }, as: null });
    const me = await t.request({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${handler.json<{ accessToken: string }>().accessToken}` },
      as: null,
    });
    // HW has the seeded sub-unit HW-01 (test city) and the new HW-09: own + 2 sub-units.
    expect(me.json<MeResponse>().departmentIds).toHaveLength(3);
    expect(me.json<MeResponse>().departmentIds).toContain(created.id);
  });
});
