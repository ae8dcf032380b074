import type { RoleCode, TokenResponse } from '@urbangrid/contracts';
import { hashPassword } from '../src/modules/auth/password';
import type { TestDatabase } from './test-database';

/** Password of every user made by {@link ensureTestUser}. */
export const TEST_PASSWORD = 'test1234';

/** A test user: role plus, where it matters, department (by code) and 责任网格. */
export interface TestPrincipal {
  username: string;
  role: RoleCode;
  /** Department code; created (in district 330105, under `parentDepartmentCode`) when missing. */
  departmentCode?: string | null;
  parentDepartmentCode?: string | null;
  /** Inspector grids (grid codes); written as given, no region needed. */
  gridCodes?: string[];
  districtCode?: string;
}

/** Who a request runs as: a role (its default test user) or a full principal. */
export type TestCaller = RoleCode | TestPrincipal;

/** The default test user of a role: `test-<role>`; a department handler belongs to `TEST-DEPT`. */
export function defaultPrincipal(role: RoleCode): TestPrincipal {
  return {
    username: `test-${role.replace('_', '-')}`,
    role,
    departmentCode: role === 'department' ? 'TEST-DEPT' : null,
  };
}

export function toPrincipal(who: TestCaller): TestPrincipal {
  return typeof who === 'string' ? defaultPrincipal(who) : who;
}

let passwordHash: Promise<string> | null = null;

/**
 * Makes sure the user exists (idempotent) and returns its id. Users are created lazily by the
 * first authenticated request, so a test that seeds a demo city first still gets it seeded
 * (the seeder refuses a database that already has users).
 */
export async function ensureTestUser(t: Pick<TestDatabase, 'db'>, who: TestCaller): Promise<string> {
  const p = toPrincipal(who);
  const district = p.districtCode ?? '330105';
  passwordHash ??= hashPassword(TEST_PASSWORD);
  if (p.parentDepartmentCode) await ensureDepartment(t, p.parentDepartmentCode, null, district);
  if (p.departmentCode) await ensureDepartment(t, p.departmentCode, p.parentDepartmentCode ?? null, district);
  await t.db.query(
    `INSERT INTO app_user (username, display_name, role, department_id, password_hash, district_code)
     VALUES ($1, $1, $2, (SELECT id FROM department WHERE code = $3), $4, $5)
     ON CONFLICT ON CONSTRAINT app_user_username_uq DO NOTHING`,
    [p.username, p.role, p.departmentCode ?? null, await passwordHash, district],
  );
  const [row] = await t.db.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [p.username]);
  if (p.gridCodes?.length) {
    await t.db.query(
      `INSERT INTO inspector_grid (user_id, grid_code, district_code)
       SELECT $1, c, left(c, 6) FROM unnest($2::text[]) AS c ON CONFLICT DO NOTHING`,
      [row.id, p.gridCodes],
    );
  }
  return row.id;
}

/** Creates a department by code when missing; returns its id. */
export async function ensureDepartment(
  t: Pick<TestDatabase, 'db'>,
  code: string,
  parentCode: string | null = null,
  districtCode = '330105',
): Promise<string> {
  await t.db.query(
    `INSERT INTO department (code, name, parent_id, district_code)
     VALUES ($1, $1, (SELECT id FROM department WHERE code = $2), $3)
     ON CONFLICT ON CONSTRAINT department_code_uq DO NOTHING`,
    [code, parentCode, districtCode],
  );
  const [row] = await t.db.query<{ id: string }>('SELECT id FROM department WHERE code = $1', [code]);
  return row.id;
}

/** The part of TestApp the login helpers need (kept structural to avoid an import cycle). */
export interface LoginTarget extends Pick<TestDatabase, 'db'> {
  app: { inject(opts: { method: 'POST'; url: string; payload: object }): PromiseLike<{ statusCode: number; body: string }> };
}

const sessions = new WeakMap<object, Map<string, TokenResponse>>();

/**
 * Signs in as a role's default test user (or a given principal) through the real
 * POST /api/v1/auth/login; the tokens are reused for the app unless `fresh` is set.
 */
export async function loginAs(t: LoginTarget, who: TestCaller, opts: { fresh?: boolean } = {}): Promise<TokenResponse> {
  const p = toPrincipal(who);
  let byUser = sessions.get(t);
  if (!byUser) sessions.set(t, (byUser = new Map<string, TokenResponse>()));
  const cached = byUser.get(p.username);
  if (cached && !opts.fresh) return cached;
  await ensureTestUser(t, p);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: p.username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${p.username} failed: ${res.statusCode} ${res.body}`);
  const tokens = JSON.parse(res.body) as TokenResponse;
  byUser.set(p.username, tokens);
  return tokens;
}

/** `{ authorization: 'Bearer …' }` for a role's default test user or a given principal. */
export async function authHeader(t: LoginTarget, who: TestCaller): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await loginAs(t, who)).accessToken}` };
}
