import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, runMigrations } from '../src/database/database';
import { MIGRATIONS } from '../src/database/migrations';

/**
 * Integration tests run against the embedded PGlite by default; with DATABASE_URL they run
 * against that PostgreSQL/PostGIS server, each test database in its own schema.
 *
 * For PGlite, creating a cluster and the postgis extension takes ~15 s, so it is done once here
 * into a template folder that each test copies (keyed by the migration list).
 */
export const TEMPLATE_ROOT = join(process.cwd(), 'tmp', 'pglite-template');

export default async function setup(): Promise<void> {
  const key = MIGRATIONS.map((m) => m.name).join(',');
  const stamp = join(TEMPLATE_ROOT, 'migrations.txt');
  const ready = existsSync(stamp) && (await import('node:fs')).readFileSync(stamp, 'utf8') === key;
  if (ready) return;
  rmSync(TEMPLATE_ROOT, { recursive: true, force: true });
  const building = `${TEMPLATE_ROOT}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const db = await openDatabase({ databaseUrl: null, dataDir: building });
  await runMigrations(db);
  await db.close();
  writeFileSync(join(building, 'migrations.txt'), key);
  cpSync(building, TEMPLATE_ROOT, { recursive: true });
  rmSync(building, { recursive: true, force: true });
}
