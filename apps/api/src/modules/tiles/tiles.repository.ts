import type { RegionLevel, RoadClass } from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';
import type { TileFeature, TileGeometry } from './mvt-encoder';

/** Tile coordinates run 0..TILE_EXTENT; geometry is kept up to TILE_BUFFER units beyond the edge. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/**
 * The tile envelope in EPSG:3857 and the affine map into tile coordinates (x right, y down):
 * x' = (x − x0)·s, y' = (y1 − y)·s with s = extent / tile width. `clip` is the buffered
 * envelope, `clip4326` its box in stored coordinates for the GiST index.
 */
const TILE_CTE = `
  t AS (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env),
  p AS (
    SELECT env, ST_XMin(env) AS x0, ST_YMax(env) AS y1,
           ${TILE_EXTENT}::float8 / (ST_XMax(env) - ST_XMin(env)) AS s,
           ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * ${TILE_BUFFER} / ${TILE_EXTENT}) AS clip
    FROM t
  ),
  q AS (SELECT p.*, ST_Transform(p.clip, 4326) AS clip4326, ST_Transform(p.env, 4326) AS env4326 FROM p)`;

/** Geometry (EPSG:4326 column `geom`) simplified to half a tile unit, clipped, in tile units. */
const TILE_GEOM = (column: string) => `ST_AsGeoJSON(
    ST_Affine(
      ST_ClipByBox2D(ST_Simplify(ST_Transform(${column}, 3857), 0.5 / q.s, true), q.clip),
      q.s, 0, 0, -q.s, -q.x0 * q.s, q.y1 * q.s),
    0)`;

const TILE_POINT = (point: string) =>
  `ST_AsGeoJSON(ST_Affine(ST_Transform(${point}, 3857), q.s, 0, 0, -q.s, -q.x0 * q.s, q.y1 * q.s), 0)`;

