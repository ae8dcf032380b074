import { Rng } from './random';

/** A point in the local metric plane: metres east and north of the district centre. */
export type Vec = readonly [number, number];

/**
 * The major road lattice. Vertical lines i = 0..nx run roughly north-south, horizontal lines
 * j = 0..ny roughly east-west; cell (i, j) lies between lines i, i+1 and j, j+1 (j grows
 * northwards). Nodes are jittered so that roads bend slightly at every crossing.
 */
export interface Lattice {
  nx: number;
  ny: number;
  /** Node (i, j) at index j * (nx + 1) + i. */
  nodes: Vec[];
  /** Whether cell (i, j) (index j * nx + i) belongs to the district. */
  present: boolean[];
  /** Sizes of the street column groups (west to east) and row groups (south to north). */
  colGroups: number[];
  rowGroups: number[];
}

export interface LatticeOptions {
  width: number;
  height: number;
  /** Mean distance between neighbouring major roads, in metres. */
  spacing: number;
}

export function node(l: Lattice, i: number, j: number): Vec {
  return l.nodes[j * (l.nx + 1) + i];
}

export function isPresent(l: Lattice, i: number, j: number): boolean {
  return i >= 0 && j >= 0 && i < l.nx && j < l.ny && l.present[j * l.nx + i];
}

export function lerp(a: Vec, b: Vec, t: number): Vec {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Point at fraction t along horizontal edge (i, j) → (i + 1, j). */
export function hEdgePoint(l: Lattice, i: number, j: number, t: number): Vec {
  return lerp(node(l, i, j), node(l, i + 1, j), t);
}

/** Point at fraction t along vertical edge (i, j) → (i, j + 1). */
export function vEdgePoint(l: Lattice, i: number, j: number, t: number): Vec {
  return lerp(node(l, i, j), node(l, i, j + 1), t);
}

/** Positions of the lines along one axis: random spacings scaled to fill `length` exactly. */
function linePositions(length: number, spacing: number, rng: Rng): number[] {
  const n = Math.max(2, Math.round(length / spacing));
  const gaps = Array.from({ length: n }, () => rng.range(0.8, 1.2));
  const sum = gaps.reduce((a, b) => a + b, 0);
  const out = [-length / 2];
  for (const g of gaps) out.push(out[out.length - 1] + (g / sum) * length);
  return out;
}

/** A bounded random walk: each road drifts a little between crossings but never far. */
function drift(count: number, rng: Rng): number[] {
  const out: number[] = [];
  let d = rng.range(-45, 45);
  for (let k = 0; k < count; k++) {
    out.push(d);
    d = Math.max(-70, Math.min(70, d + rng.range(-30, 30)));
  }
  return out;
}

/**
 * Splits n cells into groups of min..max cells, as evenly as the numbers allow. Streets are
 * rectangles of such groups, so their boundaries follow major roads.
 */
export function partition(n: number, min: number, max: number, rng: Rng): number[] {
  const avg = (min + max) / 2;
  const lo = Math.ceil(n / max);
  const hi = Math.max(lo, Math.floor(n / min));
  // A little randomness in the group count, so the street count varies between seeds.
  const k = Math.min(hi, Math.max(lo, Math.round(n / avg + rng.range(-0.5, 0.5))));
  const sizes = Array.from({ length: k }, () => Math.floor(n / k));
  const extra = rng.shuffle(Array.from({ length: k }, (_, idx) => idx)).slice(0, n - sizes[0] * k);
  for (const idx of extra) sizes[idx]++;
  return sizes;
}

export function buildLattice(opts: LatticeOptions, rng: Rng): Lattice {
  const xs = linePositions(opts.width, opts.spacing, rng);
  const ys = linePositions(opts.height, opts.spacing, rng);
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  const dx = xs.map(() => drift(ny + 1, rng));
  const dy = ys.map(() => drift(nx + 1, rng));
  const nodes: Vec[] = [];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) nodes.push([xs[i] + dx[i][j], ys[j] + dy[j][i]]);
  }
  return {
    nx,
    ny,
    nodes,
    present: new Array<boolean>(nx * ny).fill(true),
    colGroups: partition(nx, 2, 3, rng),
    rowGroups: partition(ny, 3, 4, rng),
  };
}

