import { describe, expect, it } from 'vitest';
import { polygonCovers, sphereDistanceM, type FlatPolygon } from './planar-geometry';
import { ReferenceIndexBuilder, type RegionInput } from './reference-index';
import { readWkb } from './wkb-reader';

const ring = (...xy: number[]): Float64Array => Float64Array.from(xy);
/** Axis-aligned square [x0, x0 + size] × [y0, y0 + size] as a closed ring. */
const square = (x0: number, y0: number, size: number): Float64Array =>
  ring(x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0);

/** District 330105 → street 330105001 → community 330105001001 → the given grids. */
function admin(): RegionInput[] {
  return [
    { level: 'district', code: '330105', name: '拱墅区', parentCode: null, polygons: null },
    { level: 'street', code: '330105001', name: '米市巷街道', parentCode: '330105', polygons: null },
    { level: 'community', code: '330105001001', name: '左家新村社区', parentCode: '330105001', polygons: null },
  ];
}
const grid = (seq: number, polygons: FlatPolygon[]): RegionInput => ({
  level: 'grid',
  code: `330105001001${String(seq).padStart(3, '0')}`,
  name: `网格${seq}`,
  parentCode: '330105001001',
  polygons,
});

describe('planar geometry', () => {
  it('measures metres as PostGIS ST_DistanceSphere does, rounded to 1e-8 m', () => {
    // PostGIS 3.3: ST_DistanceSphere(POINT(120.1 30.2), POINT(120.13 30.23)) = 4408.80975912.
    expect(sphereDistanceM(120.1, 30.2, 120.13, 30.23)).toBe(4408.80975912);
    expect(sphereDistanceM(120.1, 30.2, 120.1, 30.2)).toBe(0);
  });

  it('counts the boundary of the outer ring and of a hole as covered, the inside of a hole as not', () => {
    // 10 × 10 square with a 2 × 2 hole at (4..6, 4..6).
    const withHole: FlatPolygon = [square(0, 0, 10), square(4, 4, 2)];
    expect(polygonCovers(withHole, 1, 1)).toBe(true);
    expect(polygonCovers(withHole, 5, 5)).toBe(false); // inside the hole
    expect(polygonCovers(withHole, 4, 5)).toBe(true); // on the hole's edge
    expect(polygonCovers(withHole, 6, 6)).toBe(true); // on the hole's corner
    expect(polygonCovers(withHole, 10, 3)).toBe(true); // on the outer edge
    expect(polygonCovers(withHole, 0, 0)).toBe(true); // outer vertex
    expect(polygonCovers(withHole, 10.000001, 3)).toBe(false);
    expect(polygonCovers(withHole, 3, -1e-9)).toBe(false);
  });

  it('handles a ray through a vertex of a non-convex ring once', () => {
    // A "V" notch: the horizontal ray from (1, 2) passes through the notch vertex (2, 2).
    const notch: FlatPolygon = [ring(0, 0, 4, 0, 4, 4, 2, 2, 0, 4, 0, 0)];
    expect(polygonCovers(notch, 1, 2)).toBe(true);
    expect(polygonCovers(notch, 2, 3)).toBe(false); // inside the notch, outside the polygon
    expect(polygonCovers(notch, 3, 1)).toBe(true);
  });

  it('reads WKB points, lines and multipolygons with holes exactly', () => {
    // Little-endian WKB POINT(120.123456789012 30.1): 1 byte order, type 1, two doubles.
    const point = Buffer.alloc(21);
    point.writeUInt8(1, 0);
    point.writeUInt32LE(1, 1);
    point.writeDoubleLE(120.123456789012, 5);
    point.writeDoubleLE(30.1, 13);
    expect(readWkb(point)).toEqual({ kind: 'points', points: Float64Array.of(120.123456789012, 30.1) });

    // Big-endian MULTIPOLYGON with one polygon of two rings of 4 points each.
    const parts: Buffer[] = [];
    const head = (type: number) => {
      const b = Buffer.alloc(5);
      b.writeUInt8(0, 0);
      b.writeUInt32BE(type, 1);
      parts.push(b);
    };
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n, 0);
      parts.push(b);
    };
    const coords = (...xy: number[]) =>
      xy.forEach((v) => {
        const b = Buffer.alloc(8);
        b.writeDoubleBE(v, 0);
        parts.push(b);
      });
    head(6);
    u32(1);
    head(3);
    u32(2);
    u32(4);
    coords(0, 0, 4, 0, 0, 4, 0, 0);
    u32(4);
    coords(1, 1, 2, 1, 1, 2, 1, 1);
    const parsed = readWkb(Buffer.concat(parts));
    expect(parsed).toEqual({
      kind: 'polygons',
      polygons: [[ring(0, 0, 4, 0, 0, 4, 0, 0), ring(1, 1, 2, 1, 1, 2, 1, 1)]],
    });
  });
});

