import type { GeocodeRegions, PoiCategory } from '@urbangrid/contracts';
import Flatbush from 'flatbush';
import type { ReverseRow } from '../geocoding.repository';
import {
  closestOnLine,
  polygonCovers,
  sphereDistanceM,
  type FlatCoords,
  type FlatPolygon,
  type PlanarClosest,
} from './planar-geometry';
import type { ParsedGeometry } from './wkb-reader';

/*
 * The in-process reference index (参考图层索引) of reverse geocoding: unit grids with their
 * community, street and district, 门(楼)牌 address points, 兴趣点 POIs, 街巷 road centrelines and
 * 部件 components, in packed R-trees (flatbush) over lon/lat degrees. It answers what
 * REVERSE_SQL answers, with the same arithmetic: grid by point-in-polygon with the boundary in
 * (lowest code wins on a shared edge), nearest things by the sphere distance of the planar
 * closest point, equal metres broken by the lowest key (code, id, 门牌 text). Where the SQL
 * re-ranks a KNN shortlist of 5, the index searches until no unseen item can be nearer, so it is
 * never farther, and nearer only where the shortlist missed the nearest (far from everything).
 */

const RAD = Math.PI / 180;
/** Metres per degree of arc on the PostGIS sphere. */
const METRES_PER_DEGREE = 6371008.771415 * RAD;
/**
 * A great circle bulges poleward of its ends by about d² tan φ / 8R (1 m over 10 km at 30° N), so
 * the degree radius that must hold every nearer item is widened by this factor.
 */
const BOUND_SLACK = 1.001;
/** Nearest candidates taken by planar degrees before the bound is known (as the SQL shortlist). */
const FIRST_PASS = 5;

export type RegionLevel = 'district' | 'street' | 'community' | 'grid';

/** One region row in force today. `geometry` is read for grids only. */
export interface RegionInput {
  level: RegionLevel;
  code: string;
  name: string;
  parentCode: string | null;
  polygons: FlatPolygon[] | null;
}

export interface AddressInput {
  road: string;
  number: number;
  suffix: string;
  text: string;
  lon: number;
  lat: number;
}

export interface PoiInput {
  id: string;
  name: string;
  category: PoiCategory;
  lon: number;
  lat: number;
}

export interface RoadInput {
  id: string;
  name: string;
  roadClass: string;
  line: FlatCoords;
}

/** A 部件 not removed; `geometry` as read from WKB. */
export interface ComponentInput {
  code: string;
  name: string;
  state: string;
  geometry: ParsedGeometry;
}

/** Interns repeated strings (road names, states, component names) so each is held once. */
class StringTable {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/** Growable pair of coordinate arrays. */
class PointColumn {
  xs: Float64Array;
  ys: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.xs = new Float64Array(Math.max(16, capacity));
    this.ys = new Float64Array(Math.max(16, capacity));
  }
  push(x: number, y: number): number {
    if (this.length === this.xs.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    return this.length++;
  }
  /** Points in an R-tree; null when there are none. */
  tree(): Flatbush | null {
    if (this.length === 0) return null;
    const t = new Flatbush(this.length);
    for (let i = 0; i < this.length; i++) t.add(this.xs[i], this.ys[i], this.xs[i], this.ys[i]);
    t.finish();
    return t;
  }
}

interface Nearest {
  item: number;
  m: number;
}

/**
 * The nearest item by `metres`, exactly: the first {@link FIRST_PASS} by planar degrees give a
 * bound, then every item whose box lies within that many metres (as degrees at the highest
 * latitude involved, where a degree of longitude is shortest) is measured too.
 */
function nearest(
  tree: Flatbush | null,
  x: number,
  y: number,
  maxAbsLat: number,
  metres: (item: number) => number,
  tieKey: (item: number) => string,
): Nearest | null {
  if (tree === null) return null;
  let best: Nearest | null = null;
  const seen = new Set<number>();
  const visit = (item: number): void => {
    if (seen.has(item)) return;
    seen.add(item);
    const m = metres(item);
    // Equal metres (two POIs on one spot, roads meeting at a vertex): the lower key, as the SQL orders.
    if (best === null || m < best.m || (m === best.m && tieKey(item) < tieKey(best.item))) best = { item, m };
  };
  for (const item of tree.neighbors(x, y, FIRST_PASS)) visit(item);
  if (best === null) return null;
  const cosLat = Math.cos(Math.min(89.9, Math.max(Math.abs(y), maxAbsLat)) * RAD);
  const radius = ((best as Nearest).m / (METRES_PER_DEGREE * cosLat)) * BOUND_SLACK;
  for (const item of tree.neighbors(x, y, Infinity, radius)) visit(item);
  return best;
}

/** Nearest of two candidates; the lower key on a tie. */
const nearer = <T extends { m: number; key: string }>(a: T | null, b: T | null): T | null =>
  a === null ? b : b === null || a.m < b.m || (a.m === b.m && a.key <= b.key) ? a : b;

const maxAbsLatOf = (ys: Float64Array, n: number): number => {
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(ys[i]));
  return max;
};

