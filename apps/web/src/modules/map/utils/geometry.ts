import type { BBox, Geometry, Position } from '@urbangrid/contracts';

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

/** [minLon, minLat, maxLon, maxLat] of every vertex; null for an empty geometry. */
export function geometryBBox(geometry: Geometry): BBox | null {
  const positions = positionsOf(geometry);
  if (positions.length === 0) return null;
  let [minLon, minLat] = positions[0];
  let [maxLon, maxLat] = positions[0];
  for (const [lon, lat] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Longitudes where a horizontal line at `lat` crosses the ring's edges, west to east. */
function crossings(ring: readonly Position[], lat: number): number[] {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j];
    const [x2, y2] = ring[i];
    // Half-open test so a vertex exactly on the line is counted once.
    if (y1 <= lat !== y2 <= lat) xs.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
  }
  return xs.sort((a, b) => a - b);
}

/** The midpoint of the widest inside stretch of the line across a polygon at its middle latitude. */
function polygonInteriorPoint(rings: readonly (readonly Position[])[]): Position | null {
  const outer = rings[0];
  if (!outer || outer.length < 4) return null;
  const lats = outer.map(([, lat]) => lat);
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  // Holes take part: crossings of all rings alternate outside/inside.
  const xs = rings.flatMap((ring) => crossings(ring, lat)).sort((a, b) => a - b);
  let best: Position | null = null;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, lat];
    }
  }
  return best;
}

/**
 * A point to stand for a geometry, for locating and flying: the point itself, the middle vertex
 * of a line, and a point inside a polygon (not its centroid, which can fall outside a concave
 * unit grid).
 */
export function representativePoint(geometry: Geometry): Position | null {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'MultiPoint':
      return geometry.coordinates[0] ?? null;
    case 'LineString':
      return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] ?? null;
    case 'MultiLineString': {
      const line = geometry.coordinates[0] ?? [];
      return line[Math.floor(line.length / 2)] ?? null;
    }
    case 'Polygon':
      return polygonInteriorPoint(geometry.coordinates);
    case 'MultiPolygon': {
      const first = geometry.coordinates[0];
      return first ? polygonInteriorPoint(first) : null;
    }
  }
}

/** The position nearest to `to` (planar in degrees: points a few pixels apart); null when none. */
export function nearestPosition(points: readonly Position[], to: Position): Position | null {
  let best: Position | null = null;
  let bestD = Infinity;
  for (const p of points) {
    const d = (p[0] - to[0]) ** 2 + (p[1] - to[1]) ** 2;
    if (d < bestD) [best, bestD] = [p, d];
  }
  return best;
}
