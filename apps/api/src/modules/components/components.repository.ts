import type {
  BBox,
  ComponentCodeSchemeName,
  ComponentDataSourceName,
  ComponentDepartmentRef,
  ComponentDto,
  ComponentStateName,
  ComponentGeometryTypeName,
  Geometry,
} from '@urbangrid/contracts';
import { DomainError } from '@urbangrid/domain';
import type { SqlRunner } from '../../database/database';

/** A component to insert; `code` null ⇒ the next sequence of (district, class) is assigned. */
export interface NewComponent {
  code: string | null;
  codeScheme: ComponentCodeSchemeName;
  classCode: string;
  name: string;
  districtCode: string;
  /** GeoJSON, EPSG:4326, already checked by `assertComponentGeometry`. */
  geometry: Geometry;
  competentDept: ComponentDepartmentRef | null;
  owner: ComponentDepartmentRef | null;
  maintainer: ComponentDepartmentRef | null;
  state: ComponentStateName;
  /** YYYY-MM-DD */
  initialDate: string;
  changeDate: string | null;
  dataSource: ComponentDataSourceName | null;
  note: string | null;
  photo: string | null;
}

/** The current small class a component refers to. */
export interface ComponentClassRow {
  code: string;
  codeScheme: ComponentCodeSchemeName;
  name: string;
  geometryType: ComponentGeometryTypeName | null;
}

/** The current unit grid holding a geometry (its point on surface) and that grid's community and district. */
export interface GridPlace {
  gridCode: string;
  communityCode: string;
  districtCode: string;
}

export interface ComponentChanges {
  name?: string;
  geometry?: Geometry;
  place?: GridPlace;
  competentDept?: ComponentDepartmentRef | null;
  owner?: ComponentDepartmentRef | null;
  maintainer?: ComponentDepartmentRef | null;
  state?: ComponentStateName;
  changeDate?: string;
  dataSource?: ComponentDataSourceName | null;
  note?: string | null;
  photo?: string | null;
}

export interface ComponentListFilter {
  bbox?: BBox;
  classCode?: string;
  gridCode?: string;
  /** Keyset: codes strictly after this one. */
  after?: string;
  limit: number;
}

/** Raised when an insert hits `component_code_uq` (a code given twice, or by two requests at once). */
export class DuplicateComponentCodeError extends Error {
  override name = 'DuplicateComponentCodeError';
  constructor(readonly detail: string) {
    super(`component code already registered: ${detail}`);
  }
}

/** Rows per INSERT statement of the bulk load (18 array parameters each). */
const BATCH = 5000;
const SEQUENCE_DIGITS = 6;
const MAX_SEQUENCE = 999_999;

interface DbRow {
  code: string;
  code_scheme: ComponentCodeSchemeName;
  class_code: string;
  name: string;
  geometry: string;
  district_code: string;
  grid_code: string;
  community_code: string;
  competent_dept_code: string | null;
  competent_dept_name: string | null;
  owner_code: string | null;
  owner_name: string | null;
  maintainer_code: string | null;
  maintainer_name: string | null;
  state: ComponentStateName;
  initial_date: string;
  change_date: string | null;
  data_source: ComponentDataSourceName | null;
  note: string | null;
  photo: string | null;
  created_at: string;
  updated_at: string;
}

