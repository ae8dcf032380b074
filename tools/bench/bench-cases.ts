/** Shared by the case benchmarks: sample points of the loaded city and synthetic existing cases. */
import type pg from 'pg';

export interface GridPoint {
  lon: number;
  lat: number;
  grid: string;
  community: string;
  street: string;
}

/** Points on the surface of random current unit grids, with their region codes. */
export async function gridPoints(pool: pg.Pool, n: number): Promise<GridPoint[]> {
  const { rows } = await pool.query<GridPoint>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, code AS grid, left(code, 12) AS community, left(code, 9) AS street
     FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM region
           WHERE level = 'grid' AND valid_to IS NULL ORDER BY random() LIMIT $1) s`,
    [n],
  );
  return rows;
}

const OPEN_STATES = [
  'REPORTED',
  'ACCEPTED',
  'FILED',
  'DISPATCHED',
  'PROCESSING',
  'FEEDBACK',
  'CHECKING',
  'TO_CLOSE',
  'PARKED',
];

/**
 * Tops the database up to `target` cases with synthetic ones written by SQL in batches: a
 * year of report times, a mix of sources, classes, departments and states (about 8 % open,
 * with deadlines, some past), each with one flow record. They are load, not history: their
 * snapshots are empty and they are not in the audit chain.
 */
export async function topUpCases(
  pool: pg.Pool,
  district: string,
  target: number,
  points: readonly GridPoint[],
): Promise<void> {
  const have = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`)).rows[0].n;
  const departments = (await pool.query<{ id: string }>(`SELECT id FROM department ORDER BY code`)).rows.map(
    (r) => r.id,
  );
  if (departments.length === 0) throw new Error('no departments in this database');
  const batch = 200_000;
  for (let from = have; from < target; from += batch) {
    const n = Math.min(batch, target - from);
    const t0 = Date.now();
    await pool.query(
      `WITH pts AS (
         SELECT row_number() OVER () - 1 AS k, lon, lat, grid, community, street
         FROM jsonb_to_recordset($4::jsonb) AS x(lon float8, lat float8, grid text, community text, street text)),
       g AS (
         SELECT g, pts.*, (g * 7919) % 1000 AS r, now() - ((g * 104729) % 525600) * interval '1 minute' AS at
         FROM generate_series($5::bigint + 1, $5::bigint + $2::int) AS g JOIN pts ON pts.k = g % $3),
       ins AS (
         INSERT INTO case_file (id, case_no, district_code, street_code, community_code, grid_code, source, kind,
           class_code, state, description, geom, department_id, first_department_id, snapshot, clock,
           stage, stage_deadline, disposal_deadline, reported_at, updated_at, closed_at)
         SELECT gen_random_uuid(), 'S' || lpad(g::text, 11, '0'), $1, street, community, grid,
           (ARRAY['patrol','patrol','patrol','patrol','patrol','patrol','patrol','hotline_12345','public_web','video'])[1 + r % 10],
           CASE WHEN r % 4 = 0 THEN 'component' ELSE 'event' END,
           (ARRAY['0102','0104','0201','0504','0110','0101','0118','0305','0506','0107'])[1 + r % 10],
           CASE WHEN r < 920 THEN 'CLOSED' ELSE ($6::text[])[1 + r % 9] END,
           'synthetic case ' || g, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
           ($7::uuid[])[1 + r % $8], ($7::uuid[])[1 + r % $8], '{}', '{}',
           CASE WHEN r >= 920 THEN 'dispatch' END,
           CASE WHEN r >= 920 THEN at + interval '30 minutes' END,
           CASE WHEN r >= 920 THEN at + interval '3 days' END,
           at, at, CASE WHEN r < 920 THEN at + interval '2 days' END
         FROM g
         RETURNING id, reported_at)
       INSERT INTO case_flow (case_id, district_code, seq, action, to_state, actor_role, occurred_at)
       SELECT id, $1, 1, 'report', 'REPORTED', 'inspector', reported_at FROM ins`,
      [
        district,
        n,
        points.length,
        JSON.stringify(points),
        from,
        OPEN_STATES,
        departments,
        departments.length,
      ],
    );
    console.log(`  existing cases: ${from + n} (${((Date.now() - t0) / 1000).toFixed(1)} s for ${n})`);
  }
  await pool.query('ANALYZE case_file');
  await pool.query('ANALYZE case_flow');
}
