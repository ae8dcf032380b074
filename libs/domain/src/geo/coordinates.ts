import { DomainError } from '../errors';

/** A longitude/latitude pair in degrees, in GeoJSON order. */
export type LonLat = [lon: number, lat: number];

/**
 * 坐标系 coordinate reference systems a client may send or ask for.
 * - `wgs84`: EPSG:4326, GNSS receivers, OpenStreetMap. What we store.
 * - `cgcs2000`: EPSG:4490, 2000国家大地坐标系, the frame GB/T 30428.3 asks for. Its ellipsoid differs
 *   from WGS84's only in the flattening (a 0.1 mm difference in the semi-minor axis) and both frames
 *   are aligned to ITRF, so positions agree to a few centimetres: far below the accuracy of a field
 *   report or a base map, so we take CGCS2000 as identical to WGS84 (docs/ARCHITECTURE.md).
 * - `gcj02`: 国测局坐标 ("Mars" coordinates), the obfuscated frame every map licensed in mainland China
 *   must use (AutoNavi/Amap, Tencent, Google China). Offsets of a few hundred metres.
 * - `bd09`: 百度坐标, Baidu's further offset applied on top of GCJ-02.
 */
export type CoordinateSystem = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';

export const COORDINATE_SYSTEMS: readonly CoordinateSystem[] = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'];

/** Accepted spellings, compared after lower-casing and dropping spaces, `-`, `_` and `.`. */
const CRS_ALIASES: Record<string, CoordinateSystem> = {
  wgs84: 'wgs84',
  epsg4326: 'wgs84',
  'epsg:4326': 'wgs84',
  cgcs2000: 'cgcs2000',
  epsg4490: 'cgcs2000',
  'epsg:4490': 'cgcs2000',
  gcj02: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
};

/** Reads a coordinate system name ("WGS84", "gcj-02", "EPSG:4490", "bd09ll"), or throws `GEO.UNKNOWN_CRS`. */
export function parseCoordinateSystem(name: string): CoordinateSystem {
  const key = name.toLowerCase().replace(/[\s\-_.]/g, '');
  const system = Object.prototype.hasOwnProperty.call(CRS_ALIASES, key) ? CRS_ALIASES[key] : undefined;
  if (system === undefined) {
    throw new DomainError('GEO.UNKNOWN_CRS', `unknown coordinate system "${name}"`, [
      { field: 'crs', message: `must be one of ${COORDINATE_SYSTEMS.join(', ')}` },
    ]);
  }
  return system;
}

/** Throws `GEO.COORDINATE_INVALID` unless lon is a finite number in [-180, 180] and lat in [-90, 90]. */
export function assertValidLonLat(lon: number, lat: number): void {
  const details: { field: string; message: string }[] = [];
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) {
    details.push({ field: 'lon', message: 'must be a number from -180 to 180' });
  }
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    details.push({ field: 'lat', message: 'must be a number from -90 to 90' });
  }
  if (details.length > 0) {
    throw new DomainError('GEO.COORDINATE_INVALID', `invalid coordinate ${lon},${lat}`, details);
  }
}

/**
 * The rectangle inside which GCJ-02 applies its offset. Every published implementation uses this
 * box (it is the one the leaked reference code carries); outside it GCJ-02 equals WGS84. It is a box,
 * not the border: parts of neighbouring countries inside it are offset too, as the map providers do.
 */
export const GCJ02_EXTENT = { minLon: 72.004, maxLon: 137.8347, minLat: 0.8293, maxLat: 55.8271 } as const;

export function isOutsideChina(lon: number, lat: number): boolean {
  return (
    lon < GCJ02_EXTENT.minLon ||
    lon > GCJ02_EXTENT.maxLon ||
    lat < GCJ02_EXTENT.minLat ||
    lat > GCJ02_EXTENT.maxLat
  );
}

// GCJ-02 computes its offset on the Krasovsky 1940 ellipsoid.
const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;

