import { describe, expect, it } from 'vitest';
import { planCell } from './cell-plan';
import { cellsOutline, LineVertices } from './geometry';
import { biteEdges, blockCells, buildLattice, isSimpleRegion, partition } from './lattice';
import { Rng } from './random';

describe('partition', () => {
  it('splits n into groups within the bounds that sum to n', () => {
    const rng = new Rng(1);
    for (let n = 2; n < 60; n++) {
      const sizes = partition(n, 2, 3, rng);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      for (const s of sizes) expect(s).toBeGreaterThanOrEqual(2);
      for (const s of sizes) expect(s).toBeLessThanOrEqual(3);
    }
    expect(partition(2, 3, 4, rng)).toEqual([2]);
  });
});

describe('isSimpleRegion', () => {
  it('accepts connected sets and rejects detached parts and corner pinches', () => {
    expect(
      isSimpleRegion([
        [0, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toBe(true);
    expect(
      isSimpleRegion([
        [0, 0],
        [2, 0],
      ]),
    ).toBe(false);
    expect(
      isSimpleRegion([
        [0, 0],
        [1, 1],
      ]),
    ).toBe(false);
    // Connected, but (1, 1) and (2, 2) touch only at a corner.
    expect(
      isSimpleRegion([
        [1, 1],
        [1, 0],
        [2, 0],
        [3, 0],
        [3, 1],
        [3, 2],
        [2, 2],
      ]),
    ).toBe(false);
    expect(isSimpleRegion([])).toBe(false);
  });
});

describe('lattice', () => {
  const lattice = buildLattice({ width: 5000, height: 4000, spacing: 540 }, new Rng(4));
  biteEdges(lattice, new Rng(5), 0.5);

  it('keeps the district and every street block simple after edge bites', () => {
    const all: [number, number][] = [];
    for (let j = 0; j < lattice.ny; j++)
      for (let i = 0; i < lattice.nx; i++) if (lattice.present[j * lattice.nx + i]) all.push([i, j]);
    expect(all.length).toBeLessThan(lattice.nx * lattice.ny);
    expect(isSimpleRegion(all)).toBe(true);
    for (let gy = 0; gy < lattice.rowGroups.length; gy++) {
      for (let gx = 0; gx < lattice.colGroups.length; gx++)
        expect(isSimpleRegion(blockCells(lattice, gx, gy))).toBe(true);
    }
  });

  it('outlines a cell union as one ring and refuses a detached set', () => {
    const lv = new LineVertices(lattice);
    const plan = planCell(lattice, 2, 2, new Rng(6), { gridArea: 10000 });
    for (const r of plan.grids) lv.addRect(2, 2, r);
    lv.seal();
    const ring = cellsOutline(lattice, lv, [
      [2, 2],
      [3, 2],
    ]);
    expect(ring.length).toBeGreaterThanOrEqual(6);
    expect(() =>
      cellsOutline(lattice, lv, [
        [2, 2],
        [4, 2],
      ]),
    ).toThrow(/one simple polygon/);
  });
});
