import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../database/database';
import { hashPassword } from './password';

export interface InitialAdmin {
  username: string;
  /** File holding the generated password (mode 600). */
  passwordFile: string;
}

/**
 * A database without any user gets one 管理员 `admin` so that someone can sign in at all. Its
 * random password is written to DATA_DIR/secrets/initial-admin-password, never logged; the
 * administrator changes it after the first login. Nothing happens when a user exists (e.g. the
 * demo city was loaded). The admin's district is the first district loaded, else 000000.
 */
export async function createInitialAdminIfNoUsers(db: Database, dataDir: string): Promise<InitialAdmin | null> {
  const password = `${randomBytes(12).toString('base64url')}7a`; // letters and a digit, per the policy
  const hash = await hashPassword(password);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    if ((row?.n ?? 0) > 0) return false;
    await tx.query(
      `INSERT INTO app_user (username, display_name, role, password_hash, district_code)
       VALUES ('admin', '管理员', 'admin', $1,
               coalesce((SELECT min(code) FROM region WHERE level = 'district'), '000000'))`,
      [hash],
    );
    return true;
  });
  if (!created) return null;
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dir, 'initial-admin-password');
  writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  return { username: 'admin', passwordFile };
}
