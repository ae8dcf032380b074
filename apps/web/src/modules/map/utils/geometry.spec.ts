import type { Geometry, Position } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { geometryBBox, nearestPosition, representativePoint } from './geometry';

const square: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120, 30],
      [120.01, 30],
      [120.01, 30.01],
      [120, 30.01],
      [120, 30],
    ],
  ],
};

/** A "U": two arms joined at the bottom; its bbox centre (120.015, 30.015) is in the notch, outside. */
const uShape: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120, 30],
      [120.03, 30],
      [120.03, 30.03],
      [120.02, 30.03],
      [120.02, 30.01],
      [120.01, 30.01],
      [120.01, 30.03],
      [120, 30.03],
      [120, 30],
    ],
  ],
};

describe('geometryBBox', () => {
  it('spans every vertex', () => {
    expect(geometryBBox(square)).toEqual([120, 30, 120.01, 30.01]);
    expect(geometryBBox({ type: 'Point', coordinates: [120.1, 30.2] })).toEqual([120.1, 30.2, 120.1, 30.2]);
    expect(
      geometryBBox({
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, -4],
          ],
          [[-5, 6]],
        ],
      }),
    ).toEqual([-5, -4, 3, 6]);
  });

  it('is null for an empty geometry', () => {
    expect(geometryBBox({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});

describe('representativePoint', () => {
  it('takes the middle of a convex polygon', () => {
    const [lon, lat] = representativePoint(square) ?? [NaN, NaN];
    // Scanline at lat 30.005 crosses x = 120 and 120.01; midpoint 120.005.
    expect(lon).toBeCloseTo(120.005, 9);
    expect(lat).toBeCloseTo(30.005, 9);
  });

  it('stays inside a concave polygon whose bbox centre is outside', () => {
    const [lon, lat] = representativePoint(uShape) ?? [NaN, NaN];
    // Scanline at lat 30.015 crosses 120, 120.01 | 120.02, 120.03: two arms of width 0.01 each;
    // the west arm is found first and the east one is not wider, so its midpoint 120.005.
    expect(lat).toBeCloseTo(30.015, 9);
    expect(lon).toBeCloseTo(120.005, 9);
  });

  it('steps around a hole', () => {
    const withHole: Geometry = {
      type: 'Polygon',
      coordinates: [
        square.coordinates[0],
        [
          [120.003, 30.002],
          [120.008, 30.002],
          [120.008, 30.008],
          [120.003, 30.008],
          [120.003, 30.002],
        ],
      ],
    };
    const [lon] = representativePoint(withHole) ?? [NaN];
    // Inside stretches at 30.005: 120–120.003 (0.003 wide) and 120.008–120.01 (0.002); mid 120.0015.
    expect(lon).toBeCloseTo(120.0015, 9);
  });

  it('uses the point itself and the middle vertex of a line', () => {
    expect(representativePoint({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    expect(
      representativePoint({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
      }),
    ).toEqual([1, 1]);
  });
});

describe('nearestPosition', () => {
  it('picks the member of a MultiPoint nearest to the click', () => {
    const points: Position[] = [
      [120.1, 30.3],
      [120.1002, 30.3001],
      [120.2, 30.4],
    ];
    // (120.1002, 30.3001) is 0.0001° from the click; (120.1, 30.3) is 0.00022° away.
    expect(nearestPosition(points, [120.1002, 30.3002])).toEqual([120.1002, 30.3001]);
    expect(nearestPosition([], [120.1, 30.3])).toBeNull();
  });
});
