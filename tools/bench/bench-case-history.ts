/**
 * A year of synthetic cases with whole flow records, written by SQL, for the benchmarks that read
 * the flow records (evaluation) and the desk lists at full size. Four paths through the workflow
 * (spec 03 §6), with the shares a city reports:
 *
 *   patrol  80 %  上报 受理 立案 派遣 签收 反馈 发核查 核查 结案                      (9 records)
 *   public  10 %  登记 发核实 核实 受理 立案 派遣 签收 反馈 发核查 核查 结案          (11 records)
 *   void     4 %  上报 受理 不予立案                                               (3 records)
 *   rework   6 %  patrol with one 核查 "not done", a second 派遣 … and 结案          (14 records)
 *
 * Report times spread evenly over the 365 days before now, and rows are written in time order. Cases reported in the last 14 days
 * stop part-way with a probability that falls from 70 % to 0 with age (about 1.3 % of all cases
 * stay open); older ones have run to their end, so every day older than two weeks is settled and
 * can be rolled up. 93 % of staged steps are on time, 85 % of disposals. Actors are the city's users
 * of each post (topped up to 200 inspectors, 30 受理员, 10 值班长, 20 派遣员 named `bench-…`),
 * departments are the city's. These are load, not history: snapshots are empty and the cases are
 * not in the audit chain.
 */
import type pg from 'pg';
import type { GridPoint } from './bench-cases';

interface Step {
  action: string;
  to: string;
  role: string;
  stage: string | null;
  /** Minutes after the report. */
  at: number;
}

const s = (action: string, to: string, role: string, stage: string | null, at: number): Step => ({
  action,
  to,
  role,
  stage,
  at,
});

const DISPOSAL: Step[] = [
  s('file', 'FILED', 'shift_leader', 'file', 20),
  s('dispatch', 'DISPATCHED', 'dispatcher', 'dispatch', 40),
  s('acceptTask', 'PROCESSING', 'department', null, 90),
  s('feedback', 'FEEDBACK', 'department', 'dispose', 1440),
  s('sendCheck', 'CHECKING', 'operator', 'sendCheck', 1500),
];

/** The four paths, numbered as the `variant` column of the generator. */
export const HISTORY_PATHS: Step[][] = [
  [
    s('report', 'REPORTED', 'inspector', null, 0),
    s('accept', 'ACCEPTED', 'operator', 'accept', 5),
    ...DISPOSAL,
    s('answerCheck', 'TO_CLOSE', 'inspector', 'check', 1600),
    s('close', 'CLOSED', 'shift_leader', 'close', 1700),
  ],
  [
    s('register', 'REPORTED', 'operator', null, 0),
    s('sendVerify', 'VERIFYING', 'operator', 'accept', 5),
    s('answerVerify', 'VERIFYING', 'inspector', 'verify', 60),
    s('accept', 'ACCEPTED', 'operator', 'accept', 70),
    ...DISPOSAL.map((x) => ({ ...x, at: x.at + 70 })),
    s('answerCheck', 'TO_CLOSE', 'inspector', 'check', 1670),
    s('close', 'CLOSED', 'shift_leader', 'close', 1770),
  ],
  [
    s('report', 'REPORTED', 'inspector', null, 0),
    s('accept', 'ACCEPTED', 'operator', 'accept', 5),
    s('refuseFiling', 'VOID', 'shift_leader', 'file', 20),
  ],
  [
    s('report', 'REPORTED', 'inspector', null, 0),
    s('accept', 'ACCEPTED', 'operator', 'accept', 5),
    ...DISPOSAL,
    s('answerCheck', 'REWORK', 'inspector', 'check', 1600),
    s('dispatch', 'DISPATCHED', 'dispatcher', 'dispatch', 1620),
    s('acceptTask', 'PROCESSING', 'department', null, 1680),
    s('feedback', 'FEEDBACK', 'department', 'dispose', 2880),
    s('sendCheck', 'CHECKING', 'operator', 'sendCheck', 2940),
    s('answerCheck', 'TO_CLOSE', 'inspector', 'check', 3040),
    s('close', 'CLOSED', 'shift_leader', 'close', 3140),
  ],
];

const POSTS: [role: string, want: number][] = [
  ['inspector', 200],
  ['operator', 30],
  ['shift_leader', 10],
  ['dispatcher', 20],
];

/** The users of each post, topped up with `bench-…` users (no usable password) to the counts above. */
async function postUsers(pool: pg.Pool, district: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [role, want] of POSTS) {
    await pool.query(
      `INSERT INTO app_user (username, display_name, role, password_hash, district_code)
       SELECT 'bench-' || replace($1, '_', '-') || '-' || k, $1 || ' ' || k, $1, '!', $2
       FROM generate_series(1, $3::int - (SELECT count(*)::int FROM app_user WHERE role = $1)) k
       ON CONFLICT (username) DO NOTHING`,
      [role, district, want],
    );
    out[role] = (
      await pool.query<{ id: string }>(`SELECT id FROM app_user WHERE role = $1 ORDER BY username`, [role])
    ).rows.map((r) => r.id);
  }
  return out;
}