/** Grid → community → street → district, resolved once at build time. */
interface GridEntry {
  code: string;
  polygons: FlatPolygon[];
  regions: GeocodeRegions | null;
}

/** Builds a {@link ReferenceIndex}: feed it rows in any order, then call `finish()`. */
export class ReferenceIndexBuilder {
  private readonly regions: RegionInput[] = [];
  private readonly addresses = new PointColumn(1024);
  private readonly addressRoad: number[] = [];
  private readonly addressNumber: number[] = [];
  private readonly addressSuffix: number[] = [];
  private readonly addressText: string[] = [];
  private readonly pois = new PointColumn(1024);
  private readonly poiRows: Omit<PoiInput, 'lon' | 'lat'>[] = [];
  private readonly roads: RoadInput[] = [];
  private readonly strings = new StringTable();
  private readonly components: ComponentStore;

  /** `componentCapacity`: the expected number of components (their arrays are sized once). */
  constructor(componentCapacity = 1024) {
    this.components = new ComponentStore(componentCapacity, this.strings);
  }

  addRegion(r: RegionInput): void {
    this.regions.push(r);
  }

  addAddress(a: AddressInput): void {
    this.addresses.push(a.lon, a.lat);
    this.addressRoad.push(this.strings.id(a.road));
    this.addressNumber.push(a.number);
    this.addressSuffix.push(this.strings.id(a.suffix));
    this.addressText.push(a.text);
  }

  addPoi(p: PoiInput): void {
    this.pois.push(p.lon, p.lat);
    this.poiRows.push({ id: p.id, name: p.name, category: p.category });
  }

  addRoad(r: RoadInput): void {
    this.roads.push(r);
  }

  addComponent(c: ComponentInput): void {
    this.components.add(c);
  }

  finish(): ReferenceIndex {
    return new ReferenceIndex({
      grids: buildGrids(this.regions),
      addresses: {
        xs: this.addresses.xs,
        ys: this.addresses.ys,
        tree: this.addresses.tree(),
        maxAbsLat: maxAbsLatOf(this.addresses.ys, this.addresses.length),
        road: Uint32Array.from(this.addressRoad),
        number: Int32Array.from(this.addressNumber),
        suffix: Uint32Array.from(this.addressSuffix),
        text: this.addressText,
      },
      pois: {
        xs: this.pois.xs,
        ys: this.pois.ys,
        tree: this.pois.tree(),
        maxAbsLat: maxAbsLatOf(this.pois.ys, this.pois.length),
        rows: this.poiRows,
      },
      roads: buildRoads(this.roads),
      components: this.components.finish(),
      strings: this.strings.values,
    });
  }
}

function buildGrids(regions: readonly RegionInput[]): ReferenceIndex['layers']['grids'] {
  const byLevel = (level: RegionLevel) => new Map(regions.filter((r) => r.level === level).map((r) => [r.code, r]));
  const communities = byLevel('community');
  const streets = byLevel('street');
  const districts = byLevel('district');
  const entries: GridEntry[] = [];
  for (const g of regions) {
    if (g.level !== 'grid' || g.polygons === null || g.polygons.length === 0) continue;
    const c = g.parentCode === null ? undefined : communities.get(g.parentCode);
    const s = c?.parentCode == null ? undefined : streets.get(c.parentCode);
    const d = s?.parentCode == null ? undefined : districts.get(s.parentCode);
    entries.push({
      code: g.code,
      polygons: g.polygons,
      regions:
        c && s && d
          ? {
              grid: { code: g.code, name: g.name },
              community: { code: c.code, name: c.name },
              street: { code: s.code, name: s.name },
              district: { code: d.code, name: d.name },
            }
          : null,
    });
  }
  if (entries.length === 0) return { entries, tree: null };
  const tree = new Flatbush(entries.length);
  for (const e of entries) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // The outer rings bound the grid; holes lie inside them.
    for (const p of e.polygons) {
      const outer = p[0];
      for (let i = 0; i < outer.length; i += 2) {
        minX = Math.min(minX, outer[i]);
        maxX = Math.max(maxX, outer[i]);
        minY = Math.min(minY, outer[i + 1]);
        maxY = Math.max(maxY, outer[i + 1]);
      }
    }
    tree.add(minX, minY, maxX, maxY);
  }
  tree.finish();
  return { entries, tree };
}

