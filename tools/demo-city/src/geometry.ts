import type { Position } from '@urbangrid/contracts';
import { cellPoint, type CellPlan, type Rect } from './cell-plan';
import { hEdgePoint, isPresent, node, vEdgePoint, type Lattice, type Vec } from './lattice';

/** Mean Earth radius used by turf, so planned areas match `turf.area`. */
const EARTH_RADIUS_M = 6371008.8;
const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** Coordinates are stored with 7 decimals (about 1 cm). */
export const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/**
 * Local plane → EPSG:4326. The plane is rotated a few degrees (so roads are not exactly
 * north-south) and mapped with an equirectangular projection at the centre latitude, which is
 * area-true to well under 0.1 % over a district.
 */
export function makeProjection(center: Position, rotationDeg: number): (p: Vec) => Position {
  const a = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const lonScale = METRES_PER_DEGREE * Math.cos((center[1] * Math.PI) / 180);
  return ([x, y]) => {
    const rx = x * cos - y * sin;
    const ry = x * sin + y * cos;
    return [round7(center[0] + rx / lonScale), round7(center[1] + ry / METRES_PER_DEGREE)];
  };
}

/** Drops consecutive duplicates (rounding may merge two vertices a few mm apart) and closes the ring. */
export function closeRing(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] === last[0] && first[1] === last[1]) out.pop();
  if (out.length < 3) throw new Error('degenerate ring');
  out.push(first);
  return out;
}

/**
 * Every vertex that lies on a line of the plan, per line. A polygon edge along a line carries all
 * vertices of its neighbours on that line, so shared edges have identical vertex lists on both
 * sides (no T-junction gaps after rounding).
 */
export class LineVertices {
  /** Horizontal lattice edge (i, j) at index j * nx + i; parameters are u. */
  private readonly h: number[][];
  /** Vertical lattice edge (i, j) at index j * (nx + 1) + i; parameters are v. */
  private readonly v: number[][];
  /** Interior lines per cell: key `${axis}${at}`. */
  private readonly interior = new Map<number, Map<string, number[]>>();

  constructor(private readonly l: Lattice) {
    this.h = Array.from({ length: l.nx * (l.ny + 1) }, () => []);
    this.v = Array.from({ length: (l.nx + 1) * l.ny }, () => []);
  }

  hEdge(i: number, j: number): number[] {
    return this.h[j * this.l.nx + i];
  }

  vEdge(i: number, j: number): number[] {
    return this.v[j * (this.l.nx + 1) + i];
  }

  /** The parameter list of the line `axis = at` seen from cell (i, j). */
  private line(i: number, j: number, axis: 'u' | 'v', at: number): number[] {
    if (axis === 'u' && (at === 0 || at === 1)) return this.vEdge(i + at, j);
    if (axis === 'v' && (at === 0 || at === 1)) return this.hEdge(i, j + at);
    const cell = j * this.l.nx + i;
    let lines = this.interior.get(cell);
    if (!lines) {
      lines = new Map();
      this.interior.set(cell, lines);
    }
    const key = `${axis}${at}`;
    let list = lines.get(key);
    if (!list) {
      list = [];
      lines.set(key, list);
    }
    return list;
  }

  addRect(i: number, j: number, r: Rect): void {
    for (const [u, v] of [
      [r.u0, r.v0],
      [r.u1, r.v0],
      [r.u1, r.v1],
      [r.u0, r.v1],
    ] as const) {
      // Endpoints of a line (0 or 1 on the other axis) are lattice nodes, never in between.
      if (v !== 0 && v !== 1) this.line(i, j, 'u', u).push(v);
      if (u !== 0 && u !== 1) this.line(i, j, 'v', v).push(u);
    }
  }

  /** Sorts and de-duplicates every list; call once after all rectangles are added. */
  seal(): void {
    const tidy = (list: number[]): void => {
      list.sort((a, b) => a - b);
      let w = 0;
      for (let k = 0; k < list.length; k++) if (k === 0 || list[k] !== list[w - 1]) list[w++] = list[k];
      list.length = w;
    };
    this.h.forEach(tidy);
    this.v.forEach(tidy);
    for (const lines of this.interior.values()) for (const list of lines.values()) tidy(list);
  }

