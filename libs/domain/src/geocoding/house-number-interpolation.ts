import { DomainError } from '../errors';
import { assertValidLonLat, type LonLat } from '../geo/coordinates';
import { EARTH_RADIUS_M, haversineMeters, offsetByMeters } from '../geo/spherical';

/** Which house numbers a side of a street carries; Chinese streets usually put odd on one side. */
export type HouseNumberParity = 'odd' | 'even' | 'all';

/**
 * House numbers along one side of a 街巷 centreline (its 最小门牌号 / 最大门牌号): `from` is the number
 * at the centreline's first vertex, `to` the one at its last, so a range may run downwards.
 */
export interface HouseNumberRange {
  from: number;
  to: number;
  parity: HouseNumberParity;
}

/** A street centreline (WGS84, in drawing order) and the number range on each side of it. */
export interface StreetNumbering {
  centreline: readonly LonLat[];
  /** Left and right as seen walking from the first vertex towards the last. */
  left?: HouseNumberRange;
  right?: HouseNumberRange;
}

export interface InterpolatedHouseNumber {
  /** Where the number is estimated to be, offset to its side when asked. */
  position: LonLat;
  /** The point on the centreline itself. */
  onCentreline: LonLat;
  side: 'left' | 'right';
  /** Share of the centreline's length from its first vertex, 0–1. */
  fraction: number;
}

export interface InterpolationOptions {
  /** Move the point this many metres off the centreline towards its side (e.g. half the road width). */
  sideOffsetMeters?: number;
}

function assertRange(range: HouseNumberRange, side: string): void {
  const ok = [range.from, range.to].every((n) => Number.isInteger(n) && n >= 0);
  if (!ok) {
    throw new DomainError(
      'GEOCODING.NUMBER_RANGE_INVALID',
      `${side} house number range must be whole numbers ≥ 0`,
      [{ field: side, message: `from ${range.from} to ${range.to} is not a range of whole numbers` }],
    );
  }
}

function rangeHolds(range: HouseNumberRange, n: number): boolean {
  if (n < Math.min(range.from, range.to) || n > Math.max(range.from, range.to)) return false;
  if (range.parity === 'odd') return n % 2 === 1;
  if (range.parity === 'even') return n % 2 === 0;
  return true;
}

/**
 * Estimates where house number `n` stands along a street (spec 02 §6.3, STREET_INTERPOLATED): the
 * number's share of its side's range, (n − from) / (to − from), taken as the same share of the
 * centreline's length, then optionally moved sideways. A side with one number (from = to) puts it at
 * mid-block. Returns undefined when neither side carries `n`; when both do (overlapping 'all' ranges)
 * the left side wins. Throws `GEO.GEOMETRY_INVALID` for a centreline of fewer than two distinct points.
 */
export function interpolateHouseNumber(
  street: StreetNumbering,
  n: number,
  options: InterpolationOptions = {},
): InterpolatedHouseNumber | undefined {
  const line = street.centreline;
  for (const p of line) assertValidLonLat(p[0], p[1]);
  const cumulative = [0];
  for (let i = 1; i < line.length; i++)
    cumulative.push(cumulative[i - 1] + haversineMeters(line[i - 1], line[i]));
  const total = cumulative[cumulative.length - 1];
  if (line.length < 2 || total === 0) {
    throw new DomainError('GEO.GEOMETRY_INVALID', 'a street centreline needs at least two distinct points', [
      { field: 'centreline', message: `has ${line.length} point(s) and length ${total} m` },
    ]);
  }
  if (street.left) assertRange(street.left, 'left');
  if (street.right) assertRange(street.right, 'right');
  if (!Number.isInteger(n) || n < 0) return undefined;

  const sides: ['left' | 'right', HouseNumberRange | undefined][] = [
    ['left', street.left],
    ['right', street.right],
  ];
  const hit = sides.find(([, range]) => range !== undefined && rangeHolds(range, n));
  if (!hit?.[1]) return undefined;
  const [side, range] = hit;
  const fraction = range.from === range.to ? 0.5 : (n - range.from) / (range.to - range.from);

  // Walk to the segment holding the target length, then interpolate inside it.
  const target = fraction * total;
  let k = 0;
  while (k < line.length - 2 && cumulative[k + 1] < target) k++;
  const segmentLength = cumulative[k + 1] - cumulative[k];
  const t = segmentLength === 0 ? 0 : (target - cumulative[k]) / segmentLength;
  const [a, b] = [line[k], line[k + 1]];
  const onCentreline: LonLat = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

  const offset = options.sideOffsetMeters ?? 0;
  if (offset === 0 || segmentLength === 0) return { position: onCentreline, onCentreline, side, fraction };
  // Segment direction in local metres (east, north); its left normal is (−north, east).
  const metresPerDeg = (EARTH_RADIUS_M * Math.PI) / 180;
  const east = (b[0] - a[0]) * metresPerDeg * Math.cos((onCentreline[1] * Math.PI) / 180);
  const north = (b[1] - a[1]) * metresPerDeg;
  const norm = Math.hypot(east, north);
  const sign = side === 'left' ? 1 : -1;
  const position = offsetByMeters(
    onCentreline,
    (sign * -north * offset) / norm,
    (sign * east * offset) / norm,
  );
  return { position, onCentreline, side, fraction };
}
