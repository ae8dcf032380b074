import type { TokenResponse } from '@urbangrid/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthSession, REFRESH_TOKEN_KEY, type AuthTransport, type TokenStorage } from './auth-session';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const pair = (n: number): TokenResponse => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user: { id: 'u1', username: 'admin', displayName: '管理员', role: 'admin', departmentId: null, districtCode: '330105' },
});

describe('AuthSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts anonymous without a stored refresh token, restoring with one', () => {
    const transport: AuthTransport = { refresh: vi.fn(), logout: vi.fn() };
    expect(new AuthSession(memoryStorage(), transport).getSnapshot().status).toBe('anonymous');
    expect(new AuthSession(memoryStorage({ [REFRESH_TOKEN_KEY]: 'r' }), transport).getSnapshot().status).toBe('restoring');
  });

  it('keeps the access token in memory and only the refresh token in storage', () => {
    const storage = memoryStorage();
    const session = new AuthSession(storage, { refresh: vi.fn(), logout: vi.fn() });
    session.accept(pair(1));
    expect(session.getAccessToken()).toBe('access-1');
    expect([...storage.data.values()]).toEqual(['refresh-1']);
    expect(session.getSnapshot()).toMatchObject({ status: 'authenticated', user: { username: 'admin' } });
  });

  it('shares one refresh among concurrent callers (a rotated token must not be sent twice)', async () => {
    const refresh = vi.fn(() => Promise.resolve(pair(2)));
    const session = new AuthSession(memoryStorage({ [REFRESH_TOKEN_KEY]: 'refresh-1' }), { refresh, logout: vi.fn() });
    const results = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session.getAccessToken()).toBe('access-2');
  });

  it('signs out when the refresh is refused', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'refresh-1' });
    const session = new AuthSession(storage, { refresh: vi.fn(async () => Promise.reject(new Error('401'))), logout: vi.fn() });
    expect(await session.refresh()).toBe(false);
    expect(session.getSnapshot().status).toBe('anonymous');
    expect(storage.data.size).toBe(0);
  });

  it('refreshes a minute before the access token expires', async () => {
    const refresh = vi.fn(() => Promise.resolve(pair(2)));
    const session = new AuthSession(memoryStorage(), { refresh, logout: vi.fn() });
    session.accept(pair(1));
    // expiresIn 900 s − 60 s early = 840 s.
    await vi.advanceTimersByTimeAsync(839_000);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
  });

  it('logout forgets the tokens and ends the server session', async () => {
    const logout = vi.fn(() => Promise.resolve());
    const storage = memoryStorage();
    const session = new AuthSession(storage, { refresh: vi.fn(), logout });
    session.accept(pair(1));
    await session.logout();
    expect(logout).toHaveBeenCalledWith('refresh-1');
    expect(session.getAccessToken()).toBeNull();
    expect(storage.data.size).toBe(0);
  });
});