function buildRoads(roads: RoadInput[]): ReferenceIndex['layers']['roads'] {
  let segments = 0;
  for (const r of roads) segments += Math.max(1, r.line.length / 2 - 1);
  if (segments === 0) return { rows: roads, segmentRoad: new Uint32Array(0), tree: null, maxAbsLat: 0 };
  const segmentRoad = new Uint32Array(segments);
  const tree = new Flatbush(segments);
  let maxAbsLat = 0;
  roads.forEach((r, k) => {
    const l = r.line;
    const n = l.length / 2;
    for (let i = 0; i < Math.max(1, n - 1); i++) {
      const j = Math.min(i + 1, n - 1);
      const s = tree.add(
        Math.min(l[2 * i], l[2 * j]),
        Math.min(l[2 * i + 1], l[2 * j + 1]),
        Math.max(l[2 * i], l[2 * j]),
        Math.max(l[2 * i + 1], l[2 * j + 1]),
      );
      segmentRoad[s] = k;
      maxAbsLat = Math.max(maxAbsLat, Math.abs(l[2 * i + 1]), Math.abs(l[2 * j + 1]));
    }
  });
  tree.finish();
  return { rows: roads, segmentRoad, tree, maxAbsLat };
}

/**
 * 部件 components packed for millions of rows: codes as ASCII bytes (16 or 17 digits), names and
 * states as string-table ids, point coordinates in typed arrays. Lines and polygons (rare: the
 * registry is mostly points) keep their geometry and are indexed by their bounding box.
 */
class ComponentStore {
  private static readonly CODE_BYTES = 17;
  private codes: Buffer;
  private codeLength: Uint8Array;
  private name: Uint32Array;
  private state: Uint32Array;
  private readonly points: PointColumn;
  /** For each point slot, its component number; shapes hold theirs in `shapes`. */
  private pointOwner: Uint32Array;
  private readonly shapes: { owner: number; geometry: ParsedGeometry }[] = [];
  private count = 0;

  constructor(
    capacity: number,
    private readonly strings: StringTable,
  ) {
    this.codes = Buffer.alloc(capacity * ComponentStore.CODE_BYTES);
    this.codeLength = new Uint8Array(capacity);
    this.name = new Uint32Array(capacity);
    this.state = new Uint32Array(capacity);
    this.pointOwner = new Uint32Array(capacity);
    this.points = new PointColumn(capacity);
  }

  add(c: ComponentInput): void {
    if (c.code.length > ComponentStore.CODE_BYTES) throw new Error(`component code ${c.code} is too long`);
    if (this.count === this.codeLength.length) this.grow();
    const k = this.count++;
    this.codes.write(c.code, k * ComponentStore.CODE_BYTES, 'latin1');
    this.codeLength[k] = c.code.length;
    this.name[k] = this.strings.id(c.name);
    this.state[k] = this.strings.id(c.state);
    const g = c.geometry;
    if (g.kind === 'points' && g.points.length === 2) {
      const slot = this.points.push(g.points[0], g.points[1]);
      if (slot >= this.pointOwner.length) {
        const owner = new Uint32Array(this.pointOwner.length * 2);
        owner.set(this.pointOwner);
        this.pointOwner = owner;
      }
      this.pointOwner[slot] = k;
    } else {
      this.shapes.push({ owner: k, geometry: g });
    }
  }

  private grow(): void {
    const n = this.codeLength.length * 2;
    const codes = Buffer.alloc(n * ComponentStore.CODE_BYTES);
    this.codes.copy(codes);
    this.codes = codes;
    const widen = <A extends Uint8Array | Uint32Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.codeLength = widen(this.codeLength, (m) => new Uint8Array(m));
    this.name = widen(this.name, (m) => new Uint32Array(m));
    this.state = widen(this.state, (m) => new Uint32Array(m));
  }

