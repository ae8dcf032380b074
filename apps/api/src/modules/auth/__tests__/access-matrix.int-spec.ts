import { ROLE_CODES, type RoleCode } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newComponentRows } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { ComponentsRepository } from '../../components/components.repository';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';

/**
 * Role × endpoint table of the endpoints that exist (parts 1–3, auth, users). For every row:
 * no token → 401; every role outside `roles` → 403 and nothing changed; every role inside →
 * `ok` (a write is sent an invalid body, so 400 proves the guard let it through without writing;
 * the modules' own specs cover the successful writes as admin).
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface Row {
  method: Method;
  url: string;
  roles: readonly RoleCode[] | 'any';
  /** Status for an allowed role. */
  ok: number;
  payload?: unknown;
}

const GRID = '330105001001001';
const ADMIN: RoleCode[] = ['admin'];
const city = newSmallCity({ cols: 4, rows: 3 });

describe('role × endpoint access', () => {
  let t: TestApp;
  let componentCode = '';
  let someUserId = '';
  const rows: Row[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    await new ComponentsRepository(t.db).insertMany(newComponentRows(city, 4));
    const [c] = await t.db.query<{ code: string }>('SELECT code FROM component ORDER BY code LIMIT 1');
    componentCode = c.code;
    const [u] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'dept-hw'`);
    someUserId = u.id;
  });
  afterAll(async () => t?.close());

  const table = (): Row[] => [
    // Reads for every signed-in role.
    { method: 'GET', url: '/api/v1/city', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/map/layers/grids', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/regions/locate?lon=120.1505&lat=30.3005', roles: 'any', ok: 200 },
    { method: 'GET', url: `/api/v1/regions/grid/${GRID}`, roles: 'any', ok: 200 },
    { method: 'GET', url: `/api/v1/regions/grid/${GRID}/history`, roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/classes?kind=component', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/classes/component/0101', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/components?limit=2', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/components/nearest?lon=120.1505&lat=30.3005', roles: 'any', ok: 200 },
    { method: 'GET', url: `/api/v1/components/${componentCode}`, roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/geocode/reverse?lon=120.1505&lat=30.3005', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/tiles/grids/16/54124/26913.mvt', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/auth/me', roles: 'any', ok: 200 },
    { method: 'GET', url: '/api/v1/departments', roles: 'any', ok: 200 },
    { method: 'POST', url: '/api/v1/auth/password', roles: 'any', ok: 400, payload: {} },
    // Administration and bulk data.
    { method: 'GET', url: '/api/v1/regions/quality', roles: ADMIN, ok: 200 },
    { method: 'PUT', url: `/api/v1/regions/grid/${GRID}`, roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'POST', url: '/api/v1/classes', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'PATCH', url: '/api/v1/classes/component/0101', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'POST', url: '/api/v1/classes/component/0101/retire', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'POST', url: '/api/v1/components', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'PATCH', url: `/api/v1/components/${componentCode}`, roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'GET', url: '/api/v1/imports', roles: ADMIN, ok: 200 },
    { method: 'GET', url: '/api/v1/imports/00000000-0000-4000-8000-000000000000', roles: ADMIN, ok: 404 },
    { method: 'POST', url: '/api/v1/imports?target=nothing', roles: ADMIN, ok: 400, payload: {} },
    { method: 'GET', url: '/api/v1/exports/regions?level=district&format=geojson', roles: ['admin', 'leader'], ok: 200 },
    { method: 'GET', url: '/api/v1/exports/components?format=csv', roles: ['admin', 'leader'], ok: 200 },
    { method: 'GET', url: '/api/v1/users', roles: ADMIN, ok: 200 },
    { method: 'GET', url: `/api/v1/users/${someUserId}`, roles: ADMIN, ok: 200 },
    { method: 'POST', url: '/api/v1/users', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'PATCH', url: `/api/v1/users/${someUserId}`, roles: ADMIN, ok: 400, payload: { bogus: 1 } },
    { method: 'POST', url: `/api/v1/users/${someUserId}/password`, roles: ADMIN, ok: 400, payload: {} },
    { method: 'POST', url: `/api/v1/users/${someUserId}/unlock`, roles: ADMIN, ok: 200 },
    { method: 'PUT', url: `/api/v1/users/${someUserId}/grids`, roles: ADMIN, ok: 400, payload: {} },
    { method: 'POST', url: '/api/v1/departments', roles: ADMIN, ok: 400, payload: { bogus: 1 } },
  ];

  it('holds for every row of the table', async () => {
    rows.push(...table());
    const failures: string[] = [];
    for (const row of rows) {
      const allowed = row.roles === 'any' ? ROLE_CODES : row.roles;
      const send = (as: RoleCode | null) => t.request({ method: row.method, url: row.url, payload: row.payload, as });
      const anonymous = await send(null);
      if (anonymous.statusCode !== 401) failures.push(`${row.method} ${row.url} without token: ${anonymous.statusCode}`);
      for (const role of ROLE_CODES) {
        const res = await send(role);
        const want = allowed.includes(role) ? row.ok : 403;
        if (res.statusCode !== want) failures.push(`${row.method} ${row.url} as ${role}: ${res.statusCode}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
    // 35 rows × (1 anonymous + 7 roles) requests.
    expect(rows).toHaveLength(35);
  });

  it('a refused write changes nothing', async () => {
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM classification'))[0].n;
    const before = await count();
    const body = { kind: 'component', code: '2101', name: '本地部件', parentCode: '21' };
    for (const role of ROLE_CODES.filter((r) => r !== 'admin')) {
      const res = await t.request({ method: 'POST', url: '/api/v1/classes', payload: body, as: role });
      expect(res.statusCode).toBe(403);
    }
    expect(await count()).toBe(before);
    const users = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'sneaky', displayName: 'x', role: 'admin', password: 'sneaky123' },
      as: 'dispatcher',
    });
    expect(res.statusCode).toBe(403);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user'))[0].n).toBe(users[0].n);
  });
});
