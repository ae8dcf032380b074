import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { assertComponentGeometry, assertGeometryFitsClass, geometryKindOf } from './component-geometry';

function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
}

describe('assertComponentGeometry', () => {
  it('accepts the six simple GeoJSON types', () => {
    const p: [number, number] = [120.15, 30.3];
    const q: [number, number] = [120.151, 30.3];
    const r: [number, number] = [120.151, 30.301];
    const ring = [p, q, r, p];
    for (const g of [
      { type: 'Point', coordinates: p },
      { type: 'MultiPoint', coordinates: [p, q] },
      { type: 'LineString', coordinates: [p, q] },
      { type: 'MultiLineString', coordinates: [[p, q]] },
      { type: 'Polygon', coordinates: [ring] },
      { type: 'MultiPolygon', coordinates: [[ring]] },
    ]) {
      expect(assertComponentGeometry(g).type).toBe(g.type);
    }
  });

  it('refuses other types, bad positions, short lines and open rings', () => {
    const p = [120.15, 30.3];
    const bad: unknown[] = [
      null,
      'POINT(120 30)',
      { type: 'GeometryCollection', geometries: [] },
      { type: 'Point', coordinates: [120.15] },
      { type: 'Point', coordinates: [120.15, Number.NaN] },
      { type: 'Point', coordinates: [190, 30] },
      { type: 'Point', coordinates: ['120', '30'] },
      { type: 'LineString', coordinates: [p] },
      { type: 'Polygon', coordinates: [[p, [120.16, 30.3], [120.16, 30.31], [120.15, 30.31]]] },
      { type: 'MultiPoint', coordinates: [] },
    ];
    for (const g of bad) expect(codeOf(() => assertComponentGeometry(g))).toBe('COMPONENT.GEOMETRY_INVALID');
  });
});

describe('assertGeometryFitsClass', () => {
  it('maps GeoJSON types to the point/line/polygon kinds of spec 01 §2.10', () => {
    expect(geometryKindOf('MultiPoint')).toBe('point');
    expect(geometryKindOf('LineString')).toBe('line');
    expect(geometryKindOf('MultiPolygon')).toBe('polygon');
  });

  it('lets a class without a kind take any geometry, and refuses a wrong kind', () => {
    expect(codeOf(() => assertGeometryFitsClass('Polygon', null, '0199'))).toBeNull();
    expect(codeOf(() => assertGeometryFitsClass('Point', 'point', '0101'))).toBeNull();
    // 0101 上水井盖 is a point class: a LineString does not fit.
    expect(codeOf(() => assertGeometryFitsClass('LineString', 'point', '0101'))).toBe(
      'COMPONENT.GEOMETRY_TYPE_MISMATCH',
    );
  });
});
