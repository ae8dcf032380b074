import type {
  ComponentStateName,
  DemoComponent,
  DemoRegion,
  DemoRoad,
  Geometry,
  Position,
  RoadClass,
} from '@urbangrid/contracts';
import { round7 } from './geometry';
import { Rng } from './random';

/**
 * Demo 部件 components along the demo roads: covers, lamps, trees, bins, hydrants, shelters,
 * signals… Deterministic from the seed; about 35,000 at scale 1, proportional to the road length
 * (so to the scale). Each class code below is a national small class of GB/T 30428.2 (spec 01
 * §2.4, data/component-classes.csv); the list and the layout rules are demo data.
 */
export interface DemoComponentClass {
  code: string;
  name: string;
  /** 主管部门 / 权属单位 department code. */
  dept: string;
  /** 养护单位 choices: the department or its sub-units. */
  maintainers: readonly string[];
}

export const DEMO_COMPONENT_CLASSES: readonly DemoComponentClass[] = [
  { code: '0101', name: '上水井盖', dept: 'GS', maintainers: ['GS'] },
  { code: '0102', name: '污水井盖', dept: 'SZ', maintainers: ['SZ', 'SZ-01'] },
  { code: '0103', name: '雨水井盖', dept: 'SZ', maintainers: ['SZ', 'SZ-01'] },
  { code: '0104', name: '雨水箅子', dept: 'SZ', maintainers: ['SZ-01'] },
  { code: '0105', name: '电力井盖', dept: 'DL', maintainers: ['DL'] },
  { code: '0107', name: '通讯井盖', dept: 'TX', maintainers: ['TX'] },
  { code: '0111', name: '燃气井盖', dept: 'RQ', maintainers: ['RQ'] },
  { code: '0113', name: '消防设施', dept: 'GS', maintainers: ['GS'] },
  { code: '0115', name: '通讯交接箱', dept: 'TX', maintainers: ['TX'] },
  { code: '0116', name: '电力设施', dept: 'DL', maintainers: ['DL'] },
  { code: '0118', name: '路灯', dept: 'SZ', maintainers: ['SZ-01'] },
  { code: '0203', name: '公交站亭', dept: 'JT', maintainers: ['JT'] },
  { code: '0209', name: '交通标志牌', dept: 'JT', maintainers: ['JT'] },
  { code: '0210', name: '交通信号灯', dept: 'JT', maintainers: ['JT'] },
  { code: '0301', name: '公共厕所', dept: 'HW', maintainers: ['HW-01', 'HW-02'] },
  { code: '0305', name: '垃圾箱', dept: 'HW', maintainers: ['HW-01', 'HW-02'] },
  { code: '0402', name: '行道树', dept: 'YL', maintainers: ['YL-01'] },
];

/** Where a chain of components sits: spacing along the road and offset from its centreline (m). */
interface Rule {
  classCode: string;
  roads: readonly RoadClass[];
  spacing: readonly [number, number];
  offset: readonly [number, number];
  /** alternate: left, right, left…; both: a pair at each stop; right: one side. */
  sides: 'alternate' | 'both' | 'right';
}

const MAJOR: readonly RoadClass[] = ['arterial', 'secondary'];

/** Roughly how a Chinese main road is furnished: covers in the carriageway, lamps and trees on the verge. */
const RULES: readonly Rule[] = [
  { classCode: '0103', roads: MAJOR, spacing: [30, 60], offset: [3, 6], sides: 'alternate' },
  { classCode: '0102', roads: MAJOR, spacing: [30, 60], offset: [2, 5], sides: 'alternate' },
  { classCode: '0101', roads: MAJOR, spacing: [40, 60], offset: [4, 7], sides: 'alternate' },
  { classCode: '0105', roads: MAJOR, spacing: [40, 60], offset: [6, 9], sides: 'alternate' },
  { classCode: '0107', roads: MAJOR, spacing: [40, 60], offset: [6, 9], sides: 'alternate' },
  { classCode: '0111', roads: MAJOR, spacing: [50, 60], offset: [3, 6], sides: 'alternate' },
  { classCode: '0103', roads: ['branch'], spacing: [30, 60], offset: [1.5, 3.5], sides: 'alternate' },
  { classCode: '0102', roads: ['branch'], spacing: [30, 60], offset: [1.5, 3.5], sides: 'alternate' },
  { classCode: '0101', roads: ['branch'], spacing: [30, 60], offset: [1.5, 3.5], sides: 'alternate' },
  { classCode: '0103', roads: ['lane'], spacing: [30, 60], offset: [0.5, 1.5], sides: 'alternate' },
  { classCode: '0104', roads: MAJOR, spacing: [35, 45], offset: [7, 9], sides: 'both' },
  { classCode: '0118', roads: MAJOR, spacing: [30, 40], offset: [10, 12], sides: 'both' },
  { classCode: '0118', roads: ['branch'], spacing: [35, 45], offset: [4, 5], sides: 'right' },
  { classCode: '0402', roads: MAJOR, spacing: [12, 16], offset: [12.5, 14], sides: 'both' },
  { classCode: '0305', roads: MAJOR, spacing: [80, 120], offset: [11, 13], sides: 'alternate' },
  { classCode: '0305', roads: ['branch'], spacing: [120, 180], offset: [4, 6], sides: 'alternate' },
  { classCode: '0113', roads: MAJOR, spacing: [100, 140], offset: [9, 11], sides: 'alternate' },
  { classCode: '0113', roads: ['branch'], spacing: [100, 140], offset: [3, 4], sides: 'alternate' },
  { classCode: '0116', roads: ['branch'], spacing: [200, 300], offset: [5, 6], sides: 'alternate' },
  { classCode: '0115', roads: MAJOR, spacing: [250, 350], offset: [12, 14], sides: 'alternate' },
  { classCode: '0203', roads: ['arterial'], spacing: [400, 600], offset: [11, 13], sides: 'both' },
  { classCode: '0209', roads: MAJOR, spacing: [180, 250], offset: [10, 12], sides: 'alternate' },
  { classCode: '0301', roads: MAJOR, spacing: [700, 900], offset: [20, 30], sides: 'alternate' },
];

