import { booleanPointInPolygon, multiPolygon, polygon } from '@turf/turf';
import type { Geometry, Position } from '@urbangrid/contracts';

/** One of the inspector's 责任网格 as cached on the device (code, name and outline). */
export interface CachedGrid {
  code: string;
  name: string;
  geometry: Geometry;
}

/**
 * The cached grid that contains `point` (boundary counts as inside; on a shared edge the lowest
 * code wins, as the server's index decides), or null. Works without the network: a report made
 * offline still shows its grid. Only the inspector's own grids are cached, so a point outside
 * them gives null here and the server derives the grid when the report arrives.
 */
export function findGrid(point: Position, grids: readonly CachedGrid[]): CachedGrid | null {
  const hits = grids.filter((grid) => contains(grid.geometry, point));
  if (hits.length === 0) return null;
  return hits.reduce((lowest, grid) => (grid.code < lowest.code ? grid : lowest));
}

function contains(geometry: Geometry, point: Position): boolean {
  if (geometry.type === 'Polygon') return booleanPointInPolygon(point, polygon(geometry.coordinates));
  if (geometry.type === 'MultiPolygon')
    return booleanPointInPolygon(point, multiPolygon(geometry.coordinates));
  return false;
}

/** [minLon, minLat, maxLon, maxLat] around every cached grid, or null when there is none. */
export function gridsBounds(grids: readonly CachedGrid[]): [number, number, number, number] | null {
  let bounds: [number, number, number, number] | null = null;
  const visit = (p: Position) => {
    bounds = bounds
      ? [
          Math.min(bounds[0], p[0]),
          Math.min(bounds[1], p[1]),
          Math.max(bounds[2], p[0]),
          Math.max(bounds[3], p[1]),
        ]
      : [p[0], p[1], p[0], p[1]];
  };
  for (const { geometry } of grids) {
    if (geometry.type === 'Polygon') geometry.coordinates.forEach((ring) => ring.forEach(visit));
    else if (geometry.type === 'MultiPolygon')
      geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
  }
  return bounds;
}
