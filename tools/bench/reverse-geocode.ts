/**
 * Reverse-geocoding benchmark: loads the demo city (scale 1) into a fresh schema `bench_geocode`
 * of DATABASE_URL, then makes N lookups at random points inside the district with 2 concurrent
 * clients, four ways in one run: the bare PostGIS lookups (BARE_SQL), the API's SQL statement
 * (REVERSE_SQL on a pg pool), the in-process spatial index (`SpatialIndexService.resolvePoint`
 * of the built API, called directly: no HTTP, no JSON), and through HTTP
 * (GET /api/v1/geocode/reverse on the built API, index warmed). Prints p50/p95/p99 and lookups/s,
 * the index's build time and memory, and how many index answers differ from the SQL statement's
 * (same grid, same nearest house number, POI, road and component; distances within 1 mm).
 * Asserts nothing.
 * The schema is dropped at the end.
 *
 *   npm run bench -- reverse-geocode [--n 2000] [--concurrency 2] [--seed 7]
 *
 * With `--loaded`, it uses the city already in DATABASE_URL's own schema instead (for example
 * the 40,000-grid, 2,000,000-component city of `npm run bench -- load-city`) and drops nothing.
 */
import * as turf from '@turf/turf';
import type { DemoCityDataset, Position, ReverseGeocodeResponse } from '@urbangrid/contracts';
import type { Polygon } from 'geojson';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { databaseUrl, demoCityModule, distModule, machine, ms, startServer, summarize } from './bench-lib';

type DatabaseModule = typeof import('../../apps/api/src/database/database');
type SeedModule = typeof import('../../apps/api/src/modules/demo-seed/demo-seed');
type GeocodingRepositoryModule = typeof import('../../apps/api/src/modules/geocoding/geocoding.repository');
type SpatialIndexModule =
  typeof import('../../apps/api/src/modules/geocoding/spatial-index/spatial-index.service');
type ReverseRow = import('../../apps/api/src/modules/geocoding/geocoding.repository').ReverseRow;

type GeneratorModule = typeof import('../demo-city/src/generate-demo-city');
type RandomModule = typeof import('../demo-city/src/random');

const { generateDemoCity } = demoCityModule<GeneratorModule>('generate-demo-city');
const { Rng } = demoCityModule<RandomModule>('random');
type Rng = InstanceType<typeof Rng>;

const SCHEMA = 'bench_geocode';

