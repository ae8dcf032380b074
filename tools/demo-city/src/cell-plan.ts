import { hEdgePoint, lerp, node, vEdgePoint, type Lattice, type Vec } from './lattice';
import type { Rng } from './random';

/**
 * Inside one lattice cell, positions are bilinear parameters (u, v) in [0, 1]²: u runs west to
 * east between the cell's vertical roads, v south to north. Every line of constant u or v is a
 * straight segment in the plane, so cutting a cell along such lines gives straight-edged
 * quadrilaterals whose shared edges are the same segment on both sides.
 */
export interface Rect {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

/** A road along a constant-u (`axis: 'u'`) or constant-v line, from `from` to `to` on the other axis. */
export interface CellRoad {
  axis: 'u' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface CellPlan {
  i: number;
  j: number;
  /** The unit grids of this cell, as parameter rectangles. */
  grids: Rect[];
  branchRoads: CellRoad[];
  lanes: CellRoad[];
}

export interface CellPlanOptions {
  /** Target unit grid area in m² (万米单元网格: about 10,000). */
  gridArea: number;
}

/**
 * Canonical position of (u, v) in cell (i, j). Points on a cell edge are computed from that edge
 * alone (as `hEdgePoint`/`vEdgePoint`), so both neighbouring cells get bit-identical coordinates.
 */
export function cellPoint(l: Lattice, i: number, j: number, u: number, v: number): Vec {
  if (v === 0 || v === 1) {
    if (u === 0 || u === 1) return node(l, i + u, j + v);
    return hEdgePoint(l, i, j + v, u);
  }
  if (u === 0 || u === 1) return vEdgePoint(l, i + u, j, v);
  return lerp(hEdgePoint(l, i, j, u), hEdgePoint(l, i, j + 1, u), v);
}

const dist = (a: Vec, b: Vec): number => Math.hypot(b[0] - a[0], b[1] - a[1]);

/** Shoelace area of a polygon in the plane (positive when counter-clockwise). */
export function planeArea(points: readonly Vec[]): number {
  let s = 0;
  for (let k = 0; k < points.length; k++) {
    const a = points[k];
    const b = points[(k + 1) % points.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

interface RectShape {
  width: number;
  height: number;
  area: number;
}

function shape(l: Lattice, i: number, j: number, r: Rect): RectShape {
  const sw = cellPoint(l, i, j, r.u0, r.v0);
  const se = cellPoint(l, i, j, r.u1, r.v0);
  const ne = cellPoint(l, i, j, r.u1, r.v1);
  const nw = cellPoint(l, i, j, r.u0, r.v1);
  return {
    width: (dist(sw, se) + dist(nw, ne)) / 2,
    height: (dist(sw, nw) + dist(se, ne)) / 2,
    area: planeArea([sw, se, ne, nw]),
  };
}

/** Interior cut positions for roads across a side of `length` metres: a road every 210-290 m. */
function roadCuts(length: number, rng: Rng): number[] {
  const n = Math.max(1, Math.round(length / rng.range(210, 290)));
  return Array.from({ length: n - 1 }, (_, k) => (k + 1 + rng.range(-0.18, 0.18)) / n);
}

function splitRect(r: Rect, axis: 'u' | 'v', f: number): [Rect, Rect, number] {
  if (axis === 'u') {
    const c = r.u0 + (r.u1 - r.u0) * f;
    return [{ ...r, u1: c }, { ...r, u0: c }, c];
  }
  const c = r.v0 + (r.v1 - r.v0) * f;
  return [{ ...r, v1: c }, { ...r, v0: c }, c];
}

/**
 * Cuts a cell into blocks along branch roads (支路) that cross it, optionally halves a block
 * along a lane (街巷), then splits each piece into about `gridArea` m² unit grids, always across
 * its longer side so that grids stay compact.
 */
export function planCell(l: Lattice, i: number, j: number, rng: Rng, opts: CellPlanOptions): CellPlan {
  const whole = shape(l, i, j, { u0: 0, u1: 1, v0: 0, v1: 1 });
  const uCuts = roadCuts(whole.width, rng);
  const vCuts = roadCuts(whole.height, rng);
  const branchRoads: CellRoad[] = [
    ...uCuts.map((at): CellRoad => ({ axis: 'u', at, from: 0, to: 1 })),
    ...vCuts.map((at): CellRoad => ({ axis: 'v', at, from: 0, to: 1 })),
  ];
  const lanes: CellRoad[] = [];
  const grids: Rect[] = [];

  const split = (r: Rect): void => {
    const s = shape(l, i, j, r);
    const n = Math.round(s.area / opts.gridArea);
    // Now and then a compound (school, park, factory yard) stays one larger grid.
    if (n <= 1 || (n === 2 && rng.chance(0.12))) {
      grids.push(r);
      return;
    }
    const first = n % 2 === 0 ? n / 2 : Math.floor(n / 2) + rng.int(0, 1);
    const f = first / n + rng.range(-0.04, 0.04);
    const [a, b] = splitRect(r, s.width >= s.height ? 'u' : 'v', f);
    split(a);
    split(b);
  };

  const us = [0, ...uCuts, 1];
  const vs = [0, ...vCuts, 1];
  for (let b = vs.length - 2; b >= 0; b--) {
    for (let a = 0; a < us.length - 1; a++) {
      const block: Rect = { u0: us[a], u1: us[a + 1], v0: vs[b], v1: vs[b + 1] };
      const s = shape(l, i, j, block);
      if (Math.max(s.width, s.height) >= 160 && rng.chance(0.55)) {
        const axis = s.width >= s.height ? 'u' : 'v';
        const [p, q, at] = splitRect(block, axis, rng.range(0.38, 0.62));
        lanes.push(
          axis === 'u'
            ? { axis, at, from: block.v0, to: block.v1 }
            : { axis, at, from: block.u0, to: block.u1 },
        );
        split(p);
        split(q);
      } else {
        split(block);
      }
    }
  }
  return { i, j, grids, branchRoads, lanes };
}
