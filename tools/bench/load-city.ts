/**
 * Load benchmark: generates the demo city at `--scale` (27 ≈ 40,000 unit grids), tops its
 * components up to `--components` (copies of demo components moved a few metres, with fresh
 * sequences), empties the database at DATABASE_URL (all migrations reverted and applied again)
 * and times the demo seed — regions, roads, addresses, departments, users and components, every
 * index in place — in one transaction, as `npm start` does for the small demo city.
 *
 *   npm run bench -- load-city [--scale 27] [--components 2000000] [--seed 20260101]
 *
 * The database is left loaded for the other benchmarks (tiles, reverse-geocode).
 */
import * as turf from '@turf/turf';
import type { DemoCityDataset, DemoComponent } from '@urbangrid/contracts';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { databaseUrl, demoCityModule, distModule, machine, root } from './bench-lib';

interface SqlDatabase {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
interface DatabaseModule {
  openDatabase: (config: { databaseUrl: string | null; dataDir: string }) => Promise<SqlDatabase>;
  runMigrations: (db: SqlDatabase) => Promise<string[]>;
  revertAllMigrations: (db: SqlDatabase) => Promise<number>;
}
interface SeedModule {
  seedDemoCityIfEmpty: (db: SqlDatabase, dataset: DemoCityDataset) => Promise<Record<string, unknown>>;
}

/** The demo city from the generator's CLI (the same command as `npm run demo:generate`). */
function generateCity(seed: number, scale: number): DemoCityDataset {
  const dir = join(root, 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-city-${seed}-${scale}.json`);
  const res = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/demo-city/cli.ts',
      '--seed',
      String(seed),
      '--scale',
      String(scale),
      '--out',
      file,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tools/demo-city/tsconfig.json') },
    },
  );
  if (res.status !== 0) throw new Error('demo city generation failed');
  return JSON.parse(readFileSync(file, 'utf8')) as DemoCityDataset;
}

type RandomModule = typeof import('../demo-city/src/random');
const { Rng } = demoCityModule<RandomModule>('random');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Adds copies of existing components, each moved up to ~15 m, with the next free sequence of its class. */
export function topUpComponents(
  components: readonly DemoComponent[],
  target: number,
  seed: number,
  inside: (p: [number, number]) => boolean,
): DemoComponent[] {
  if (components.length === 0 || components.length >= target) return [...components];
  const rng = Rng.for(seed, 'bench:top-up');
  const jitter = () => rng.range(-15, 15);
  const last = new Map<string, number>();
  for (const c of components)
    last.set(c.classCode, Math.max(last.get(c.classCode) ?? 0, Number(c.code.slice(-6))));
  const out = [...components];
  const degPerMetre = 1 / 111_000;
  for (let i = 0; out.length < target; i++) {
    const base = components[i % components.length];
    const seq = (last.get(base.classCode) ?? 0) + 1;
    if (seq > 999_999) continue;
    last.set(base.classCode, seq);
    const [lon, lat] = base.geometry.type === 'Point' ? base.geometry.coordinates : [0, 0];
    const dx = jitter() * degPerMetre;
    const dy = jitter() * degPerMetre;
    const candidate: [number, number] = [
      Math.round((lon + dx) * 1e7) / 1e7,
      Math.round((lat + dy) * 1e7) / 1e7,
    ];
    // Near the district edge a move could leave every unit grid: keep the original spot then.
    const moved: [number, number] = inside(candidate) ? candidate : [lon, lat];
    out.push({
      ...base,
      code: `${base.code.slice(0, -6)}${String(seq).padStart(6, '0')}`,
      geometry: { type: 'Point', coordinates: moved },
    });
  }
  return out;
}

async function main(): Promise<void> {
  const scale = Number(option('scale', '27'));
  const target = Number(option('components', '2000000'));
  const seed = Number(option('seed', '20260101'));
  const { openDatabase, runMigrations, revertAllMigrations } =
    distModule<DatabaseModule>('database/database.js');
  const { seedDemoCityIfEmpty } = distModule<SeedModule>('modules/demo-seed/demo-seed.js');

  console.log(`load-city benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine()}`);
  let t0 = performance.now();
  const dataset = generateCity(seed, scale);
  const generated = dataset.components?.length ?? 0;
  const district = dataset.regions.find((r) => r.level === 'district')?.geometry;
  if (district?.type !== 'Polygon' && district?.type !== 'MultiPolygon')
    throw new Error('the demo city has no district');
  const outline = turf.feature(district);
  dataset.components = topUpComponents(dataset.components ?? [], target, seed, (p) =>
    turf.booleanPointInPolygon(p, outline),
  );
  const grids = dataset.regions.filter((r) => r.level === 'grid').length;
  console.log(
    `generated scale ${scale}: ${grids} grids, ${dataset.roads.length} roads, ${generated} demo components topped up to ` +
      `${dataset.components.length} (${((performance.now() - t0) / 1000).toFixed(1)} s, not counted)`,
  );

  const db = await openDatabase({ databaseUrl: databaseUrl(), dataDir: '/tmp/urbangrid-bench' });
  try {
    t0 = performance.now();
    await revertAllMigrations(db);
    await runMigrations(db);
    console.log(`emptied the database (${((performance.now() - t0) / 1000).toFixed(1)} s, not counted)`);

    t0 = performance.now();
    const result = await seedDemoCityIfEmpty(db, dataset);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`LOADED in ${seconds.toFixed(1)} s: ${JSON.stringify(result)}`);

    t0 = performance.now();
    await db.query('ANALYZE');
    console.log(`ANALYZE ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sizes = await db.query<{ name: string; rows: string; total: string; indexes: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint::text AS rows,
              pg_size_pretty(pg_total_relation_size(c.oid)) AS total, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname IN ('region', 'component', 'road', 'address_point', 'poi')
       ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    for (const s of sizes)
      console.log(
        `  ${s.name.padEnd(14)} ${s.rows.padStart(9)} rows  ${s.total.padStart(8)} (indexes ${s.indexes})`,
      );
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
