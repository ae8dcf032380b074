/**
 * Case intake through the real HTTP path (issue 5): sign-in, validation, spatial resolution,
 * duplicate check, Idempotency-Key, case row, flow record and audit row, measured with N
 * concurrent clients for D seconds, beside a bare baseline: the same statements from a minimal
 * node:http handler on a pg pool (no framework, no auth, no JSON validation), in the same run.
 *
 *   DATABASE_URL=… npm run bench -- intake [--clients 32] [--seconds 60] [--existing 1000000]
 *
 * Needs a city loaded by `npm run bench -- load-city` in that database. `--existing N` first
 * tops the database up to N existing cases (synthetic rows written by SQL, with flow records).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadavg } from 'node:os';
import pg from 'pg';
import { topUpCases, gridPoints, type GridPoint } from './bench-cases';
import {
  cpuMs,
  databaseUrl,
  distModule,
  freePort,
  machine,
  ms,
  postgresPids,
  startServer,
  summarize,
} from './bench-lib';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
const CLIENTS = Number(args.get('clients') ?? 32);
const SECONDS = Number(args.get('seconds') ?? 60);
const EXISTING = Number(args.get('existing') ?? 0);
const PASSWORD = 'demo1234';

type Point = GridPoint;
type CasesModule = typeof import('../../apps/api/src/modules/cases/cases.repository');
type AuditModule = typeof import('../../apps/api/src/modules/audit/audit.repository');
type SqlRunner = import('../../apps/api/src/database/database').SqlRunner;

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: CLIENTS + 4, options: '-c jit=off' });
  const district = (
    await pool.query<{ d: string }>(`SELECT district_code AS d FROM region WHERE level = 'district' LIMIT 1`)
  ).rows[0]?.d;
  if (!district) throw new Error('no city in this database: run `npm run bench -- load-city` first');
  const points = await gridPoints(pool, 5000);
  console.log(`intake benchmark — ${new Date().toISOString()} — ${machine()}`);
  const counts = (
    await pool.query<{ grids: number; components: number }>(
      `SELECT (SELECT count(*)::int FROM region WHERE level = 'grid' AND valid_to IS NULL) AS grids,
              (SELECT count(*)::int FROM component) AS components`,
    )
  ).rows[0];

  const server = await startServer({ LOG_LEVEL: 'warn', DEMO_DATASET: '' });
  try {
    // The server migrated the database on start; now the case tables exist.
    if (EXISTING > 0) await topUpCases(pool, district, EXISTING, points);
    const existing = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`)).rows[0].n;
    console.log(
      `dataset: ${counts.grids} grids, ${counts.components} components, ${existing} existing cases; ${CLIENTS} clients × ${SECONDS} s`,
    );
    const tokens = await inspectorTokens(pool, server.url, district, CLIENTS);
    // Warm up: builds the spatial index and the time-limit cache before measuring.
    await runLoad(Math.min(CLIENTS, 4), 5, (i, n) => postCase(server.url, tokens[i], points, n));

    let cpu = cpuMeter(server.pid);
    const api = await runLoad(CLIENTS, SECONDS, (i, n) => postCase(server.url, tokens[i], points, n));
    report('API (HTTP, full path)', api);
    cpu.report(api.latencies.length, 'API server');

    // The floor of the framework path: the same clients, sign-in, guard and validation, and a
    // single statement (the duplicate look-up an inspector's app makes before reporting).
    cpu = cpuMeter(server.pid);
    const floor = await runLoad(CLIENTS, Math.min(SECONDS, 15), (i, n) =>
      getNearby(server.url, tokens[i], points, n),
    );
    report('API floor (GET /cases/nearby: one statement)', floor, 'requests/s');
    cpu.report(floor.latencies.length, 'API server');

    const bare = await startBareHandler(pool, district);
    try {
      cpu = cpuMeter(process.pid);
      const baseline = await runLoad(CLIENTS, SECONDS, (_i, n) => postBare(bare.url, points, n));
      report('bare handler (same SQL, node:http + pg)', baseline);
      cpu.report(baseline.latencies.length, 'bench process (bare handler and clients)');
    } finally {
      bare.close();
    }
    console.log(
      `load average after: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.stop();
    await pool.end();
  }
}

/**
 * CPU spent per case during a run: by the server process, by PostgreSQL (every backend) and by
 * this process (the clients). On 2 cores, 2,000 ms of CPU per second is all there is, so the sum
 * per case bounds the rate this machine can reach.
 */
