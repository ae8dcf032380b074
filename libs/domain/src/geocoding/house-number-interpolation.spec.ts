import { describe, expect, it } from 'vitest';
import type { LonLat } from '../geo/coordinates';
import { haversineMeters } from '../geo/spherical';
import { interpolateHouseNumber, type StreetNumbering } from './house-number-interpolation';

/** A straight street along the 30°N parallel, drawn west to east: 0.01° of longitude ≈ 963 m. */
function eastWestStreet(): StreetNumbering {
  return {
    centreline: [
      [120.0, 30.0],
      [120.01, 30.0],
    ],
    left: { from: 2, to: 100, parity: 'even' },
    right: { from: 1, to: 99, parity: 'odd' },
  };
}

/** Metres in one degree of latitude on the 6371008.8 m sphere: R·π/180 = 111195.08. */
const M_PER_DEG_LAT = 111195.08023353292;

describe('interpolation along one segment', () => {
  it('puts number 51 at 50/98 of the odd side', () => {
    // (51 − 1) / (99 − 1) = 0.510204; lon = 120 + 0.01 × 0.510204 = 120.00510204
    const r = interpolateHouseNumber(eastWestStreet(), 51);
    expect(r?.side).toBe('right');
    expect(r?.fraction).toBeCloseTo(0.510204, 6);
    expect(r?.position[0]).toBeCloseTo(120.00510204, 8);
    expect(r?.position[1]).toBeCloseTo(30, 10);
  });

  it('puts the first and last numbers at the ends', () => {
    expect(interpolateHouseNumber(eastWestStreet(), 2)?.position).toEqual([120.0, 30.0]);
    expect(interpolateHouseNumber(eastWestStreet(), 100)?.position).toEqual([120.01, 30.0]);
  });

  it('reads a range that runs against the drawing direction', () => {
    // 100 at the first vertex, 2 at the last: 76 is (76 − 100) / (2 − 100) = 24/98 of the way.
    const street: StreetNumbering = { ...eastWestStreet(), left: { from: 100, to: 2, parity: 'even' } };
    const r = interpolateHouseNumber(street, 76);
    expect(r?.fraction).toBeCloseTo(24 / 98, 10);
    expect(r?.position[0]).toBeCloseTo(120 + 0.01 * (24 / 98), 10);
  });

  it('puts the single number of a one-house side at mid-block', () => {
    const street: StreetNumbering = { ...eastWestStreet(), right: { from: 7, to: 7, parity: 'odd' } };
    expect(interpolateHouseNumber(street, 7)).toMatchObject({
      side: 'right',
      fraction: 0.5,
      position: [120.005, 30],
    });
  });
});

describe('side offset', () => {
  it('moves an odd (right-hand, walking east) number south and an even one north', () => {
    // 10 m of latitude = 10 / 111195.08 = 8.9932e-5°
    const odd = interpolateHouseNumber(eastWestStreet(), 51, { sideOffsetMeters: 10 });
    const even = interpolateHouseNumber(eastWestStreet(), 2, { sideOffsetMeters: 10 });
    expect(odd?.position[1]).toBeCloseTo(30 - 10 / M_PER_DEG_LAT, 10);
    expect(odd?.position[0]).toBeCloseTo(120.00510204, 8);
    expect(odd?.onCentreline[1]).toBeCloseTo(30, 10);
    expect(even?.position).toEqual([120.0, 30 + 10 / M_PER_DEG_LAT]);
  });

  it('offsets at right angles to a diagonal segment', () => {
    const street: StreetNumbering = {
      centreline: [
        [120.0, 30.0],
        [120.001, 30.001],
      ],
      left: { from: 1, to: 1, parity: 'all' },
    };
    const r = interpolateHouseNumber(street, 1, { sideOffsetMeters: 15 });
    if (!r) throw new Error('expected a point');
    expect(haversineMeters(r.onCentreline, r.position)).toBeCloseTo(15, 2);
    // Left of a north-east-bound street is north-west of it: west and north of the centreline point.
    expect(r.position[0]).toBeLessThan(r.onCentreline[0]);
    expect(r.position[1]).toBeGreaterThan(r.onCentreline[1]);
  });
});

