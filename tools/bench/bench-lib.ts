/** Shared by the benchmark scripts: statistics, a server on a free port, the built API's modules. */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '..', '..');
export const distMain = join(root, 'dist/api/apps/api/src/main.js');

/** A module of the built API (CommonJS under dist/), typed by its source. */
export function distModule<T>(relativeToSrc: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(root, 'dist/api/apps/api/src', relativeToSrc)) as T;
}

/**
 * A module of the demo-city generator, loaded through tsx at run time: Nx module boundaries keep
 * projects from importing tools, and the benchmarks need the generator's code, not a copy of it.
 */
export function demoCityModule<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(root, 'tools/demo-city/src', file)) as T;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean,
  };
}

export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Starts the built API on DATABASE_URL; resolves with its URL once it listens. */
export async function startServer(
  env: Record<string, string> = {},
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, distMain, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((res, rej) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('UrbanGrid is running at')) res();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((res) => {
        child.removeAllListeners('exit');
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}

/** XYZ tiles covering a lon/lat box at zoom z (Web Mercator). */
export function tilesCovering(bbox: readonly number[], z: number): { x: number; y: number }[] {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const out: { x: number; y: number }[] = [];
  for (let x = tx(minLon); x <= tx(maxLon); x++)
    for (let y = ty(maxLat); y <= ty(minLat); y++) out.push({ x, y });
  return out;
}

/** CPU time (ms, user + system) used so far by the processes with these pids (Linux /proc). */
export function cpuMs(pids: readonly number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // the process has gone
    }
  }
  return total;
}

/** Pids of the local PostgreSQL server processes (postmaster and backends). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/**
 * A pool on DATABASE_URL and the district of the city loaded there (`npm run bench -- load-city`),
 * after one start of the API has applied its migrations.
 */
export async function openBenchCity(max = 4): Promise<{ pool: pg.Pool; district: string }> {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max, options: '-c jit=off' });
  const district = (
    await pool.query<{ d: string }>(`SELECT district_code AS d FROM region WHERE level = 'district' LIMIT 1`)
  ).rows[0]?.d;
  if (!district) throw new Error('no city in this database: run `npm run bench -- load-city` first');
  const server = await startServer({ LOG_LEVEL: 'warn', DEMO_DATASET: '' });
  await server.stop();
  return { pool, district };
}
