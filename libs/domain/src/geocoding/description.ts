import { DomainError } from '../errors';
import { assertValidLonLat, type LonLat } from '../geo/coordinates';
import { haversineMeters, initialBearingDeg } from '../geo/spherical';
import { COMPASS_LABELS_ZH, compassFromBearing, type CompassDirection } from './compass-direction';

/**
 * The nearest reference found by reverse geocoding (spec 02 §7.3): a 门(楼)牌, a 兴趣点 (POI) or a
 * street crossing, with its stored WGS84 position.
 */
export type DescriptionReference =
  | { kind: 'house-number'; road: string; /** "12号", "甲12-3号" */ houseNumber: string; position: LonLat }
  | { kind: 'poi'; name: string; position: LonLat }
  | { kind: 'crossing'; roads: [string, string]; position: LonLat };

/**
 * How distances are worded. Defaults (ours): within 10 m say 附近; below 100 m round to 5 m, which
 * is about what a phone's GNSS fix is worth; from 100 m on round to 10 m.
 */
export interface DistanceWording {
  /** At or below this distance say "附近" instead of a direction and distance. */
  nearbyMeters: number;
  fineStepMeters: number;
  /** From this raw distance on, round to `coarseStepMeters`. */
  coarseFromMeters: number;
  coarseStepMeters: number;
}

export const DEFAULT_DISTANCE_WORDING: Readonly<DistanceWording> = {
  nearbyMeters: 10,
  fineStepMeters: 5,
  coarseFromMeters: 100,
  coarseStepMeters: 10,
};

export interface DescriptionOptions {
  distance?: Partial<DistanceWording>;
  /** Direction words (a city setting); default 东, 东南, …. */
  directionLabels?: Readonly<Record<CompassDirection, string>>;
  /** Put after the direction: 东侧. */
  sideWord?: string;
  nearbyWord?: string;
  /** Administrative context to put first, e.g. "西湖区文新街道". */
  prefix?: string;
}

/** 位置描述 location description, e.g. "北兵马司胡同12号东侧约30米". */
export interface LocationDescription {
  text: string;
  /** The reference as worded: "北兵马司胡同12号", "文一路与学院路交叉口". */
  referenceLabel: string;
  /** Great-circle distance from the reference to the point, unrounded. */
  distanceMeters: number;
  /** Absent when the point is 附近 the reference. */
  direction?: CompassDirection;
  roundedMeters?: number;
}

/** How a reference is named in a description. */
export function referenceLabel(reference: DescriptionReference): string {
  switch (reference.kind) {
    case 'house-number':
      return `${reference.road}${reference.houseNumber}`;
    case 'poi':
      return reference.name;
    case 'crossing':
      return `${reference.roads[0]}与${reference.roads[1]}交叉口`;
  }
}

/** Rounds a distance for wording, or returns 'nearby' when it is within the nearby radius. */
export function roundDistanceForWording(
  meters: number,
  wording: DistanceWording = DEFAULT_DISTANCE_WORDING,
): number | 'nearby' {
  if (meters <= wording.nearbyMeters) return 'nearby';
  const step = meters < wording.coarseFromMeters ? wording.fineStepMeters : wording.coarseStepMeters;
  return Math.round(meters / step) * step;
}

function resolveWording(partial: Partial<DistanceWording> | undefined): DistanceWording {
  const wording = { ...DEFAULT_DISTANCE_WORDING, ...partial };
  const bad = (Object.keys(wording) as (keyof DistanceWording)[]).filter((key) => {
    const value = wording[key];
    const mustBePositive = key === 'fineStepMeters' || key === 'coarseStepMeters';
    return !Number.isFinite(value) || value < 0 || (mustBePositive && value === 0);
  });
  if (bad.length > 0) {
    throw new DomainError(
      'GEOCODING.SETTINGS_INVALID',
      'distance wording settings must be finite, non-negative numbers with positive steps',
      bad.map((field) => ({ field, message: 'must be a finite non-negative number (steps above zero)' })),
    );
  }
  return wording;
}

/**
 * Composes the reverse-geocoding description of `point` relative to `reference` (spec 02 §5, §7.4):
 * "<reference><direction>侧约<N>米", or "<reference>附近" when the point is within the nearby radius.
 * The direction is the 45° sector of the bearing from the reference to the point.
 */
export function describeLocation(
  point: LonLat,
  reference: DescriptionReference,
  options: DescriptionOptions = {},
): LocationDescription {
  assertValidLonLat(point[0], point[1]);
  assertValidLonLat(reference.position[0], reference.position[1]);
  const wording = resolveWording(options.distance);
  const label = referenceLabel(reference);
  const prefix = options.prefix ?? '';
  const distanceMeters = haversineMeters(reference.position, point);
  const rounded = roundDistanceForWording(distanceMeters, wording);
  if (rounded === 'nearby') {
    return {
      text: `${prefix}${label}${options.nearbyWord ?? '附近'}`,
      referenceLabel: label,
      distanceMeters,
    };
  }
  const direction = compassFromBearing(initialBearingDeg(reference.position, point));
  const words = options.directionLabels ?? COMPASS_LABELS_ZH;
  return {
    text: `${prefix}${label}${words[direction]}${options.sideWord ?? '侧'}约${rounded}米`,
    referenceLabel: label,
    distanceMeters,
    direction,
    roundedMeters: rounded,
  };
}
