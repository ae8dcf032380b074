/** One of the eight 方位 compass directions used in address descriptions ("东侧约30米"). */
export type CompassDirection = 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW';

/** Clockwise from north; index × 45° is the direction's central bearing. */
export const COMPASS_DIRECTIONS: readonly CompassDirection[] = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** Default Chinese wording of each direction (a city setting, spec 02 §7). */
export const COMPASS_LABELS_ZH: Readonly<Record<CompassDirection, string>> = {
  N: '北',
  NE: '东北',
  E: '东',
  SE: '东南',
  S: '南',
  SW: '西南',
  W: '西',
  NW: '西北',
};

/** The central bearing of a direction in degrees clockwise from north. */
export function compassBearingDeg(direction: CompassDirection): number {
  return COMPASS_DIRECTIONS.indexOf(direction) * 45;
}

/** The direction whose 45° sector holds the bearing (sectors centred on N, NE, …; N spans 337.5°–22.5°). */
export function compassFromBearing(bearingDeg: number): CompassDirection {
  const normalised = ((bearingDeg % 360) + 360) % 360;
  return COMPASS_DIRECTIONS[Math.round(normalised / 45) % 8];
}

/** Reads "东", "东南", "西北"… as a direction; undefined for anything else. */
export function compassFromChinese(text: string): CompassDirection | undefined {
  return COMPASS_DIRECTIONS.find((d) => COMPASS_LABELS_ZH[d] === text);
}