  finish(): ComponentLayer {
    const shapeTree = this.shapes.length === 0 ? null : new Flatbush(this.shapes.length);
    let shapeMaxAbsLat = 0;
    for (const s of this.shapes) {
      const b = boundsOf(s.geometry);
      shapeTree?.add(b[0], b[1], b[2], b[3]);
      shapeMaxAbsLat = Math.max(shapeMaxAbsLat, Math.abs(b[1]), Math.abs(b[3]));
    }
    shapeTree?.finish();
    return new ComponentLayer(
      this.codes,
      this.codeLength,
      this.name,
      this.state,
      this.points.xs,
      this.points.ys,
      this.pointOwner,
      this.points.tree(),
      maxAbsLatOf(this.points.ys, this.points.length),
      this.shapes,
      shapeTree,
      shapeMaxAbsLat,
      this.strings.values,
      this.count,
    );
  }
}

function boundsOf(g: ParsedGeometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const take = (c: FlatCoords) => {
    for (let i = 0; i < c.length; i += 2) {
      b[0] = Math.min(b[0], c[i]);
      b[1] = Math.min(b[1], c[i + 1]);
      b[2] = Math.max(b[2], c[i]);
      b[3] = Math.max(b[3], c[i + 1]);
    }
  };
  if (g.kind === 'points') take(g.points);
  else if (g.kind === 'lines') g.lines.forEach(take);
  else g.polygons.forEach((p) => take(p[0]));
  return b;
}

/** `ST_ClosestPoint(geom, point)` in planar degrees: the point itself inside a polygon. */
function closestOnGeometry(g: ParsedGeometry, x: number, y: number): PlanarClosest {
  const best: PlanarClosest = { x: NaN, y: NaN, d2: Infinity };
  if (g.kind === 'points') {
    for (let i = 0; i < g.points.length; i += 2) closestOnLine(g.points.subarray(i, i + 2), x, y, best);
  } else if (g.kind === 'lines') {
    for (const l of g.lines) closestOnLine(l, x, y, best);
  } else {
    for (const p of g.polygons) {
      if (polygonCovers(p, x, y)) return { x, y, d2: 0 };
      for (const ring of p) closestOnLine(ring, x, y, best);
    }
  }
  return best;
}

type ComponentRow = NonNullable<ReverseRow['component']>;

class ComponentLayer {
  constructor(
    private readonly codes: Buffer,
    private readonly codeLength: Uint8Array,
    private readonly name: Uint32Array,
    private readonly state: Uint32Array,
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly pointOwner: Uint32Array,
    private readonly pointTree: Flatbush | null,
    private readonly pointMaxAbsLat: number,
    private readonly shapes: readonly { owner: number; geometry: ParsedGeometry }[],
    private readonly shapeTree: Flatbush | null,
    private readonly shapeMaxAbsLat: number,
    private readonly strings: readonly string[],
    readonly count: number,
  ) {}

  nearest(x: number, y: number): ComponentRow | null {
    const pt = nearest(
      this.pointTree,
      x,
      y,
      this.pointMaxAbsLat,
      (i) => sphereDistanceM(this.xs[i], this.ys[i], x, y),
      (i) => this.code(this.pointOwner[i]),
    );
    const closest = new Map<number, PlanarClosest>();
    const shape = nearest(
      this.shapeTree,
      x,
      y,
      this.shapeMaxAbsLat,
      (i) => {
        const c = closestOnGeometry(this.shapes[i].geometry, x, y);
        closest.set(i, c);
        return sphereDistanceM(c.x, c.y, x, y);
      },
      (i) => this.code(this.shapes[i].owner),
    );
    const candidate = (owner: number, px: number, py: number, m: number) => ({
      owner,
      px,
      py,
      m,
      key: this.code(owner),
    });
    const a = pt && candidate(this.pointOwner[pt.item], this.xs[pt.item], this.ys[pt.item], pt.m);
    const sc = shape && (closest.get(shape.item) as PlanarClosest);
    const b = shape && sc && candidate(this.shapes[shape.item].owner, sc.x, sc.y, shape.m);
    const hit = nearer(a, b);
    if (hit === null) return null;
    const code = hit.key;
    return {
      code,
      // 部件标识码 = 6-digit admin code + small class + 6-digit sequence (component_code_ck).
      classCode: code.slice(6, code.length - 6),
      name: this.strings[this.name[hit.owner]],
      state: this.strings[this.state[hit.owner]],
      position: [hit.px, hit.py],
      distanceM: hit.m,
    };
  }

  private code(k: number): string {
    const at = k * 17;
    return this.codes.toString('latin1', at, at + this.codeLength[k]);
  }

