import * as turf from '@turf/turf';
import type { DemoCityDataset, DemoGeocodingData, Position } from '@urbangrid/contracts';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generateGeocodingData } from './addresses';
import { generateDemoCity } from './generate-demo-city';

const city: DemoCityDataset = generateDemoCity({ scale: 1, cases: false });
const data = city.geocoding as DemoGeocodingData;
const district = city.regions.find((r) => r.level === 'district')?.geometry as Polygon;
const roadLine = new Map(city.roads.map((r) => [r.name, r.geometry.coordinates as Position[]]));

/** Distance along the road (km) of the point's foot, and which side of the road it stands on. */
function placeOnRoad(road: string, p: Position): { along: number; side: 'left' | 'right' } {
  const line = roadLine.get(road) as Position[];
  const foot = turf.nearestPointOnLine(turf.lineString(line), p);
  const k = Math.min(foot.properties.index, line.length - 2);
  const [a, b] = [line[k], line[k + 1]];
  // z of (b − a) × (p − a): positive when p is left of the segment's direction.
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  return { along: foot.properties.location, side: cross > 0 ? 'left' : 'right' };
}

describe('demo geocoding data', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const input = { regions: city.regions, roads: city.roads };
    expect(generateGeocodingData(input, city.seed)).toEqual(data);
    expect(generateGeocodingData(input, city.seed + 1).addressPoints).not.toEqual(data.addressPoints);
  });

  it('has counts in range at scale 1: about 12,000 house numbers, a few hundred POIs', () => {
    // 309 roads, ~160 km of centreline; two sides every 15–40 m (mean 27.5 m) ≈ 11,600 numbers.
    expect(data.addressPoints.length).toBeGreaterThan(8_000);
    expect(data.addressPoints.length).toBeLessThan(16_000);
    expect(data.pois.length).toBeGreaterThan(250);
    expect(data.pois.length).toBeLessThan(500);
    expect(data.roadAliases.length).toBeGreaterThanOrEqual(3);
    expect(data.roadAliases.some((a) => a.kind === 'former')).toBe(true);
    // Every road with numbers has a range on at least one side, and every name has one numbering.
    const numbered = new Set(data.addressPoints.map((a) => a.road));
    expect(new Set(data.roadRanges.map((r) => r.road))).toEqual(numbered);
    expect(numbered.size).toBeGreaterThan(city.roads.length * 0.9);
  });

  it('puts odd numbers on the left of the road and even numbers on the right', () => {
    const wrong = data.addressPoints.filter((a) => {
      const { side } = placeOnRoad(a.road, a.position);
      return side !== (a.number % 2 === 1 ? 'left' : 'right');
    });
    expect(wrong).toEqual([]);
  });

  it('makes numbers increase along the road on each side, and records each side’s range', () => {
    for (const range of data.roadRanges) {
      const points = data.addressPoints
        .filter(
          (a) => a.road === range.road && a.suffix === '' && (a.number % 2 === 1) === (range.side === 'left'),
        )
        .sort((x, y) => x.number - y.number);
      const along = points.map((a) => placeOnRoad(a.road, a.position).along);
      for (let k = 1; k < along.length; k++) expect(along[k]).toBeGreaterThan(along[k - 1]);
      // Left starts at 1, right at 2, and steps by two with no gaps.
      expect(range).toMatchObject({
        from: range.side === 'left' ? 1 : 2,
        to: points[points.length - 1].number,
        parity: range.side === 'left' ? 'odd' : 'even',
      });
      expect(points.map((a) => a.number)).toEqual(points.map((_, k) => range.from + 2 * k));
    }
  });

  it('stands every house number 10–15 m off its centreline (split plots up to 23 m)', () => {
    for (const a of data.addressPoints.filter((_, k) => k % 7 === 0)) {
      const line = turf.lineString(roadLine.get(a.road) as Position[]);
      const metres = turf.pointToLineDistance(a.position, line, { units: 'meters' });
      expect(metres).toBeGreaterThan(a.suffix === '' ? 9.9 : 0);
      expect(metres).toBeLessThan(a.suffix === '甲' ? 23.1 : 15.1);
    }
  });

  it('keeps every address point and POI inside the district', () => {
    const outside = [...data.addressPoints, ...data.pois].filter(
      (p) => !turf.booleanPointInPolygon(p.position, district),
    );
    expect(outside).toEqual([]);
  });

  it('gives POIs unique names and every gate a park as parent', () => {
    expect(new Set(data.pois.map((p) => p.name)).size).toBe(data.pois.length);
    const keys = new Map(data.pois.map((p) => [p.key, p]));
    const gates = data.pois.filter((p) => p.category === 'entrance');
    expect(gates.length).toBeGreaterThan(0);
    for (const gate of gates) {
      const park = keys.get(gate.parentKey ?? '');
      expect(park?.category).toBe('park');
      expect(gate.name.startsWith(park?.name ?? '?')).toBe(true);
      expect(gate.name).toMatch(/[东南西北]门$/u);
    }
    const categories = new Set(data.pois.map((p) => p.category));
    for (const c of [
      'park',
      'school',
      'hospital',
      'bus-stop',
      'mall',
      'government',
      'residential',
    ] as const) {
      expect(categories.has(c)).toBe(true);
    }
  });
});