const BARE_SQL = `
  SELECT (SELECT code FROM region WHERE level = 'grid' AND valid_to IS NULL
            AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1) AS grid,
         (SELECT full_text FROM address_point ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 1) AS address,
         (SELECT code FROM component ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 1) AS component`;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function schemaUrl(base: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${SCHEMA},public`);
  return url.toString();
}

/** Uniform random points inside the district polygon (rejection sampling over its bounding box). */
function pointsInside(district: Polygon, n: number, rng: Rng): Position[] {
  const [minLon, minLat, maxLon, maxLat] = turf.bbox(district);
  const out: Position[] = [];
  while (out.length < n) {
    const p: Position = [rng.range(minLon, maxLon), rng.range(minLat, maxLat)];
    if (turf.booleanPointInPolygon(p, district)) out.push(p);
  }
  return out;
}

/** Runs `work` for every point with `concurrency` workers; per-call latencies and wall time. */
async function run(
  points: readonly Position[],
  concurrency: number,
  work: (p: Position) => Promise<void>,
): Promise<{ times: number[]; wallMs: number }> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < points.length) {
        const p = points[next++];
        const t = performance.now();
        await work(p);
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, wallMs: performance.now() - t0 };
}

function report(label: string, r: { times: number[]; wallMs: number }): void {
  const s = summarize(r.times);
  const rate = (r.times.length / r.wallMs) * 1000;
  console.log(
    `${label.padEnd(10)} n=${s.n}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  ${rate.toFixed(0)} lookups/s`,
  );
}

interface Sample {
  url: string;
  district: Polygon;
  describe: string;
  dispose: () => Promise<void>;
}

/** The demo city (scale 1) in a schema of its own, dropped by `dispose`. */
async function loadSmallCity(base: string): Promise<Sample> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  await admin.end();
  const url = schemaUrl(base);
  const { openDatabase, runMigrations } = distModule<DatabaseModule>('database/database');
  const { seedDemoCityIfEmpty } = distModule<SeedModule>('modules/demo-seed/demo-seed');
  const city: DemoCityDataset = generateDemoCity({ scale: 1 });
  const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp/urbangrid-bench' });
  const t0 = performance.now();
  try {
    await runMigrations(db);
    await seedDemoCityIfEmpty(db, city);
    await db.query('ANALYZE');
  } finally {
    await db.close();
  }
  return {
    url,
    district: city.regions.find((r) => r.level === 'district')?.geometry as Polygon,
    describe: `demo city scale 1 loaded in ${ms(performance.now() - t0)}`,
    dispose: async () => {
      const drop = new pg.Client({ connectionString: base });
      await drop.connect();
      await drop.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await drop.end();
    },
  };
}

/** The city already loaded at DATABASE_URL (its district outline from the database). */
async function loadedCity(base: string): Promise<Sample> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const { rows } = await client.query<{ g: string }>(
      `SELECT ST_AsGeoJSON(ST_GeometryN(geom, 1)) AS g FROM region WHERE level = 'district' AND valid_to IS NULL LIMIT 1`,
    );
    if (!rows[0]) throw new Error('no district in DATABASE_URL: run `npm run bench -- load-city` first');
    return {
      url: base,
      district: JSON.parse(rows[0].g) as Polygon,
      describe: 'the city loaded at DATABASE_URL',
      dispose: () => Promise.resolve(),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const n = Number(option('n', '2000'));
  const concurrency = Number(option('concurrency', '2'));
  const seed = Number(option('seed', '7'));
  const base = databaseUrl();
  const sample = process.argv.includes('--loaded') ? await loadedCity(base) : await loadSmallCity(base);
  const { REVERSE_SQL } = distModule<GeocodingRepositoryModule>('modules/geocoding/geocoding.repository');
  const pool = new pg.Pool({ connectionString: sample.url, max: concurrency });
  try {
    const { rows } = await pool.query<{ a: number; p: number; r: number; g: number; c: number }>(
      `SELECT (SELECT count(*)::int FROM address_point) AS a, (SELECT count(*)::int FROM poi) AS p,
              (SELECT count(*)::int FROM road) AS r, (SELECT count(*)::int FROM region WHERE level = 'grid') AS g,
              (SELECT count(*)::int FROM component) AS c`,
    );
    const counts = rows[0];
    console.log(`reverse-geocode benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine()}`);
    console.log(
      `${sample.describe}: ${counts.g} grids, ${counts.r} roads, ${counts.a} address points, ${counts.p} POIs, ${counts.c} components`,
    );
    const points = pointsInside(sample.district, n, new Rng(seed));
    const warm = points.slice(0, Math.min(100, n));

    // Bare statement: the same SQL and parameters the repository sends.
    const sql = (p: Position) =>
      pool
        .query({
          name: 'reverse-geocode',
          text: REVERSE_SQL,
          values: [p[0], p[1], Number(option('shortlist', '5'))],
        })
        .then(() => undefined);
    await run(warm, concurrency, sql);
    report('SQL', await run(points, concurrency, sql));

    // The floor: the bare PostGIS lookups (grid by point-in-polygon, nearest address point and
    // component by KNN, one index probe each, no regions above the grid, no metres, no re-ranking).
    const bare = (p: Position) =>
      pool.query({ name: 'bare-postgis', text: BARE_SQL, values: [p[0], p[1]] }).then(() => undefined);
    await run(warm, concurrency, bare);
    report('bare', await run(points, concurrency, bare));

    const buildMs = await benchIndex(sample.url, points, concurrency);

    const server = await startServer({ DATABASE_URL: sample.url });
    try {
      let outsideGrids = 0;
      const headers = await signIn(server.url, pool);
      const http = async (p: Position) => {
        const res = await fetch(`${server.url}/api/v1/geocode/reverse?lon=${p[0]}&lat=${p[1]}`, { headers });
        const body = (await res.json()) as ReverseGeocodeResponse;
        if (res.status !== 200)
          throw new Error(`reverse ${p.join(',')}: HTTP ${res.status} ${JSON.stringify(body)}`);
        if (body.regions === null) outsideGrids++;
      };
      // The server builds its index on the first lookup and answers from SQL until then: give it
      // twice the in-process build time, then warm.
      await run(warm.slice(0, 1), 1, http);
      await new Promise((r) => setTimeout(r, 2 * buildMs + 2000));
      await run(warm, concurrency, http);
      outsideGrids = 0;
      report('HTTP', await run(points, concurrency, http));
      console.log(`points in no unit grid: ${outsideGrids}`);
    } finally {
      await server.stop();
    }
  } finally {
    await pool.end();
    await sample.dispose();
  }
}

/**
 * How the index's answer compares with the SQL statement's: `same` (grid, regions, nearest house
 * number, POI, road and component, distances within 1 mm), `nearer` (some nearest thing differs
 * but the index's is strictly nearer: the statement's 5-item KNN shortlist, ranked by planar
 * degrees, missed it), or `differ`.
 */
function compareAnswers(a: ReverseRow, b: ReverseRow): 'same' | 'nearer' | 'differ' {
  const close = (x: number | undefined, y: number | undefined) =>
    x === undefined || y === undefined ? x === y : Math.abs(x - y) < 1e-3;
  if (a.regions?.grid.code !== b.regions?.grid.code || a.regions?.district.code !== b.regions?.district.code)
    return 'differ';
  const pairs: [string | undefined, string | undefined, number | undefined, number | undefined][] = [
    [a.address?.label, b.address?.label, a.address?.distanceM, b.address?.distanceM],
    [a.poi?.id, b.poi?.id, a.poi?.distanceM, b.poi?.distanceM],
    [a.road?.id, b.road?.id, a.road?.distanceM, b.road?.distanceM],
    [a.component?.code, b.component?.code, a.component?.distanceM, b.component?.distanceM],
  ];
  let verdict: 'same' | 'nearer' = 'same';
  for (const [ka, kb, ma, mb] of pairs) {
    if (ka === kb && close(ma, mb)) continue;
    if (ma !== undefined && mb !== undefined && ma < mb - 1e-3) verdict = 'nearer';
    else return 'differ';
  }
  return verdict;
}

/**
 * The API asks every request for a signed-in user: signs in as the first demo account (all share
 * the demo password). No header when the database has no accounts (an API without sign-in).
 */
async function signIn(serverUrl: string, pool: pg.Pool): Promise<Record<string, string>> {
  const users = await pool
    .query<{ username: string }>('SELECT username FROM app_user ORDER BY username LIMIT 1')
    .then((r) => r.rows)
    .catch(() => []);
  if (users.length === 0) return {};
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: users[0].username, password: 'demo1234' }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in as ${users[0].username}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${body.accessToken}` };
}