describe('ReferenceIndex', () => {
  // Two grids side by side sharing the edge x = 120.101; grid 2 has a hole holding grid 3.
  const size = 0.001;
  function city(): ReferenceIndexBuilder {
    const b = new ReferenceIndexBuilder();
    for (const r of admin()) b.addRegion(r);
    b.addRegion(grid(2, [[square(120.101, 30.2, size), square(120.1014, 30.2004, 0.0002)]]));
    b.addRegion(grid(1, [[square(120.1, 30.2, size)]]));
    b.addRegion(grid(3, [[square(120.1014, 30.2004, 0.0002)]]));
    return b;
  }

  it('finds the grid and its community, street and district', () => {
    const r = city().finish().regionsAt(120.1005, 30.2005);
    expect(r).toEqual({
      grid: { code: '330105001001001', name: '网格1' },
      community: { code: '330105001001', name: '左家新村社区' },
      street: { code: '330105001', name: '米市巷街道' },
      district: { code: '330105', name: '拱墅区' },
    });
  });

  it('gives a point on a shared edge to the lowest grid code, whatever the load order', () => {
    const index = city().finish();
    // x = 120.101 is both grid 1's east edge and grid 2's west edge: 001 < 002.
    expect(index.regionsAt(120.101, 30.2005)?.grid.code).toBe('330105001001001');
    // On the hole's edge: grid 2 (its hole boundary) and grid 3 (its outer edge) → 002.
    expect(index.regionsAt(120.1014, 30.2005)?.grid.code).toBe('330105001001002');
    // Strictly inside the hole: only grid 3.
    expect(index.regionsAt(120.1015, 30.2005)?.grid.code).toBe('330105001001003');
    // Outside every grid.
    expect(index.regionsAt(120.2, 30.2)).toBeNull();
  });

  it('answers no regions for a grid whose community is missing', () => {
    const b = new ReferenceIndexBuilder();
    b.addRegion({ ...grid(1, [[square(120.1, 30.2, size)]]), parentCode: '330105001999' });
    expect(b.finish().regionsAt(120.1005, 30.2005)).toBeNull();
  });

  it('picks the nearest in metres, not in degrees', () => {
    // At 30.2° N a degree of longitude is cos(30.2°) ≈ 0.864 of a degree of latitude:
    // A is 0.00011° east (≈ 10.6 m), B is 0.0001° north (≈ 11.1 m). By degrees B is nearer; in metres A.
    const b = new ReferenceIndexBuilder();
    const at = (lon: number, lat: number, code: string) =>
      b.addComponent({
        code,
        name: '上水井盖',
        state: '完好',
        geometry: { kind: 'points', points: Float64Array.of(lon, lat) },
      });
    at(120.10011, 30.2, '3301050101000001');
    at(120.1, 30.2001, '3301050101000002');
    // Five decoys in a row north, between 11.2 m and 11.6 m: a 5-item shortlist by degrees would miss A.
    for (let i = 0; i < 5; i++) at(120.1 + (i - 2) * 0.00001, 30.2001 + 0.000001 * (i + 1), `330105010100001${i}`);
    const hit = b.finish().reverse(120.1, 30.2).component;
    expect(hit?.code).toBe('3301050101000001');
    expect(hit?.classCode).toBe('0101');
    expect(hit?.distanceM).toBe(sphereDistanceM(120.10011, 30.2, 120.1, 30.2));
    expect(hit?.distanceM).toBeCloseTo(10.58, 1);
  });

  it('breaks equal distances by the lower key (two POIs on one spot)', () => {
    const b = new ReferenceIndexBuilder();
    const poi = (id: string, name: string) =>
      b.addPoi({ id, name, category: 'school', lon: 120.1001, lat: 30.2 });
    poi('b0000000-0000-4000-8000-000000000000', '幼儿园');
    poi('a0000000-0000-4000-8000-000000000000', '小区');
    expect(b.finish().reverse(120.1, 30.2).poi?.name).toBe('小区');
  });

  it('measures a road and a line component to their planar closest point, a polygon as 0 inside', () => {
    const b = new ReferenceIndexBuilder();
    b.addRoad({ id: 'r1', name: '测试路', roadClass: 'branch', line: ring(120.1, 30.2, 120.102, 30.2, 120.102, 30.202) });
    b.addComponent({
      code: '3301050201000001',
      name: '绿地',
      state: '完好',
      geometry: { kind: 'polygons', polygons: [[square(120.1005, 30.2005, 0.001)]] },
    });
    b.addComponent({
      code: '3301050101000001',
      name: '上水井盖',
      state: '完好',
      geometry: { kind: 'points', points: Float64Array.of(120.1009, 30.2009) },
    });
    const index = b.finish();
    // (120.101, 30.2003) lies 0.0003° north of the road's first segment: closest point (120.101, 30.2).
    const r = index.reverse(120.101, 30.2003);
    expect(r.road).toEqual({
      id: 'r1',
      name: '测试路',
      roadClass: 'branch',
      distanceM: sphereDistanceM(120.101, 30.2, 120.101, 30.2003),
    });
    // Inside the green polygon: the polygon is at 0 m, nearer than the manhole cover.
    const inside = index.reverse(120.1008, 30.2008);
    expect(inside.component).toMatchObject({ code: '3301050201000001', distanceM: 0, position: [120.1008, 30.2008] });
    // South-west of the polygon: its closest point is the corner (120.1005, 30.2005).
    const outside = index.reverse(120.1, 30.2);
    expect(outside.component).toMatchObject({ code: '3301050201000001', position: [120.1005, 30.2005] });
  });

  it('holds two million components in compact arrays', () => {
    const n = 2_000_000;
    const b = new ReferenceIndexBuilder(n);
    for (let i = 0; i < n; i++) {
      b.addComponent({
        code: `3301050101${String(i).padStart(6, '0')}`,
        name: '上水井盖',
        state: '完好',
        geometry: { kind: 'points', points: Float64Array.of(120 + (i % 2000) * 1e-4, 30 + Math.floor(i / 2000) * 1e-4) },
      });
    }
    const index = b.finish();
    const stats = index.stats();
    expect(stats.components).toBe(n);
    // Per component: 17 code bytes + 1 length + 4 name + 4 state + 16 coordinates + 4 owner +
    // the R-tree (4 doubles and one uint32 per item, ~7 % more for its nodes) ≈ 86 bytes → ~172 MB.
    expect(stats.componentBytes).toBeLessThan(200 * 2 ** 20);
    expect(index.reverse(120.00001, 30.00001).component?.code).toBe('3301050101000000');
  });
});
