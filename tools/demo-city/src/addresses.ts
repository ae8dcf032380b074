import * as turf from '@turf/turf';
import type {
  DemoAddressPoint,
  DemoGeocodingData,
  DemoPoi,
  DemoRegion,
  DemoRoad,
  DemoRoadAlias,
  DemoRoadRange,
  Geometry,
  Position,
} from '@urbangrid/contracts';
import type { Polygon } from 'geojson';
import { round7 } from './geometry';
import { Rng } from './random';

/** Spacing of 门(楼)牌 along a road side (m). */
export const ADDRESS_SPACING_M: readonly [number, number] = [15, 40];
/** How far a 门(楼)牌 stands from the centreline, into the block (m). */
export const ADDRESS_OFFSET_M: readonly [number, number] = [10, 15];
/** Numbers start this far from either end, clear of the crossing (m). */
const END_CLEARANCE_M = 8;
/** Bus stops along arterials and secondaries, about this far apart (m). */
const BUS_STOP_SPACING_M: readonly [number, number] = [300, 500];
/** Gates of a park stand this far from its centre (m). */
const PARK_GATE_DISTANCE_M = 60;

/** 曾用名 former names typical of renamings in the 1960s–80s, given back to a few roads. */
const FORMER_NAMES = [
  '红旗路',
  '东风路',
  '胜利路',
  '建设路',
  '跃进路',
  '工农路',
  '前进路',
  '向阳路',
  '卫东路',
  '反修路',
  '朝阳路',
  '红卫路',
  '长征路',
  '东方红路',
  '立新路',
  '光明路',
];

const GATES: readonly { word: string; east: number; north: number }[] = [
  { word: '东门', east: 1, north: 0 },
  { word: '南门', east: 0, north: -1 },
  { word: '西门', east: -1, north: 0 },
  { word: '北门', east: 0, north: 1 },
];

type Xy = readonly [number, number];

/** Equirectangular plane in metres around `origin`, accurate to far below a metre over a district. */
function plane(origin: Position): { toXy: (p: Position) => Xy; toLonLat: (p: Xy) => Position } {
  const m = (6371008.8 * Math.PI) / 180;
  const kx = m * Math.cos((origin[1] * Math.PI) / 180);
  return {
    toXy: (p) => [(p[0] - origin[0]) * kx, (p[1] - origin[1]) * m],
    toLonLat: ([x, y]) => [round7(origin[0] + x / kx), round7(origin[1] + y / m)],
  };
}

/** A point at `d` metres along a polyline, with the unit direction of its segment. */
function along(line: readonly Xy[], cumulative: readonly number[], d: number): { p: Xy; dir: Xy } {
  let k = 0;
  while (k < line.length - 2 && cumulative[k + 1] < d) k++;
  const [a, b] = [line[k], line[k + 1]];
  const len = cumulative[k + 1] - cumulative[k];
  const t = len === 0 ? 0 : (d - cumulative[k]) / len;
  return {
    p: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t],
    dir: len === 0 ? [1, 0] : [(b[0] - a[0]) / len, (b[1] - a[1]) / len],
  };
}

function cumulativeLengths(line: readonly Xy[]): number[] {
  const out = [0];
  for (let i = 1; i < line.length; i++)
    out.push(out[i - 1] + Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]));
  return out;
}

function segmentDistance(p: Xy, a: Xy, b: Xy): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

const lineCoords = (g: Geometry): Position[] => {
  if (g.type !== 'LineString') throw new Error(`road geometry must be a LineString, got ${g.type}`);
  return g.coordinates;
};

const stemOf = (name: string, suffix: RegExp): string => name.replace(suffix, '');

export interface GeocodingInput {
  regions: readonly DemoRegion[];
  roads: readonly DemoRoad[];
}

/**
 * Geocoding data for the demo city (GB/T 30428.3): 门(楼)牌 along every named road — odd numbers
 * on the left of the drawing direction, even on the right, increasing along it — with each side's
 * range for interpolation, a few 别名/曾用名, and a few hundred 兴趣点. Deterministic from `seed`;
 * every point lies inside the district.
 */