/** Group index of every column (or row) given the group sizes. */
export function groupOf(sizes: readonly number[]): number[] {
  return sizes.flatMap((s, g) => new Array<number>(s).fill(g));
}

/** Cell indices of street block (gx, gy). */
export function blockCells(l: Lattice, gx: number, gy: number): [number, number][] {
  const col = groupOf(l.colGroups);
  const row = groupOf(l.rowGroups);
  const out: [number, number][] = [];
  for (let j = 0; j < l.ny; j++) {
    for (let i = 0; i < l.nx; i++) {
      if (col[i] === gx && row[j] === gy && isPresent(l, i, j)) out.push([i, j]);
    }
  }
  return out;
}

/**
 * A set of lattice cells is a valid region when it is 4-connected and has no "pinch" (two cells
 * touching only at a corner with both other cells of that 2x2 window missing), so its outline is
 * one simple ring. Holes cannot arise here because cells are only ever removed at the edge.
 */
export function isSimpleRegion(cells: readonly (readonly [number, number])[]): boolean {
  if (cells.length === 0) return false;
  const key = (i: number, j: number): string => `${i},${j}`;
  const set = new Set(cells.map(([i, j]) => key(i, j)));
  const seen = new Set<string>([key(cells[0][0], cells[0][1])]);
  const stack: [number, number][] = [[cells[0][0], cells[0][1]]];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    for (const [a, b] of [
      [i + 1, j],
      [i - 1, j],
      [i, j + 1],
      [i, j - 1],
    ] as const) {
      const k = key(a, b);
      if (set.has(k) && !seen.has(k)) {
        seen.add(k);
        stack.push([a, b]);
      }
    }
  }
  if (seen.size !== set.size) return false;
  for (const [i, j] of cells) {
    for (const [di, dj] of [
      [1, 1],
      [1, -1],
    ] as const) {
      const diag = set.has(key(i + di, j + dj));
      if (diag && !set.has(key(i + di, j)) && !set.has(key(i, j + dj))) return false;
    }
  }
  return true;
}

/**
 * Bites cells out of the district edge so it is not a plain quadrilateral. A bite is kept only
 * if the district and every street block stay simple regions of at least two cells.
 */
export function biteEdges(l: Lattice, rng: Rng, probability = 0.16): void {
  const candidates: [number, number][][] = [];
  const side = (cells: [number, number][]): void => {
    for (let k = 0; k < cells.length; k++) {
      if (!rng.chance(probability)) continue;
      const len = rng.int(1, 2);
      candidates.push(cells.slice(k, k + len));
      k += len;
    }
  };
  const row = (j: number): [number, number][] => Array.from({ length: l.nx }, (_, i) => [i, j]);
  const col = (i: number): [number, number][] => Array.from({ length: l.ny }, (_, j) => [i, j]);
  if (l.ny >= 4) {
    side(row(0));
    side(row(l.ny - 1));
  }
  if (l.nx >= 4) {
    side(col(0));
    side(col(l.nx - 1));
  }
  const all = (): [number, number][] => {
    const out: [number, number][] = [];
    for (let j = 0; j < l.ny; j++) for (let i = 0; i < l.nx; i++) if (isPresent(l, i, j)) out.push([i, j]);
    return out;
  };
  for (const bite of candidates) {
    const before = bite.map(([i, j]) => l.present[j * l.nx + i]);
    for (const [i, j] of bite) l.present[j * l.nx + i] = false;
    let ok = isSimpleRegion(all());
    for (let gy = 0; ok && gy < l.rowGroups.length; gy++) {
      for (let gx = 0; ok && gx < l.colGroups.length; gx++) {
        const cells = blockCells(l, gx, gy);
        ok = cells.length >= 2 && isSimpleRegion(cells);
      }
    }
    if (!ok) bite.forEach(([i, j], k) => (l.present[j * l.nx + i] = before[k]));
  }
}
