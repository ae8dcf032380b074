/**
 * Evaluation (issue 6): tables of every object type for a month, for the year from the roll-up
 * and from the raw flow records, and the street × month matrix of the year, at N cases.
 *
 *   DATABASE_URL=… npm run bench -- evaluation [--cases 10000000] [--runs 10]
 *     [--load-only 1 | --raw-year-only 1 | --skip-raw 1]
 *
 * Needs a city loaded by `npm run bench -- load-city`; tops the database up to --cases with a
 * year of cases and their whole flow records first (bench-case-history.ts). Tables are read
 * through the API (`GET /api/v1/evaluation/results`, signed in as a leader), the raw year and
 * the matrix through the API's own repository on a pg pool. The roll-up of the year is built
 * once before the reads and its time printed.
 */
import { request } from 'node:http';
import { loadavg } from 'node:os';
import type pg from 'pg';
import { gridPoints } from './bench-cases';
import { topUpCaseHistory } from './bench-case-history';
import { distModule, machine, ms, openBenchCity, startServer, summarize } from './bench-lib';

type Repo = typeof import('../../apps/api/src/modules/evaluation/evaluation.repository');
type PasswordModule = typeof import('../../apps/api/src/modules/auth/password');

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
const CASES = Number(args.get('cases') ?? 10_000_000);
const RUNS = Number(args.get('runs') ?? 10);
const PASSWORD = 'bench-evaluation-1';
const ZONE = 'Asia/Shanghai';

/** The tables the dashboard offers (EvaluationTables.tsx). */
const TABLES: { label: string; query: string }[] = [
  { label: 'streets', query: 'objectType=region&level=street' },
  { label: 'communities', query: 'objectType=region&level=community' },
  { label: 'unit grids', query: 'objectType=region&level=unitGrid' },
  { label: 'departments', query: 'objectType=department' },
  { label: 'inspectors', query: 'objectType=inspector' },
  { label: 'acceptors (受理员)', query: 'objectType=acceptor' },
  { label: 'shift leaders (值班长)', query: 'objectType=shiftLeader' },
  { label: 'dispatchers (派遣员)', query: 'objectType=dispatcher' },
];

/** POSTs JSON and waits as long as the server takes (no header timeout). */
function postJson(url: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Local calendar day (YYYY-MM-DD) in the city's zone, `days` days from `at`. */
function localDay(at: Date, days = 0): string {
  return new Date(at.getTime() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: ZONE });
}