export function generateGeocodingData(input: GeocodingInput, seed: number): DemoGeocodingData {
  const district = input.regions.find((r) => r.level === 'district');
  if (!district || district.geometry.type !== 'Polygon') throw new Error('the district must be one Polygon');
  const districtPolygon = turf.polygon(district.geometry.coordinates);
  const inside = (p: Position): boolean => turf.booleanPointInPolygon(p, districtPolygon);
  const origin = turf.centroid(districtPolygon).geometry.coordinates;
  const { toXy, toLonLat } = plane([origin[0], origin[1]]);

  const { addressPoints, roadRanges } = addressesAlongRoads(
    input.roads,
    Rng.for(seed, 'addresses'),
    inside,
    toXy,
    toLonLat,
  );
  const roadAliases = aliasesForRoads(input.roads, Rng.for(seed, 'road-aliases'));
  const pois = placePois(input, Rng.for(seed, 'pois'), inside, toXy, toLonLat);
  return { roadRanges, roadAliases, addressPoints, pois };
}

function addressesAlongRoads(
  roads: readonly DemoRoad[],
  rng: Rng,
  inside: (p: Position) => boolean,
  toXy: (p: Position) => Xy,
  toLonLat: (p: Xy) => Position,
): { addressPoints: DemoAddressPoint[]; roadRanges: DemoRoadRange[] } {
  const addressPoints: DemoAddressPoint[] = [];
  const roadRanges: DemoRoadRange[] = [];
  const seen = new Set<string>();
  for (const road of roads) {
    if (seen.has(road.name)) continue; // one numbering per road name
    seen.add(road.name);
    const line = lineCoords(road.geometry).map(toXy);
    const cumulative = cumulativeLengths(line);
    const length = cumulative[cumulative.length - 1];
    // Left (+1) takes odd numbers, right (−1) even, both increasing from the first vertex.
    for (const [side, sign, first] of [
      ['left', 1, 1],
      ['right', -1, 2],
    ] as const) {
      let next = first;
      const numbers: number[] = [];
      for (
        let d = END_CLEARANCE_M + rng.range(0, 10);
        d < length - END_CLEARANCE_M;
        d += rng.range(...ADDRESS_SPACING_M)
      ) {
        const { p, dir } = along(line, cumulative, d);
        const off = rng.range(...ADDRESS_OFFSET_M);
        // The left normal of (dx, dy) is (−dy, dx).
        const position = toLonLat([p[0] - sign * dir[1] * off, p[1] + sign * dir[0] * off]);
        if (!inside(position)) continue;
        const number = next;
        next += 2;
        numbers.push(number);
        addressPoints.push({ road: road.name, number, suffix: '', position });
        // Now and then a plot is split: "12-1号" a few metres further on, "甲12号" set back.
        if (rng.chance(0.02)) {
          const q = along(line, cumulative, Math.min(d + 6, length));
          const pos = toLonLat([q.p[0] - sign * q.dir[1] * off, q.p[1] + sign * q.dir[0] * off]);
          if (inside(pos)) addressPoints.push({ road: road.name, number, suffix: '-1', position: pos });
        } else if (rng.chance(0.01)) {
          const back = off + 8;
          const pos = toLonLat([p[0] - sign * dir[1] * back, p[1] + sign * dir[0] * back]);
          if (inside(pos)) addressPoints.push({ road: road.name, number, suffix: '甲', position: pos });
        }
      }
      if (numbers.length > 0) {
        roadRanges.push({
          road: road.name,
          side,
          from: numbers[0],
          to: numbers[numbers.length - 1],
          parity: side === 'left' ? 'odd' : 'even',
        });
      }
    }
  }
  return { addressPoints, roadRanges };
}