/** The API's lookup through the in-process index, called on the service (no HTTP), plus a check against SQL. */
async function benchIndex(url: string, points: readonly Position[], concurrency: number): Promise<number> {
  const { openDatabase, runMigrations } = distModule<DatabaseModule>('database/database');
  const { GeocodingRepository } = distModule<GeocodingRepositoryModule>(
    'modules/geocoding/geocoding.repository',
  );
  const { SpatialIndexService } = distModule<SpatialIndexModule>(
    'modules/geocoding/spatial-index/spatial-index.service',
  );
  const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp/urbangrid-bench' });
  try {
    await runMigrations(db);
    const repo = new GeocodingRepository(db);
    const service = new SpatialIndexService(db, repo);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    if (!(await service.whenReady())) throw new Error('the spatial index did not build');
    const buildMs = performance.now() - t0;
    global.gc?.();
    const after = process.memoryUsage();
    const stats = service.stats();
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `index built in ${ms(buildMs)}: ${JSON.stringify(stats)}; components' arrays and trees ${mib(stats?.componentBytes ?? 0)}; ` +
        `process grew by ${mib(after.rss - before.rss)} rss, ${mib(after.heapUsed - before.heapUsed)} heap, ` +
        `${mib(after.arrayBuffers - before.arrayBuffers)} array buffers`,
    );
    const verdicts = { same: 0, nearer: 0, differ: 0 };
    let sqlFallback = 0;
    const check = points.slice(0, Math.min(points.length, 1000));
    for (const p of check) {
      const fromIndex = await service.resolvePoint(p[0], p[1]);
      if (fromIndex.source !== 'index') sqlFallback++;
      verdicts[compareAnswers(fromIndex, await repo.reverse(p[0], p[1]))]++;
    }
    console.log(
      `index vs SQL statement on ${check.length} points: ${verdicts.same} same, ${verdicts.nearer} with a nearer ` +
        `thing the statement's shortlist missed, ${verdicts.differ} differ; ${sqlFallback} answered from SQL`,
    );
    const lookup = (p: Position) => service.resolvePoint(p[0], p[1]).then(() => undefined);
    await run(points.slice(0, 100), concurrency, lookup);
    report('index', await run(points, concurrency, lookup));
    await service.onModuleDestroy();
    return buildMs;
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
