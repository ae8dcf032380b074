import type { SessionUser, TokenResponse } from '@urbangrid/contracts';

/** Where the session stands: restoring from a stored refresh token, signed in, or signed out. */
export type AuthStatus = 'restoring' | 'authenticated' | 'anonymous';

export interface AuthSnapshot {
  status: AuthStatus;
  user: SessionUser | null;
}

/** The part of `localStorage` the session uses (injectable for tests). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Calls to the auth endpoints (injectable for tests). */
export interface AuthTransport {
  /** Rotates the refresh token; rejects when the API refuses it. */
  refresh(refreshToken: string): Promise<TokenResponse>;
  logout(refreshToken: string): Promise<void>;
}

export const REFRESH_TOKEN_KEY = 'urbangrid.refreshToken';

/** Refresh this long before the access token expires, so map tiles never carry a stale one. */
const EARLY_REFRESH_MS = 60_000;

/**
 * The signed-in session of this tab. The access token lives only in memory (a script injected
 * into a page cannot lift it from storage later); the refresh token is kept in localStorage so
 * a reload stays signed in. Refreshes are single-flight: concurrent 401s share one rotation,
 * because the API ends the session when a rotated token is used twice.
 */
export class AuthSession {
  private accessToken: string | null = null;
  private snapshot: AuthSnapshot;
  private inflight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: TokenStorage,
    private readonly transport: AuthTransport,
  ) {
    this.snapshot = { status: storage.getItem(REFRESH_TOKEN_KEY) ? 'restoring' : 'anonymous', user: null };
  }

  getSnapshot = (): AuthSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current access token (null when signed out); used for `Authorization: Bearer`. */
  getAccessToken(): string | null {
    return this.accessToken;
  }

  /** Takes a token pair from login, refresh or password change. */
  accept(tokens: TokenResponse): void {
    this.accessToken = tokens.accessToken;
    this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    this.schedule(tokens.expiresIn);
    this.set({ status: 'authenticated', user: tokens.user });
  }

  /**
   * Gets a new access token with the stored refresh token. Resolves false (and signs out) when
   * there is none or the API refuses it. Concurrent callers share one request.
   */
  refresh(): Promise<boolean> {
    this.inflight ??= this.rotate().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Restores a stored session at start; resolves when the status is settled. */
  async restore(): Promise<void> {
    if (this.snapshot.status === 'restoring') await this.refresh();
  }

  /** Ends the session on the server (best effort) and forgets the tokens. */
  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    this.clear();
    if (refreshToken) await this.transport.logout(refreshToken).catch(() => undefined);
  }

  /** Forgets the tokens locally (after the API refused them). */
  clear(): void {
    this.accessToken = null;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set({ status: 'anonymous', user: null });
  }

  private async rotate(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      this.clear();
      return false;
    }
    try {
      this.accept(await this.transport.refresh(refreshToken));
      return true;
    } catch {
      // Another tab may have rotated the shared token a moment ago: use its newer one once.
      const newer = this.storage.getItem(REFRESH_TOKEN_KEY);
      if (newer && newer !== refreshToken) {
        try {
          this.accept(await this.transport.refresh(newer));
          return true;
        } catch {
          /* fall through: signed out */
        }
      }
      this.clear();
      return false;
    }
  }

  private schedule(expiresInSeconds: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(expiresInSeconds * 1000 - EARLY_REFRESH_MS, 5_000);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private set(next: AuthSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
