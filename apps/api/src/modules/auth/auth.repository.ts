import { Inject, Injectable } from '@nestjs/common';
import type { RoleCode } from '@urbangrid/contracts';
import { Database, type SqlRunner } from '../../database/database';

export interface LoginUserRow {
  id: string;
  username: string;
  display_name: string;
  role: RoleCode;
  department_id: string | null;
  district_code: string;
  password_hash: string;
  active: boolean;
  token_version: number;
  /** ISO time while the account is locked, else null. */
  locked_until: string | null;
}

export interface PrincipalRow {
  id: string;
  username: string;
  display_name: string;
  role: RoleCode;
  department_id: string | null;
  district_code: string;
  active: boolean;
  token_version: number;
  session_ok: boolean;
  department_ids: string[] | null;
  grid_codes: string[] | null;
}

export type SessionEndReason = 'logout' | 'reuse' | 'password' | 'admin';

/** SQL of login, sessions and refresh tokens. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  run<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async findLoginUser(username: string, db: SqlRunner = this.db): Promise<LoginUserRow | null> {
    const [row] = await db.query<LoginUserRow>(
      `SELECT id, username, display_name, role, department_id, district_code, password_hash, active,
              token_version,
              CASE WHEN locked_until > now() THEN to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS locked_until
       FROM app_user WHERE username = $1`,
      [username],
    );
    return row ?? null;
  }

  async findUserById(id: string, db: SqlRunner = this.db): Promise<LoginUserRow | null> {
    const [row] = await db.query<LoginUserRow>(
      `SELECT id, username, display_name, role, department_id, district_code, password_hash, active,
              token_version,
              CASE WHEN locked_until > now() THEN to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS locked_until
       FROM app_user WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Counts a failed login; the `attempts`-th failure in a row locks the account for
   * `lockSeconds`. A failure after an expired lock starts a new count. Returns the lock end (ISO)
   * when this failure locked the account.
   */
  async recordFailedLogin(userId: string, attempts: number, lockSeconds: number): Promise<string | null> {
    const [row] = await this.db.query<{ locked_until: string | null }>(
      // Through a CTE: the driver's answer to a bare UPDATE … RETURNING is not a row list.
      `WITH next AS (
         SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                         ELSE failed_login_count + 1 END AS n
         FROM app_user WHERE id = $1),
       done AS (
         UPDATE app_user u
         SET failed_login_count = next.n,
             locked_until = CASE WHEN next.n >= $2 THEN now() + make_interval(secs => $3)
                                 WHEN u.locked_until <= now() THEN NULL ELSE u.locked_until END
         FROM next WHERE u.id = next.id
         RETURNING u.locked_until)
       SELECT CASE WHEN locked_until > now()
         THEN to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS locked_until
       FROM done`,
      [userId, attempts, lockSeconds],
    );
    return row?.locked_until ?? null;
  }

  async recordSuccessfulLogin(userId: string): Promise<void> {
    await this.db.query(
      `UPDATE app_user SET failed_login_count = 0, locked_until = NULL
       WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  async createSession(db: SqlRunner, userId: string, userAgent: string | null, ttlSeconds: number): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO auth_session (user_id, user_agent, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
      [userId, userAgent?.slice(0, 300) ?? null, ttlSeconds],
    );
    return row.id;
  }

  /** Stores a refresh token hash; the session lives as long as its newest token. */
  async insertRefreshToken(db: SqlRunner, tokenHash: string, sessionId: string, ttlSeconds: number): Promise<void> {
    await db.query(
      `INSERT INTO auth_refresh_token (token_hash, session_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenHash, sessionId, ttlSeconds],
    );
    await db.query(`UPDATE auth_session SET expires_at = now() + make_interval(secs => $2) WHERE id = $1`, [
      sessionId,
      ttlSeconds,
    ]);
  }

  /**
   * Marks a refresh token used, atomically: only the first of two concurrent uses wins.
   * Answers `ok` with its session, `reused` (an already rotated token: the caller revokes the
   * session), or `invalid` (unknown, expired, or of a revoked session).
   */
  async consumeRefreshToken(
    db: SqlRunner,
    tokenHash: string,
  ): Promise<
    | { status: 'ok'; sessionId: string; userId: string }
    | { status: 'reused'; sessionId: string; userId: string }
    | { status: 'invalid' }
  > {
    const [used] = await db.query<{ session_id: string; user_id: string }>(
      `WITH used AS (
         UPDATE auth_refresh_token t SET used_at = now()
         FROM auth_session s
         WHERE t.token_hash = $1 AND t.session_id = s.id AND t.used_at IS NULL
           AND t.expires_at > now() AND s.revoked_at IS NULL
         RETURNING t.session_id, s.user_id)
       SELECT session_id, user_id FROM used`,
      [tokenHash],
    );
    if (used) return { status: 'ok' as const, sessionId: used.session_id, userId: used.user_id };
    const [old] = await db.query<{ session_id: string; user_id: string; used: boolean }>(
      `SELECT t.session_id, s.user_id, t.used_at IS NOT NULL AS used
       FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    if (old?.used) return { status: 'reused' as const, sessionId: old.session_id, userId: old.user_id };
    return { status: 'invalid' };
  }

  /** The session a refresh token belongs to (used or not), for logout. */
  async sessionOfRefreshToken(tokenHash: string): Promise<{ sessionId: string; userId: string } | null> {
    const [row] = await this.db.query<{ session_id: string; user_id: string }>(
      `SELECT t.session_id, s.user_id FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return row ? { sessionId: row.session_id, userId: row.user_id } : null;
  }

  async revokeSession(db: SqlRunner, sessionId: string, reason: SessionEndReason): Promise<void> {
    await db.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  async revokeUserSessions(db: SqlRunner, userId: string, reason: SessionEndReason): Promise<void> {
    await db.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  /** New password: old access tokens die with the token version, failures and locks reset. */
  async setPassword(db: SqlRunner, userId: string, passwordHash: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = now(), token_version = token_version + 1,
              failed_login_count = 0, locked_until = NULL, updated_at = now()
       WHERE id = $1`,
      [userId, passwordHash],
    );
  }

  /** The caller behind an access token: user, session state, department subtree, grids. */
  async loadPrincipal(userId: string, sessionId: string): Promise<PrincipalRow | null> {
    const [row] = await this.db.query<PrincipalRow>(
      `WITH RECURSIVE u AS (
         SELECT id, username, display_name, role, department_id, district_code, active, token_version
         FROM app_user WHERE id = $1),
       sub AS (
         SELECT d.id FROM department d JOIN u ON d.id = u.department_id
         UNION
         SELECT c.id FROM department c JOIN sub ON c.parent_id = sub.id)
       SELECT u.*,
              EXISTS (SELECT 1 FROM auth_session s
                      WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL) AS session_ok,
              (SELECT array_agg(sub.id::text ORDER BY sub.id) FROM sub) AS department_ids,
              (SELECT array_agg(g.grid_code ORDER BY g.grid_code) FROM inspector_grid g
               WHERE g.user_id = u.id) AS grid_codes
       FROM u`,
      [userId, sessionId],
      { name: 'auth_load_principal' },
    );
    return row ?? null;
  }
}
