import * as turf from '@turf/turf';
import type { DemoCityDataset, Position } from '@urbangrid/contracts';
import { classesOfProfile, isComponentCode, readClassSeedCsv } from '@urbangrid/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentSpacingFactor, DEMO_COMPONENT_CLASSES, generateDemoComponents } from './components';
import { DISTRICT_CODE, generateDemoCity } from './generate-demo-city';

const city = generateDemoCity({ cases: false });
const components = city.components ?? [];
const district = city.regions[0];

/** The national component classes as the API seeds them (spec data/component-classes.csv). */
const nationalNames = new Map(
  classesOfProfile(
    readClassSeedCsv(
      readFileSync(
        join(__dirname, '../../../apps/api/src/modules/classes/seed/component-classes.csv'),
        'utf8',
      ),
    ),
    'national',
  )
    .filter((c) => c.kind === 'component' && c.level === 'small')
    .map((c) => [c.code, c.name]),
);

const countOf = (d: DemoCityDataset): number => d.components?.length ?? 0;

describe('demo components at scale 1', () => {
  it('number 20,000 to 40,000, with every demo class present', () => {
    expect(components.length).toBeGreaterThanOrEqual(20_000);
    expect(components.length).toBeLessThanOrEqual(40_000);
    const classes = new Set(components.map((c) => c.classCode));
    expect([...classes].sort()).toEqual(DEMO_COMPONENT_CLASSES.map((c) => c.code).sort());
  });

  it('use national small classes under their national names', () => {
    for (const c of DEMO_COMPONENT_CLASSES) expect(nationalNames.get(c.code)).toBe(c.name);
    expect(components.every((c) => nationalNames.get(c.classCode) === c.name)).toBe(true);
  });

  it('all lie inside the district polygon', () => {
    if (district.geometry.type !== 'Polygon') throw new Error('the demo district is one polygon');
    const polygon = turf.polygon(district.geometry.coordinates);
    const outside = components.filter(
      (c) => !turf.booleanPointInPolygon(c.geometry.coordinates as Position, polygon),
    );
    expect(outside).toEqual([]);
  });

  it('have unique, well-formed codes numbered 1..n per class', () => {
    expect(new Set(components.map((c) => c.code)).size).toBe(components.length);
    const perClass = new Map<string, number[]>();
    for (const c of components) {
      expect(isComponentCode(c.code, 'gbt30428-2')).toBe(true);
      // 330105 · class · sequence
      expect(c.code.slice(0, 10)).toBe(DISTRICT_CODE + c.classCode);
      perClass.set(c.classCode, [...(perClass.get(c.classCode) ?? []), Number(c.code.slice(10))]);
    }
    for (const seqs of perClass.values()) expect(seqs).toEqual(seqs.map((_, k) => k + 1));
  });

  it('sit within a few metres of a road centreline', () => {
    const lines = city.roads.map((r) => turf.lineString(r.geometry.coordinates as Position[]));
    // Every 331st component (about 100): the widest setback of the rules is 30 m (public toilets), and a
    // signal sits 9 m along and 9 m across (12.7 m) from its crossing. (Near a junction another
    // road can pass closer than the one a component was placed along, so there is no lower bound.)
    for (let k = 0; k < components.length; k += 331) {
      const p = components[k].geometry.coordinates as Position;
      const nearest = Math.min(...lines.map((l) => turf.pointToLineDistance(p, l, { units: 'meters' })));
      expect(nearest).toBeLessThanOrEqual(30.5);
    }
  });

  it('are mostly 完好, with some 破损, 丢失 and 占用, kept by demo departments', () => {
    const states = new Map<string, number>();
    for (const c of components) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    // Drawn 92 / 4 / 2 / 2 %.
    expect((states.get('完好') ?? 0) / components.length).toBeGreaterThan(0.9);
    expect((states.get('完好') ?? 0) / components.length).toBeLessThan(0.94);
    for (const s of ['破损', '丢失', '占用']) expect(states.get(s) ?? 0).toBeGreaterThan(0);
    const departments = new Set(city.departments.map((d) => d.code));
    expect(components.every((c) => departments.has(c.deptCode) && departments.has(c.maintainerCode))).toBe(
      true,
    );
    expect(components.every((c) => /^2024-0[1-6]-\d{2}$/.test(c.initialDate))).toBe(true);
  });
});

describe('demo components', () => {
  it('are the same for the same seed and differ for another', () => {
    const again = generateDemoComponents(
      { districtCode: DISTRICT_CODE, scale: 1, regions: city.regions, roads: city.roads },
      city.seed,
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(components));
    const other = generateDemoComponents(
      { districtCode: DISTRICT_CODE, scale: 1, regions: city.regions, roads: city.roads },
      42,
    );
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(components));
  });

  it('grow about in proportion to the scale', () => {
    // Road length grows with area, and the components with road length: scale 3 ≈ 3×.
    const ratio = countOf(generateDemoCity({ scale: 3, cases: false })) / components.length;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });

  it('stop growing in proportion above scale 30, so the JSON stays writable', () => {
    // At scale 60 the spacing doubles (60 / 30 = 2): about 30 times the scale-1 count, not 60.
    expect(componentSpacingFactor(1)).toBe(1);
    expect(componentSpacingFactor(27)).toBe(1);
    expect(componentSpacingFactor(30)).toBe(1);
    expect(componentSpacingFactor(60)).toBe(2);
    expect(componentSpacingFactor(100)).toBeCloseTo(3.333, 3);
    const sparse = generateDemoComponents(
      { districtCode: DISTRICT_CODE, scale: 60, regions: city.regions, roads: city.roads },
      city.seed,
    );
    // Same roads, half the stops: about half as many (signals at crossings do not thin out).
    expect(sparse.length / components.length).toBeGreaterThan(0.45);
    expect(sparse.length / components.length).toBeLessThan(0.56);
  });
});
