import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { MIGRATIONS } from './migrations';

export type DatabaseDriver = 'pglite' | 'postgres';

/** Anything that can run parameterised SQL: the database itself or a transaction. */
export interface SqlRunner {
  /**
   * `options.name` makes it a named prepared statement on PostgreSQL (planned once per
   * connection, for the hottest statements); elsewhere it is ignored.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
}

export interface QueryOptions {
  name?: string;
}

/**
 * The one door to the database. Repositories run SQL through it; services open transactions
 * with `transaction()`.
 *
 * PGlite has a single session: every TypeORM "connection" shares it, so two transactions in
 * flight would interleave. In embedded mode every query and every transaction therefore takes
 * a process-wide lock. PostgreSQL uses a real pool and needs none.
 */
export class Database implements SqlRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    readonly driver: DatabaseDriver,
  ) {}

  query<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<T[]> {
    const pool = this.serverPool();
    // PostgreSQL: straight to the driver's pool. TypeORM's query path (a query runner per call)
    // added ~7 ms to a 28 ms component tile; repositories need only rows.
    if (pool) {
      const query = options.name
        ? { name: options.name, text: sql, values: params }
        : { text: sql, values: params };
      return pool.query(query).then((result) => result.rows as T[]);
    }
    return this.exclusive(() => this.dataSource.query<T[]>(sql, params));
  }

  transaction<T>(
    work: (tx: SqlRunner & { manager: EntityManager }) => Promise<T>,
    isolation: 'read committed' | 'repeatable read' = 'read committed',
  ): Promise<T> {
    return this.exclusive(() =>
      this.dataSource.transaction(
        isolation === 'repeatable read' ? 'REPEATABLE READ' : 'READ COMMITTED',
        (manager) =>
          work({
            manager,
            query: <R>(sql: string, params: unknown[] = []) => manager.query<R[]>(sql, params),
          }),
      ),
    );
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** The pg pool behind TypeORM's PostgreSQL driver; null for PGlite. */
  private serverPool(): PgPool | null {
    if (this.driver !== 'postgres') return null;
    const driver = this.dataSource.driver as unknown as { master?: PgPool };
    return driver.master ?? null;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.driver === 'postgres') return work();
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The part of pg's Pool that Database uses. */
interface PgPool {
  query(query: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Raised when the database cannot be opened or reached; main prints it on one line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export function dataSourceOptions(opts: { databaseUrl: string | null; dataDir: string }): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    entities: [],
    logging: false,
  };
  if (opts.databaseUrl) {
    return { ...common, url: withSessionSettings(opts.databaseUrl), poolSize: 20, connectTimeoutMS: 5000 };
  }
  const dir = join(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return {
    ...common,
    driver: new PGliteDriver({ dataDir: dir, extensions: { postgis, btree_gist } }).driver,
  };
}

/**
 * Session settings of every server connection, added to any `options` the URL already has.
 * JIT off: tile, statistics and list queries are short but estimated expensive, and compiling them
 * cost ~400 ms per query (measured: a z14 component tile, 236 ms with JIT, 39 ms without).
 */
export function withSessionSettings(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [options, '-c jit=off'].filter(Boolean).join(' '));
  return parsed.toString();
}

/** Opens the database chosen by configuration; throws DatabaseUnavailableError with a clear reason. */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  const dataSource = new DataSource(dataSourceOptions(opts));
  try {
    await dataSource.initialize();
  } catch (err) {
    throw new DatabaseUnavailableError(describeConnectError(err, opts.databaseUrl));
  }
  return new Database(dataSource, opts.databaseUrl ? 'postgres' : 'pglite');
}

function describeConnectError(err: unknown, databaseUrl: string | null): string {
  const reason = err instanceof Error ? err.message || err.name : String(err);
  if (!databaseUrl) return `cannot open the embedded database: ${reason}`;
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  const code = (err as { code?: string }).code;
  const hint = code ? ` (${code})` : '';
  return `cannot reach PostgreSQL at ${where}${hint}: ${reason}`;
}

export interface MigrationState {
  applied: number;
  pending: string[];
  latest: string | null;
}

export async function migrationState(db: Database): Promise<MigrationState> {
  const known = MIGRATIONS.map((m) => m.name);
  const tableExists = await db.query<{ ok: boolean }>(
    // Unqualified: the table lives in the first schema of search_path (tests use one schema each).
    `SELECT to_regclass('schema_migration') IS NOT NULL AS ok`,
  );
  const rows = tableExists[0]?.ok
    ? await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY timestamp')
    : [];
  const applied = new Set(rows.map((r) => r.name));
  return {
    applied: rows.length,
    pending: known.filter((n) => !applied.has(n)),
    latest: rows.at(-1)?.name ?? null,
  };
}

export async function runMigrations(db: Database): Promise<string[]> {
  const done = await db.dataSource.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}

export async function revertAllMigrations(db: Database): Promise<number> {
  let count = 0;
  while ((await migrationState(db)).applied > 0) {
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    count++;
  }
  return count;
}