/** A few arterials and secondaries get a 曾用名 (with the years it was in use) or a colloquial 别名. */
function aliasesForRoads(roads: readonly DemoRoad[], rng: Rng): DemoRoadAlias[] {
  const taken = new Set(roads.map((r) => r.name));
  const formers = rng.shuffle(FORMER_NAMES.filter((n) => !taken.has(n)));
  const out: DemoRoadAlias[] = [];
  for (const road of roads) {
    if (road.roadClass !== 'arterial' && road.roadClass !== 'secondary') continue;
    if (rng.chance(0.3) && formers.length > 0) {
      const alias = formers.pop() as string;
      taken.add(alias);
      const from = rng.int(1950, 1970);
      const to = from + rng.int(8, 20);
      out.push({
        road: road.name,
        alias,
        kind: 'former',
        validFrom: `${from}-01-01`,
        validTo: `${to}-06-01`,
      });
    }
    if (rng.chance(0.2)) {
      // Colloquial forms: 大道 ↔ 路, 路 ↔ 大街, 街 ↔ 路.
      const alias = road.name.endsWith('大道')
        ? `${stemOf(road.name, /大道$/u)}路`
        : road.name.endsWith('路')
          ? `${stemOf(road.name, /路$/u)}大街`
          : `${stemOf(road.name, /街$/u)}路`;
      if (!taken.has(alias)) {
        taken.add(alias);
        out.push({ road: road.name, alias, kind: 'alias', validFrom: null, validTo: null });
      }
    }
  }
  return out;
}

