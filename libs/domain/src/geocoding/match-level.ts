/**
 * 匹配级别 match level of a forward-geocoding result, the quality flag of spec 02 §6.4, best first:
 * - `DOORPLATE`: a stored 门(楼)牌 point;
 * - `POI`: a stored 兴趣点/标志物 point;
 * - `CROSSING`: the intersection of two stored street centrelines;
 * - `STREET_INTERPOLATED`: a point interpolated along a 街巷 centreline between its house numbers;
 * - `STREET`: somewhere on the street (its centreline's midpoint);
 * - `BLOCK`: 区片 (residential or institutional compound);
 * - `ZONE`: 地片 (locality);
 * - `REGION`: 区域 (community, street office or district);
 * - `NONE`: nothing matched.
 * The names are ours (the standard's are not known); CROSSING is added to the spec's list because a
 * crossing is as precise as a POI and is what call-takers most often give.
 */
export type MatchLevel =
  'DOORPLATE' | 'POI' | 'CROSSING' | 'STREET_INTERPOLATED' | 'STREET' | 'BLOCK' | 'ZONE' | 'REGION' | 'NONE';

export const MATCH_LEVELS: readonly MatchLevel[] = [
  'DOORPLATE',
  'POI',
  'CROSSING',
  'STREET_INTERPOLATED',
  'STREET',
  'BLOCK',
  'ZONE',
  'REGION',
  'NONE',
];

/** Sort comparator: negative when `a` is the more precise level. */
export function compareMatchLevels(a: MatchLevel, b: MatchLevel): number {
  return MATCH_LEVELS.indexOf(a) - MATCH_LEVELS.indexOf(b);
}

/** The more precise of two levels (used when several parses of one text each found something). */
export function bestMatchLevel(a: MatchLevel, b: MatchLevel): MatchLevel {
  return compareMatchLevels(a, b) <= 0 ? a : b;
}

/** Whether a level pins a point to within a plot (good enough to derive the unit grid without review). */
export function isPointLevel(level: MatchLevel): boolean {
  return level === 'DOORPLATE' || level === 'POI' || level === 'CROSSING' || level === 'STREET_INTERPOLATED';
}
