import type { ComponentGeometryType } from '../classes';
import { DomainError } from '../errors';

export type ComponentGeoJsonType =
  'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

/** GeoJSON types of each kind; the database check allows exactly these six. */
export const GEOMETRY_TYPES_OF_KIND: Record<ComponentGeometryType, readonly ComponentGeoJsonType[]> = {
  point: ['Point', 'MultiPoint'],
  line: ['LineString', 'MultiLineString'],
  polygon: ['Polygon', 'MultiPolygon'],
};

const ALL_TYPES = Object.values(GEOMETRY_TYPES_OF_KIND).flat();

/** The structural checks a GeoJSON geometry passes before it reaches the database. */
export interface ComponentGeometry {
  type: ComponentGeoJsonType;
  coordinates: unknown;
}

function invalid(message: string): DomainError {
  return new DomainError('COMPONENT.GEOMETRY_INVALID', message, [{ field: 'geometry', message }]);
}

function assertPosition(p: unknown, path: string): void {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    p.length > 3 ||
    !p.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw invalid(`${path} must be [lon, lat] with finite numbers`);
  }
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    throw invalid(`${path} is outside longitude/latitude range`);
}

function assertLine(line: unknown, path: string, minPoints: number): void {
  if (!Array.isArray(line) || line.length < minPoints)
    throw invalid(`${path} needs at least ${minPoints} positions`);
  line.forEach((p, k) => assertPosition(p, `${path}[${k}]`));
}

function assertRing(ring: unknown, path: string): void {
  assertLine(ring, path, 4);
  const r = ring as number[][];
  const first = r[0];
  const last = r[r.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) throw invalid(`${path} is not closed`);
}

function assertArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid(`${path} must be a non-empty array`);
  return v;
}

/**
 * Checks the shape of a GeoJSON geometry (RFC 7946, EPSG:4326) for a component: one of the six
 * simple types, finite coordinates in range, lines of 2+ positions, closed rings of 4+.
 * Throws `COMPONENT.GEOMETRY_INVALID`. Topology (self-intersection) is left to PostGIS.
 */
export function assertComponentGeometry(value: unknown): ComponentGeometry {
  if (typeof value !== 'object' || value === null) throw invalid('geometry must be a GeoJSON object');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !(ALL_TYPES as readonly string[]).includes(type)) {
    throw invalid(`geometry type must be one of ${ALL_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const t = type as ComponentGeoJsonType;
  switch (t) {
    case 'Point':
      assertPosition(coordinates, 'coordinates');
      break;
    case 'MultiPoint':
      assertArray(coordinates, 'coordinates').forEach((p, k) => assertPosition(p, `coordinates[${k}]`));
      break;
    case 'LineString':
      assertLine(coordinates, 'coordinates', 2);
      break;
    case 'MultiLineString':
      assertArray(coordinates, 'coordinates').forEach((l, k) => assertLine(l, `coordinates[${k}]`, 2));
      break;
    case 'Polygon':
      assertArray(coordinates, 'coordinates').forEach((r, k) => assertRing(r, `coordinates[${k}]`));
      break;
    case 'MultiPolygon':
      assertArray(coordinates, 'coordinates').forEach((poly, k) =>
        assertArray(poly, `coordinates[${k}]`).forEach((r, m) => assertRing(r, `coordinates[${k}][${m}]`)),
      );
      break;
  }
  return { type: t, coordinates };
}

/** The kind of a GeoJSON type: Point/MultiPoint → point, and so on. */
export function geometryKindOf(type: ComponentGeoJsonType): ComponentGeometryType {
  if (type === 'Point' || type === 'MultiPoint') return 'point';
  if (type === 'LineString' || type === 'MultiLineString') return 'line';
  return 'polygon';
}

/**
 * Throws `COMPONENT.GEOMETRY_TYPE_MISMATCH` when the class fixes a geometry kind (spec 01 §2.10:
 * covers and lamps are points, guardrails lines, green space polygons) and the geometry is of
 * another. A class without a kind takes any.
 */
export function assertGeometryFitsClass(
  type: ComponentGeoJsonType,
  classKind: ComponentGeometryType | null,
  classCode: string,
): void {
  if (classKind === null || geometryKindOf(type) === classKind) return;
  const message = `class ${classCode} is drawn as a ${classKind}; a ${type} does not fit`;
  throw new DomainError('COMPONENT.GEOMETRY_TYPE_MISMATCH', message, [{ field: 'geometry', message }]);
}