/** 0210 交通信号灯: one at each corner of a crossing of two major roads, this far along each road (m). */
const SIGNAL_CORNER_M = 9;

/** 完好 92 %, 破损 4 %, 丢失 2 %, 占用 2 % (cumulative thresholds). */
const STATE_WEIGHTS: readonly [ComponentStateName, number][] = [
  ['完好', 0.92],
  ['破损', 0.96],
  ['丢失', 0.98],
  ['占用', 1],
];

/** 初始日期: the demo census ran in the first half of 2024, street by street. */
const CENSUS_DATES = ['2024-01-15', '2024-02-26', '2024-03-18', '2024-04-22', '2024-05-20', '2024-06-17'];

/**
 * Up to this scale the components grow in proportion (27 gives about 27 times scale 1). Beyond
 * it their spacing stretches so the count stays about 30 times scale 1: at scale 100 the dataset
 * would otherwise pass 600 MB of JSON, beyond the longest string Node can write in one piece.
 */
export const COMPONENT_PROPORTIONAL_SCALE = 30;

/** Multiplier on every spacing: 1 up to `COMPONENT_PROPORTIONAL_SCALE`, then scale / 30. */
export function componentSpacingFactor(scale: number): number {
  return Math.max(1, scale / COMPONENT_PROPORTIONAL_SCALE);
}

const EARTH_RADIUS_M = 6371008.8;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const MAX_SEQUENCE = 999_999;

type Xy = [number, number];

/** Local metres around a reference latitude (equirectangular; exact enough for offsets of metres). */
class LocalFrame {
  private readonly lonScale: number;
  constructor(lat0: number) {
    this.lonScale = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  }
  toXy([lon, lat]: Position): Xy {
    return [lon * this.lonScale, lat * M_PER_DEG];
  }
  toLonLat([x, y]: Xy): Position {
    return [round7(x / this.lonScale), round7(y / M_PER_DEG)];
  }
}

/**
 * Even-odd point-in-polygon over the district rings, with edges bucketed in latitude bands so a
 * test looks at a handful of edges (about a million tests at scale 27).
 */
class PolygonIndex {
  private readonly bands: number[][][] = [];
  private readonly minY: number;
  private readonly bandH: number;

  constructor(rings: readonly Position[][], bandCount = 512) {
    const ys = rings.flatMap((r) => r.map((p) => p[1]));
    this.minY = Math.min(...ys);
    this.bandH = (Math.max(...ys) - this.minY) / bandCount || 1;
    for (let b = 0; b < bandCount; b++) this.bands.push([]);
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x1, y1] = ring[k];
        const [x2, y2] = ring[k + 1];
        const from = this.band(Math.min(y1, y2));
        const to = this.band(Math.max(y1, y2));
        for (let b = from; b <= to; b++) this.bands[b].push([x1, y1, x2, y2]);
      }
    }
  }

  private band(y: number): number {
    return Math.max(0, Math.min(this.bands.length - 1, Math.floor((y - this.minY) / this.bandH)));
  }

  contains([x, y]: Position): boolean {
    let inside = false;
    for (const [x1, y1, x2, y2] of this.bands[this.band(y)]) {
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }
}

function ringsOf(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  throw new Error(`district geometry must be a polygon, got ${g.type}`);
}

function lineOf(road: DemoRoad): Position[] {
  if (road.geometry.type !== 'LineString') throw new Error(`road ${road.name} is not a LineString`);
  return road.geometry.coordinates;
}

/**
 * Stops along a polyline: the first after a random part of one spacing, then one spacing (drawn
 * anew each time) after the last. Calls `at` with the position and the unit tangent there.
 */
