import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase, runMigrations } from '../src/database/database';
import { TEMPLATE_ROOT } from './global-setup';

export type TestDriver = 'pglite' | 'postgres';

export interface TestDatabase {
  db: Database;
  /** DATA_DIR of this test (uploads, secrets, and the PGlite files when embedded). */
  dataDir: string;
  /** The DATABASE_URL that reaches this test's schema, null for PGlite. */
  databaseUrl: string | null;
  dispose(): Promise<void>;
}

/** The driver the suite runs on: PostgreSQL when DATABASE_URL is set (npm run test:pg). */
export function suiteDriver(): TestDriver {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/**
 * A migrated, empty database for one test file. PGlite: a copy of the migrated template.
 * PostgreSQL: a fresh schema on DATABASE_URL, dropped on dispose.
 */
export async function openTestDatabase(driver: TestDriver = suiteDriver()): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'urbangrid-test-'));
  if (driver === 'pglite') {
    cpSync(TEMPLATE_ROOT, dataDir, { recursive: true });
    const db = await openDatabase({ databaseUrl: null, dataDir });
    await runMigrations(db);
    return {
      db,
      dataDir,
      databaseUrl: null,
      dispose: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public; CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public; CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  const databaseUrl = url.toString();
  const db = await openDatabase({ databaseUrl, dataDir });
  await runMigrations(db);
  return {
    db,
    dataDir,
    databaseUrl,
    dispose: async () => {
      await db.close();
      await adminQuery(base, `DROP SCHEMA ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
