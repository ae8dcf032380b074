import { describe, expect, it } from 'vitest';
import { findGrid, gridsBounds, type CachedGrid } from './grid-lookup';

const square = (code: string, x0: number, y0: number, size: number): CachedGrid => ({
  code,
  name: `网格${code}`,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + size, y0],
        [x0 + size, y0 + size],
        [x0, y0 + size],
        [x0, y0],
      ],
    ],
  },
});

// Two grids side by side sharing the edge lon = 120.01; the second has a hole.
const west = square('330105001001001', 120.0, 30.0, 0.01);
const east: CachedGrid = {
  code: '330105001001002',
  name: '东网格',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [120.01, 30.0],
        [120.02, 30.0],
        [120.02, 30.01],
        [120.01, 30.01],
        [120.01, 30.0],
      ],
      [
        [120.014, 30.004],
        [120.016, 30.004],
        [120.016, 30.006],
        [120.014, 30.006],
        [120.014, 30.004],
      ],
    ],
  },
};
const island: CachedGrid = {
  code: '330105001001003',
  name: '两块',
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [120.03, 30.0],
          [120.04, 30.0],
          [120.04, 30.01],
          [120.03, 30.0],
        ],
      ],
      [
        [
          [120.05, 30.05],
          [120.06, 30.05],
          [120.06, 30.06],
          [120.05, 30.06],
          [120.05, 30.05],
        ],
      ],
    ],
  },
};
const grids = [east, west, island];

describe('findGrid (offline point in polygon)', () => {
  it('finds the grid containing the point', () => {
    expect(findGrid([120.005, 30.005], grids)?.code).toBe(west.code);
    expect(findGrid([120.018, 30.002], grids)?.code).toBe(east.code);
  });

  it('gives the lowest code on a shared edge (as the server does)', () => {
    expect(findGrid([120.01, 30.005], grids)?.code).toBe(west.code);
  });

  it('leaves a hole out', () => {
    expect(findGrid([120.015, 30.005], grids)).toBeNull();
  });

  it('looks in every part of a multipolygon', () => {
    expect(findGrid([120.055, 30.055], grids)?.name).toBe('两块');
  });

  it('returns null outside the cached grids', () => {
    expect(findGrid([121, 31], grids)).toBeNull();
    expect(findGrid([120.005, 30.005], [])).toBeNull();
  });
});

describe('gridsBounds', () => {
  it('spans every vertex of every grid', () => {
    expect(gridsBounds(grids)).toEqual([120.0, 30.0, 120.06, 30.06]);
    expect(gridsBounds([])).toBeNull();
  });
});
