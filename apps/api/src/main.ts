import 'reflect-metadata';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DemoCityDataset } from '@urbangrid/contracts';
import { GRID_CODE_SCHEMES, type GridCodeScheme } from '@urbangrid/domain';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import {
  type Database,
  DatabaseUnavailableError,
  openDatabase,
  revertAllMigrations,
  runMigrations,
} from './database/database';
import { seedClassesIfEmpty } from './modules/classes/classes-seed';
import { readDemoDataset, seedDemoCityIfEmpty } from './modules/demo-seed/demo-seed';
import { createInitialAdminIfNoUsers } from './modules/auth/initial-admin';
import { verifyChains } from './modules/audit/audit.service';

/**
 * Entry point: `node main.js [serve|migrate|reset|seed-demo <file>|audit-verify [district]]`.
 * Every expected failure (bad configuration, unreachable database, port in use) ends with one
 * line on stderr and exit code 1, never a stack trace.
 */
const USAGE =
  'usage: main.js [serve | migrate | reset | seed-demo <dataset.json> | audit-verify [districtCode]]';

/** dist/api/apps/api/src/main.js → dist/web */
const DEFAULT_WEB_DIR = join(__dirname, '..', '..', '..', '..', 'web');

async function run(argv: string[]): Promise<void> {
  const [command = 'serve', arg] = argv;
  const config = loadConfig(process.env, { webDir: DEFAULT_WEB_DIR });
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async (db) => {
        const done = await runMigrations(db);
        console.log(
          done.length ? `applied ${done.length} migration(s): ${done.join(', ')}` : 'schema is up to date',
        );
      });
    case 'reset':
      return withDatabase(config, async (db) => {
        const reverted = await revertAllMigrations(db);
        const done = await runMigrations(db);
        console.log(`reverted ${reverted} and applied ${done.length} migration(s): the database is empty`);
      });
    case 'seed-demo':
      if (!arg) throw new ConfigError(USAGE);
      return withDatabase(config, async (db) => {
        await runMigrations(db);
        // The demo cases name their classes: the class tables come first, as at `serve`.
        await seedClassesIfEmpty(db, { profile: config.classProfile });
        const result = await seedDemoCityIfEmpty(db, readDemoDataset(arg), { caseTimesUpTo: new Date() });
        console.log(
          result.seeded ? `seeded ${JSON.stringify(result)}` : 'database not empty: demo city not loaded',
        );
      });
    case 'audit-verify':
      return withDatabase(config, async (db) => {
        const report = await verifyChains(db, arg);
        for (const c of report.chains) {
          console.log(
            c.intact
              ? `${c.districtCode}: intact, ${c.checked} row(s)`
              : `${c.districtCode}: BROKEN at seq ${c.firstBreak?.seq} (${c.firstBreak?.reason}): ${c.firstBreak?.message}`,
          );
        }
        if (report.chains.length === 0) console.log('the audit log is empty');
        if (!report.intact) process.exitCode = 3;
      });
    default:
      throw new ConfigError(`unknown command "${command}"; ${USAGE}`);
  }
}

async function withDatabase(config: AppConfig, work: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase(config);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

async function serve(config: AppConfig): Promise<void> {
  const started = Date.now();
  // Fail fast, before the (slow) database opens, when the port is taken.
  await assertPortFree(config.port, config.host);
  const demo = config.demoDataset ? readDemoDataset(config.demoDataset) : null;
  if (demo) assertGridCodesFit(demo, config.gridCodeScheme);
  const db = await openDatabase(config);
  const applied = await runMigrations(db);
  if (applied.length) console.log(`applied ${applied.length} migration(s)`);
  const classes = await seedClassesIfEmpty(db, { profile: config.classProfile });
  if (classes.seeded) {
    console.log(
      `classes loaded (${classes.profile}): ${classes.components} component, ${classes.events} event`,
    );
  }
  if (demo) {
    const result = await seedDemoCityIfEmpty(db, demo, { caseTimesUpTo: new Date() });
    if (result.seeded) {
      console.log(
        `demo city loaded: ${result.regions} regions, ${result.roads} roads, ${result.components} components, ${result.users} users`,
      );
    }
  }
  const admin = await createInitialAdminIfNoUsers(db, config.dataDir);
  if (admin) {
    console.log(`no users yet: created "${admin.username}"; its password is in ${admin.passwordFile}`);
  }
  const app = await createApp(config, db);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new ConfigError(`port ${config.port} is already in use (set PORT to another port)`);
    }
    throw err;
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(
    `UrbanGrid is running at http://${shown}:${config.port}/  (API docs: /api/docs, database: ${database})`,
  );
  console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The demo city's grid codes must follow the city's configured scheme. */
function assertGridCodesFit(dataset: DemoCityDataset, scheme: GridCodeScheme): void {
  const want = GRID_CODE_SCHEMES[scheme].length;
  const grid = dataset.regions.find((r) => r.level === 'grid');
  if (grid && grid.code.length !== want) {
    throw new ConfigError(
      `the demo city has ${grid.code.length}-digit grid codes but GRID_CODE_SCHEME=${scheme} expects ${want} digits`,
    );
  }
}

function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError(`port ${port} is already in use (set PORT to another port)`)
          : new ConfigError(`cannot listen on ${host}:${port}: ${err.message}`),
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnavailableError) {
    process.stderr.write(`urbangrid: ${err.message}\n`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`urbangrid: failed: ${message.split('\n')[0]}\n`);
    if (process.env.DEBUG) console.error(err);
  }
  process.exit(1);
});