function cpuMeter(serverPid: number) {
  const pgStart = new Map(postgresPids().map((pid) => [pid, cpuMs([pid])]));
  const serverStart = cpuMs([serverPid]);
  const selfStart = process.cpuUsage();
  return {
    report(cases: number, serverLabel: string): void {
      const pgUsed = postgresPids().reduce((sum, pid) => sum + cpuMs([pid]) - (pgStart.get(pid) ?? 0), 0);
      const serverUsed = serverPid === process.pid ? 0 : cpuMs([serverPid]) - serverStart;
      const self = process.cpuUsage(selfStart);
      const selfUsed = (self.user + self.system) / 1000;
      const per = (v: number) => (cases > 0 ? (v / cases).toFixed(2) : '—');
      // The clients run here too; on a real deployment they are phones, so the ceiling is given
      // for the server side (API + PostgreSQL) alone and for everything on this machine.
      const serverSide = serverPid === process.pid ? pgUsed + selfUsed : pgUsed + serverUsed;
      const total = pgUsed + serverUsed + selfUsed;
      const ceiling = (v: number) => (cases > 0 && v > 0 ? Math.round((2000 * cases) / v) : '—');
      console.log(
        `  CPU per case: ${serverPid === process.pid ? '' : `${serverLabel} ${per(serverUsed)} ms, `}PostgreSQL ${per(pgUsed)} ms, ` +
          `${serverPid === process.pid ? serverLabel : 'bench clients'} ${per(selfUsed)} ms; ` +
          `server side ${per(serverSide)} ms (at most ${ceiling(serverSide)} cases/s on 2 cores), ` +
          `with the clients ${per(total)} ms (${ceiling(total)}/s)`,
      );
    },
  };
}

interface LoadResult {
  latencies: number[];
  errors: number;
  firstError: string | null;
  seconds: number;
}

async function runLoad(
  clients: number,
  seconds: number,
  send: (client: number, n: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let n = 0;
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          await send(i, n++);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { latencies, errors, firstError, seconds: (Date.now() - started) / 1000 };
}

function report(label: string, r: LoadResult, unit = 'cases/s'): void {
  const s = summarize(r.latencies);
  console.log(
    `${label}: ${(s.n / r.seconds).toFixed(0)} ${unit}, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, ${s.n} ok, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ''}; load ${loadavg()[0].toFixed(2)}`,
  );
}

function body(points: readonly Point[], n: number): string {
  const p = points[n % points.length];
  return JSON.stringify({
    source: 'patrol',
    kind: 'event',
    classCode: '0102',
    description: `bench intake ${n}`,
    position: [p.lon, p.lat],
  });
}

async function postCase(url: string, token: string, points: readonly Point[], n: number): Promise<void> {
  const res = await fetch(`${url}/api/v1/cases`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
    },
    body: body(points, n),
  });
  if (res.status !== 201) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

async function getNearby(url: string, token: string, points: readonly Point[], n: number): Promise<void> {
  const p = points[n % points.length];
  const res = await fetch(`${url}/api/v1/cases/nearby?kind=event&classCode=0102&lon=${p.lon}&lat=${p.lat}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

async function postBare(url: string, points: readonly Point[], n: number): Promise<void> {
  const res = await fetch(`${url}/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(points, n),
  });
  if (res.status !== 201) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