  /** Bytes held by the packed arrays and trees (the string table is counted by the index). */
  bytes(): number {
    return (
      this.codes.byteLength +
      this.codeLength.byteLength +
      this.name.byteLength +
      this.state.byteLength +
      this.xs.byteLength +
      this.ys.byteLength +
      this.pointOwner.byteLength +
      (this.pointTree?.data.byteLength ?? 0) +
      (this.shapeTree?.data.byteLength ?? 0)
    );
  }
}

/** What the index holds, for logs and the benchmark. */
export interface ReferenceIndexStats {
  grids: number;
  addresses: number;
  pois: number;
  roads: number;
  components: number;
  /** Bytes of the component layer's typed arrays and trees. */
  componentBytes: number;
}

interface Layers {
  grids: { entries: GridEntry[]; tree: Flatbush | null };
  addresses: {
    xs: Float64Array;
    ys: Float64Array;
    tree: Flatbush | null;
    maxAbsLat: number;
    road: Uint32Array;
    number: Int32Array;
    suffix: Uint32Array;
    text: string[];
  };
  pois: {
    xs: Float64Array;
    ys: Float64Array;
    tree: Flatbush | null;
    maxAbsLat: number;
    rows: Omit<PoiInput, 'lon' | 'lat'>[];
  };
  roads: { rows: RoadInput[]; segmentRoad: Uint32Array; tree: Flatbush | null; maxAbsLat: number };
  components: ComponentLayer;
  strings: string[];
}

/** The built, read-only index; one lookup is a few R-tree probes, no I/O. */
export class ReferenceIndex {
  constructor(readonly layers: Layers) {}

  stats(): ReferenceIndexStats {
    const l = this.layers;
    return {
      grids: l.grids.entries.length,
      addresses: l.addresses.text.length,
      pois: l.pois.rows.length,
      roads: l.roads.rows.length,
      components: l.components.count,
      componentBytes: l.components.bytes(),
    };
  }

  /** The unit grid covering the point (boundary in; lowest code on a shared edge) with its parents. */
  regionsAt(x: number, y: number): GeocodeRegions | null {
    const { entries, tree } = this.layers.grids;
    if (tree === null) return null;
    let found: GridEntry | null = null;
    for (const i of tree.search(x, y, x, y)) {
      const e = entries[i];
      if (found !== null && e.code >= found.code) continue;
      if (e.polygons.some((p) => polygonCovers(p, x, y))) found = e;
    }
    return found?.regions ?? null;
  }

  /** Everything REVERSE_SQL answers for (x, y) in EPSG:4326. */
  reverse(x: number, y: number): ReverseRow {
    const { addresses: a, pois: p, roads: r, components, strings } = this.layers;
    const addr = nearest(
      a.tree,
      x,
      y,
      a.maxAbsLat,
      (i) => sphereDistanceM(a.xs[i], a.ys[i], x, y),
      (i) => a.text[i],
    );
    const poi = nearest(
      p.tree,
      x,
      y,
      p.maxAbsLat,
      (i) => sphereDistanceM(p.xs[i], p.ys[i], x, y),
      (i) => p.rows[i].id,
    );
    const road = this.nearestRoad(x, y);
    return {
      regions: this.regionsAt(x, y),
      address: addr && {
        label: a.text[addr.item],
        road: strings[a.road[addr.item]],
        number: a.number[addr.item],
        suffix: strings[a.suffix[addr.item]],
        position: [a.xs[addr.item], a.ys[addr.item]],
        distanceM: addr.m,
      },
      poi: poi && { ...p.rows[poi.item], position: [p.xs[poi.item], p.ys[poi.item]], distanceM: poi.m },
      road: road && {
        id: r.rows[road.item].id,
        name: r.rows[road.item].name,
        roadClass: r.rows[road.item].roadClass,
        distanceM: road.m,
      },
      component: components.nearest(x, y),
    };
  }

  /** By segment boxes; each road measured once, to the planar closest point of its whole line. */
  private nearestRoad(x: number, y: number): Nearest | null {
    const { rows, segmentRoad, tree, maxAbsLat } = this.layers.roads;
    const byRoad = new Map<number, number>();
    const hit = nearest(
      tree,
      x,
      y,
      maxAbsLat,
      (segment) => {
        const k = segmentRoad[segment];
        let m = byRoad.get(k);
        if (m === undefined) {
          const c = closestOnLine(rows[k].line, x, y);
          m = sphereDistanceM(c.x, c.y, x, y);
          byRoad.set(k, m);
        }
        return m;
      },
      (segment) => rows[segmentRoad[segment]].id,
    );
    return hit && { item: segmentRoad[hit.item], m: hit.m };
  }
}
