import * as turf from '@turf/turf';
import type { DemoCityDataset, DemoRegion, Geometry, Position } from '@urbangrid/contracts';
import { ROLE_CODES } from '@urbangrid/contracts';
import { assertGridCodeMatchesCommunity, orderForSequencing, parseGridCode } from '@urbangrid/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, DISTRICT_CODE, generateDemoCity, GRID_ROW_HEIGHT_DEG } from './generate-demo-city';
import { DEMO_PASSWORD, PROFESSIONAL_DEPARTMENTS } from './organization';

const city = generateDemoCity({});
const regions = (d: DemoCityDataset, level: DemoRegion['level']): DemoRegion[] =>
  d.regions.filter((r) => r.level === level);
const streets = regions(city, 'street');
const communities = regions(city, 'community');
const grids = regions(city, 'grid');
const gridsOf = new Map<string, DemoRegion[]>();
for (const g of grids) gridsOf.set(g.parentCode ?? '', [...(gridsOf.get(g.parentCode ?? '') ?? []), g]);

function ringOf(g: Geometry): Position[] {
  if (g.type !== 'Polygon') throw new Error(`expected a Polygon, got ${g.type}`);
  return g.coordinates[0];
}
type PolygonFeature = ReturnType<typeof turf.polygon>;
const feature = (r: DemoRegion): PolygonFeature => turf.polygon([ringOf(r.geometry)]);
const area = (r: DemoRegion): number => turf.area(feature(r));
/** Every few communities, spread over the district. */
const sample = communities.filter((_, k) => k % 7 === 3);

/** Directed edges "a>b" of a ring, keyed by exact coordinates. */
function edges(r: DemoRegion): string[] {
  const ring = ringOf(r.geometry);
  return ring.slice(1).map((b, k) => `${ring[k].join(',')}>${b.join(',')}`);
}
const reverse = (e: string): string => e.split('>').reverse().join('>');

/** Edges of a set of polygons that no other member shares (in reverse): the outline of their union. */
function outerEdges(members: readonly DemoRegion[]): string[] {
  const all = new Set(members.flatMap(edges));
  return [...all].filter((e) => !all.has(reverse(e))).sort();
}