/** One inspector per client (the API's own password hashing), signed in through the API. */
async function inspectorTokens(pool: pg.Pool, url: string, district: string, n: number): Promise<string[]> {
  const { hashPassword } = distModule<{ hashPassword: (p: string) => Promise<string> }>(
    'modules/auth/password.js',
  );
  const hash = await hashPassword(PASSWORD);
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const username = `bench-insp-${String(i).padStart(2, '0')}`;
    await pool.query(
      `INSERT INTO app_user (username, display_name, role, password_hash, district_code)
       VALUES ($1, $1, 'inspector', $2, $3) ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
      [username, hash, district],
    );
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { accessToken: string }).accessToken);
  }
  return tokens;
}

/**
 * The baseline: the statements an intake runs (idempotency claim, point → regions, nearest
 * component, open duplicates, case number, case row, flow record, audit row with its district
 * lock, idempotency completion), in one transaction, from a bare node:http handler.
 */
async function startBareHandler(
  pool: pg.Pool,
  district: string,
): Promise<{ url: string; close: () => void }> {
  // The duplicate check and the audit append run the API's own repositories, so their SQL is the same.
  const { CasesRepository } = distModule<CasesModule>('modules/cases/cases.repository.js');
  const { AuditRepository } = distModule<AuditModule>('modules/audit/audit.repository.js');
  const runner = (client: pg.PoolClient): SqlRunner => ({
    query: async <T>(text: string, params?: unknown[]): Promise<T[]> =>
      (await client.query(text, params)).rows as T[],
  });
  const port = await freePort();
  const [{ id: userId }] = (
    await pool.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bench-insp-00'`)
  ).rows as [{ id: string }];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      void (async () => {
        const b = JSON.parse(raw) as { position: [number, number]; description: string };
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const key = randomUUID();
          await client.query(
            `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, state, claim_id)
             VALUES ($1, $2, 'POST', '/bare', 'x', 'running', $3) ON CONFLICT DO NOTHING`,
            [userId, key, randomUUID()],
          );
          const place = await client.query<{ grid: string; community: string; street: string }>(
            `SELECT g.code AS grid, c.code AS community, s.code AS street
             FROM region g JOIN region c ON c.level = 'community' AND c.code = g.parent_code AND c.valid_to IS NULL
             JOIN region s ON s.level = 'street' AND s.code = c.parent_code AND s.valid_to IS NULL
             WHERE g.level = 'grid' AND g.valid_to IS NULL AND ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1`,
            b.position,
          );
          await client.query(
            `SELECT code FROM component ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 1`,
            b.position,
          );
          const sql = runner(client);
          await new CasesRepository(sql).nearbyOpen(
            'event',
            '0102',
            b.position[0],
            b.position[1],
            1000,
            new Date(Date.now() - 7 * 86_400_000),
            10,
          );
          const no = (await client.query<{ n: string }>(`SELECT nextval('case_no_2026')::text AS n`)).rows[0]
            .n;
          const id = randomUUID();
          const r = place.rows[0];
          await client.query(
            `INSERT INTO case_file (id, case_no, district_code, street_code, community_code, grid_code, source, kind, class_code,
               state, description, geom, snapshot, clock, reported_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'patrol', 'event', '0102', 'REPORTED', $7, ST_SetSRID(ST_MakePoint($8, $9), 4326),
               '{}', '{}', now(), now())`,
            [
              id,
              `B${no}`,
              district,
              r?.street ?? null,
              r?.community ?? null,
              r?.grid ?? null,
              b.description,
              b.position[0],
              b.position[1],
            ],
          );
          await client.query(
            `INSERT INTO case_flow (case_id, district_code, seq, action, to_state, actor_role, occurred_at)
             VALUES ($1, $2, 1, 'report', 'REPORTED', 'inspector', now())`,
            [id, district],
          );
          await new AuditRepository(sql).append({
            districtCode: district,
            entity: 'case',
            entityId: id,
            action: 'report',
            actorId: null,
            actorRole: 'inspector',
            occurredAt: new Date(),
            data: { state: 'REPORTED' },
          });
          await client.query(
            `UPDATE idempotency_key SET state = 'done', response_status = 201 WHERE user_id = $1 AND key = $2`,
            [userId, key],
          );
          await client.query('COMMIT');
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          res.writeHead(500).end(String(err));
        } finally {
          client.release();
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
