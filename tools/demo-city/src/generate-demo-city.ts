import * as turf from '@turf/turf';
import type {
  BBox,
  DemoCityDataset,
  DemoRegion,
  DemoRoad,
  Geometry,
  Position,
  RoadClass,
} from '@urbangrid/contracts';
import { composeGridCode, orderForSequencing } from '@urbangrid/domain';
import { generateGeocodingData } from './addresses';
import { planCell, cellPoint, type CellPlan, type CellRoad } from './cell-plan';
import { generateDemoCases } from './cases';
import { generateDemoComponents } from './components';
import { cellsOutline, closeRing, LineVertices, makeProjection, rectOutline, round7 } from './geometry';
import {
  biteEdges,
  blockCells,
  buildLattice,
  isPresent,
  node,
  vEdgePoint,
  hEdgePoint,
  type Lattice,
  type Vec,
} from './lattice';
import {
  branchRoadNamePool,
  communityNamePool,
  laneNamePool,
  majorRoadNamePool,
  streetNamePool,
} from './names';
import { buildDispatchRules } from './dispatch-rules';
import { buildDepartments, buildUsers } from './organization';
import { Rng } from './random';

export interface DemoCityOptions {
  /** Unsigned 32-bit integer; the same seed always gives the same city. */
  seed?: number;
  /** Area multiplier: scale N gives about N times as many unit grids. */
  scale?: number;
  /** Add the year of demo cases (default true; specs of the city's shape leave them out for speed). */
  cases?: boolean;
}

export const DEFAULT_SEED = 20260101;
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 100;

/** 杭州市拱墅区 (GB/T 2260). */
export const DISTRICT_CODE = '330105';
const CITY_NAME = '杭州市拱墅区（演示）';
const CITY_NAME_EN = 'Gongshu District, Hangzhou (demo)';
const DISTRICT_NAME = '拱墅区';
/** Near the real district, between the Grand Canal and Zhongshan North Road. */
const CENTER: Position = [120.15, 30.32];
/** Lattice area at scale 1 before edge bites; about 15 km² and 1,500 grids remain. */
const BASE_AREA_M2 = 16e6;
const ASPECT = 1.15;
/** Mean spacing of arterial and secondary roads (m). */
const MAJOR_ROAD_SPACING_M = 540;
/** 万米单元网格. */
const GRID_AREA_M2 = 10_000;
/** Row height for west-to-east, north-to-south numbering: about one grid (100 m). */
export const GRID_ROW_HEIGHT_DEG = 0.0009;
const MAX_CODE_SEQUENCE = 999;

type Cell = readonly [number, number];

export function validateOptions(options: DemoCityOptions): { seed: number; scale: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer 0..4294967295, got ${seed}`);
  }
  if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new RangeError(`scale must be a number ${MIN_SCALE}..${MAX_SCALE}, got ${scale}`);
  }
  return { seed, scale };
}

const pad3 = (n: number): string => {
  if (n > MAX_CODE_SEQUENCE) throw new RangeError(`more than ${MAX_CODE_SEQUENCE} children under one parent`);
  return String(n).padStart(3, '0');
};

const polygon = (ring: Position[]): Geometry => ({ type: 'Polygon', coordinates: [ring] });

/** North to south, then west to east: the reading order used for every code sequence. */
const readingOrder = (a: Cell, b: Cell): number => b[1] - a[1] || a[0] - b[0];

interface Street {
  code: string;
  name: string;
  nameEn: string;
  cells: Cell[];
}

interface Community {
  code: string;
  name: string;
  streetCode: string;
  cells: Cell[];
}

/** Streets are the blocks between arterials, numbered north to south, west to east. */
function planStreets(l: Lattice, rng: Rng, used: Set<string>): Street[] {
  const names = streetNamePool(rng, used);
  const streets: Street[] = [];
  for (let gy = l.rowGroups.length - 1; gy >= 0; gy--) {
    for (let gx = 0; gx < l.colGroups.length; gx++) {
      const cells = blockCells(l, gx, gy);
      if (cells.length === 0) continue;
      const name = names.next();
      streets.push({ code: DISTRICT_CODE + pad3(streets.length + 1), name: name.zh, nameEn: name.en, cells });
    }
  }
  return streets;
}

/** A community is one lattice cell, or now and then two neighbouring cells of the same street. */
function planCommunities(streets: readonly Street[], rng: Rng, used: Set<string>): Community[] {
  const names = communityNamePool(rng, used);
  const out: Community[] = [];
  for (const street of streets) {
    const inStreet = new Set(street.cells.map(([i, j]) => `${i},${j}`));
    const taken = new Set<string>();
    let seq = 0;
    for (const cell of [...street.cells].sort(readingOrder)) {
      const key = `${cell[0]},${cell[1]}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const cells: Cell[] = [cell];
      if (rng.chance(0.12)) {
        const partner = (
          [
            [cell[0] + 1, cell[1]],
            [cell[0], cell[1] - 1],
          ] as const
        ).find(([i, j]) => inStreet.has(`${i},${j}`) && !taken.has(`${i},${j}`));
        if (partner) {
          taken.add(`${partner[0]},${partner[1]}`);
          cells.push(partner);
        }
      }
      out.push({ code: street.code + pad3(++seq), name: names.next(), streetCode: street.code, cells });
    }
  }
  return out;
}

