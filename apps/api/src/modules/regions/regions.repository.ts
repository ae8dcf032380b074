import type { BBox, CityCounts, Geometry, RegionLevel, RegionVersion } from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';

export interface NewRegion {
  level: RegionLevel;
  code: string;
  codeScheme: string;
  name: string;
  parentCode: string | null;
  districtCode: string;
  /** GeoJSON Polygon or MultiPolygon, EPSG:4326. */
  geometry: unknown;
  /** 初始日期 initial date (YYYY-MM-DD); today when absent. */
  validFrom?: string;
}

export interface NewRoad {
  districtCode: string;
  name: string;
  roadClass: string;
  geometry: unknown;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface LocatedPoint {
  grid: RegionRef;
  community: RegionRef;
  street: RegionRef;
  district: RegionRef;
}

/** Rows go to the database in batches of this many (one statement each). */
const BATCH = 500;

/**
 * All SQL of regions (district, street, community, unit grid) and roads. Geometry is stored as
 * EPSG:4326; areas are geodesic m² from `geography`.
 */
export class RegionsRepository {
  constructor(private readonly db: SqlRunner) {}

  async insertRegions(rows: NewRegion[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => ({
        level: r.level,
        code: r.code,
        code_scheme: r.codeScheme,
        name: r.name,
        parent_code: r.parentCode,
        district_code: r.districtCode,
        geom: JSON.stringify(r.geometry),
        valid_from: r.validFrom ?? null,
      }));
      await this.db.query(
        `INSERT INTO region (level, code, code_scheme, name, parent_code, district_code, geom, area_m2, valid_from)
         SELECT r.level, r.code, r.code_scheme, r.name, r.parent_code, r.district_code, g.geom,
                ST_Area(g.geom::geography), coalesce(r.valid_from, CURRENT_DATE)
         FROM json_to_recordset($1::json) AS r(level text, code text, code_scheme text, name text,
                                               parent_code text, district_code text, geom text, valid_from date)
         CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)) AS geom) g`,
        [JSON.stringify(batch)],
      );
    }
    // Bulk loads are followed by spatial joins against these rows (components, addresses, imports)
    // in the same transaction; without statistics the planner tests every grid per row. ANALYZE
    // sees the transaction's own rows.
    if (rows.length >= BATCH) await this.db.query('ANALYZE region');
  }

