import type { LonLat } from './coordinates';

/**
 * Mean Earth radius (IUGG R1) in metres. A sphere is within 0.5% of the ellipsoid, which is ample
 * for "about 30 m" wording and for interpolating along a street block.
 */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two lon/lat points (haversine, stable at short range). */
export function haversineMeters(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `from` to `to`, degrees clockwise from north in [0, 360). */
export function initialBearingDeg(from: LonLat, to: LonLat): number {
  const lat1 = from[1] * RAD;
  const lat2 = to[1] * RAD;
  const dLon = (to[0] - from[0]) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  const deg = Math.atan2(y, x) / RAD;
  return (deg + 360) % 360;
}

/**
 * Moves a point by metres east and north on a local tangent plane. Good to centimetres over the
 * tens of metres a house-number offset or a "东侧50米" description spans.
 */
export function offsetByMeters(point: LonLat, eastMeters: number, northMeters: number): LonLat {
  const metresPerDegLat = EARTH_RADIUS_M * RAD;
  const metresPerDegLon = metresPerDegLat * Math.cos(point[1] * RAD);
  return [point[0] + eastMeters / metresPerDegLon, point[1] + northMeters / metresPerDegLat];
}
