import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import type { AccessClaims } from './jwt';
import type { AuthUser } from './principal';

/** How long a loaded caller is reused; bounds how late another process sees a change. */
const CACHE_MS = 10_000;
const CACHE_MAX = 5_000;

type Loaded = { user: AuthUser; version: number } | null;

/**
 * Turns verified token claims into the current caller. The token alone is not trusted for
 * role, department or grids: they are read from the database (one indexed query, cached
 * briefly per session) so a deactivation, password change or logout takes effect at once in
 * this process and within {@link CACHE_MS} elsewhere.
 */
@Injectable()
export class PrincipalService {
  private readonly cache = new Map<string, { at: number; value: Loaded }>();

  constructor(private readonly repo: AuthRepository) {}

  /** The caller, or null when the user is gone or inactive, the session revoked, or the token outdated. */
  async resolve(claims: AccessClaims): Promise<AuthUser | null> {
    const key = `${claims.sub}/${claims.sid}`;
    const hit = this.cache.get(key);
    let value: Loaded;
    if (hit && Date.now() - hit.at < CACHE_MS) {
      value = hit.value;
    } else {
      value = await this.load(claims.sub, claims.sid);
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(key, { at: Date.now(), value });
    }
    return value && value.version === claims.ver ? value.user : null;
  }

  /** Forget every cached session of a user (after any change to the user or its sessions). */
  forgetUser(userId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${userId}/`)) this.cache.delete(key);
  }

  /** Forget everything (department trees or grids changed). */
  forgetAll(): void {
    this.cache.clear();
  }

  private async load(userId: string, sessionId: string): Promise<Loaded> {
    const row = await this.repo.loadPrincipal(userId, sessionId);
    if (!row || !row.active || !row.session_ok) return null;
    return {
      version: row.token_version,
      user: {
        id: row.id,
        username: row.username,
        name: row.display_name,
        role: row.role,
        departmentId: row.department_id,
        departmentIds: row.department_ids ?? [],
        districtCode: row.district_code,
        gridCodes: row.grid_codes ?? [],
        sessionId,
      },
    };
  }
}