  /** Parameters strictly between `from` and `to` on line `axis = at` of cell (i, j), ascending. */
  between(i: number, j: number, axis: 'u' | 'v', at: number, from: number, to: number): number[] {
    return this.line(i, j, axis, at).filter((t) => t > from && t < to);
  }
}

/** Counter-clockwise outline of a grid rectangle, with every neighbour vertex on its edges. */
export function rectOutline(l: Lattice, lv: LineVertices, plan: CellPlan, r: Rect): Vec[] {
  const { i, j } = plan;
  const p = (u: number, v: number): Vec => cellPoint(l, i, j, u, v);
  const out: Vec[] = [p(r.u0, r.v0)];
  for (const u of lv.between(i, j, 'v', r.v0, r.u0, r.u1)) out.push(p(u, r.v0));
  out.push(p(r.u1, r.v0));
  for (const v of lv.between(i, j, 'u', r.u1, r.v0, r.v1)) out.push(p(r.u1, v));
  out.push(p(r.u1, r.v1));
  for (const u of lv.between(i, j, 'v', r.v1, r.u0, r.u1).reverse()) out.push(p(u, r.v1));
  out.push(p(r.u0, r.v1));
  for (const v of lv.between(i, j, 'u', r.u0, r.v0, r.v1).reverse()) out.push(p(r.u0, v));
  return out;
}

interface BoundaryEdge {
  from: number;
  to: number;
  /** The start node and every vertex along the edge, in walking order. */
  points: Vec[];
}

/**
 * Counter-clockwise outline of a union of lattice cells (a community, street or the district).
 * Boundary edges are walked node to node; throws unless they form exactly one ring.
 */
export function cellsOutline(
  l: Lattice,
  lv: LineVertices,
  cells: readonly (readonly [number, number])[],
): Vec[] {
  const inSet = new Set(cells.map(([i, j]) => j * l.nx + i));
  const has = (i: number, j: number): boolean => isPresent(l, i, j) && inSet.has(j * l.nx + i);
  const nodeId = (i: number, j: number): number => j * (l.nx + 1) + i;
  const edges = new Map<number, BoundaryEdge>();
  const add = (e: BoundaryEdge): void => {
    if (edges.has(e.from)) throw new Error('region outline touches itself at a node');
    edges.set(e.from, e);
  };
  for (const [i, j] of cells) {
    if (!has(i, j - 1)) {
      const ts = lv.hEdge(i, j);
      add({
        from: nodeId(i, j),
        to: nodeId(i + 1, j),
        points: [node(l, i, j), ...ts.map((t) => hEdgePoint(l, i, j, t))],
      });
    }
    if (!has(i + 1, j)) {
      const ts = lv.vEdge(i + 1, j);
      add({
        from: nodeId(i + 1, j),
        to: nodeId(i + 1, j + 1),
        points: [node(l, i + 1, j), ...ts.map((t) => vEdgePoint(l, i + 1, j, t))],
      });
    }
    if (!has(i, j + 1)) {
      const ts = [...lv.hEdge(i, j + 1)].reverse();
      add({
        from: nodeId(i + 1, j + 1),
        to: nodeId(i, j + 1),
        points: [node(l, i + 1, j + 1), ...ts.map((t) => hEdgePoint(l, i, j + 1, t))],
      });
    }
    if (!has(i - 1, j)) {
      const ts = [...lv.vEdge(i, j)].reverse();
      add({
        from: nodeId(i, j + 1),
        to: nodeId(i, j),
        points: [node(l, i, j + 1), ...ts.map((t) => vEdgePoint(l, i, j, t))],
      });
    }
  }
  const first = edges.values().next().value;
  if (!first) throw new Error('empty region');
  const out: Vec[] = [];
  let e: BoundaryEdge = first;
  let walked = 0;
  do {
    out.push(...e.points);
    walked++;
    const next = edges.get(e.to);
    if (!next) throw new Error('region outline is not closed');
    e = next;
  } while (e !== first);
  if (walked !== edges.size) throw new Error('region is not one simple polygon (hole or detached part)');
  return out;
}