function cellRoadLine(l: Lattice, lv: LineVertices, plan: CellPlan, road: CellRoad): Vec[] {
  const { i, j } = plan;
  const p = (t: number): Vec =>
    road.axis === 'u' ? cellPoint(l, i, j, road.at, t) : cellPoint(l, i, j, t, road.at);
  return [p(road.from), ...lv.between(i, j, road.axis, road.at, road.from, road.to).map(p), p(road.to)];
}

/**
 * Arterials (street boundaries) and secondaries (community boundaries) along lattice lines,
 * clipped to the district; a line cut by an edge bite becomes two roads.
 */
interface PlannedRoad {
  name: string;
  roadClass: RoadClass;
  points: Vec[];
}

function majorRoads(l: Lattice, lv: LineVertices, rng: Rng, used: Set<string>): PlannedRoad[] {
  const arterialNames = majorRoadNamePool(rng, used, 'arterial');
  const secondaryNames = majorRoadNamePool(rng, used, 'secondary');
  const boundaries = (sizes: readonly number[]): Set<number> => {
    const out = new Set([0]);
    sizes.reduce((acc, s) => (out.add(acc + s), acc + s), 0);
    return out;
  };
  const colArterial = boundaries(l.colGroups);
  const rowArterial = boundaries(l.rowGroups);
  const out: { roadClass: RoadClass; points: Vec[] }[] = [];
  const runs = (count: number, covered: (k: number) => boolean): [number, number][] => {
    const result: [number, number][] = [];
    for (let k = 0; k < count; k++) {
      if (!covered(k)) continue;
      const start = k;
      while (k + 1 < count && covered(k + 1)) k++;
      result.push([start, k]);
    }
    return result;
  };
  for (let i = 0; i <= l.nx; i++) {
    const roadClass: RoadClass = colArterial.has(i) ? 'arterial' : 'secondary';
    for (const [a, b] of runs(l.ny, (j) => isPresent(l, i - 1, j) || isPresent(l, i, j))) {
      const points: Vec[] = [];
      for (let j = a; j <= b; j++)
        points.push(node(l, i, j), ...lv.vEdge(i, j).map((t) => vEdgePoint(l, i, j, t)));
      points.push(node(l, i, b + 1));
      out.push({ roadClass, points });
    }
  }
  for (let j = l.ny; j >= 0; j--) {
    const roadClass: RoadClass = rowArterial.has(j) ? 'arterial' : 'secondary';
    for (const [a, b] of runs(l.nx, (i) => isPresent(l, i, j - 1) || isPresent(l, i, j))) {
      const points: Vec[] = [];
      for (let i = a; i <= b; i++)
        points.push(node(l, i, j), ...lv.hEdge(i, j).map((t) => hEdgePoint(l, i, j, t)));
      points.push(node(l, b + 1, j));
      out.push({ roadClass, points });
    }
  }
  // Names are drawn after the geometry so that arterials and secondaries each take their own list in order.
  return out.map((r) => ({
    ...r,
    name: (r.roadClass === 'arterial' ? arterialNames : secondaryNames).next(),
  }));
}