function walk(
  line: readonly Xy[],
  rng: Rng,
  spacing: readonly [number, number],
  at: (p: Xy, t: Xy) => void,
): void {
  let next = rng.range(0, spacing[1]);
  let done = 0;
  for (let k = 0; k + 1 < line.length; k++) {
    const [ax, ay] = line[k];
    const [bx, by] = line[k + 1];
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const t: Xy = [(bx - ax) / len, (by - ay) / len];
    while (next <= done + len) {
      const s = next - done;
      at([ax + t[0] * s, ay + t[1] * s], t);
      next += rng.range(spacing[0], spacing[1]);
    }
    done += len;
  }
}

export interface DemoComponentInput {
  districtCode: string;
  /** The `--scale` of the city; only above `COMPONENT_PROPORTIONAL_SCALE` does it matter. */
  scale: number;
  regions: readonly DemoRegion[];
  roads: readonly DemoRoad[];
}

/** The demo components of a city. Pure: depends only on the input and `seed`. */
export function generateDemoComponents(input: DemoComponentInput, seed: number): DemoComponent[] {
  const district = input.regions.find((r) => r.level === 'district');
  if (!district) throw new Error('the demo city has no district');
  const rings = ringsOf(district.geometry);
  const frame = new LocalFrame(rings[0][0][1]);
  const inside = new PolygonIndex(rings);
  const classes = new Map(DEMO_COMPONENT_CLASSES.map((c) => [c.code, c]));
  const sequence = new Map<string, number>();
  const out: DemoComponent[] = [];
  const attrs = Rng.for(seed, 'components:attributes');

  const add = (classCode: string, xy: Xy): void => {
    const lonLat = frame.toLonLat(xy);
    if (!inside.contains(lonLat)) return;
    const cls = classes.get(classCode);
    if (!cls) throw new Error(`class ${classCode} is not in the demo list`);
    const seq = (sequence.get(classCode) ?? 0) + 1;
    if (seq > MAX_SEQUENCE)
      throw new RangeError(`more than ${MAX_SEQUENCE} components of class ${classCode}`);
    sequence.set(classCode, seq);
    const r = attrs.float();
    out.push({
      code: input.districtCode + classCode + String(seq).padStart(6, '0'),
      classCode,
      name: cls.name,
      geometry: { type: 'Point', coordinates: lonLat },
      state: (STATE_WEIGHTS.find(([, w]) => r < w) ?? STATE_WEIGHTS[0])[0],
      deptCode: cls.dept,
      maintainerCode: attrs.pick(cls.maintainers),
      initialDate: attrs.pick(CENSUS_DATES),
    });
  };

  const stretch = componentSpacingFactor(input.scale);
  const spacing = (rule: Rule): [number, number] => [rule.spacing[0] * stretch, rule.spacing[1] * stretch];
  const lines = input.roads.map((road) => ({ road, xy: lineOf(road).map((p) => frame.toXy(p)) }));
  RULES.forEach((rule, k) => {
    const rng = Rng.for(seed, `components:${k}:${rule.classCode}`);
    for (const { road, xy } of lines) {
      if (!rule.roads.includes(road.roadClass)) continue;
      let side = rng.chance(0.5) ? 1 : -1;
      walk(xy, rng, spacing(rule), ([x, y], [tx, ty]) => {
        // The left normal of the direction of travel is (-ty, tx).
        const place = (s: number): void => {
          const d = rng.range(rule.offset[0], rule.offset[1]) * s;
          add(rule.classCode, [x - ty * d, y + tx * d]);
        };
        if (rule.sides === 'both') {
          place(1);
          place(-1);
        } else if (rule.sides === 'right') {
          place(-1);
        } else {
          place(side);
          side = -side;
        }
      });
    }
  });

  for (const [xy, t] of majorCrossings(
    lines.filter((l) => MAJOR.includes(l.road.roadClass)).map((l) => l.xy),
  )) {
    const n: Xy = [-t[1], t[0]];
    for (const [a, b] of [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ] as const) {
      add('0210', [
        xy[0] + (t[0] * a + n[0] * b) * SIGNAL_CORNER_M,
        xy[1] + (t[1] * a + n[1] * b) * SIGNAL_CORNER_M,
      ]);
    }
  }
  return out;
}

/**
 * Vertices shared by two or more major roads (they run along lattice lines and meet at lattice
 * nodes), with the tangent of the first road through each, in the order first met.
 */
function majorCrossings(lines: readonly Xy[][]): [Xy, Xy][] {
  const seen = new Map<string, { roads: Set<number>; xy: Xy; t: Xy }>();
  lines.forEach((line, r) => {
    line.forEach((p, k) => {
      const q = line[Math.min(k + 1, line.length - 1)];
      const o = line[Math.max(k - 1, 0)];
      const len = Math.hypot(q[0] - o[0], q[1] - o[1]) || 1;
      const key = `${p[0].toFixed(2)},${p[1].toFixed(2)}`;
      const entry = seen.get(key) ?? {
        roads: new Set<number>(),
        xy: p,
        t: [(q[0] - o[0]) / len, (q[1] - o[1]) / len],
      };
      entry.roads.add(r);
      seen.set(key, entry);
    });
  });
  return [...seen.values()].filter((e) => e.roads.size >= 2).map((e) => [e.xy, e.t]);
}