function placePois(
  input: GeocodingInput,
  rng: Rng,
  inside: (p: Position) => boolean,
  toXy: (p: Position) => Xy,
  toLonLat: (p: Xy) => Position,
): DemoPoi[] {
  const pois: DemoPoi[] = [];
  const names = new Set<string>();
  const add = (poi: Omit<DemoPoi, 'key'>): string | null => {
    if (names.has(poi.name) || !inside(poi.position)) return null;
    names.add(poi.name);
    const key = `poi-${pois.length + 1}`;
    pois.push({ key, ...poi });
    return key;
  };
  const grids = input.regions.filter((r) => r.level === 'grid');
  const gridPoint = (g: DemoRegion): Position => {
    const feature = turf.feature(g.geometry as Polygon);
    const c = turf.centroid(feature).geometry.coordinates;
    const p: Position = [round7(c[0]), round7(c[1])];
    if (turf.booleanPointInPolygon(p, feature)) return p;
    const q = turf.pointOnFeature(feature).geometry.coordinates;
    return [round7(q[0]), round7(q[1])];
  };
  const gridsUnder = (code: string): DemoRegion[] => grids.filter((g) => g.code.startsWith(code));
  const district = input.regions.find((r) => r.level === 'district') as DemoRegion;
  const districtName = district.name;

  // 小区 residential compounds, named after their community.
  for (const community of input.regions.filter((r) => r.level === 'community')) {
    const stem = stemOf(community.name, /社区$/u);
    const inCommunity = rng.shuffle(gridsUnder(community.code));
    const count = Math.min(rng.int(1, 2), inCommunity.length);
    const labels = count === 1 ? [`${stem}小区`] : [`${stem}一区`, `${stem}二区`];
    labels.forEach((name, k) =>
      add({
        name,
        aliases: count === 1 ? [] : [`${stem}${k === 0 ? '1' : '2'}区`],
        category: 'residential',
        position: gridPoint(inCommunity[k]),
        parentKey: null,
      }),
    );
    // 社区服务中心 in every community, a 幼儿园 kindergarten in about half of them.
    const last = inCommunity[inCommunity.length - 1];
    add({
      name: `${community.name}服务中心`,
      aliases: [],
      category: 'government',
      position: gridPoint(last),
      parentKey: null,
    });
    if (rng.chance(0.5)) {
      add({
        name: `${stem}幼儿园`,
        aliases: [],
        category: 'school',
        position: gridPoint(inCommunity[0]),
        parentKey: null,
      });
    }
  }

  // Per street: office, community health centre, primary and middle school, maybe a park with gates.
  for (const street of input.regions.filter((r) => r.level === 'street')) {
    const stem = stemOf(street.name, /街道$/u);
    const inStreet = rng.shuffle(gridsUnder(street.code));
    if (inStreet.length < 6) continue;
    add({
      name: `${stem}街道办事处`,
      aliases: [],
      category: 'government',
      position: gridPoint(inStreet[0]),
      parentKey: null,
    });
    add({
      name: `${stem}街道社区卫生服务中心`,
      aliases: [`${stem}社区医院`],
      category: 'hospital',
      position: gridPoint(inStreet[1]),
      parentKey: null,
    });
    add({
      name: `${stem}小学`,
      aliases: [`${districtName}${stem}小学`],
      category: 'school',
      position: gridPoint(inStreet[2]),
      parentKey: null,
    });
    add({
      name: `${stem}中学`,
      aliases: [],
      category: 'school',
      position: gridPoint(inStreet[3]),
      parentKey: null,
    });
    add({
      name: `${stem}购物中心`,
      aliases: [`${stem}商场`],
      category: 'mall',
      position: gridPoint(inStreet[4]),
      parentKey: null,
    });
    const parkCentre = gridPoint(inStreet[5]);
    const park = add({
      name: `${stem}公园`,
      aliases: [],
      category: 'park',
      position: parkCentre,
      parentKey: null,
    });
    if (park) {
      const c = toXy(parkCentre);
      for (const gate of GATES) {
        const position = toLonLat([
          c[0] + gate.east * PARK_GATE_DISTANCE_M,
          c[1] + gate.north * PARK_GATE_DISTANCE_M,
        ]);
        add({
          name: `${stem}公园${gate.word}`,
          aliases: [],
          category: 'entrance',
          position,
          parentKey: park,
        });
      }
    }
    if (inStreet.length > 6) {
      add({
        name: `${stem}广场`,
        aliases: [],
        category: 'landmark',
        position: gridPoint(inStreet[6]),
        parentKey: null,
      });
    }
  }

  // District-level offices and hospitals.
  const all = rng.shuffle(grids);
  add({
    name: `${districtName}人民政府`,
    aliases: ['区政府'],
    category: 'government',
    position: gridPoint(all[0]),
    parentKey: null,
  });
  add({
    name: `${districtName}人民医院`,
    aliases: ['区人民医院'],
    category: 'hospital',
    position: gridPoint(all[1]),
    parentKey: null,
  });
  add({
    name: `${districtName}中医院`,
    aliases: ['区中医院'],
    category: 'hospital',
    position: gridPoint(all[2]),
    parentKey: null,
  });

  // 公交站 bus stops along arterials and secondaries, on the right-hand kerb, named after the nearest other road.
  const others = input.roads.map((r) => ({ name: r.name, line: lineCoords(r.geometry).map(toXy) }));
  for (const road of input.roads.filter((r) => r.roadClass === 'arterial' || r.roadClass === 'secondary')) {
    const line = lineCoords(road.geometry).map(toXy);
    const cumulative = cumulativeLengths(line);
    const length = cumulative[cumulative.length - 1];
    for (let d = rng.range(100, 300); d < length - 50; d += rng.range(...BUS_STOP_SPACING_M)) {
      const { p, dir } = along(line, cumulative, d);
      let nearest = { name: '', distance: Infinity };
      for (const o of others) {
        if (o.name === road.name) continue;
        for (let k = 1; k < o.line.length; k++) {
          const dist = segmentDistance(p, o.line[k - 1], o.line[k]);
          if (dist < nearest.distance) nearest = { name: o.name, distance: dist };
        }
      }
      const position = toLonLat([p[0] + dir[1] * 18, p[1] - dir[0] * 18]);
      add({
        name: `${road.name}${nearest.name}口站`,
        aliases: [],
        category: 'bus-stop',
        position,
        parentKey: null,
      });
    }
  }
  return pois;
}
