import { describe, expect, it } from 'vitest';
import type { LonLat } from '../geo/coordinates';
import { offsetByMeters } from '../geo/spherical';
import {
  compassBearingDeg,
  compassFromBearing,
  COMPASS_DIRECTIONS,
  type CompassDirection,
} from './compass-direction';
import {
  describeLocation,
  referenceLabel,
  roundDistanceForWording,
  type DescriptionReference,
} from './description';

/** A doorplate in Dongcheng, Beijing (position illustrative). */
const DOORPLATE: DescriptionReference = {
  kind: 'house-number',
  road: '北兵马司胡同',
  houseNumber: '12号',
  position: [116.4039, 39.9382],
};

/** The point `meters` away from the doorplate towards `bearingDeg`. */
function away(meters: number, bearingDeg: number, from: LonLat = DOORPLATE.position): LonLat {
  const rad = (bearingDeg * Math.PI) / 180;
  return offsetByMeters(from, meters * Math.sin(rad), meters * Math.cos(rad));
}

describe('describeLocation wording', () => {
  it('says 东侧约30米 for a point 30 m east of a doorplate', () => {
    const d = describeLocation(away(30, 90), DOORPLATE);
    expect(d.text).toBe('北兵马司胡同12号东侧约30米');
    expect(d).toMatchObject({ referenceLabel: '北兵马司胡同12号', direction: 'E', roundedMeters: 30 });
    expect(d.distanceMeters).toBeCloseTo(30, 2);
  });

  it('says 附近 within 10 m and gives no direction', () => {
    const d = describeLocation(away(8, 0), DOORPLATE);
    expect(d.text).toBe('北兵马司胡同12号附近');
    expect(d.direction).toBeUndefined();
    expect(d.roundedMeters).toBeUndefined();
  });

  it('rounds 247 m south-west to 250 m', () => {
    // 247 ≥ 100, so the 10 m step: round(24.7) × 10 = 250
    expect(describeLocation(away(247, 225), DOORPLATE).text).toBe('北兵马司胡同12号西南侧约250米');
  });

  it('rounds 43 m north-west to 45 m', () => {
    // 43 < 100, so the 5 m step: round(8.6) × 5 = 45
    expect(describeLocation(away(43, 315), DOORPLATE).text).toBe('北兵马司胡同12号西北侧约45米');
  });

  it.each<[CompassDirection, string]>([
    ['N', '北'],
    ['NE', '东北'],
    ['E', '东'],
    ['SE', '东南'],
    ['S', '南'],
    ['SW', '西南'],
    ['W', '西'],
    ['NW', '西北'],
  ])('names the %s sector %s', (direction, word) => {
    const d = describeLocation(away(60, compassBearingDeg(direction)), DOORPLATE);
    expect(d.direction).toBe(direction);
    expect(d.text).toBe(`北兵马司胡同12号${word}侧约60米`);
  });
});

describe('references', () => {
  it('words a POI by its name and a crossing as 甲与乙交叉口', () => {
    const poi: DescriptionReference = { kind: 'poi', name: '西湖文化广场', position: [120.1653, 30.2766] };
    const crossing: DescriptionReference = {
      kind: 'crossing',
      roads: ['文一路', '学院路'],
      position: [120.1371, 30.2889],
    };
    expect(referenceLabel(poi)).toBe('西湖文化广场');
    expect(referenceLabel(crossing)).toBe('文一路与学院路交叉口');
    expect(describeLocation(away(120, 45, crossing.position), crossing).text).toBe(
      '文一路与学院路交叉口东北侧约120米',
    );
    expect(describeLocation(away(5, 180, poi.position), poi).text).toBe('西湖文化广场附近');
  });
});

describe('distance rounding rule', () => {
  it.each<[number, number | 'nearby']>([
    [0, 'nearby'],
    [10, 'nearby'], // the nearby radius is inclusive
    [10.01, 10], // round(2.002) × 5
    [12.4, 10], // round(2.48) × 5
    [12.5, 15], // round(2.5) = 3 → 15
    [97.4, 95], // round(19.48) × 5
    [97.6, 100], // round(19.52) × 5
    [100, 100], // from 100 m the step is 10: round(10) × 10
    [104.9, 100], // round(10.49) × 10
    [105, 110], // round(10.5) = 11 → 110
    [1234, 1230], // round(123.4) × 10
  ])('%f m → %s', (meters, expected) => {
    expect(roundDistanceForWording(meters)).toBe(expected);
  });
});

describe('settings', () => {
  it('takes its thresholds, direction words, side word and prefix from options', () => {
    const d = describeLocation(away(15, 90), DOORPLATE, {
      distance: { nearbyMeters: 20 },
      nearbyWord: '门前',
      prefix: '东城区交道口街道',
    });
    expect(d.text).toBe('东城区交道口街道北兵马司胡同12号门前');
    const e = describeLocation(away(30, 90), DOORPLATE, {
      directionLabels: {
        N: '正北',
        NE: '东北',
        E: '正东',
        SE: '东南',
        S: '正南',
        SW: '西南',
        W: '正西',
        NW: '西北',
      },
      sideWord: '方向',
      distance: { fineStepMeters: 20 },
    });
    // 30 m with a 20 m step: round(1.5) × 20 = 40
    expect(e.text).toBe('北兵马司胡同12号正东方向约40米');
  });

  it.each([{ fineStepMeters: 0 }, { coarseStepMeters: -10 }, { nearbyMeters: Number.NaN }])(
    'rejects %j with GEOCODING.SETTINGS_INVALID',
    (distance) => {
      expect(() => describeLocation(away(30, 90), DOORPLATE, { distance })).toThrow(
        expect.objectContaining({ code: 'GEOCODING.SETTINGS_INVALID' }),
      );
    },
  );

  it('rejects an invalid point with GEO.COORDINATE_INVALID', () => {
    expect(() => describeLocation([Number.NaN, 39.9], DOORPLATE)).toThrow(
      expect.objectContaining({ code: 'GEO.COORDINATE_INVALID' }),
    );
  });
});

describe('compass sectors', () => {
  it.each<[number, CompassDirection]>([
    [0, 'N'],
    [22.4, 'N'],
    [22.6, 'NE'],
    [67.4, 'NE'],
    [67.6, 'E'],
    [180, 'S'],
    [337.4, 'NW'],
    [337.6, 'N'],
    [359.9, 'N'],
    [-90, 'W'],
    [450, 'E'],
  ])('%f° is %s', (bearing, direction) => {
    expect(compassFromBearing(bearing)).toBe(direction);
  });

  it('centres each direction on a multiple of 45°', () => {
    expect(COMPASS_DIRECTIONS.map(compassBearingDeg)).toEqual([0, 45, 90, 135, 180, 225, 270, 315]);
  });
});
