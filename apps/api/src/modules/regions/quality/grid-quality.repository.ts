import type { QualityLevel } from '@urbangrid/domain';
import type { Database, SqlRunner } from '../../../database/database';

/**
 * Where the checked rows come from: the layout in force on `date`, or an import batch staged in
 * `region_staging` laid over that layout (a staged row replaces the current row of the same level
 * and code; every other current row stays), i.e. the layout as it would be once applied.
 */
export type QualitySource =
  { kind: 'current'; date: string } | { kind: 'staging'; batchId: string; date: string };

export interface StagedRegion {
  level: QualityLevel;
  code: string;
  codeScheme: string;
  name: string;
  parentCode: string | null;
  /** GeoJSON Polygon or MultiPolygon, EPSG:4326; may be invalid (that is what the checks report). */
  geometry: unknown;
  lineNo?: number;
}

type Point = { lon: number; lat: number };

export interface InvalidGeometryRow extends Point {
  level: QualityLevel;
  code: string;
  reason: string;
}
export interface GridAreaRow extends Point {
  code: string;
  area_m2: number;
}
export interface OverlapRow extends Point {
  a_code: string;
  b_code: string;
  area_m2: number;
}
export interface GapRow extends Point {
  community_code: string;
  area_m2: number;
}
export interface OutsideRow extends Point {
  code: string;
  community_code: string;
  area_m2: number;
}
export interface DuplicateRow extends Point {
  level: QualityLevel;
  code: string;
  n: number;
}
export interface CandidateRow extends Point {
  level: QualityLevel;
  code: string;
  code_scheme: string;
  parent_code: string | null;
  /** Centroid of grids (the sequencing rule orders centroids); null for other levels. */
  cx: number | null;
  cy: number | null;
}

/**
 * The candidate rows of one run, copied into a temporary table `gq_region` with a GiST index so
 * that every check uses `&&` prefilters whatever the source. `vgeom` is the geometry repaired by
 * ST_MakeValid (polygonal part only) so that one broken grid does not abort the other checks
 * (GEOS refuses overlays of invalid input); `pos` is ST_PointOnSurface, always inside the area.
 */
export class QualitySnapshot {
  constructor(private readonly tx: SqlRunner) {}