/**
 * Tops the database up to `target` cases of `HISTORY_PATHS` with their flow records (batches of
 * 100,000 cases). Returns the number of cases written.
 */
export async function topUpCaseHistory(
  pool: pg.Pool,
  district: string,
  target: number,
  points: readonly GridPoint[],
  log: (line: string) => void = console.log,
): Promise<number> {
  const have = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`)).rows[0].n;
  if (have >= target) return 0;
  const users = await postUsers(pool, district);
  const departments = (await pool.query<{ id: string }>(`SELECT id FROM department ORDER BY code`)).rows.map(
    (r) => r.id,
  );
  if (departments.length === 0) throw new Error('no departments in this database');
  const steps = HISTORY_PATHS.flatMap((path, variant) =>
    path.map((x, i) => ({ variant, seq: i + 1, ...x, last: i === path.length - 1 })),
  );
  // Loading millions: the secondary indexes are dropped first and built again at the end (the
  // same definitions, read from pg_indexes), which is several times faster than keeping them.
  const secondary =
    target - have > 1_000_000
      ? (
          await pool.query<{ name: string; def: string }>(
            `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
             WHERE i.schemaname = current_schema() AND i.tablename IN ('case_file', 'case_flow')
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
          )
        ).rows
      : [];
  for (const { name } of secondary) await pool.query(`DROP INDEX ${name}`);
  if (secondary.length) log(`  dropped ${secondary.length} secondary indexes for the load`);
  const batch = 100_000;
  let written = 0;
  for (let from = have; from < target; from += batch) {
    const n = Math.min(batch, target - from);
    const t0 = Date.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `CREATE TEMP TABLE hist_step ON COMMIT DROP AS
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(variant int, seq int, action text, "to" text, role text, stage text, at int, last boolean)`,
        [JSON.stringify(steps)],
      );
      // One row per case: where, when, which path, how far it got, who acted.
      await client.query(
        `CREATE TEMP TABLE hist_case ON COMMIT DROP AS
         WITH pts AS (
           SELECT row_number() OVER () - 1 AS k, lon, lat, grid, community, street
           FROM jsonb_to_recordset($1::jsonb) AS x(lon float8, lat float8, grid text, community text, street text)),
         g AS (
           SELECT g, pts.*, abs(hashint8(g)::bigint) AS h,
                  -- Case g of the target is reported (target - g) / target of a year before
                  -- now, so batches go from old to new and rows land in time order, as a live
                  -- system writes them (reads by time find recent rows together).
                  now() - (($10::bigint - g) * 525600.0 / $10::bigint) * interval '1 minute' AS at
           FROM generate_series($2::bigint + 1, $2::bigint + $3::int) AS g JOIN pts ON pts.k = g % $4),
         v AS (
           SELECT g.*, CASE WHEN h % 100 < 80 THEN 0 WHEN h % 100 < 90 THEN 1 WHEN h % 100 < 94 THEN 2 ELSE 3 END AS variant,
                  extract(epoch FROM now() - at) / 86400 AS age_days
           FROM g)
         SELECT gen_random_uuid() AS id, v.*,
           (SELECT max(seq) FROM hist_step WHERE hist_step.variant = v.variant) AS steps_all,
           CASE WHEN age_days < 14 AND (h / 100) % 1000 < (14 - age_days) * 50
                THEN 1 + (h / 100000) % ((SELECT max(seq) FROM hist_step WHERE hist_step.variant = v.variant) - 1)
                ELSE (SELECT max(seq) FROM hist_step WHERE hist_step.variant = v.variant) END AS done,
           ($5::uuid[])[1 + (h / 7) % cardinality($5::uuid[])] AS inspector,
           ($6::uuid[])[1 + (h / 11) % cardinality($6::uuid[])] AS operator,
           ($7::uuid[])[1 + (h / 13) % cardinality($7::uuid[])] AS shift_leader,
           ($8::uuid[])[1 + (h / 17) % cardinality($8::uuid[])] AS dispatcher,
           ($9::uuid[])[1 + (h / 19) % cardinality($9::uuid[])] AS department,
           (ARRAY['0102','0104','0201','0504','0110','0101','0118','0305','0506','0107'])[1 + (h / 23) % 10] AS class_code
         FROM v`,
        [
          JSON.stringify(points),
          from,
          n,
          points.length,
          users.inspector,
          users.operator,
          users.shift_leader,
          users.dispatcher,
          departments,
          target,
        ],
      );
      await client.query(
        `INSERT INTO case_file (id, case_no, district_code, street_code, community_code, grid_code, source, kind,
           class_code, state, description, geom, reporter_id, task_inspector_id, department_id, first_department_id,
           snapshot, clock, stage, stage_deadline, disposal_deadline, reported_at, filed_at, updated_at, closed_at)
         SELECT c.id, 'H' || lpad(c.g::text, 11, '0'), $1, c.street, c.community, c.grid,
           CASE WHEN c.variant = 1 THEN 'hotline_12345' ELSE 'patrol' END,
           CASE WHEN c.class_code LIKE '01%' OR c.class_code LIKE '02%' THEN 'component' ELSE 'event' END,
           c.class_code, st."to", 'synthetic case ' || c.g, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326),
           CASE WHEN c.variant <> 1 THEN c.inspector END,
           CASE WHEN st."to" IN ('VERIFYING', 'CHECKING') THEN c.inspector END,
           CASE WHEN c.variant <> 2 AND c.done >= (CASE WHEN c.variant = 1 THEN 6 ELSE 4 END) THEN c.department END,
           CASE WHEN c.variant <> 2 AND c.done >= (CASE WHEN c.variant = 1 THEN 6 ELSE 4 END) THEN c.department END,
           '{}', '{}',
           CASE WHEN NOT st.last THEN nx.stage END,
           CASE WHEN NOT st.last THEN c.at + (nx.at + 30) * interval '1 minute' END,
           CASE WHEN c.variant <> 2 AND c.done >= (CASE WHEN c.variant = 1 THEN 6 ELSE 4 END) THEN c.at + interval '3 days' END,
           c.at,
           CASE WHEN c.variant <> 2 AND c.done >= (CASE WHEN c.variant = 1 THEN 5 ELSE 3 END) THEN c.at + interval '20 minutes' END,
           c.at + st.at * interval '1 minute',
           CASE WHEN st.last THEN c.at + st.at * interval '1 minute' END
         FROM hist_case c
         JOIN hist_step st ON st.variant = c.variant AND st.seq = c.done
         LEFT JOIN hist_step nx ON nx.variant = c.variant AND nx.seq = c.done + 1
         ORDER BY c.at`,
        [district],
      );
      await client.query(
        `INSERT INTO case_flow (case_id, district_code, seq, action, from_state, to_state, actor_id, actor_role,
           department_id, payload, stage, stage_started_at, stage_deadline, stage_on_time, disposal_deadline,
           disposal_on_time, occurred_at)
         SELECT c.id, $1, st.seq, st.action, pv."to", st."to",
           CASE st.role WHEN 'inspector' THEN c.inspector WHEN 'operator' THEN c.operator
             WHEN 'shift_leader' THEN c.shift_leader WHEN 'dispatcher' THEN c.dispatcher END,
           st.role,
           CASE WHEN st.action = 'dispatch' OR st.role = 'department' THEN c.department END,
           CASE st.action
             WHEN 'sendCheck' THEN jsonb_build_object('inspectorId', c.inspector)
             WHEN 'sendVerify' THEN jsonb_build_object('inspectorId', c.inspector)
             WHEN 'answerVerify' THEN '{"truthful": true}'::jsonb
             WHEN 'answerCheck' THEN jsonb_build_object('done', st."to" = 'TO_CLOSE')
             ELSE '{}'::jsonb END,
           st.stage,
           CASE WHEN st.stage IS NOT NULL THEN c.at + coalesce(pv.at, 0) * interval '1 minute' END,
           CASE WHEN st.stage IS NOT NULL THEN c.at + (coalesce(pv.at, 0) + 60) * interval '1 minute' END,
           CASE WHEN st.stage IS NOT NULL THEN (c.h / (3 + st.seq)) % 100 < 93 END,
           CASE WHEN st.action IN ('dispatch', 'acceptTask', 'feedback', 'sendCheck', 'answerCheck', 'close')
             AND st.seq >= (CASE WHEN c.variant = 1 THEN 6 ELSE 4 END) THEN c.at + interval '3 days' END,
           CASE WHEN st.action IN ('feedback', 'close') THEN (c.h / 29) % 100 < 85 END,
           c.at + st.at * interval '1 minute'
         FROM hist_case c
         JOIN hist_step st ON st.variant = c.variant AND st.seq <= c.done
         LEFT JOIN hist_step pv ON pv.variant = c.variant AND pv.seq = st.seq - 1
         ORDER BY c.at + st.at * interval '1 minute'`,
        [district],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    written += n;
    log(`  cases with history: ${from + n} (${((Date.now() - t0) / 1000).toFixed(1)} s for ${n})`);
  }
  for (const { name, def } of secondary) {
    const t0 = Date.now();
    await pool.query(def);
    log(`  rebuilt ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await pool.query('ANALYZE case_file');
  await pool.query('ANALYZE case_flow');
  return written;
}