  async insertRoads(rows: NewRoad[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => ({
        district_code: r.districtCode,
        name: r.name,
        road_class: r.roadClass,
        geom: JSON.stringify(r.geometry),
      }));
      await this.db.query(
        `INSERT INTO road (district_code, name, road_class, geom)
         SELECT r.district_code, r.name, r.road_class, ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)
         FROM json_to_recordset($1::json) AS r(district_code text, name text, road_class text, geom text)`,
        [JSON.stringify(batch)],
      );
    }
  }

  async countRegions(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
    return row?.n ?? 0;
  }

  /** Regions in force today per level, and roads. */
  async currentCounts(): Promise<CityCounts> {
    const [row] = await this.db.query<CityCounts>(
      `SELECT count(*) FILTER (WHERE level = 'district')::int  AS districts,
              count(*) FILTER (WHERE level = 'street')::int    AS streets,
              count(*) FILTER (WHERE level = 'community')::int AS communities,
              count(*) FILTER (WHERE level = 'grid')::int      AS grids,
              (SELECT count(*)::int FROM road)                 AS roads
       FROM region WHERE valid_to IS NULL`,
    );
    return row;
  }

  /** Bounding box [minLon, minLat, maxLon, maxLat] of every region in force today; null when none. */
  async currentExtent(): Promise<BBox | null> {
    const [row] = await this.db.query<{
      min_lon: number | null;
      min_lat: number;
      max_lon: number;
      max_lat: number;
    }>(
      `SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
       FROM (SELECT ST_Extent(geom) AS e FROM region WHERE valid_to IS NULL) x`,
    );
    if (!row || row.min_lon === null) return null;
    return [row.min_lon, row.min_lat, row.max_lon, row.max_lat].map(Number) as BBox;
  }

  /**
   * The regions of one level in force on `onDate` (YYYY-MM-DD; today's layout when null), as a
   * GeoJSON FeatureCollection text.
   */
  async regionLayerGeoJson(level: RegionLevel, onDate: string | null = null): Promise<string> {
    const [row] = await this.db.query<{ fc: string }>(
      `SELECT json_build_object(
                'type', 'FeatureCollection',
                'features', coalesce(json_agg(json_build_object(
                  'type', 'Feature',
                  'id', code,
                  'geometry', ST_AsGeoJSON(geom, 7)::json,
                  'properties', json_build_object(
                    'code', code, 'name', name, 'level', level, 'parentCode', parent_code,
                    'areaM2', round(area_m2::numeric, 1))
                ) ORDER BY code), '[]'::json)
              )::text AS fc
       FROM region
       WHERE level = $1
         AND CASE WHEN $2::date IS NULL THEN valid_to IS NULL
                  ELSE valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date) END`,
      [level, onDate],
    );
    return row?.fc ?? '{"type":"FeatureCollection","features":[]}';
  }

  async roadLayerGeoJson(): Promise<string> {
    const [row] = await this.db.query<{ fc: string }>(
      `SELECT json_build_object(
                'type', 'FeatureCollection',
                'features', coalesce(json_agg(json_build_object(
                  'type', 'Feature',
                  'id', id,
                  'geometry', ST_AsGeoJSON(geom, 7)::json,
                  'properties', json_build_object('id', id, 'name', name, 'roadClass', road_class)
                ) ORDER BY road_class, name, id), '[]'::json)
              )::text AS fc
       FROM road`,
    );
    return row?.fc ?? '{"type":"FeatureCollection","features":[]}';
  }

  /**
   * The unit grid containing a point, with its community, street and district, for the layout
   * in force on `onDate` (YYYY-MM-DD). A point on a shared edge belongs to the lowest grid code.
   */
  async locate(lon: number, lat: number, onDate: string): Promise<LocatedPoint | null> {
    const rows = await this.db.query<{
      grid_code: string;
      grid_name: string;
      community_code: string;
      community_name: string;
      street_code: string;
      street_name: string;
      district_code: string;
      district_name: string;
    }>(
      `WITH g AS (
         SELECT code, name, parent_code
         FROM region
         WHERE level = 'grid'
           AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to > $3::date)
           AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
         ORDER BY code
         LIMIT 1
       )
       SELECT g.code AS grid_code, g.name AS grid_name,
              c.code AS community_code, c.name AS community_name,
              s.code AS street_code, s.name AS street_name,
              d.code AS district_code, d.name AS district_name
       FROM g
       JOIN region c ON c.level = 'community' AND c.code = g.parent_code
                    AND c.valid_from <= $3::date AND (c.valid_to IS NULL OR c.valid_to > $3::date)
       JOIN region s ON s.level = 'street' AND s.code = c.parent_code
                    AND s.valid_from <= $3::date AND (s.valid_to IS NULL OR s.valid_to > $3::date)
       JOIN region d ON d.level = 'district' AND d.code = s.parent_code
                    AND d.valid_from <= $3::date AND (d.valid_to IS NULL OR d.valid_to > $3::date)`,
      [lon, lat, onDate],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      grid: { code: r.grid_code, name: r.grid_name },
      community: { code: r.community_code, name: r.community_name },
      street: { code: r.street_code, name: r.street_name },
      district: { code: r.district_code, name: r.district_name },
    };
  }

  /** The version of one region in force on `onDate`, with its geometry; null when none. */
  async version(level: RegionLevel, code: string, onDate: string): Promise<RegionVersion | null> {
    const rows = await this.db.query<RegionVersionRow>(
      `${VERSION_SELECT}
       WHERE level = $1 AND code = $2
         AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to > $3::date)`,
      [level, code, onDate],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  /** Every version of one region, oldest first. */
  async history(level: RegionLevel, code: string): Promise<RegionVersion[]> {
    const rows = await this.db.query<RegionVersionRow>(
      `${VERSION_SELECT} WHERE level = $1 AND code = $2 ORDER BY valid_from, created_at`,
      [level, code],
    );
    return rows.map(toVersion);
  }

  /** The current version, locked until the transaction ends (a redraw retires it). */
  async lockCurrent(level: RegionLevel, code: string): Promise<RegionVersion | null> {
    const rows = await this.db.query<RegionVersionRow>(
      `${VERSION_SELECT} WHERE level = $1 AND code = $2 AND valid_to IS NULL FOR UPDATE`,
      [level, code],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  /**
   * Why a structurally sound GeoJSON polygon is unusable (invalid, empty, zero area, outside the
   * city extent), or null when fine. No row back (GEOS failing inside the embedded build) counts
   * as unusable too.
   */
  async polygonProblem(geometry: unknown, extent: BBox): Promise<string | null> {
    const rows = await this.db.query<{ problem: string | null }>(
      `SELECT CASE
                WHEN GeometryType(g) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'not a Polygon or MultiPolygon'
                WHEN ST_IsEmpty(g) THEN 'empty geometry'
                WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g)
                WHEN ST_Area(g::geography) < 1 THEN 'its area is below 1 m²'
                WHEN NOT ST_CoveredBy(g, ST_MakeEnvelope($2, $3, $4, $5, 4326)) THEN 'it leaves the city extent'
              END AS problem
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) x`,
      [JSON.stringify(geometry), ...extent],
    );
    if (rows.length === 0) return 'PostGIS could not read it';
    return rows[0].problem;
  }

  /**
   * 变更: retires the current version on `validFrom` and inserts the redrawn one from that date.
   * The old row keeps its geometry and name; only its termination date (终止日期) is set.
   */
  async redraw(
    current: RegionVersion,
    change: { geometry: unknown; name: string; validFrom: string; note: string | null },
  ): Promise<RegionVersion> {
    await this.db.query(`UPDATE region SET valid_to = $2::date WHERE id = $1 AND valid_to IS NULL`, [
      current.id,
      change.validFrom,
    ]);
    const rows = await this.db.query<RegionVersionRow>(
      `WITH inserted AS (
         INSERT INTO region (level, code, code_scheme, name, parent_code, district_code, geom, area_m2, valid_from, note)
         SELECT o.level, o.code, o.code_scheme, $2, o.parent_code, o.district_code, g.geom,
                ST_Area(g.geom::geography), $3::date, $4
         FROM region o
         CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326)) AS geom) g
         WHERE o.id = $1
         RETURNING *
       )
       ${VERSION_SELECT.replace('FROM region', 'FROM inserted')}`,
      [current.id, change.name, change.validFrom, change.note, JSON.stringify(change.geometry)],
    );
    return toVersion(rows[0]);
  }
}

interface RegionVersionRow {
  id: string;
  level: RegionLevel;
  code: string;
  code_scheme: string;
  name: string;
  parent_code: string | null;
  area_m2: number;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
  geometry: string;
}

/** Dates as text so that no driver shifts them through a time zone. */
const VERSION_SELECT = `
  SELECT id, level, code, code_scheme, name, parent_code, round(area_m2::numeric, 1)::float8 AS area_m2,
         to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
         note, ST_AsGeoJSON(geom, 7) AS geometry
  FROM region`;

function toVersion(r: RegionVersionRow): RegionVersion {
  return {
    id: r.id,
    level: r.level,
    code: r.code,
    codeScheme: r.code_scheme,
    name: r.name,
    parentCode: r.parent_code,
    areaM2: Number(r.area_m2),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    note: r.note,
    geometry: JSON.parse(r.geometry) as Geometry,
  };
}