/** All SQL of the vector tiles. The same statements run on PGlite and on PostgreSQL/PostGIS. */
export class TilesRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Regions of one level in force today that touch the tile, as polygons in tile units. */
  async regionPolygons(level: RegionLevel, tile: TileAddress): Promise<TileFeature[]> {
    const rows = await this.db.query<{
      code: string;
      name: string;
      parent_code: string | null;
      geom: string;
    }>(
      `WITH ${TILE_CTE}
       SELECT r.code, r.name, r.parent_code, ${TILE_GEOM('r.geom')} AS geom
       FROM region r, q
       WHERE r.level = $4 AND r.valid_to IS NULL AND r.geom && q.clip4326
       ORDER BY r.code`,
      [tile.z, tile.x, tile.y, level],
    );
    return rows.map((r) => ({
      geometry: JSON.parse(r.geom) as TileGeometry,
      properties: { code: r.code, name: r.name, level, parentCode: r.parent_code },
    }));
  }

  /**
   * One label point per region (a point on its surface), in the one tile that holds it, so a
   * region spread over several tiles is labelled once.
   */
  async regionLabels(level: RegionLevel, tile: TileAddress): Promise<TileFeature[]> {
    const rows = await this.db.query<{ code: string; name: string; geom: string }>(
      `WITH ${TILE_CTE}
       SELECT r.code, r.name, ${TILE_POINT('l.pt')} AS geom
       FROM region r
       CROSS JOIN q
       CROSS JOIN LATERAL (SELECT ST_PointOnSurface(r.geom) AS pt) l
       WHERE r.level = $4 AND r.valid_to IS NULL AND r.geom && q.env4326
         AND ST_Intersects(l.pt, q.env4326)
       ORDER BY r.code`,
      [tile.z, tile.x, tile.y, level],
    );
    return rows.map((r) => ({
      geometry: JSON.parse(r.geom) as TileGeometry,
      properties: { code: r.code, name: r.name, level },
    }));
  }

  /** Roads of the given classes touching the tile, as lines in tile units. */
  async roads(classes: readonly RoadClass[], tile: TileAddress): Promise<TileFeature[]> {
    const rows = await this.db.query<{ id: string; name: string; road_class: string; geom: string }>(
      `WITH ${TILE_CTE}
       SELECT r.id, r.name, r.road_class, ${TILE_GEOM('r.geom')} AS geom
       FROM road r, q
       WHERE r.road_class = ANY($4::text[]) AND r.geom && q.clip4326
       ORDER BY r.road_class, r.name, r.id`,
      [tile.z, tile.x, tile.y, classes],
    );
    return rows.map((r) => ({
      geometry: JSON.parse(r.geom) as TileGeometry,
      properties: { id: r.id, name: r.name, roadClass: r.road_class },
    }));
  }

  /**
   * 部件 components touching the tile as points in tile units, computed in SQL (no GeoJSON round
   * trip: this is the densest layer). Lines and polygons are shown at a point on their surface.
   */
  async componentPoints(tile: TileAddress): Promise<TileFeature[]> {
    // Spherical (web) Mercator written out: x = R·λ, y = R·ln tan(π/4 + φ/2), R = 6,378,137 m,
    // exactly what ST_Transform(…, 3857) computes, without a PROJ call per point. Points of the
    // same class and state travel as one MultiPoint: a dense z14 tile has ~23,000 points but ~60
    // such groups, so the driver parses 120 arrays instead of 23,000 rows. (Sorting the points for
    // shorter deltas cost 20 ms per tile for ~25 % fewer bytes: not worth it.)
    const rows = await this.db.query<{ class_code: string; state: string; xs: number[]; ys: number[] }>(
      `WITH ${TILE_CTE},
       pts AS (
         SELECT c.class_code, c.state,
                round((radians(ST_X(p.pt)) * 6378137 - q.x0) * q.s)::int AS x,
                round((q.y1 - ln(tan(radians(45 + ST_Y(p.pt) / 2))) * 6378137) * q.s)::int AS y
         FROM component c
         CROSS JOIN q
         CROSS JOIN LATERAL (
           SELECT CASE WHEN GeometryType(c.geom) = 'POINT' THEN c.geom ELSE ST_PointOnSurface(c.geom) END AS pt
         ) p
         WHERE c.geom && q.clip4326
       )
       SELECT class_code, state, array_agg(x) AS xs, array_agg(y) AS ys
       FROM pts
       GROUP BY class_code, state
       ORDER BY class_code, state`,
      [tile.z, tile.x, tile.y],
    );
    return rows.map((r) => ({
      geometry: { type: 'MultiPoint', coordinates: r.xs.map((x, i) => [x, r.ys[i]]) },
      properties: { classCode: r.class_code, state: r.state },
    }));
  }

  /**
   * Component counts per unit grid or per community whose label point lies in the tile, for
   * the zooms where single components would be too many to draw.
   */
  async componentCounts(level: 'grid' | 'community', tile: TileAddress): Promise<TileFeature[]> {
    const column = level === 'grid' ? 'grid_code' : 'community_code';
    const rows = await this.db.query<{ code: string; name: string; count: number; geom: string }>(
      `WITH ${TILE_CTE},
       r AS (
         SELECT r.code, r.name, ST_PointOnSurface(r.geom) AS pt
         FROM region r, q
         WHERE r.level = $4 AND r.valid_to IS NULL AND r.geom && q.env4326
       )
       SELECT r.code, r.name, n.count, ${TILE_POINT('r.pt')} AS geom
       FROM r
       CROSS JOIN q
       CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM component c WHERE c.${column} = r.code) n
       WHERE ST_Intersects(r.pt, q.env4326) AND n.count > 0`,
      [tile.z, tile.x, tile.y, level],
    );
    return rows.map((r) => ({
      geometry: JSON.parse(r.geom) as TileGeometry,
      properties: { code: r.code, name: r.name, level, count: r.count },
    }));
  }
}
