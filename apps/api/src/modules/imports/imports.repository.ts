import type {
  BBox,
  Geometry,
  ImportFormat,
  ImportJob,
  ImportKind,
  ImportProblem,
  ImportStatus,
  ImportSummary,
  RegionLevel,
} from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';
import type { ComponentClassRow } from '../components/components.repository';

/** Statuses of a job that still works; one such job per kind at a time. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ['queued', 'validating', 'applying'];

interface JobRow {
  id: string;
  kind: ImportKind;
  format: ImportFormat;
  status: ImportStatus;
  file_name: string | null;
  total: number | null;
  processed: number;
  percent: number;
  errors: ImportProblem[] | string;
  error_count: number;
  warnings: ImportProblem[] | string;
  summary: ImportSummary | string | null;
  created_at: string;
  finished_at: string | null;
}

const JOB_COLUMNS = `id, kind, format, status, file_name, total, processed, percent, errors, error_count, warnings, summary,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS finished_at`;

// jsonb arrives parsed from node-postgres and as text from some PGlite paths.
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toJob(r: JobRow): ImportJob {
  return {
    id: r.id,
    kind: r.kind,
    format: r.format,
    status: r.status,
    fileName: r.file_name,
    total: r.total,
    processed: r.processed,
    percent: Math.round(Number(r.percent) * 10) / 10,
    errors: json(r.errors),
    errorCount: r.error_count,
    warnings: json(r.warnings),
    summary: r.summary === null ? null : json(r.summary),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** One feature's problem found in SQL over the staged rows. */
export interface StagedProblem {
  line_no: number;
  code: string;
  reason: string;
}

export interface RegionRowRef {
  level: RegionLevel;
  code: string;
  geometry: string;
  name: string;
  parent_code: string | null;
  area_m2: number;
  valid_from: string;
}

