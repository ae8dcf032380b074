import type { ComponentGeometryType } from '../classes';
import { DomainError } from '../errors';
import { geoJsonGeometryProblem, type GeoJsonGeometryType } from '../geo/geojson-geometry';

export type ComponentGeoJsonType = GeoJsonGeometryType;

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

/**
 * Checks the shape of a GeoJSON geometry (RFC 7946, EPSG:4326) for a component: one of the six
 * simple types, finite coordinates in range, lines of 2+ positions, closed rings of 4+.
 * Throws `COMPONENT.GEOMETRY_INVALID`. Topology (self-intersection) is left to PostGIS.
 */
export function assertComponentGeometry(value: unknown): ComponentGeometry {
  const problem = geoJsonGeometryProblem(value, ALL_TYPES);
  if (problem) throw invalid(problem);
  return value as ComponentGeometry;
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
