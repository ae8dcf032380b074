import type { ErrorResponse, MeResponse, TokenResponse } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestUser, loginAs, TEST_PASSWORD } from '../../../../test/auth-helpers';
import { startTestApp, type TestApp } from '../../../../test/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const refresh = (refreshToken: string) =>
  t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
const me = (accessToken: string) =>
  t.request({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${accessToken}` } });

describe('login', () => {
  it('returns a 15-minute access token, a refresh token and the user', async () => {
    await ensureTestUser(t, { username: 'login-ok', role: 'dispatcher' });
    const res = await login('login-ok', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json<TokenResponse>();
    expect(body.expiresIn).toBe(900); // 15 min × 60 s
    expect(body.user).toMatchObject({ username: 'login-ok', role: 'dispatcher', departmentId: null });
    expect(body.refreshToken).toMatch(/^[\w-]{43}$/);
    const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: body.user.id, role: 'dispatcher', districtCode: '330105', name: 'login-ok' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expect((await me(body.accessToken)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user alike (401 AUTH.INVALID_CREDENTIALS)', async () => {
    await ensureTestUser(t, { username: 'login-wrong', role: 'operator' });
    const wrong = await login('login-wrong', 'nope12345');
    const unknown = await login('nobody-here', 'nope12345');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json<ErrorResponse>().code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('stores only a hash of each refresh token', async () => {
    const tokens = await loginAs(t, { username: 'login-hash', role: 'leader' }, { fresh: true });
    const rows = await t.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM auth_refresh_token r JOIN auth_session s ON s.id = r.session_id
       JOIN app_user u ON u.id = s.user_id WHERE u.username = 'login-hash'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(tokens.refreshToken);
  });
});

describe('bearer tokens', () => {
  it('401 without a token, with a malformed one and with a forged signature', async () => {
    const none = await t.request({ url: '/api/v1/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json<ErrorResponse>().code).toBe('AUTH.UNAUTHENTICATED');
    const bad = await me('not-a-token');
    expect(bad.statusCode).toBe(401);
    const { accessToken } = await loginAs(t, 'operator');
    const [h, p] = accessToken.split('.');
    const forged = await me(`${h}.${p}.${'A'.repeat(43)}`);
    expect(forged.statusCode).toBe(401);
    expect(forged.json<ErrorResponse>().code).toBe('AUTH.TOKEN_INVALID');
  });
});

describe('refresh rotation', () => {
  it('rotates: the new pair works, the old refresh token is spent', async () => {
    const first = await loginAs(t, { username: 'rot-user', role: 'shift_leader' }, { fresh: true });
    const res = await refresh(first.refreshToken);
    expect(res.statusCode).toBe(200);
    const second = res.json<TokenResponse>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);
    // The old access token stays valid until it expires (same live session).
    expect((await me(first.accessToken)).statusCode).toBe(200);
  });

  it('reuse of a rotated token ends the whole session (401 AUTH.REFRESH_REUSED), the newer tokens too', async () => {
    const first = await loginAs(t, { username: 'reuse-user', role: 'dispatcher' }, { fresh: true });
    const second = (await refresh(first.refreshToken)).json<TokenResponse>();
    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json<ErrorResponse>().code).toBe('AUTH.REFRESH_REUSED');
    const after = await refresh(second.refreshToken);
    expect(after.statusCode).toBe(401);
    expect(after.json<ErrorResponse>().code).toBe('AUTH.REFRESH_INVALID');
    expect((await me(second.accessToken)).statusCode).toBe(401);
    const [session] = await t.db.query<{ revoked_reason: string }>(
      `SELECT s.revoked_reason FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'reuse-user'`,
    );
    expect(session.revoked_reason).toBe('reuse');
  });

  it('refuses an unknown refresh token', async () => {
    const res = await refresh('x'.repeat(43));
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorResponse>().code).toBe('AUTH.REFRESH_INVALID');
  });

  it('two concurrent uses of one token: exactly one rotation wins', async () => {
    const first = await loginAs(t, { username: 'race-user', role: 'operator' }, { fresh: true });
    const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });
});

describe('logout', () => {
  it('ends the session: its access and refresh tokens stop working; other sessions live on', async () => {
    const user = { username: 'logout-user', role: 'leader' as const };
    const a = await loginAs(t, user, { fresh: true });
    const b = await loginAs(t, user, { fresh: true });
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: a.refreshToken } });
    expect(res.statusCode).toBe(204);
    expect((await me(a.accessToken)).statusCode).toBe(401);
    expect((await refresh(a.refreshToken)).statusCode).toBe(401);
    expect((await me(b.accessToken)).statusCode).toBe(200);
    // Idempotent.
    const again = await t.request({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: a.refreshToken } });
    expect(again.statusCode).toBe(204);
  });
});

describe('password change', () => {
  const user = { username: 'pw-user', role: 'operator' as const };
  const change = (accessToken: string, currentPassword: string, newPassword: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword, newPassword },
      headers: { authorization: `Bearer ${accessToken}` },
    });

  it('enforces the policy and the current password', async () => {
    const s = await loginAs(t, user, { fresh: true });
    const weak = await change(s.accessToken, TEST_PASSWORD, 'abcdefgh');
    expect(weak.statusCode).toBe(422);
    expect(weak.json<ErrorResponse>().code).toBe('AUTH.PASSWORD_POLICY');
    const wrong = await change(s.accessToken, 'wrong1234', 'newpass123');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<ErrorResponse>().code).toBe('AUTH.CURRENT_PASSWORD_WRONG');
    const same = await change(s.accessToken, TEST_PASSWORD, TEST_PASSWORD);
    expect(same.json<ErrorResponse>().code).toBe('AUTH.PASSWORD_UNCHANGED');
  });

  it('changes it: all old sessions end, the answer is a new session, the new password logs in', async () => {
    const s1 = await loginAs(t, user, { fresh: true });
    const s2 = await loginAs(t, user, { fresh: true });
    const res = await change(s1.accessToken, TEST_PASSWORD, 'newpass123');
    expect(res.statusCode).toBe(200);
    const fresh = res.json<TokenResponse>();
    expect((await me(s1.accessToken)).statusCode).toBe(401);
    expect((await me(s2.accessToken)).statusCode).toBe(401);
    expect((await refresh(s2.refreshToken)).statusCode).toBe(401);
    expect((await me(fresh.accessToken)).statusCode).toBe(200);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.username, 'newpass123')).statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('locks after 5 failures (423 AUTH.LOCKED with the unlock time), even for the right password', async () => {
    await ensureTestUser(t, { username: 'lock-user', role: 'inspector' });
    for (let i = 1; i <= 4; i++) expect((await login('lock-user', 'bad-pass-1')).statusCode).toBe(401);
    const fifth = await login('lock-user', 'bad-pass-1');
    expect(fifth.statusCode).toBe(423);
    const body = fifth.json<ErrorResponse>();
    expect(body.code).toBe('AUTH.LOCKED');
    const until = Date.parse(body.details?.[0]?.message ?? '');
    // Locked for 15 min = 900 s from now (±60 s of test time).
    expect(Math.abs(until - Date.now() - 900_000)).toBeLessThan(60_000);
    expect((await login('lock-user', TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('a lock that has run out lets the right password in and resets the count', async () => {
    await t.db.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'lock-user'`);
    expect((await login('lock-user', TEST_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.db.query<{ failed_login_count: number }>(
      `SELECT failed_login_count FROM app_user WHERE username = 'lock-user'`,
    );
    expect(row.failed_login_count).toBe(0);
  });

  it('an administrator unlocks an account at once', async () => {
    const id = await ensureTestUser(t, { username: 'unlock-user', role: 'operator' });
    for (let i = 0; i < 5; i++) await login('unlock-user', 'bad-pass-1');
    expect((await login('unlock-user', TEST_PASSWORD)).statusCode).toBe(423);
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${id}/unlock`, as: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect((await login('unlock-user', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('me', () => {
  it('a department handler sees its department and sub-units; an inspector its grids', async () => {
    const handler = await loginAs(t, { username: 'me-dept', role: 'department', departmentCode: 'ME-P' }, { fresh: true });
    await t.db.query(
      `INSERT INTO department (code, name, parent_id, district_code)
       SELECT 'ME-C', 'child', id, '330105' FROM department WHERE code = 'ME-P'`,
    );
    const body = (await me(handler.accessToken)).json<MeResponse>();
    expect(body.department).toMatchObject({ code: 'ME-P' });
    // The sub-unit was added before this token's first use, so the loaded caller already has it.
    const ids = await t.db.query<{ id: string }>(`SELECT id FROM department WHERE code IN ('ME-P', 'ME-C')`);
    expect([...body.departmentIds].sort()).toEqual(ids.map((r) => r.id).sort());
    const inspector = await loginAs(t, { username: 'me-insp', role: 'inspector', gridCodes: ['330105001001002', '330105001001001'] }, { fresh: true });
    expect((await me(inspector.accessToken)).json<MeResponse>().gridCodes).toEqual(['330105001001001', '330105001001002']);
  });
});

describe('deactivation', () => {
  it('a disabled user cannot sign in and loses its sessions', async () => {
    const s = await loginAs(t, { username: 'off-user', role: 'dispatcher' }, { fresh: true });
    const [row] = await t.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'off-user'`);
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${row.id}`, payload: { active: false }, as: 'admin' });
    expect(res.statusCode).toBe(200);
    expect((await me(s.accessToken)).statusCode).toBe(401);
    const again = await login('off-user', TEST_PASSWORD);
    expect(again.statusCode).toBe(403);
    expect(again.json<ErrorResponse>().code).toBe('AUTH.ACCOUNT_DISABLED');
  });
});