/** Generates the demo city. Pure: the result depends only on `seed` and `scale`. */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCityDataset {
  const { seed, scale } = validateOptions(options);
  const area = BASE_AREA_M2 * scale;
  const width = Math.sqrt(area * ASPECT);
  const lattice = buildLattice(
    { width, height: area / width, spacing: MAJOR_ROAD_SPACING_M },
    Rng.for(seed, 'lattice'),
  );
  biteEdges(lattice, Rng.for(seed, 'edges'));
  const project = makeProjection(CENTER, Rng.for(seed, 'rotation').range(-8, 8));
  const ring = (points: readonly Vec[]): Position[] => closeRing(points.map(project));

  const usedNames = new Set<string>();
  const streets = planStreets(lattice, Rng.for(seed, 'streets'), usedNames);
  const communities = planCommunities(streets, Rng.for(seed, 'communities'), usedNames);

  // Each cell draws from its own stream, so changing one cell's rules leaves the others as they are.
  const plans = new Map<string, CellPlan>();
  const lv = new LineVertices(lattice);
  for (const street of streets) {
    for (const [i, j] of street.cells) {
      const plan = planCell(lattice, i, j, Rng.for(seed, `cell:${i}:${j}`), { gridArea: GRID_AREA_M2 });
      plans.set(`${i},${j}`, plan);
      for (const r of plan.grids) lv.addRect(i, j, r);
    }
  }
  lv.seal();

  const allCells = streets.flatMap((s) => s.cells);
  const districtGeometry = polygon(ring(cellsOutline(lattice, lv, allCells)));
  const regions: DemoRegion[] = [
    {
      level: 'district',
      code: DISTRICT_CODE,
      name: DISTRICT_NAME,
      parentCode: null,
      geometry: districtGeometry,
    },
    ...streets.map((s): DemoRegion => ({
      level: 'street',
      code: s.code,
      name: s.name,
      parentCode: DISTRICT_CODE,
      geometry: polygon(ring(cellsOutline(lattice, lv, s.cells))),
    })),
    ...communities.map((c): DemoRegion => ({
      level: 'community',
      code: c.code,
      name: c.name,
      parentCode: c.streetCode,
      geometry: polygon(ring(cellsOutline(lattice, lv, c.cells))),
    })),
  ];

  for (const community of communities) {
    const grids = community.cells.flatMap(([i, j]) => {
      const plan = plans.get(`${i},${j}`);
      if (!plan) throw new Error(`no plan for cell ${i},${j}`);
      return plan.grids.map((r) => {
        const coordinates = ring(rectOutline(lattice, lv, plan, r));
        const centroid = turf.centroid(turf.polygon([coordinates])).geometry.coordinates;
        return { coordinates, centroid: [centroid[0], centroid[1]] as [number, number] };
      });
    });
    orderForSequencing(grids, (g) => g.centroid, GRID_ROW_HEIGHT_DEG).forEach((g, k) => {
      const areaM2 = turf.area(turf.polygon([g.coordinates]));
      if (areaM2 < 500)
        throw new Error(`grid ${k + 1} of ${community.code} is a sliver (${areaM2.toFixed(0)} m²)`);
      regions.push({
        level: 'grid',
        code: composeGridCode(community.code, k + 1, 'gbt30428-15'),
        name: `${community.name}第${k + 1}网格`,
        parentCode: community.code,
        geometry: polygon(g.coordinates),
      });
    });
  }

  const roadRng = Rng.for(seed, 'roads');
  const branchNames = branchRoadNamePool(roadRng, usedNames);
  const laneNames = laneNamePool(roadRng, usedNames);
  const lineString = (points: readonly Vec[]): Geometry => ({
    type: 'LineString',
    coordinates: points.map(project),
  });
  const roads: DemoRoad[] = majorRoads(lattice, lv, roadRng, usedNames).map((r) => ({
    name: r.name,
    roadClass: r.roadClass,
    geometry: lineString(r.points),
  }));
  const orderedPlans = [...plans.values()].sort((a, b) => readingOrder([a.i, a.j], [b.i, b.j]));
  for (const plan of orderedPlans) {
    for (const road of plan.branchRoads) {
      roads.push({
        name: branchNames.next(),
        roadClass: 'branch',
        geometry: lineString(cellRoadLine(lattice, lv, plan, road)),
      });
    }
  }
  for (const plan of orderedPlans) {
    for (const road of plan.lanes) {
      roads.push({
        name: laneNames.next(),
        roadClass: 'lane',
        geometry: lineString(cellRoadLine(lattice, lv, plan, road)),
      });
    }
  }

  const [minLon, minLat, maxLon, maxLat] = turf.bbox(districtGeometry);
  const extent: BBox = [minLon, minLat, maxLon, maxLat];
  const departments = buildDepartments(streets);
  const dispatchRules = buildDispatchRules();
  const users = buildUsers(
    streets.length,
    Rng.for(seed, 'people'),
    streets.map((s) => s.code),
  );
  const components = generateDemoComponents({ districtCode: DISTRICT_CODE, scale, regions, roads }, seed);
  return {
    formatVersion: 1,
    seed,
    scale,
    city: {
      name: CITY_NAME,
      nameEn: CITY_NAME_EN,
      districtCode: DISTRICT_CODE,
      center: [round7((minLon + maxLon) / 2), round7((minLat + maxLat) / 2)],
      extent,
    },
    regions,
    roads,
    departments,
    dispatchRules,
    users,
    components,
    geocoding: generateGeocodingData({ regions, roads }, seed),
    ...(options.cases === false
      ? {}
      : {
          cases: generateDemoCases({ regions, components, departments, users, dispatchRules }, seed, scale),
        }),
  };
}
