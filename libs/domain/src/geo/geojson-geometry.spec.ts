import { describe, expect, it } from 'vitest';
import { geoJsonGeometryProblem } from './geojson-geometry';

const POLYGONS = ['Polygon', 'MultiPolygon'] as const;
const square = [
  [120, 30],
  [120.001, 30],
  [120.001, 30.001],
  [120, 30.001],
  [120, 30],
];

describe('GeoJSON geometry shape', () => {
  it('accepts a closed ring of four or more positions', () => {
    expect(geoJsonGeometryProblem({ type: 'Polygon', coordinates: [square] }, POLYGONS)).toBeNull();
    expect(geoJsonGeometryProblem({ type: 'MultiPolygon', coordinates: [[square]] }, POLYGONS)).toBeNull();
  });

  it('names the first problem of a degenerate or malformed polygon', () => {
    expect(geoJsonGeometryProblem({ type: 'Polygon', coordinates: [[[120, 30]]] }, POLYGONS)).toBe(
      'coordinates[0] needs at least 4 positions',
    );
    expect(
      geoJsonGeometryProblem(
        { type: 'Polygon', coordinates: [square.slice(0, 4).concat([[120, 30.5]])] },
        POLYGONS,
      ),
    ).toBe('coordinates[0] is not closed');
    expect(geoJsonGeometryProblem({ type: 'Polygon', coordinates: [] }, POLYGONS)).toBe(
      'coordinates must be a non-empty array',
    );
    expect(
      geoJsonGeometryProblem({ type: 'Polygon', coordinates: [[[200, 30], ...square.slice(1)]] }, POLYGONS),
    ).toBe('coordinates[0][0] is outside longitude/latitude range');
    expect(
      geoJsonGeometryProblem({ type: 'Polygon', coordinates: [[['a', 30], ...square.slice(1)]] }, POLYGONS),
    ).toBe('coordinates[0][0] must be [lon, lat] with finite numbers');
  });

  it('refuses types that are not allowed and things that are not geometries', () => {
    expect(geoJsonGeometryProblem({ type: 'Point', coordinates: [120, 30] }, POLYGONS)).toBe(
      'geometry type must be one of Polygon, MultiPolygon, got "Point"',
    );
    expect(geoJsonGeometryProblem(null, POLYGONS)).toBe('geometry must be a GeoJSON object');
    expect(geoJsonGeometryProblem({ type: 'Point', coordinates: [120, 30] }, ['Point'])).toBeNull();
  });
});