/** Dates leave the database as text so no time zone shifts them; geometry as GeoJSON text. */
const COLUMNS = `code, code_scheme, class_code, name, ST_AsGeoJSON(geom, 7) AS geometry, district_code,
  grid_code, community_code, competent_dept_code, competent_dept_name, owner_code, owner_name,
  maintainer_code, maintainer_name, state,
  to_char(initial_date, 'YYYY-MM-DD') AS initial_date, to_char(change_date, 'YYYY-MM-DD') AS change_date,
  data_source, note, photo,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

const dept = (code: string | null, name: string | null): ComponentDepartmentRef | null =>
  code === null && name === null ? null : { code, name };

function toDto(r: DbRow): ComponentDto {
  return {
    code: r.code,
    codeScheme: r.code_scheme,
    classCode: r.class_code,
    name: r.name,
    geometry: JSON.parse(r.geometry) as Geometry,
    districtCode: r.district_code,
    gridCode: r.grid_code,
    communityCode: r.community_code,
    competentDept: dept(r.competent_dept_code, r.competent_dept_name),
    owner: dept(r.owner_code, r.owner_name),
    maintainer: dept(r.maintainer_code, r.maintainer_name),
    state: r.state,
    initialDate: r.initial_date,
    changeDate: r.change_date,
    dataSource: r.data_source,
    note: r.note,
    photo: r.photo,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function isUniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; detail?: string; message?: string };
  if (
    e.code === '23505' &&
    (e.constraint === 'component_code_uq' || e.message?.includes('component_code_uq'))
  ) {
    return e.detail ?? 'code';
  }
  return null;
}

/**
 * All SQL of the component registry. Grid and community are derived in SQL from the current
 * unit grids (`valid_to IS NULL`, in force today): the grid containing the point, or for a line or
 * polygon the grid containing ST_PointOnSurface; on a shared edge the lowest grid code wins (the
 * same rule as `RegionsRepository.locate`).
 */
export class ComponentsRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The current small component class of this code, or null. */
  async findCurrentClass(classCode: string): Promise<ComponentClassRow | null> {
    const rows = await this.db.query<ComponentClassRow>(
      `SELECT code, code_scheme AS "codeScheme", name, geometry_type AS "geometryType"
       FROM classification
       WHERE kind = 'component' AND level = 'small' AND code = $1 AND valid_to IS NULL`,
      [classCode],
    );
    return rows[0] ?? null;
  }

  /** PostGIS's verdict on a structurally valid GeoJSON geometry: null when valid, else the reason. */
  async geometryProblem(geometry: Geometry): Promise<string | null> {
    const rows = await this.db.query<{ reason: string | null }>(
      `SELECT CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
      [JSON.stringify(geometry)],
    );
    // No row back: GEOS failed inside the embedded build; the geometry is not usable either way.
    if (rows.length === 0) return 'PostGIS could not read it';
    return rows[0].reason;
  }

  /** The current unit grid that holds the geometry's point on surface. */
  async locate(geometry: Geometry): Promise<GridPlace | null> {
    const rows = await this.db.query<GridPlace>(
      // OFFSET 0 fences the subquery: without it the planner may walk the code index for the
      // ORDER BY and test every grid, instead of asking the GiST index for the few candidates.
      `SELECT code AS "gridCode", parent_code AS "communityCode", district_code AS "districtCode"
       FROM (SELECT r.code, r.parent_code, r.district_code
             FROM region r
             WHERE r.level = 'grid' AND r.valid_to IS NULL AND r.valid_from <= CURRENT_DATE
               AND ST_Intersects(r.geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)))
             OFFSET 0) hit
       ORDER BY code
       LIMIT 1`,
      [JSON.stringify(geometry)],
    );
    return rows[0] ?? null;
  }

  /**
   * Reserves `count` consecutive sequences per (admin area, small class) and returns the first of
   * each. One UPSERT: the counter row is locked until the transaction ends, so two concurrent
   * transactions get disjoint ranges. Throws `COMPONENT.SEQUENCE_EXHAUSTED` past 999999.
   */
  async reserveSequences(
    wanted: readonly { adminCode: string; classCode: string; count: number }[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (wanted.length === 0) return out;
    const rows = await this.upsertCounters(
      wanted,
      'component_sequence.last_value + EXCLUDED.last_value',
      wanted.map((w) => w.count),
    );
    for (const r of rows) {
      const w = wanted.find((x) => x.adminCode === r.admin_code && x.classCode === r.class_code);
      if (w) out.set(`${r.admin_code}:${r.class_code}`, r.last_value - w.count + 1);
    }
    return out;
  }

  /** Moves counters up to codes given explicitly, so later automatic codes never collide with them. */
  async raiseSequences(
    highest: readonly { adminCode: string; classCode: string; count: number }[],
  ): Promise<void> {
    if (highest.length === 0) return;
    await this.upsertCounters(
      highest,
      'GREATEST(component_sequence.last_value, EXCLUDED.last_value)',
      highest.map((h) => h.count),
    );
  }

  private async upsertCounters(
    keys: readonly { adminCode: string; classCode: string }[],
    onConflict: string,
    values: number[],
  ): Promise<{ admin_code: string; class_code: string; last_value: number }[]> {
    if (values.some((v) => v > MAX_SEQUENCE)) throw exhausted(keys[0]);
    try {
      return await this.db.query(
        `INSERT INTO component_sequence (admin_code, class_code, last_value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (admin_code, class_code) DO UPDATE SET last_value = ${onConflict}
         RETURNING admin_code, class_code, last_value`,
        [keys.map((k) => k.adminCode), keys.map((k) => k.classCode), values],
      );
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === '23514' || e.message?.includes('component_sequence_range_ck')) throw exhausted(keys[0]);
      throw err;
    }
  }

  /**
   * Bulk insert: rows without a code get the next sequences of their (district, class); grid and
   * community are derived in the same statement. Batches of `BATCH` rows, one
   * `INSERT … SELECT … FROM unnest(...)` each. Run it inside a transaction: a row whose geometry
   * lies in no current grid of its district fails the whole call with `COMPONENT.OUTSIDE_GRIDS`
   * listing every such row (0-based index).
   * Returns the codes in input order.
   */
  async insertMany(rows: readonly NewComponent[]): Promise<string[]> {
    if (rows.length === 0) return [];
    await this.ensureRegionStatistics();
    const codes = await this.assignCodes(rows);
    const outside: number[] = [];
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const col = <T>(f: (r: NewComponent) => T): T[] => batch.map(f);
      const params: unknown[] = [
        codes.slice(i, i + BATCH),
        col((r) => r.codeScheme),
        col((r) => r.classCode),
        col((r) => r.name),
        col((r) => JSON.stringify(r.geometry)),
        col((r) => r.districtCode),
        col((r) => r.competentDept?.code ?? null),
        col((r) => r.competentDept?.name ?? null),
        col((r) => r.owner?.code ?? null),
        col((r) => r.owner?.name ?? null),
        col((r) => r.maintainer?.code ?? null),
        col((r) => r.maintainer?.name ?? null),
        col((r) => r.state),
        col((r) => r.initialDate),
        col((r) => r.changeDate),
        col((r) => r.dataSource),
        col((r) => r.note),
        col((r) => r.photo),
      ];
      let missing: { ord: number }[];
      try {
        missing = await this.db.query<{ ord: number }>(INSERT_BATCH_SQL, params);
      } catch (err) {
        const dup = isUniqueViolation(err);
        if (dup) throw new DuplicateComponentCodeError(dup);
        throw err;
      }
      for (const m of missing) outside.push(i + Number(m.ord) - 1);
    }
    if (outside.length > 0) {
      const shown = outside.slice(0, 20);
      throw new DomainError(
        'COMPONENT.OUTSIDE_GRIDS',
        `${outside.length} component(s) lie in no current unit grid of their district`,
        shown.map((k) => ({
          field: `rows[${k}].geometry`,
          message: `row ${k} (${codes[k]}) lies in no current unit grid`,
        })),
      );
    }
    return codes;
  }

  /**
   * A `region` table never analysed (fresh regions loaded in this very transaction, or PGlite,
   * which runs no autovacuum) makes the planner walk the code index and test every grid per
   * row — 2,000 rows took 8 s instead of well under 1 s. ANALYZE once; it sees this transaction's
   * own rows. PostgreSQL 14+ marks a never-analysed table with reltuples = -1.
   */
  private async ensureRegionStatistics(): Promise<void> {
    const [row] = await this.db.query<{ reltuples: number }>(
      `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = to_regclass('region')`,
    );
    if (row && Number(row.reltuples) < 0) await this.db.query('ANALYZE region');
  }

  /** Codes in input order: given ones kept (counters raised past them), missing ones allocated. */
  private async assignCodes(rows: readonly NewComponent[]): Promise<string[]> {
    const need = new Map<string, { adminCode: string; classCode: string; count: number }>();
    const given = new Map<string, { adminCode: string; classCode: string; count: number }>();
    for (const r of rows) {
      const key = `${r.districtCode}:${r.classCode}`;
      if (r.code === null) {
        const n = need.get(key) ?? { adminCode: r.districtCode, classCode: r.classCode, count: 0 };
        n.count++;
        need.set(key, n);
      } else {
        const seq = Number(r.code.slice(-SEQUENCE_DIGITS));
        const g = given.get(key) ?? { adminCode: r.districtCode, classCode: r.classCode, count: 0 };
        g.count = Math.max(g.count, seq);
        given.set(key, g);
      }
    }
    await this.raiseSequences([...given.values()]);
    const next = await this.reserveSequences([...need.values()]);
    return rows.map((r) => {
      if (r.code !== null) return r.code;
      const key = `${r.districtCode}:${r.classCode}`;
      const seq = next.get(key) ?? 1;
      next.set(key, seq + 1);
      return r.districtCode + r.classCode + String(seq).padStart(SEQUENCE_DIGITS, '0');
    });
  }

  async findByCode(code: string, opts: { lock?: boolean } = {}): Promise<ComponentDto | null> {
    const rows = await this.db.query<DbRow>(
      `SELECT ${COLUMNS} FROM component WHERE code = $1${opts.lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0] ? toDto(rows[0]) : null;
  }

  /**
   * Keyset page in code order. Hot query:
   *   SELECT … FROM component
   *   WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND class_code = $5 AND grid_code = $6
   *     AND code > $7
   *   ORDER BY code LIMIT $8
   * (each filter only when given; never OFFSET).
   */
  async list(f: ComponentListFilter): Promise<{ items: ComponentDto[]; next: string | null }> {
    const rows = await this.db.query<DbRow>(
      `SELECT ${COLUMNS} FROM component
       WHERE ($1::float8 IS NULL OR geom && ST_MakeEnvelope($1, $2, $3, $4, 4326))
         AND ($5::text IS NULL OR class_code = $5)
         AND ($6::text IS NULL OR grid_code = $6)
         AND ($7::text IS NULL OR code > $7)
       ORDER BY code
       LIMIT $8`,
      [
        f.bbox?.[0] ?? null,
        f.bbox?.[1] ?? null,
        f.bbox?.[2] ?? null,
        f.bbox?.[3] ?? null,
        f.classCode ?? null,
        f.gridCode ?? null,
        f.after ?? null,
        f.limit + 1,
      ],
    );
    const items = rows.slice(0, f.limit).map(toDto);
    return { items, next: rows.length > f.limit ? items[items.length - 1].code : null };
  }

  /**
   * The component nearest to a point, optionally of one class. KNN on the GiST index
   * (`ORDER BY geom <-> point LIMIT 1`, planar degrees); the reported distance is geodesic metres.
   */
  async nearest(
    lon: number,
    lat: number,
    classCode?: string,
  ): Promise<{ component: ComponentDto; distanceM: number } | null> {
    const rows = await this.db.query<DbRow & { distance_m: number }>(
      `SELECT ${COLUMNS}, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance_m
       FROM component
       WHERE ($3::text IS NULL OR class_code = $3)
       ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)
       LIMIT 1`,
      [lon, lat, classCode ?? null],
    );
    const r = rows[0];
    return r ? { component: toDto(r), distanceM: Math.round(Number(r.distance_m) * 100) / 100 } : null;
  }

  /** Applies the changes given (absent keys untouched) and bumps `updated_at`. */
  async update(code: string, c: ComponentChanges): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [code];
    const set = (column: string, value: unknown, cast = ''): void => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (c.name !== undefined) set('name', c.name);
    if (c.geometry !== undefined) {
      params.push(JSON.stringify(c.geometry));
      sets.push(`geom = ST_SetSRID(ST_GeomFromGeoJSON($${params.length}), 4326)`);
    }
    if (c.place !== undefined) {
      set('grid_code', c.place.gridCode);
      set('community_code', c.place.communityCode);
    }
    const setDept = (prefix: string, d: ComponentDepartmentRef | null | undefined): void => {
      if (d === undefined) return;
      set(`${prefix}_code`, d?.code ?? null);
      set(`${prefix}_name`, d?.name ?? null);
    };
    setDept('competent_dept', c.competentDept);
    setDept('owner', c.owner);
    setDept('maintainer', c.maintainer);
    if (c.state !== undefined) set('state', c.state);
    if (c.changeDate !== undefined) set('change_date', c.changeDate, '::date');
    if (c.dataSource !== undefined) set('data_source', c.dataSource);
    if (c.note !== undefined) set('note', c.note);
    if (c.photo !== undefined) set('photo', c.photo);
    sets.push('updated_at = now()');
    await this.db.query(`UPDATE component SET ${sets.join(', ')} WHERE code = $1`, params);
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component');
    return row?.n ?? 0;
  }
}

function exhausted(key: { adminCode: string; classCode: string } | undefined): DomainError {
  return new DomainError(
    'COMPONENT.SEQUENCE_EXHAUSTED',
    `no sequence left for small class ${key?.classCode ?? '?'} in ${key?.adminCode ?? '?'} (999999 in use)`,
  );
}

/**
 * One batch of the bulk insert: unnest the columns, derive grid and community from the current
 * grids of the row's district (GiST lookup fenced by OFFSET 0, see `locate`), insert the located rows, and return the 1-based positions of the
 * rows that lie in no grid (the caller fails the transaction on any).
 */
export const INSERT_BATCH_SQL = `
  WITH src AS (
    SELECT s.*, ST_SetSRID(ST_GeomFromGeoJSON(s.geom_json), 4326) AS geom
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                $13::text[], $14::date[], $15::date[], $16::text[], $17::text[], $18::text[])
         WITH ORDINALITY AS s(code, code_scheme, class_code, name, geom_json, district_code,
                              competent_dept_code, competent_dept_name, owner_code, owner_name,
                              maintainer_code, maintainer_name, state, initial_date, change_date,
                              data_source, note, photo, ord)
  ),
  located AS (
    SELECT src.*, g.code AS grid_code, g.parent_code AS community_code
    FROM src
    LEFT JOIN LATERAL (
      SELECT hit.code, hit.parent_code
      FROM (SELECT r.code, r.parent_code
            FROM region r
            WHERE r.level = 'grid' AND r.valid_to IS NULL AND r.valid_from <= CURRENT_DATE
              AND r.district_code = src.district_code
              AND ST_Intersects(r.geom, ST_PointOnSurface(src.geom))
            OFFSET 0) hit
      ORDER BY hit.code
      LIMIT 1
    ) g ON true
  ),
  inserted AS (
    INSERT INTO component (district_code, code, code_scheme, class_code, name, geom, grid_code,
                           community_code, competent_dept_code, competent_dept_name, owner_code,
                           owner_name, maintainer_code, maintainer_name, state, initial_date,
                           change_date, data_source, note, photo)
    SELECT district_code, code, code_scheme, class_code, name, geom, grid_code, community_code,
           competent_dept_code, competent_dept_name, owner_code, owner_name, maintainer_code,
           maintainer_name, state, initial_date, change_date, data_source, note, photo
    FROM located
    WHERE grid_code IS NOT NULL
    RETURNING 1
  )
  SELECT ord::int AS ord FROM located WHERE grid_code IS NULL ORDER BY ord`;