/** The GCJ-02 offset (gcj − wgs) in degrees at a WGS84 point inside China. */
function gcj02Offset(lon: number, lat: number): LonLat {
  const x = lon - 105.0;
  const y = lat - 35.0;
  const wave = 20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI);
  const northMetres =
    -100.0 +
    2.0 * x +
    3.0 * y +
    0.2 * y * y +
    0.1 * x * y +
    0.2 * Math.sqrt(Math.abs(x)) +
    ((wave +
      20.0 * Math.sin(y * Math.PI) +
      40.0 * Math.sin((y / 3.0) * Math.PI) +
      160.0 * Math.sin((y / 12.0) * Math.PI) +
      320.0 * Math.sin((y / 30.0) * Math.PI)) *
      2.0) /
      3.0;
  const eastMetres =
    300.0 +
    x +
    2.0 * y +
    0.1 * x * x +
    0.1 * x * y +
    0.1 * Math.sqrt(Math.abs(x)) +
    ((wave +
      20.0 * Math.sin(x * Math.PI) +
      40.0 * Math.sin((x / 3.0) * Math.PI) +
      150.0 * Math.sin((x / 12.0) * Math.PI) +
      300.0 * Math.sin((x / 30.0) * Math.PI)) *
      2.0) /
      3.0;
  // Metres to degrees on the ellipsoid: meridian radius of curvature for latitude, the parallel's
  // radius for longitude.
  const radLat = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(radLat);
  const w2 = 1 - KRASOVSKY_EE * sinLat * sinLat;
  const w = Math.sqrt(w2);
  const dLat = (northMetres * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (w2 * w)) * Math.PI);
  const dLon = (eastMetres * 180.0) / ((KRASOVSKY_A / w) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

/** WGS84 → GCJ-02. Outside China the point is returned unchanged. */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  assertValidLonLat(lon, lat);
  if (isOutsideChina(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcj02Offset(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** Stop when an iteration moves the estimate by less than this (≈ 1 mm). */
const INVERSE_TOLERANCE_DEG = 1e-8;
const INVERSE_MAX_ITERATIONS = 30;

/**
 * GCJ-02 → WGS84. The offset has no closed-form inverse, so iterate w ← w − (gcj(w) − g): the offset
 * changes by well under 1% of itself per metre, so each step gains two or more decimal places and
 * 3–5 steps reach millimetres. Outside China the point is returned unchanged.
 */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  assertValidLonLat(lon, lat);
  if (isOutsideChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const [dLon, dLat] = gcj02Offset(wLon, wLat);
    const errLon = wLon + dLon - lon;
    const errLat = wLat + dLat - lat;
    wLon -= errLon;
    wLat -= errLat;
    if (Math.abs(errLon) < INVERSE_TOLERANCE_DEG && Math.abs(errLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [wLon, wLat];
}

// BD-09 perturbs GCJ-02 in polar form around (0, 0) with this angular frequency, then shifts it.
const BD09_X_PI = (Math.PI * 3000.0) / 180.0;
const BD09_SHIFT_LON = 0.0065;
const BD09_SHIFT_LAT = 0.006;

/** GCJ-02 → BD-09 (Baidu's published formula; applied everywhere, as Baidu does). */
export function gcj02ToBd09(lon: number, lat: number): LonLat {
  assertValidLonLat(lon, lat);
  const r = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD09_X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD09_X_PI);
  return [r * Math.cos(theta) + BD09_SHIFT_LON, r * Math.sin(theta) + BD09_SHIFT_LAT];
}

/**
 * BD-09 → GCJ-02. Starts from the closed-form inverse every converter ships (it evaluates the
 * perturbation at the shifted BD-09 point instead of the GCJ-02 one, leaving errors of up to ~0.2 m)
 * and corrects it the same way as {@link gcj02ToWgs84}, so that a round trip returns to the millimetre.
 */
export function bd09ToGcj02(lon: number, lat: number): LonLat {
  assertValidLonLat(lon, lat);
  const x = lon - BD09_SHIFT_LON;
  const y = lat - BD09_SHIFT_LAT;
  const r = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD09_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD09_X_PI);
  let gLon = r * Math.cos(theta);
  let gLat = r * Math.sin(theta);
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const [bLon, bLat] = gcj02ToBd09(gLon, gLat);
    const errLon = bLon - lon;
    const errLat = bLat - lat;
    gLon -= errLon;
    gLat -= errLat;
    if (Math.abs(errLon) < INVERSE_TOLERANCE_DEG && Math.abs(errLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [gLon, gLat];
}

/** Converts a point given in `system` to the WGS84 longitude/latitude we store (EPSG:4326). */
export function toStored(lon: number, lat: number, system: CoordinateSystem): LonLat {
  assertValidLonLat(lon, lat);
  switch (system) {
    case 'wgs84':
    case 'cgcs2000':
      return [lon, lat];
    case 'gcj02':
      return gcj02ToWgs84(lon, lat);
    case 'bd09': {
      const [gLon, gLat] = bd09ToGcj02(lon, lat);
      return gcj02ToWgs84(gLon, gLat);
    }
  }
}

/** Converts a stored WGS84 point to `system`, e.g. to draw it on an Amap or Baidu base map. */
export function fromStored(lon: number, lat: number, system: CoordinateSystem): LonLat {
  assertValidLonLat(lon, lat);
  switch (system) {
    case 'wgs84':
    case 'cgcs2000':
      return [lon, lat];
    case 'gcj02':
      return wgs84ToGcj02(lon, lat);
    case 'bd09': {
      const [gLon, gLat] = wgs84ToGcj02(lon, lat);
      return gcj02ToBd09(gLon, gLat);
    }
  }
}
