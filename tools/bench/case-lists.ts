/**
 * Desk case lists (issue 5): p95 of a page for every filter the desks offer, first pages and
 * pages deep behind a keyset cursor, and the open-case counts per department, at N cases.
 * The SQL is the API's own (CasesRepository of the built API) on a pg pool.
 *
 *   DATABASE_URL=… npm run bench -- case-lists [--cases 10000000] [--runs 20]
 *
 * Needs a city loaded by `npm run bench -- load-city`; tops the database up to --cases with
 * synthetic cases first (a year of them, ~8 % open).
 */
import { loadavg } from 'node:os';
import { gridPoints, topUpCases } from './bench-cases';
import { distModule, machine, ms, openBenchCity, summarize } from './bench-lib';

type Repo = typeof import('../../apps/api/src/modules/cases/cases.repository');
type Scope = import('../../apps/api/src/modules/cases/cases.repository').CaseScope;
type Filter = import('../../apps/api/src/modules/cases/cases.repository').CaseFilter;

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
const CASES = Number(args.get('cases') ?? 10_000_000);
const RUNS = Number(args.get('runs') ?? 20);
const PAGE = 50;

async function main(): Promise<void> {
  const { pool, district } = await openBenchCity();
  const points = await gridPoints(pool, 20_000);
  await topUpCases(pool, district, CASES, points);
  const total = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`)).rows[0].n;
  console.log(
    `case lists — ${new Date().toISOString()} — ${machine()} — ${total} cases, ${RUNS} runs per filter`,
  );

  const { CasesRepository } = distModule<Repo>('modules/cases/cases.repository.js');
  const repo = new CasesRepository({
    query: async <T>(sql: string, params?: unknown[]): Promise<T[]> =>
      (await pool.query(sql, params)).rows as T[],
  });
  const departments = (await pool.query<{ id: string }>(`SELECT id FROM department ORDER BY code`)).rows.map(
    (r) => r.id,
  );
  const pick = <T>(xs: readonly T[], k: number): T => xs[k % xs.length];
  // Case numbers to search for: a sample of the stored ones, whatever loaded them.
  const caseNumbers = (
    await pool.query<{ n: string }>(`SELECT case_no AS n FROM case_file TABLESAMPLE SYSTEM (0.1) LIMIT 100`)
  ).rows.map((r) => r.n);
  const all: Scope = { kind: 'district', districtCode: district };
  const now = new Date();
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const filters: [string, (k: number) => { scope: Scope; filter: Filter }][] = [
    ['all, newest first', () => ({ scope: all, filter: {} })],
    [
      'state = open desk states',
      () => ({ scope: all, filter: { states: ['REPORTED', 'ACCEPTED', 'FILED'] } }),
    ],
    ['state = CLOSED', () => ({ scope: all, filter: { states: ['CLOSED'] } })],
    [
      'class',
      (k) => ({ scope: all, filter: { classCode: pick(['0102', '0104', '0201', '0504', '0110'], k) } }),
    ],
    ['kind', (k) => ({ scope: all, filter: { kind: k % 2 ? 'component' : 'event' } })],
    ['department', (k) => ({ scope: all, filter: { departmentId: pick(departments, k) } })],
    ['street', (k) => ({ scope: all, filter: { regionCode: pick(points, k).street } })],
    ['community', (k) => ({ scope: all, filter: { regionCode: pick(points, k).community } })],
    ['grid', (k) => ({ scope: all, filter: { regionCode: pick(points, k).grid } })],
    [
      'source',
      (k) => ({
        scope: all,
        filter: { source: pick(['patrol', 'hotline_12345', 'public_web', 'video'] as const, k) },
      }),
    ],
    ['overdue', () => ({ scope: all, filter: { overdue: true } })],
    ['last 30 days', () => ({ scope: all, filter: { from: monthAgo, to: now } })],
    ['case number', (k) => ({ scope: all, filter: { q: pick(caseNumbers, k) } })],
    [
      'department scope (workbench)',
      (k) => ({
        scope: { kind: 'departments', districtCode: district, departmentIds: [pick(departments, k)] },
        filter: {},
      }),
    ],
    [
      'department scope + open states',
      (k) => ({
        scope: { kind: 'departments', districtCode: district, departmentIds: [pick(departments, k)] },
        filter: { states: ['DISPATCHED', 'PROCESSING'] },
      }),
    ],
    [
      'class + street + state',
      (k) => ({
        scope: all,
        filter: {
          classCode: pick(['0102', '0504'], k),
          regionCode: pick(points, k).street,
          states: ['CLOSED'],
        },
      }),
    ],
    [
      'department + overdue',
      (k) => ({ scope: all, filter: { departmentId: pick(departments, k), overdue: true } }),
    ],
    [
      'source + last 30 days + class',
      (k) => ({
        scope: all,
        filter: { source: 'patrol', from: monthAgo, to: now, classCode: pick(['0102', '0104'], k) },
      }),
    ],
  ];

  let worst = 0;
  for (const [label, make] of filters) {
    const first: number[] = [];
    const deep: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      const { scope, filter } = make(k);
      let t0 = performance.now();
      let rows = await repo.list(scope, filter, PAGE + 1, null, now);
      first.push(performance.now() - t0);
      // Five pages further in, through the cursor, as "load more" does.
      for (let p = 0; p < 5 && rows.length > PAGE; p++) {
        const last = rows[PAGE - 1];
        t0 = performance.now();
        rows = await repo.list(scope, filter, PAGE + 1, { reportedAt: last.reportedAt, id: last.id }, now);
        deep.push(performance.now() - t0);
      }
    }
    const a = summarize(first);
    const b = summarize(deep);
    worst = Math.max(worst, a.p95, deep.length ? b.p95 : 0);
    console.log(
      `${label.padEnd(34)} first page p50 ${ms(a.p50)} p95 ${ms(a.p95)} | later pages p95 ${deep.length ? ms(b.p95) : '—'} (${b.n})`,
    );
  }
  const counts: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    await repo.counts(
      { kind: 'departments', districtCode: district, departmentIds: [pick(departments, k)] },
      { openOnly: true },
      now,
    );
    counts.push(performance.now() - t0);
  }
  const c = summarize(counts);
  console.log(`open-case counts per department: p50 ${ms(c.p50)} p95 ${ms(c.p95)}`);
  console.log(
    `worst list p95: ${ms(worst)}; load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  await pool.end();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