/** Signs in a `bench-…` user of the role, made with the API's own password hashing. */
async function signIn(
  pool: pg.Pool,
  url: string,
  district: string,
  role: 'leader' | 'admin',
): Promise<string> {
  const { hashPassword } = distModule<PasswordModule>('modules/auth/password.js');
  const username = `bench-eval-${role}`;
  await pool.query(
    `INSERT INTO app_user (username, display_name, role, password_hash, district_code)
     VALUES ($1, $1, $2, $3, $4) ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
    [username, role, await hashPassword(PASSWORD), district],
  );
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The API's own repository on the bench pool (reads only). */
function repositoryOn(pool: pg.Pool) {
  const { EvaluationRepository } = distModule<Repo>('modules/evaluation/evaluation.repository.js');
  return new EvaluationRepository({
    query: async <T>(sql: string, params?: unknown[]): Promise<T[]> =>
      (await pool.query(sql, params)).rows as T[],
  });
}

/** The street table of the 365 days before today counted from the raw flow records alone (one run). */
async function rawYear(pool: pg.Pool, district: string, now: Date): Promise<void> {
  const window = {
    districtCode: district,
    pgZone: ZONE,
    fromUtc: new Date(`${localDay(now, -365)}T00:00:00+08:00`),
    toUtc: new Date(`${localDay(now)}T00:00:00+08:00`),
    cutoff: now,
  };
  const [t] = await timed(() => repositoryOn(pool).rawCounts('region', 'street', window, []));
  console.log(`year from the raw flow records, streets: ${ms(t)} (1 run)`);
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

async function main(): Promise<void> {
  const { pool, district } = await openBenchCity();
  const t0 = Date.now();
  const written = await topUpCaseHistory(pool, district, CASES, await gridPoints(pool, 20_000));
  if (written > 0)
    console.log(
      `wrote ${written} cases with their flow records in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  const sizes = (
    await pool.query<{ cases: number; flows: number }>(
      // Flow records from the planner's estimate: counting 90 million rows reads the whole table
      // and pushes the period's pages out of the cache before the measurements.
      `SELECT (SELECT count(*)::int FROM case_file) AS cases,
              (SELECT reltuples::bigint FROM pg_class WHERE oid = 'case_flow'::regclass) AS flows`,
    )
  ).rows[0];
  if (args.has('raw-year-only')) {
    await rawYear(pool, district, new Date());
    await pool.end();
    return;
  }
  if (args.has('load-only')) {
    console.log(`${sizes.cases} cases, about ${sizes.flows} flow records`);
    await pool.end();
    return;
  }
  console.log(
    `evaluation — ${new Date().toISOString()} — ${machine()} — ${sizes.cases} cases, about ${sizes.flows} flow records, ${RUNS} runs each`,
  );

  const server = await startServer({ LOG_LEVEL: 'warn', DEMO_DATASET: '' });
  try {
    let leader = await signIn(pool, server.url, district, 'leader');
    let leaderAt = Date.now();
    const get = async (path: string): Promise<unknown> => {
      // Access tokens live 15 minutes: a fresh one every 10.
      if (Date.now() - leaderAt > 600_000) {
        leader = await signIn(pool, server.url, district, 'leader');
        leaderAt = Date.now();
      }
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${leader}` } });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };

    const now = new Date();
    const today = localDay(now);
    const yearFrom = localDay(now, -365);
    // The roll-up of the year (settled days only), as an admin's refresh builds it: a month per
    // request (one request for the year would outlast the HTTP client's 5-minute header timeout).
    let rollMs = 0;
    let rolledTotal = 0;
    let openDays = 0;
    for (let from = yearFrom; from < today;) {
      const [fy, fm] = from.split('-').map(Number) as [number, number];
      const next = new Date(Date.UTC(fy, fm, 1)).toISOString().slice(0, 10);
      const to = next < today ? next : today;
      const done = (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM evaluation_rollup_day WHERE district_code = $1 AND day >= $2 AND day < $3`,
          [district, from, to],
        )
      ).rows[0].n;
      if (done === (Date.parse(to) - Date.parse(from)) / 86_400_000) {
        console.log(`  roll-up ${from} – ${to}: already rolled up`);
        from = to;
        continue;
      }
      // Access tokens live 15 minutes: sign in again for each month.
      const token = await signIn(pool, server.url, district, 'admin');
      const [t, part] = await timed(async () => {
        // node:http, not fetch: a month of 830,000 cases takes longer than fetch waits for headers.
        const res = await postJson(`${server.url}/api/v1/evaluation/rollup/refresh`, token, { from, to });
        if (res.status !== 200) throw new Error(`roll-up: HTTP ${res.status} ${res.body}`);
        return JSON.parse(res.body) as { rolledDays: number; openDays: number };
      });
      rollMs += t;
      rolledTotal += part.rolledDays;
      openDays += part.openDays;
      console.log(`  roll-up ${from} – ${to}: ${(t / 1000).toFixed(1)} s, ${part.rolledDays} days rolled`);
      from = to;
    }
    console.log(
      `roll-up of the year built in ${(rollMs / 1000).toFixed(1)} s: ${rolledTotal} days rolled, ${openDays} open`,
    );

    const [y, m] = today.split('-').map(Number) as [number, number];
    const monthAt = (back: number) => {
      const d = new Date(Date.UTC(y, m - 1 - back, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const periods: { label: string; query: string }[] = [
      { label: `month ${monthAt(2)} (settled)`, query: `period=month&at=${monthAt(2)}` },
      { label: `month ${monthAt(1)} (last full month)`, query: `period=month&at=${monthAt(1)}` },
      { label: `month ${monthAt(0)} (current, open days raw)`, query: `period=month&at=${monthAt(0)}` },
      {
        label: `year ${yearFrom} – ${today} (roll-up + open days raw)`,
        query: `period=custom&from=${yearFrom}&to=${localDay(now, -1)}`,
      },
    ];
    let worstMonth = 0;
    for (const p of periods) {
      // A period with open days counts them raw on every read: slow, so fewer tables and runs.
      const slow = p.label.includes('raw');
      for (const table of slow
        ? TABLES.filter((x) => ['streets', 'departments'].includes(x.label))
        : TABLES) {
        const times: number[] = [];
        let source: unknown;
        for (let k = 0; k < (slow ? 1 : RUNS); k++) {
          const [t, body] = await timed(() => get(`/api/v1/evaluation/results?${table.query}&${p.query}`));
          times.push(t);
          source = (body as { source: unknown }).source;
        }
        const s = summarize(times);
        if (p.label.startsWith('month') && !slow) worstMonth = Math.max(worstMonth, s.p95);
        console.log(
          `${p.label.padEnd(48)} ${table.label.padEnd(22)} p50 ${ms(s.p50)} p95 ${ms(s.p95)} ${JSON.stringify(source)}`,
        );
      }
    }
    console.log(`worst settled-month table p95 (API): ${ms(worstMonth)}`);

    // The year straight from SQL: from the roll-up only, and from the raw flow records only.
    const repo = repositoryOn(pool);
    const rolledDays = await repo.allRolledDays(district, yearFrom, today);
    for (const scope of ['street', 'department', 'inspector'] as const) {
      const times: number[] = [];
      for (let k = 0; k < RUNS; k++)
        times.push((await timed(() => repo.rolledCounts(district, scope, rolledDays)))[0]);
      const s = summarize(times);
      console.log(
        `year from the roll-up only (${rolledDays.length} days), ${scope}: p50 ${ms(s.p50)} p95 ${ms(s.p95)}`,
      );
    }
    const sqlMatrix: number[] = [];
    for (let k = 0; k < RUNS; k++)
      sqlMatrix.push((await timed(() => repo.rolledCountsByMonth(district, 'street', rolledDays)))[0]);
    const sm = summarize(sqlMatrix);
    console.log(`street × month matrix, roll-up SQL alone: p50 ${ms(sm.p50)} p95 ${ms(sm.p95)}`);
    for (const year of [...new Set([yearFrom.slice(0, 4), today.slice(0, 4)])]) {
      const times: number[] = [];
      let sources = '';
      // The current year's matrix counts the open days of this month raw: fewer runs.
      for (let k = 0; k < (year === today.slice(0, 4) ? 2 : RUNS); k++) {
        const [t, body] = await timed(() =>
          get(`/api/v1/evaluation/matrix?objectType=region&level=street&year=${year}`),
        );
        times.push(t);
        const months = (body as { months: { source: { rawDays: number } }[] }).months;
        sources = `${months.length} months, ${months.filter((x) => x.source.rawDays > 0).length} with open days`;
      }
      const s2 = summarize(times);
      console.log(`street × month matrix ${year} (API): p50 ${ms(s2.p50)} p95 ${ms(s2.p95)} (${sources})`);
    }

    if (!args.has('skip-raw')) await rawYear(pool, district, now);
    console.log(
      `load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.stop();
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
