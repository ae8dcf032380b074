import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, haversineMeters, initialBearingDeg, offsetByMeters } from './spherical';

describe('haversineMeters', () => {
  it('measures one degree of latitude as R·π/180', () => {
    // 6371008.8 × π / 180 = 111195.08 m
    expect(haversineMeters([120, 30], [120, 31])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
  });

  it('shrinks a degree of longitude by cos(lat)', () => {
    // At 60°N: 111195.08 × cos 60° = 55597.54 m (haversine and the parallel agree to < 0.1 m over 1°).
    expect(haversineMeters([120, 60], [121, 60])).toBeCloseTo(55597.54, -1);
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineMeters([116.4, 39.9], [116.4, 39.9])).toBe(0);
    const ab = haversineMeters([116.4, 39.9], [121.47, 31.23]);
    expect(haversineMeters([121.47, 31.23], [116.4, 39.9])).toBeCloseTo(ab, 6);
    // Beijing–Shanghai straight line is about 1067 km.
    expect(ab / 1000).toBeCloseTo(1067, -1);
  });
});

describe('initialBearingDeg', () => {
  it.each([
    [[120, 30.001], 0],
    [[120.001, 30], 90],
    [[120, 29.999], 180],
    [[119.999, 30], 270],
  ] as const)('from 120,30 to %j is %i°', (to, deg) => {
    expect(initialBearingDeg([120, 30], [to[0], to[1]])).toBeCloseTo(deg, 3);
  });
});

describe('offsetByMeters', () => {
  it('moves 30 m east and 40 m north to a point 50 m away', () => {
    const moved = offsetByMeters([116.4, 39.9], 30, 40);
    expect(haversineMeters([116.4, 39.9], moved)).toBeCloseTo(50, 2);
    // bearing atan2(30, 40) = 36.87°
    expect(initialBearingDeg([116.4, 39.9], moved)).toBeCloseTo(36.87, 1);
  });
});
