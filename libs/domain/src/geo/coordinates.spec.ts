import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  COORDINATE_SYSTEMS,
  fromStored,
  gcj02ToBd09,
  gcj02ToWgs84,
  isOutsideChina,
  parseCoordinateSystem,
  toStored,
  wgs84ToGcj02,
  type LonLat,
} from './coordinates';
import { haversineMeters } from './spherical';

/** 1e-6° is 0.11 m of latitude: the precision the reference suites compare at (6 decimals). */
const DEG_1E6 = 1e-6;

function expectNear(actual: LonLat, expected: LonLat, tolDeg = DEG_1E6): void {
  expect(Math.abs(actual[0] - expected[0])).toBeLessThan(tolDeg);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThan(tolDeg);
}

// Reference pairs, lon/lat order, from published converter test suites:
// - googollee/eviltransform javascript/test.js (WGS84 → GCJ-02, compared at 6 decimals there);
// - wandergis/coordtransform test/app.js (the input 116.404, 39.915 read in each system);
// - a GCJ-02/BD-09 pair for Beijing railway station quoted by an R converter's docs, given to 5 decimals.
const WGS_GCJ_PAIRS: { place: string; wgs: LonLat; gcj: LonLat }[] = [
  { place: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { place: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { place: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
  { place: 'Beijing (coordtransform)', wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164] },
];

describe('WGS84 → GCJ-02 against published reference points', () => {
  it.each(WGS_GCJ_PAIRS)('$place', ({ wgs, gcj }) => {
    expectNear(wgs84ToGcj02(...wgs), gcj);
  });

  it('moves points in Beijing, Shanghai and Shenzhen by the known 300–700 m', () => {
    // The GCJ-02 offset in eastern China is a few hundred metres; these three are 553, 475 and 604 m.
    const metres = WGS_GCJ_PAIRS.slice(0, 3).map(({ wgs }) => haversineMeters(wgs, wgs84ToGcj02(...wgs)));
    for (const m of metres) {
      expect(m).toBeGreaterThan(300);
      expect(m).toBeLessThan(700);
    }
  });
});

describe('GCJ-02 → WGS84 iterative inverse', () => {
  it.each(WGS_GCJ_PAIRS)('recovers the WGS84 point of $place within 0.5 m', ({ wgs, gcj }) => {
    expect(haversineMeters(gcj02ToWgs84(...gcj), wgs)).toBeLessThan(0.5);
  });

  it('is an exact inverse (< 1 cm) over a grid of points across China', () => {
    // Sweep 20°N–50°N, 80°E–130°E in 2.5° steps: the offset's waves change fastest in longitude.
    let worst = 0;
    for (let lat = 20; lat <= 50; lat += 2.5) {
      for (let lon = 80; lon <= 130; lon += 2.5) {
        const back = gcj02ToWgs84(...wgs84ToGcj02(lon, lat));
        worst = Math.max(worst, haversineMeters(back, [lon, lat]));
      }
    }
    expect(worst).toBeLessThan(0.01);
  });

  it('beats the one-step approximation that coordtransform ships', () => {
    // coordtransform's gcj02towgs84(116.404, 39.915) = 116.39775550083061, 39.91359571849836 subtracts
    // the offset taken at the GCJ point; it is off by ~0.06 m here. Re-encoding our answer must give
    // back the input to the millimetre.
    const ours = gcj02ToWgs84(116.404, 39.915);
    expect(haversineMeters(ours, [116.39775550083061, 39.91359571849836])).toBeLessThan(1);
    expect(haversineMeters(wgs84ToGcj02(...ours), [116.404, 39.915])).toBeLessThan(0.001);
  });
});

describe('GCJ-02 ↔ BD-09', () => {
  it('matches coordtransform for 116.404, 39.915 both ways', () => {
    expectNear(gcj02ToBd09(116.404, 39.915), [116.41036949371029, 39.92133699351021], 1e-9);
    // coordtransform's inverse is the closed form alone; our corrected one lies within 1e-6° of it.
    expectNear(bd09ToGcj02(116.404, 39.915), [116.39762729119315, 39.90865673957631]);
  });

  it('matches the geotool chain WGS84 → GCJ-02 → BD-09 near Jiaxing', () => {
    // geotool test: WGS84 121.0917077, 30.6107779 → GCJ-02 121.09626935575027, 30.608604331756705
    // → BD-09 121.10271732371203, 30.61484572185035.
    const gcj = wgs84ToGcj02(121.0917077, 30.6107779);
    expectNear(gcj, [121.09626935575027, 30.608604331756705]);
    expectNear(
      gcj02ToBd09(121.09626935575027, 30.608604331756705),
      [121.10271732371203, 30.61484572185035],
      1e-9,
    );
    expectNear(fromStored(121.0917077, 30.6107779, 'bd09'), [121.10271732371203, 30.61484572185035]);
  });

  it('matches the Beijing railway station pair quoted to 5 decimals', () => {
    // GCJ-02 (116.42703, 39.90245) ↔ BD-09 (116.43351, 39.90851). Both sides are rounded to 0.5e-5°,
    // so the mapped point may miss by up to 1e-5° (about 1 m); the latitude misses by 6.7e-6°.
    expectNear(gcj02ToBd09(116.42703, 39.90245), [116.43351, 39.90851], 1e-5);
    expectNear(bd09ToGcj02(116.43351, 39.90851), [116.42703, 39.90245], 1e-5);
  });

  it('round-trips to the millimetre near Hangzhou', () => {
    const gcj: LonLat = [120.15, 30.27];
    const bd = gcj02ToBd09(...gcj);
    // The BD-09 shift itself is ~900 m here (0.0065° east, 0.006° north plus the perturbation).
    expect(haversineMeters(bd, gcj)).toBeGreaterThan(800);
    expect(haversineMeters(bd09ToGcj02(...bd), gcj)).toBeLessThan(0.001);
  });
});

describe('outside China', () => {
  it.each([
    ['Greenwich', [0, 51.4779]],
    ['Tokyo east of the box', [139.6917, 35.6895]],
    ['Moscow north of the box', [37.6173, 55.7558]],
    ['Singapore below 0.8293°N', [103.8198, 0.5]],
  ] as const)('leaves GCJ-02 equal to WGS84 at %s', (_name, p) => {
    expect(isOutsideChina(p[0], p[1])).toBe(true);
    expect(wgs84ToGcj02(p[0], p[1])).toEqual([p[0], p[1]]);
    expect(gcj02ToWgs84(p[0], p[1])).toEqual([p[0], p[1]]);
    expect(toStored(p[0], p[1], 'gcj02')).toEqual([p[0], p[1]]);
  });

  it('treats Hangzhou as inside', () => {
    expect(isOutsideChina(120.15, 30.27)).toBe(false);
  });
});

describe('toStored / fromStored', () => {
  const hangzhou: LonLat = [120.1551, 30.2741];

  it('keeps WGS84 and CGCS2000 as they are (same frame to centimetres)', () => {
    expect(toStored(...hangzhou, 'wgs84')).toEqual(hangzhou);
    expect(toStored(...hangzhou, 'cgcs2000')).toEqual(hangzhou);
    expect(fromStored(...hangzhou, 'cgcs2000')).toEqual(hangzhou);
  });

  it.each(COORDINATE_SYSTEMS)('round-trips stored → %s → stored within 1 mm', (system) => {
    const shown = fromStored(...hangzhou, system);
    expect(haversineMeters(toStored(...shown, system), hangzhou)).toBeLessThan(0.001);
  });

  it('applies GCJ-02 then BD-09 for Baidu coordinates', () => {
    const viaSteps = gcj02ToBd09(...wgs84ToGcj02(...hangzhou));
    expect(fromStored(...hangzhou, 'bd09')).toEqual(viaSteps);
  });
});

describe('parseCoordinateSystem', () => {
  it.each([
    ['wgs84', 'wgs84'],
    ['WGS-84', 'wgs84'],
    ['EPSG:4326', 'wgs84'],
    ['CGCS2000', 'cgcs2000'],
    ['epsg:4490', 'cgcs2000'],
    ['GCJ-02', 'gcj02'],
    ['gcj_02', 'gcj02'],
    ['BD-09', 'bd09'],
    ['bd09ll', 'bd09'],
  ])('reads %s as %s', (name, system) => {
    expect(parseCoordinateSystem(name)).toBe(system);
  });

  it.each(['', 'mercator', 'bd09mc', 'EPSG:3857', 'toString', '__proto__'])('rejects "%s"', (name) => {
    expect(() => parseCoordinateSystem(name)).toThrow(expect.objectContaining({ code: 'GEO.UNKNOWN_CRS' }));
  });
});

describe('invalid coordinates', () => {
  it.each([
    [Number.NaN, 30],
    [120, Number.NaN],
    [Number.POSITIVE_INFINITY, 30],
    [180.0001, 30],
    [-181, 30],
    [120, 90.5],
    [120, -91],
  ])('rejects %s, %s with GEO.COORDINATE_INVALID', (lon, lat) => {
    const calls = [
      () => toStored(lon, lat, 'gcj02'),
      () => fromStored(lon, lat, 'wgs84'),
      () => wgs84ToGcj02(lon, lat),
      () => gcj02ToWgs84(lon, lat),
      () => gcj02ToBd09(lon, lat),
      () => bd09ToGcj02(lon, lat),
    ];
    for (const call of calls) {
      expect(call).toThrow(expect.objectContaining({ code: 'GEO.COORDINATE_INVALID' }));
    }
  });

  it('names each bad field', () => {
    expect(() => toStored(Number.NaN, 95, 'wgs84')).toThrow(
      expect.objectContaining({
        details: [
          { field: 'lon', message: 'must be a number from -180 to 180' },
          { field: 'lat', message: 'must be a number from -90 to 90' },
        ],
      }),
    );
  });
});
