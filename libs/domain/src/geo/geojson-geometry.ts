/** The simple GeoJSON geometry types (RFC 7946) that UrbanGrid stores. */
export type GeoJsonGeometryType =
  'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

class ShapeProblem extends Error {}

function position(p: unknown, path: string): void {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    p.length > 3 ||
    !p.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new ShapeProblem(`${path} must be [lon, lat] with finite numbers`);
  }
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    throw new ShapeProblem(`${path} is outside longitude/latitude range`);
}

function line(l: unknown, path: string, minPoints: number): void {
  if (!Array.isArray(l) || l.length < minPoints)
    throw new ShapeProblem(`${path} needs at least ${minPoints} positions`);
  l.forEach((p, k) => position(p, `${path}[${k}]`));
}

function ring(r: unknown, path: string): void {
  line(r, path, 4);
  const points = r as number[][];
  const first = points[0];
  const last = points[points.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new ShapeProblem(`${path} is not closed`);
}

function nonEmpty(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0) throw new ShapeProblem(`${path} must be a non-empty array`);
  return v;
}

/**
 * The first structural problem of a GeoJSON geometry, or null: one of the `allowed` types, finite
 * coordinates in range, lines of 2+ positions, closed rings of 4+. Checked before any geometry
 * reaches PostGIS, whose GEOS library throws on degenerate shapes (and, in the embedded
 * WebAssembly build, may answer nothing at all). Topology (self-intersection) is left to PostGIS.
 */
export function geoJsonGeometryProblem(
  value: unknown,
  allowed: readonly GeoJsonGeometryType[],
): string | null {
  if (typeof value !== 'object' || value === null) return 'geometry must be a GeoJSON object';
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    return `geometry type must be one of ${allowed.join(', ')}, got ${JSON.stringify(type)}`;
  }
  try {
    switch (type as GeoJsonGeometryType) {
      case 'Point':
        position(coordinates, 'coordinates');
        break;
      case 'MultiPoint':
        nonEmpty(coordinates, 'coordinates').forEach((p, k) => position(p, `coordinates[${k}]`));
        break;
      case 'LineString':
        line(coordinates, 'coordinates', 2);
        break;
      case 'MultiLineString':
        nonEmpty(coordinates, 'coordinates').forEach((l, k) => line(l, `coordinates[${k}]`, 2));
        break;
      case 'Polygon':
        nonEmpty(coordinates, 'coordinates').forEach((r, k) => ring(r, `coordinates[${k}]`));
        break;
      case 'MultiPolygon':
        nonEmpty(coordinates, 'coordinates').forEach((poly, k) =>
          nonEmpty(poly, `coordinates[${k}]`).forEach((r, m) => ring(r, `coordinates[${k}][${m}]`)),
        );
        break;
    }
  } catch (e) {
    if (e instanceof ShapeProblem) return e.message;
    throw e;
  }
  return null;
}