/** All SQL of imports and exports: jobs, checks over staged rows, the apply, export pages. */
export class ImportsRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * Inserts a queued job unless another job of the kind is still running (then false). Run it in
   * a transaction: the advisory lock per kind makes check and insert one step across processes.
   */
  async createJob(j: {
    id: string;
    kind: ImportKind;
    format: ImportFormat;
    fileName: string | null;
    params: Record<string, unknown>;
  }): Promise<boolean> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('import_job:' || $1::text))`, [j.kind]);
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO import_job (id, kind, format, file_name, params)
       SELECT $1, $2, $3, $4, $5::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM import_job WHERE kind = $2 AND status = ANY($6::text[]))
       RETURNING id`,
      [j.id, j.kind, j.format, j.fileName, JSON.stringify(j.params), RUNNING_STATUSES],
    );
    return rows.length === 1;
  }

  async progress(
    id: string,
    p: { status?: ImportStatus; total?: number | null; processed: number; percent: number },
  ): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET status = coalesce($2, status), total = CASE WHEN $3::boolean THEN $4 ELSE total END,
              processed = $5, percent = $6
       WHERE id = $1`,
      [id, p.status ?? null, p.total !== undefined, p.total ?? null, p.processed, p.percent],
    );
  }

  async finish(
    id: string,
    f: {
      status: Extract<ImportStatus, 'invalid' | 'done' | 'failed'>;
      errors: ImportProblem[];
      errorCount: number;
      warnings: ImportProblem[];
      summary: ImportSummary | null;
    },
  ): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET status = $2, errors = $3::jsonb, error_count = $4, warnings = $5::jsonb,
              summary = $6::jsonb, finished_at = now(), percent = CASE WHEN $2 = 'done' THEN 100 ELSE percent END
       WHERE id = $1`,
      [
        id,
        f.status,
        JSON.stringify(f.errors),
        f.errorCount,
        JSON.stringify(f.warnings),
        f.summary ? JSON.stringify(f.summary) : null,
      ],
    );
  }

  async findJob(id: string): Promise<ImportJob | null> {
    const rows = await this.db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM import_job WHERE id = $1`, [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async recentJobs(limit: number): Promise<ImportJob[]> {
    const rows = await this.db.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM import_job ORDER BY created_at DESC, id LIMIT $1`,
      [limit],
    );
    return rows.map(toJob);
  }

  async runningJobOfKind(kind: ImportKind): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM import_job WHERE kind = $1 AND status = ANY($2::text[]) LIMIT 1`,
      [kind, RUNNING_STATUSES],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Jobs cut off by a restart: their background work is gone, so they end as failed and their
   * staged rows are dropped. (One API process per database runs imports.)
   */
  async failInterrupted(): Promise<void> {
    // Through a CTE: the driver's answer to a bare UPDATE … RETURNING is not a row list.
    const rows = await this.db.query<{ id: string }>(
      `WITH failed AS (
         UPDATE import_job SET status = 'failed', finished_at = now(),
                errors = '[{"index": -1, "reason": "the server restarted while the import was running"}]'::jsonb,
                error_count = 1
         WHERE status = ANY($1::text[])
         RETURNING id
       )
       SELECT id FROM failed`,
      [RUNNING_STATUSES],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return;
    await this.db.query(`DELETE FROM region_staging WHERE batch_id = ANY($1::uuid[])`, [ids]);
    await this.db.query(`DELETE FROM component_import_staging WHERE job_id = ANY($1::uuid[])`, [ids]);
  }

  // -------------------------------------------------------------------------------------------
  // Regions

  /**
   * Per-feature problems of a staged batch, found in SQL: invalid or empty geometry, outside the
   * city extent, parent neither in the batch nor in force, a code twice in the file, and a code in
   * force since `validFrom` or later (a new version must start after the current one).
   */
  async stagedRegionProblems(batchId: string, extent: BBox, validFrom: string): Promise<StagedProblem[]> {
    return this.db.query<StagedProblem>(
      `WITH s AS (SELECT * FROM region_staging WHERE batch_id = $1::uuid)
       SELECT line_no, code, reason FROM (
         SELECT line_no, code, 'invalid geometry: ' || ST_IsValidReason(geom) AS reason, 1 AS k
         FROM s WHERE NOT ST_IsValid(geom)
         UNION ALL
         SELECT line_no, code, 'empty geometry', 1 FROM s WHERE ST_IsEmpty(geom)
         UNION ALL
         -- Bounding-box containment in a rectangle is exact, and safe on invalid geometry.
         SELECT line_no, code, 'outside the city extent', 2
         FROM s WHERE NOT (geom @ ST_MakeEnvelope($2, $3, $4, $5, 4326))
         UNION ALL
         SELECT line_no, code, 'parent ' || parent_code || ' exists neither in the file nor in force', 3
         FROM s
         WHERE parent_code IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM s p WHERE p.code = s.parent_code
                             AND p.level = CASE s.level WHEN 'grid' THEN 'community' WHEN 'community' THEN 'street'
                                                        ELSE 'district' END)
           AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.parent_code AND r.valid_to IS NULL
                             AND r.level = CASE s.level WHEN 'grid' THEN 'community' WHEN 'community' THEN 'street'
                                                        ELSE 'district' END)
         UNION ALL
         SELECT line_no, code, 'code ' || code || ' appears more than once in the file (first at ' || first_line || ')', 4
         FROM (SELECT line_no, code, min(line_no) OVER (PARTITION BY level, code) AS first_line,
                      count(*) OVER (PARTITION BY level, code) AS n FROM s) d
         WHERE n > 1 AND line_no <> first_line
         UNION ALL
         SELECT s.line_no, s.code, 'the version in force took effect on ' || to_char(r.valid_from, 'YYYY-MM-DD')
                || '; validFrom ' || $6 || ' must be later', 5
         FROM s JOIN region r ON r.level = s.level AND r.code = s.code AND r.valid_to IS NULL
         WHERE r.valid_from >= $6::date
       ) x
       ORDER BY line_no, k`,
      [batchId, ...extent, validFrom],
    );
  }

  /**
   * 变更 in bulk, in the caller's transaction: every staged code in force is retired on
   * `validFrom` (its termination date), then every staged row is inserted from that date.
   */
  async applyRegionBatch(
    batchId: string,
    validFrom: string,
    note: string,
  ): Promise<{ inserted: number; replaced: number }> {
    // Counted through CTEs: the driver's answer to a bare UPDATE is not a row list.
    const [retired] = await this.db.query<{ n: number }>(
      `WITH retired AS (
         UPDATE region r SET valid_to = $2::date
         FROM region_staging s
         WHERE s.batch_id = $1::uuid AND r.level = s.level AND r.code = s.code AND r.valid_to IS NULL
         RETURNING r.id
       )
       SELECT count(*)::int AS n FROM retired`,
      [batchId, validFrom],
    );
    const [inserted] = await this.db.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO region (level, code, code_scheme, name, parent_code, district_code, geom, area_m2, valid_from, note)
         SELECT level, code, code_scheme, name, parent_code, left(code, 6), geom, ST_Area(geom::geography), $2::date, $3
         FROM region_staging WHERE batch_id = $1::uuid
         ORDER BY line_no
         RETURNING id
       )
       SELECT count(*)::int AS n FROM inserted`,
      [batchId, validFrom, note],
    );
    return { inserted: inserted.n - retired.n, replaced: retired.n };
  }

  // -------------------------------------------------------------------------------------------
  // Components

  /** The current small component classes (kind component), keyed by the caller. */
  componentClasses(): Promise<ComponentClassRow[]> {
    return this.db.query<ComponentClassRow>(
      `SELECT code, code_scheme AS "codeScheme", name, geometry_type AS "geometryType"
       FROM classification
       WHERE kind = 'component' AND level = 'small' AND valid_to IS NULL`,
    );
  }

  async stageComponentGeometries(
    jobId: string,
    rows: readonly { line: number; geometry: Geometry }[],
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO component_import_staging (job_id, line_no, geom)
       SELECT $1::uuid, l, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)
       FROM unnest($2::int[], $3::text[]) AS u(l, g)`,
      [jobId, rows.map((r) => r.line), rows.map((r) => JSON.stringify(r.geometry))],
    );
  }

  /**
   * For every staged row: the district of the current unit grid holding its point on surface
   * (lowest grid code on a shared edge, as ComponentsRepository.locate), or why it has none.
   */
  locateStagedComponents(
    jobId: string,
  ): Promise<{ line_no: number; district_code: string | null; reason: string | null }[]> {
    return this.db.query(
      `SELECT s.line_no, g.district_code,
              CASE WHEN NOT ST_IsValid(s.geom) THEN 'geometry is not valid: ' || ST_IsValidReason(s.geom)
                   WHEN g.district_code IS NULL THEN 'lies in no current unit grid' END AS reason
       FROM component_import_staging s
       LEFT JOIN LATERAL (
         SELECT r.district_code FROM region r
         WHERE r.level = 'grid' AND r.valid_to IS NULL AND r.valid_from <= CURRENT_DATE
           AND ST_IsValid(s.geom) AND ST_Intersects(r.geom, ST_PointOnSurface(s.geom))
         ORDER BY r.code LIMIT 1
       ) g ON true
       WHERE s.job_id = $1::uuid
       ORDER BY s.line_no`,
      [jobId],
    );
  }

  async existingComponentCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.query<{ code: string }>(
      `SELECT code FROM component WHERE code = ANY($1::text[]) ORDER BY code`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  async dropComponentStaging(jobId: string): Promise<void> {
    await this.db.query(`DELETE FROM component_import_staging WHERE job_id = $1::uuid`, [jobId]);
  }

  async dropRegionBatch(batchId: string): Promise<void> {
    await this.db.query(`DELETE FROM region_staging WHERE batch_id = $1::uuid`, [batchId]);
  }

  /**
   * One keyset page of the regions of `level` in force on `onDate` (today's layout when null),
   * ordered by code.
   */
  regionPage(
    level: RegionLevel,
    onDate: string | null,
    after: string | null,
    limit: number,
  ): Promise<RegionRowRef[]> {
    return this.db.query<RegionRowRef>(
      `SELECT level, code, name, parent_code, ST_AsGeoJSON(geom, 7) AS geometry,
              round(area_m2::numeric, 1)::float8 AS area_m2, to_char(valid_from, 'YYYY-MM-DD') AS valid_from
       FROM region
       WHERE level = $1 AND ($3::text IS NULL OR code > $3)
         AND CASE WHEN $2::date IS NULL THEN valid_to IS NULL
                  ELSE valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date) END
       ORDER BY code
       LIMIT $4`,
      [level, onDate, after, limit],
    );
  }
}

export interface ComponentExportRow {
  code: string;
  class_code: string;
  name: string;
  lon: number | null;
  lat: number | null;
  geometry: string;
  grid_code: string;
  state: string;
  maintainer_code: string | null;
  maintainer_name: string | null;
  owner_code: string | null;
  owner_name: string | null;
  competent_dept_code: string | null;
  competent_dept_name: string | null;
  initial_date: string;
  data_source: string | null;
  note: string | null;
}

/** One keyset page of components by code, optionally inside a bbox (uses the GiST index). */
export function componentPage(
  db: SqlRunner,
  bbox: BBox | null,
  after: string | null,
  limit: number,
): Promise<ComponentExportRow[]> {
  return db.query<ComponentExportRow>(
    `SELECT code, class_code, name,
            CASE WHEN GeometryType(geom) = 'POINT' THEN ST_X(geom) END AS lon,
            CASE WHEN GeometryType(geom) = 'POINT' THEN ST_Y(geom) END AS lat,
            ST_AsGeoJSON(geom, 7) AS geometry, grid_code, state, maintainer_code, maintainer_name,
            owner_code, owner_name, competent_dept_code, competent_dept_name,
            to_char(initial_date, 'YYYY-MM-DD') AS initial_date, data_source, note
     FROM component
     WHERE ($1::text IS NULL OR code > $1)
       AND ($2::float8 IS NULL OR geom && ST_MakeEnvelope($2, $3, $4, $5, 4326))
     ORDER BY code
     LIMIT $6`,
    [after, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, limit],
  );
}
