import { describe, expect, it } from 'vitest';
import {
  DENSITY_COLOURS,
  classIndex,
  densityBreaks,
  gridColourExpression,
  legendEntries,
} from './choropleth';

describe('choropleth breaks', () => {
  it('takes quantiles of the grids with cases', () => {
    // Ten values 1..10, five classes: lower bounds at positions 0, 2, 4, 6, 8 → 1, 3, 5, 7, 9.
    expect(densityBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 3, 5, 7, 9]);
  });

  it('ignores zero grids and merges equal quantiles', () => {
    // Non-zero values 1, 1, 1, 1, 50: quantiles 1, 1, 1, 1, 50 → two classes.
    expect(densityBreaks([0, 0, 1, 1, 1, 1, 50])).toEqual([1, 50]);
    expect(densityBreaks([0, 0])).toEqual([]);
  });

  it('puts a value in the last class whose lower bound it reaches', () => {
    const breaks = [1, 3, 5, 7, 9];
    expect([0, 1, 2, 3, 8, 100].map((v) => classIndex(v, breaks))).toEqual([-1, 0, 0, 1, 3, 4]);
  });

  it('labels the legend with inclusive ranges and an open top class', () => {
    expect(legendEntries([1, 3, 9])).toEqual([
      { colour: DENSITY_COLOURS[0], from: 1, to: 2 },
      { colour: DENSITY_COLOURS[2], from: 3, to: 8 },
      { colour: DENSITY_COLOURS[4], from: 9, to: null },
    ]);
  });

  it('builds a match on the grid code; grids without cases stay transparent', () => {
    const expr = gridColourExpression(
      [
        { gridCode: 'A', count: 1 },
        { gridCode: 'B', count: 9 },
      ],
      [1, 9],
    );
    expect(expr).toEqual([
      'match',
      ['get', 'code'],
      'A',
      DENSITY_COLOURS[0],
      'B',
      DENSITY_COLOURS[4],
      'rgba(0,0,0,0)',
    ]);
    expect(gridColourExpression([], [])).toBe('rgba(0,0,0,0)');
  });
});
