import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login state on `app_user` (lockout, deactivation, token version), the 责任网格 responsibility
 * grids of 监督员 inspectors, and refresh-token sessions with rotation and reuse detection.
 */
export class AuthSessions1763800001000 implements MigrationInterface {
  name = 'AuthSessions1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN active              boolean     NOT NULL DEFAULT true,
        ADD COLUMN failed_login_count  integer     NOT NULL DEFAULT 0,
        ADD COLUMN locked_until        timestamptz NULL,
        ADD COLUMN password_changed_at timestamptz NULL,
        ADD COLUMN token_version       integer     NOT NULL DEFAULT 0,
        ADD COLUMN updated_at          timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT app_user_failed_login_ck CHECK (failed_login_count >= 0)`);

    // Grid codes are business keys that survive redraws (region rows are versioned), so no FK.
    await q.query(`
      CREATE TABLE inspector_grid (
        user_id       uuid NOT NULL,
        grid_code     text NOT NULL,
        district_code text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inspector_grid_pk PRIMARY KEY (user_id, grid_code),
        CONSTRAINT inspector_grid_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT inspector_grid_code_ck CHECK (grid_code ~ '^[0-9]{14,15}$'),
        CONSTRAINT inspector_grid_district_ck CHECK (left(grid_code, 6) = district_code)
      )`);
    // Routing a 核实/核查 task: grid → inspectors.
    await q.query(`CREATE INDEX inspector_grid_code_idx ON inspector_grid (grid_code)`);

    // One login = one session (the refresh-token family); logout or reuse revokes it.
    await q.query(`
      CREATE TABLE auth_session (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id        uuid NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz NULL,
        revoked_reason text NULL,
        user_agent     text NULL,
        CONSTRAINT auth_session_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT auth_session_revoked_ck CHECK (revoked_reason IN ('logout', 'reuse', 'password', 'admin')),
        CONSTRAINT auth_session_revoked_pair_ck CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`);

    // Refresh tokens stored as SHA-256 hashes; `used_at` set on rotation, a second use is reuse.
    await q.query(`
      CREATE TABLE auth_refresh_token (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL,
        issued_at  timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at    timestamptz NULL,
        CONSTRAINT auth_refresh_token_session_fk FOREIGN KEY (session_id) REFERENCES auth_session (id) ON DELETE CASCADE,
        CONSTRAINT auth_refresh_token_hash_ck CHECK (token_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX auth_refresh_token_session_idx ON auth_refresh_token (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE auth_refresh_token');
    await q.query('DROP TABLE auth_session');
    await q.query('DROP TABLE inspector_grid');
    await q.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT app_user_failed_login_ck,
        DROP COLUMN active, DROP COLUMN failed_login_count, DROP COLUMN locked_until,
        DROP COLUMN password_changed_at, DROP COLUMN token_version, DROP COLUMN updated_at`);
  }
}