describe('interpolation along a bent centreline', () => {
  it('measures along the line, not between its ends', () => {
    // East leg 0.001° at 30°N = 111195.08 × cos 30° × 0.001 = 96.298 m; north leg 0.001° = 111.195 m;
    // total 207.493 m. Number 75 of 0–100 is at 0.75 × 207.493 = 155.620 m, i.e. 59.322 m up the
    // north leg: lat = 30 + 0.001 × 59.322 / 111.195 = 30.00053349.
    const street: StreetNumbering = {
      centreline: [
        [120.0, 30.0],
        [120.001, 30.0],
        [120.001, 30.001],
      ],
      right: { from: 0, to: 100, parity: 'all' },
    };
    const r = interpolateHouseNumber(street, 75);
    expect(r?.position[0]).toBeCloseTo(120.001, 10);
    expect(r?.position[1]).toBeCloseTo(30.00053349, 8);
  });

  it('stays on the first leg for a number early in the range', () => {
    // 20 of 0–100 → 41.499 m, inside the 96.298 m east leg: lon = 120 + 0.001 × 41.499 / 96.298
    const street: StreetNumbering = {
      centreline: [
        [120.0, 30.0],
        [120.001, 30.0],
        [120.001, 30.001],
      ],
      right: { from: 0, to: 100, parity: 'all' },
    };
    const r = interpolateHouseNumber(street, 20);
    expect(r?.position[0]).toBeCloseTo(120 + (0.001 * 41.49857) / 96.29776, 8);
    expect(r?.position[1]).toBe(30);
  });
});

describe('numbers a street does not carry', () => {
  it.each([
    [101, 'beyond both ranges'],
    [0, 'below both ranges'],
    [12.5, 'not a whole number'],
    [-3, 'negative'],
  ])('returns undefined for %f (%s)', (n) => {
    expect(interpolateHouseNumber(eastWestStreet(), n)).toBeUndefined();
  });

  it('returns undefined for an odd number when only the even side is numbered', () => {
    const street: StreetNumbering = {
      centreline: eastWestStreet().centreline,
      left: { from: 2, to: 100, parity: 'even' },
    };
    expect(interpolateHouseNumber(street, 51)).toBeUndefined();
  });
});

describe('invalid streets', () => {
  it.each<[string, LonLat[]]>([
    ['one point', [[120, 30]]],
    [
      'two equal points',
      [
        [120, 30],
        [120, 30],
      ],
    ],
    ['no points', []],
  ])('rejects a centreline with %s as GEO.GEOMETRY_INVALID', (_name, centreline) => {
    expect(() => interpolateHouseNumber({ ...eastWestStreet(), centreline }, 51)).toThrow(
      expect.objectContaining({ code: 'GEO.GEOMETRY_INVALID' }),
    );
  });

  it('rejects a NaN vertex as GEO.COORDINATE_INVALID', () => {
    const centreline: LonLat[] = [
      [120, 30],
      [Number.NaN, 30],
    ];
    expect(() => interpolateHouseNumber({ ...eastWestStreet(), centreline }, 51)).toThrow(
      expect.objectContaining({ code: 'GEO.COORDINATE_INVALID' }),
    );
  });

  it('rejects a range of fractional numbers as GEOCODING.NUMBER_RANGE_INVALID', () => {
    const street: StreetNumbering = { ...eastWestStreet(), right: { from: 1.5, to: 99, parity: 'odd' } };
    expect(() => interpolateHouseNumber(street, 51)).toThrow(
      expect.objectContaining({ code: 'GEOCODING.NUMBER_RANGE_INVALID' }),
    );
  });
});