describe('generateDemoCity determinism', () => {
  // The whole dataset, the year of cases included (a few seconds).
  it('gives identical JSON for the same seed', { timeout: 60_000 }, () => {
    expect(JSON.stringify(generateDemoCity({ seed: DEFAULT_SEED, scale: 1 }))).toBe(JSON.stringify(city));
  });

  it('gives a different city for a different seed', () => {
    const other = generateDemoCity({ seed: 42, cases: false });
    expect(JSON.stringify(other.regions)).not.toBe(JSON.stringify(city.regions));
    expect(other.seed).toBe(42);
  });

  it('rejects bad options', () => {
    expect(() => generateDemoCity({ seed: -1 })).toThrow(RangeError);
    expect(() => generateDemoCity({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoCity({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoCity({ scale: Number.NaN })).toThrow(RangeError);
  });
});

describe('demo city at scale 1', () => {
  it('describes Gongshu at real coordinates', () => {
    expect(city.formatVersion).toBe(1);
    expect(city.city.districtCode).toBe('330105');
    expect(city.city.name).toBe('杭州市拱墅区（演示）');
    const [minLon, minLat, maxLon, maxLat] = city.city.extent;
    expect(minLon).toBeGreaterThanOrEqual(120.12);
    expect(maxLon).toBeLessThanOrEqual(120.18);
    expect(minLat).toBeGreaterThanOrEqual(30.29);
    expect(maxLat).toBeLessThanOrEqual(30.35);
    expect(city.city.center[0]).toBeCloseTo((minLon + maxLon) / 2, 6);
    expect(city.city.center[1]).toBeCloseTo((minLat + maxLat) / 2, 6);
    expect(turf.bbox(feature(city.regions[0]))).toEqual(city.city.extent);
  });

  it('has 4-8 streets, 30-60 communities and 1,000-2,000 grids', () => {
    expect(regions(city, 'district')).toHaveLength(1);
    expect(streets.length).toBeGreaterThanOrEqual(4);
    expect(streets.length).toBeLessThanOrEqual(8);
    expect(communities.length).toBeGreaterThanOrEqual(30);
    expect(communities.length).toBeLessThanOrEqual(60);
    expect(grids.length).toBeGreaterThanOrEqual(1000);
    expect(grids.length).toBeLessThanOrEqual(2000);
  });

  it('keeps every grid between 2,000 and 50,000 m² with a mean near 10,000 m²', () => {
    const areas = grids.map(area);
    expect(Math.min(...areas)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...areas)).toBeLessThanOrEqual(50000);
    const mean = areas.reduce((a, b) => a + b, 0) / areas.length;
    expect(mean).toBeGreaterThanOrEqual(8000);
    expect(mean).toBeLessThanOrEqual(12000);
  });

  it('lists parents before children', () => {
    const seen = new Set<string>();
    for (const r of city.regions) {
      if (r.parentCode !== null) expect(seen.has(r.parentCode)).toBe(true);
      seen.add(r.code);
    }
    expect(city.regions.map((r) => r.level)).toEqual([
      'district',
      ...streets.map(() => 'street'),
      ...communities.map(() => 'community'),
      ...grids.map(() => 'grid'),
    ]);
  });

  it('gives valid, unique codes whose prefixes are their parents', () => {
    const codes = city.regions.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(city.regions[0]).toMatchObject({ code: DISTRICT_CODE, parentCode: null });
    for (const s of streets) {
      expect(s.code).toMatch(/^330105\d{3}$/);
      expect(s.parentCode).toBe(DISTRICT_CODE);
    }
    for (const c of communities) {
      expect(c.code).toMatch(/^\d{12}$/);
      expect(c.code.slice(0, 9)).toBe(c.parentCode);
    }
    for (const g of grids) {
      expect(() => assertGridCodeMatchesCommunity(g.code, g.parentCode ?? '', 'gbt30428-15')).not.toThrow();
      expect(parseGridCode(g.code, 'gbt30428-15').districtCode).toBe(DISTRICT_CODE);
    }
  });

  it('numbers grids 1..n west to east, then north to south, and names them after the community', () => {
    for (const c of communities) {
      const own = gridsOf.get(c.code) ?? [];
      expect(own.map((g) => parseGridCode(g.code, 'gbt30428-15').sequence)).toEqual(own.map((_, k) => k + 1));
      const centroid = (g: DemoRegion): [number, number] => {
        const [x, y] = turf.centroid(feature(g)).geometry.coordinates;
        return [x, y];
      };
      expect(orderForSequencing(own, centroid, GRID_ROW_HEIGHT_DEG).map((g) => g.code)).toEqual(
        own.map((g) => g.code),
      );
      own.forEach((g, k) => expect(g.name).toBe(`${c.name}第${k + 1}网格`));
    }
  });

  it('uses unique names for streets, communities and roads', () => {
    for (const list of [streets, communities])
      expect(new Set(list.map((r) => r.name)).size).toBe(list.length);
    expect(streets.every((s) => s.name.endsWith('街道'))).toBe(true);
    expect(communities.every((c) => c.name.endsWith('社区'))).toBe(true);
    expect(new Set(city.roads.map((r) => r.name)).size).toBe(city.roads.length);
  });

  it('stores simple counter-clockwise polygons with 7-decimal coordinates', () => {
    for (const r of city.regions) {
      const ring = ringOf(r.geometry);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(new Set(ring.slice(1).map((p) => p.join(','))).size).toBe(ring.length - 1);
      expect(turf.booleanClockwise(ring)).toBe(false);
      for (const p of ring)
        for (const x of p) expect(Math.abs(x * 1e7 - Math.round(x * 1e7))).toBeLessThan(1e-6);
    }
    for (const r of [
      ...city.regions.slice(0, 1 + streets.length),
      ...sample,
      ...grids.filter((_, k) => k % 25 === 0),
    ]) {
      expect(turf.booleanValid(feature(r))).toBe(true);
      expect(turf.kinks(feature(r)).features).toHaveLength(0);
    }
  });
});

describe('tiling', () => {
  it('grids of a community share exact edges and their outline is the community outline', () => {
    for (const c of communities) expect(outerEdges(gridsOf.get(c.code) ?? [])).toEqual([...edges(c)].sort());
  });

  it('communities tile their street and streets tile the district, edge for edge', () => {
    for (const s of streets)
      expect(outerEdges(communities.filter((c) => c.parentCode === s.code))).toEqual([...edges(s)].sort());
    expect(outerEdges(streets)).toEqual([...edges(city.regions[0])].sort());
    expect(outerEdges(grids)).toEqual([...edges(city.regions[0])].sort());
  });

  it('areas add up: grids to communities, communities to streets, streets to the district', () => {
    const sum = (rs: readonly DemoRegion[]): number => rs.reduce((a, r) => a + area(r), 0);
    for (const c of communities)
      expect(Math.abs(sum(gridsOf.get(c.code) ?? []) / area(c) - 1)).toBeLessThan(0.005);
    for (const s of streets) {
      expect(Math.abs(sum(communities.filter((c) => c.parentCode === s.code)) / area(s) - 1)).toBeLessThan(
        0.001,
      );
    }
    expect(Math.abs(sum(streets) / area(city.regions[0]) - 1)).toBeLessThan(0.001);
  });

  it('sampled communities: union of grids equals the community, grids do not overlap and lie inside', () => {
    expect(sample.length).toBeGreaterThanOrEqual(4);
    for (const c of sample) {
      const own = (gridsOf.get(c.code) ?? []).map(feature);
      const community = feature(c);
      const union = turf.union(turf.featureCollection(own));
      expect(union?.geometry.type).toBe('Polygon');
      expect(Math.abs(turf.area(union as PolygonFeature) - turf.area(community))).toBeLessThan(1);
      for (const g of own) {
        expect(turf.booleanPointInPolygon(turf.centroid(g), community)).toBe(true);
        const outside = turf.difference(turf.featureCollection([g, community]));
        expect(outside === null ? 0 : turf.area(outside)).toBeLessThan(1);
      }
      const boxes = own.map((g) => turf.bbox(g));
      for (let a = 0; a < own.length; a++) {
        for (let b = a + 1; b < own.length; b++) {
          const [ax0, ay0, ax1, ay1] = boxes[a];
          const [bx0, by0, bx1, by1] = boxes[b];
          if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
          // Not turf.booleanOverlap: it reports any two polygons sharing an edge as overlapping.
          const both = turf.intersect(turf.featureCollection([own[a], own[b]]));
          expect(both === null ? 0 : turf.area(both)).toBeLessThan(0.01);
        }
      }
    }
  });
});

describe('roads', () => {
  it('has every road class as named LineStrings', () => {
    const classes = new Set(city.roads.map((r) => r.roadClass));
    expect([...classes].sort()).toEqual(['arterial', 'branch', 'lane', 'secondary']);
    for (const r of city.roads) {
      expect(r.geometry.type).toBe('LineString');
      if (r.geometry.type === 'LineString') expect(r.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(r.name).toMatch(/^\p{Script=Han}+\d*\p{Script=Han}*$/u);
    }
    expect(city.roads.filter((r) => r.roadClass === 'arterial').length).toBeGreaterThanOrEqual(3);
  });

  it('runs along grid edges: every road vertex is a grid vertex', () => {
    const vertices = new Set(grids.flatMap((g) => ringOf(g.geometry).map((p) => p.join(','))));
    for (const r of city.roads) {
      if (r.geometry.type !== 'LineString') continue;
      for (const p of r.geometry.coordinates) expect(vertices.has(p.join(','))).toBe(true);
    }
  });

  it('street and community boundaries follow arterials and secondaries', () => {
    const major = new Set(
      city.roads
        .filter((r) => r.roadClass === 'arterial' || r.roadClass === 'secondary')
        .flatMap((r) =>
          r.geometry.type === 'LineString' ? r.geometry.coordinates.map((p) => p.join(',')) : [],
        ),
    );
    for (const c of communities)
      for (const p of ringOf(c.geometry)) expect(major.has(p.join(','))).toBe(true);
  });
});

describe('organisation', () => {
  it('has the nine professional departments, a sub-unit and one office per street', () => {
    const codes = city.departments.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['HW', 'SZ', 'YL', 'JT', 'ZF', 'GS', 'RQ', 'DL', 'TX']));
    expect(city.departments.find((d) => d.code === 'HW-01')).toMatchObject({
      name: '环卫一所',
      parentCode: 'HW',
    });
    for (const s of streets) {
      expect(city.departments.find((d) => d.code === `JD-${s.code}`)).toMatchObject({
        name: `${s.name}办事处`,
      });
    }
    const seen = new Set<string>();
    for (const d of city.departments) {
      if (d.parentCode !== null) expect(seen.has(d.parentCode)).toBe(true);
      seen.add(d.code);
      expect(d.nameEn).toMatch(/^[A-Za-z0-9 -]+$/);
    }
  });

  it('has users for every role, an inspector per street and a handler per professional department', () => {
    for (const role of ROLE_CODES) expect(city.users.some((u) => u.role === role)).toBe(true);
    expect(city.users.filter((u) => u.role === 'inspector').length).toBeGreaterThanOrEqual(streets.length);
    for (const d of PROFESSIONAL_DEPARTMENTS) {
      expect(city.users.find((u) => u.username === `dept-${d.code.toLowerCase()}`)).toMatchObject({
        role: 'department',
        departmentCode: d.code,
      });
    }
    const usernames = city.users.map((u) => u.username);
    expect(usernames).toEqual(
      expect.arrayContaining([
        'inspector01',
        'operator01',
        'shiftlead01',
        'dispatcher01',
        'leader01',
        'admin',
      ]),
    );
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(new Set(city.users.map((u) => u.displayName)).size).toBe(city.users.length);
    for (const u of city.users) {
      expect(u.username).toMatch(/^[a-z0-9][a-z0-9._-]{1,63}$/);
      expect(u.displayName).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(u.password).toBe(DEMO_PASSWORD);
      expect(u.departmentCode !== null).toBe(u.role === 'department');
    }
  });
});

describe('scale', () => {
  it('grows the city with the area: scale 4 has about four times the grids', () => {
    const big = generateDemoCity({ scale: 4, cases: false });
    const ratio = regions(big, 'grid').length / grids.length;
    expect(ratio).toBeGreaterThan(3.4);
    expect(ratio).toBeLessThan(4.6);
    expect(regions(big, 'street').length).toBeGreaterThan(streets.length);
    expect(outerEdges(regions(big, 'street'))).toEqual([...edges(big.regions[0])].sort());
  });

  it.each([1, 99, 31337])('stays in range and tiles exactly for seed %i', (seed) => {
    const other = generateDemoCity({ seed, cases: false });
    expect(regions(other, 'street').length).toBeGreaterThanOrEqual(4);
    expect(regions(other, 'street').length).toBeLessThanOrEqual(8);
    expect(regions(other, 'community').length).toBeGreaterThanOrEqual(30);
    expect(regions(other, 'community').length).toBeLessThanOrEqual(60);
    expect(regions(other, 'grid').length).toBeGreaterThanOrEqual(1000);
    expect(regions(other, 'grid').length).toBeLessThanOrEqual(2000);
    expect(outerEdges(regions(other, 'grid'))).toEqual([...edges(other.regions[0])].sort());
  });

  it('still makes a whole city at the smallest scale', () => {
    const small = generateDemoCity({ scale: 0.1, seed: 7, cases: false });
    expect(regions(small, 'street').length).toBeGreaterThanOrEqual(1);
    expect(regions(small, 'grid').length).toBeGreaterThan(50);
    expect(outerEdges(regions(small, 'grid'))).toEqual([...edges(small.regions[0])].sort());
  });
});