  async gridCount(): Promise<number> {
    const [row] = await this.tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM gq_region WHERE level = 'grid'`,
    );
    return row?.n ?? 0;
  }

  /** 1. ST_IsValid false, with ST_IsValidReason. */
  invalidGeometries(level: QualityLevel | null): Promise<InvalidGeometryRow[]> {
    return this.tx.query<InvalidGeometryRow>(
      `SELECT level, code, ST_IsValidReason(geom) AS reason, ST_X(pos) AS lon, ST_Y(pos) AS lat
       FROM gq_region
       WHERE NOT valid AND ($1::text IS NULL OR level = $1)
       ORDER BY level, code`,
      [level],
    );
  }

  /** 2. Grids whose geodesic area lies outside [min, max] m². */
  gridsOutsideArea(minAreaM2: number, maxAreaM2: number): Promise<GridAreaRow[]> {
    return this.tx.query<GridAreaRow>(
      `SELECT code, area_m2, ST_X(pos) AS lon, ST_Y(pos) AS lat
       FROM gq_region
       WHERE level = 'grid' AND (area_m2 < $1 OR area_m2 > $2)
       ORDER BY code`,
      [minAreaM2, maxAreaM2],
    );
  }

  /**
   * 3. Pairs of grids whose interiors intersect (ST_Relate 'T********' also catches containment,
   * which ST_Overlaps misses) by more than the tolerance. Grids that only share an edge do not
   * match. The `&&` join uses the GiST index; the intersection is computed only for real pairs.
   */
  overlaps(toleranceM2: number): Promise<OverlapRow[]> {
    return this.tx.query<OverlapRow>(
      `WITH pairs AS MATERIALIZED (
         SELECT a.code AS a_code, b.code AS b_code, a.vgeom AS ag, b.vgeom AS bg
         FROM gq_region a
         JOIN gq_region b ON b.level = 'grid' AND a.vgeom && b.vgeom AND a.id < b.id
         WHERE a.level = 'grid' AND ST_Relate(a.vgeom, b.vgeom, 'T********')
       ), cut AS (
         SELECT a_code, b_code, ST_CollectionExtract(ST_Intersection(ag, bg), 3) AS i FROM pairs
       )
       SELECT a_code, b_code, ST_Area(i::geography) AS area_m2,
              ST_X(ST_PointOnSurface(i)) AS lon, ST_Y(ST_PointOnSurface(i)) AS lat
       FROM cut
       WHERE ST_Area(i::geography) > $1
       ORDER BY a_code, b_code`,
      [toleranceM2],
    );
  }

  /** 4. Parts of each community not covered by the union of its grids (by parent code). */
  gaps(toleranceM2: number): Promise<GapRow[]> {
    return this.tx.query<GapRow>(
      `WITH covered AS (
         SELECT c.code, c.vgeom AS cg, u.grids
         FROM gq_region c
         LEFT JOIN LATERAL (
           SELECT ST_Union(g.vgeom) AS grids FROM gq_region g WHERE g.level = 'grid' AND g.parent_code = c.code
         ) u ON true
         WHERE c.level = 'community'
       ), parts AS (
         SELECT code, (ST_Dump(ST_CollectionExtract(
                  CASE WHEN grids IS NULL THEN cg ELSE ST_Difference(cg, grids) END, 3))).geom AS part
         FROM covered
       )
       SELECT code AS community_code, ST_Area(part::geography) AS area_m2,
              ST_X(ST_PointOnSurface(part)) AS lon, ST_Y(ST_PointOnSurface(part)) AS lat
       FROM parts
       WHERE ST_Area(part::geography) > $1
       ORDER BY community_code, lon, lat`,
      [toleranceM2],
    );
  }

  /** 5. Grid area outside its parent community; ST_CoveredBy skips the grids wholly inside. */
  outsideCommunity(toleranceM2: number): Promise<OutsideRow[]> {
    return this.tx.query<OutsideRow>(
      `WITH crossing AS MATERIALIZED (
         SELECT g.code, c.code AS community_code, g.vgeom AS gg, c.vgeom AS cg
         FROM gq_region g
         JOIN gq_region c ON c.level = 'community' AND c.code = g.parent_code
         WHERE g.level = 'grid' AND NOT ST_CoveredBy(g.vgeom, c.vgeom)
       ), outside AS (
         SELECT code, community_code, ST_CollectionExtract(ST_Difference(gg, cg), 3) AS o FROM crossing
       )
       SELECT code, community_code, ST_Area(o::geography) AS area_m2,
              ST_X(ST_PointOnSurface(o)) AS lon, ST_Y(ST_PointOnSurface(o)) AS lat
       FROM outside
       WHERE ST_Area(o::geography) > $1
       ORDER BY code`,
      [toleranceM2],
    );
  }

  /** 6. Codes used by more than one row of the same level (the point is on the first of them). */
  duplicateCodes(level: QualityLevel | null): Promise<DuplicateRow[]> {
    return this.tx.query<DuplicateRow>(
      `SELECT level, code, n, ST_X(pos) AS lon, ST_Y(pos) AS lat
       FROM (SELECT level, code, pos,
                    count(*) OVER (PARTITION BY level, code)::int AS n,
                    row_number() OVER (PARTITION BY level, code ORDER BY id) AS rn
             FROM gq_region
             WHERE $1::text IS NULL OR level = $1) x
       WHERE n > 1 AND rn = 1
       ORDER BY level, code`,
      [level],
    );
  }

  /**
   * 7 and 8. Every candidate row with its codes; grids also with their centroid, taken as the mean
   * of the ring vertices without each ring's closing vertex. That is turf.centroid, the centroid
   * the demo generator numbers grids by, so both sides apply `orderForSequencing` to the same
   * points (the area centroid differs on irregular grids and would flag correctly numbered rows).
   */
  candidates(): Promise<CandidateRow[]> {
    return this.tx.query<CandidateRow>(
      `SELECT r.level, r.code, r.code_scheme, r.parent_code, ST_X(r.pos) AS lon, ST_Y(r.pos) AS lat, c.cx, c.cy
       FROM gq_region r
       LEFT JOIN LATERAL (
         SELECT (sum(ST_X(d.geom)) - sum(ST_X(d.geom)) FILTER (WHERE d.path[array_length(d.path, 1)] = 1))
                  / nullif(count(*) - count(*) FILTER (WHERE d.path[array_length(d.path, 1)] = 1), 0) AS cx,
                (sum(ST_Y(d.geom)) - sum(ST_Y(d.geom)) FILTER (WHERE d.path[array_length(d.path, 1)] = 1))
                  / nullif(count(*) - count(*) FILTER (WHERE d.path[array_length(d.path, 1)] = 1), 0) AS cy
         FROM ST_DumpPoints(r.geom) d
       ) c ON r.level = 'grid'
       ORDER BY r.level, r.code, r.id`,
    );
  }
}

/** Current rows in force on $1. */
const CURRENT_SQL = `
  SELECT level, code, code_scheme, parent_code, geom
  FROM region
  WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to > $1::date)`;

/** Staged rows of batch $2 over the rows in force on $1 that they do not replace. */
const STAGING_SQL = `
  SELECT level, code, code_scheme, parent_code, geom FROM region_staging WHERE batch_id = $2::uuid
  UNION ALL
  SELECT r.level, r.code, r.code_scheme, r.parent_code, r.geom
  FROM region r
  WHERE r.valid_from <= $1::date AND (r.valid_to IS NULL OR r.valid_to > $1::date)
    AND NOT EXISTS (SELECT 1 FROM region_staging s
                    WHERE s.batch_id = $2::uuid AND s.level = r.level AND s.code = r.code)`;

/** All SQL of the grid quality checks (spec 01 §1.6). */
export class GridQualityRepository {
  constructor(private readonly db: Database) {}

  /**
   * Copies the candidate rows into `gq_region` and runs `work` over them inside one transaction
   * (the temporary table is private to that session and dropped at commit; nothing else is written).
   */
  withSnapshot<T>(source: QualitySource, work: (snapshot: QualitySnapshot) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `CREATE TEMP TABLE gq_region (
           id          integer GENERATED ALWAYS AS IDENTITY,
           level       text NOT NULL,
           code        text NOT NULL,
           code_scheme text NOT NULL,
           parent_code text NULL,
           geom        geometry NOT NULL,
           valid       boolean NOT NULL,
           vgeom       geometry NOT NULL,
           pos         geometry NULL,
           area_m2     double precision NOT NULL
         ) ON COMMIT DROP`,
      );
      const sql = source.kind === 'current' ? CURRENT_SQL : STAGING_SQL;
      const params = source.kind === 'current' ? [source.date] : [source.date, source.batchId];
      await tx.query(
        `INSERT INTO gq_region (level, code, code_scheme, parent_code, geom, valid, vgeom, pos, area_m2)
         SELECT level, code, code_scheme, parent_code, geom, ok, v,
                CASE WHEN ST_IsEmpty(v) THEN ST_StartPoint(ST_ExteriorRing(ST_GeometryN(geom, 1)))
                     ELSE ST_PointOnSurface(v) END,
                ST_Area(v::geography)
         FROM (
           SELECT s.*, ST_IsValid(s.geom) AS ok,
                  CASE WHEN ST_IsValid(s.geom) THEN s.geom
                       ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(s.geom), 3)) END AS v
           FROM (${sql}) s
         ) x`,
        params,
      );
      await tx.query(`CREATE INDEX gq_region_vgeom_gix ON gq_region USING gist (vgeom)`);
      await tx.query(`CREATE INDEX gq_region_level_code_idx ON gq_region (level, code)`);
      await tx.query(`CREATE INDEX gq_region_parent_idx ON gq_region (level, parent_code)`);
      await tx.query(`ANALYZE gq_region`);
      return work(new QualitySnapshot(tx));
    });
  }

  /** Stages rows of an import batch (for the import to come, and for the checks' tests). */
  async stageRegions(batchId: string, rows: StagedRegion[]): Promise<void> {
    const batch = rows.map((r) => ({
      line_no: r.lineNo ?? null,
      level: r.level,
      code: r.code,
      code_scheme: r.codeScheme,
      name: r.name,
      parent_code: r.parentCode,
      geom: JSON.stringify(r.geometry),
    }));
    await this.db.query(
      `INSERT INTO region_staging (batch_id, line_no, level, code, code_scheme, name, parent_code, geom)
       SELECT $1::uuid, r.line_no, r.level, r.code, r.code_scheme, r.name, r.parent_code,
              ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326))
       FROM json_to_recordset($2::json) AS r(line_no int, level text, code text, code_scheme text, name text,
                                             parent_code text, geom text)`,
      [batchId, JSON.stringify(batch)],
    );
  }
}
