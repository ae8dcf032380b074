import type {
  ClassificationDto,
  ComponentDepartmentRef,
  ComponentStateName,
  Position,
} from '@urbangrid/contracts';

/** "120.15234, 30.31875": five decimals are about a metre. */
export function formatPosition([lon, lat]: Position): string {
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
}

/**
 * A distance rounded the way people say it: to the metre below 10 m, to 5 m below 100 m, to 10 m
 * below 1 km, then kilometres with one decimal.
 */
export function roundDistance(metres: number): { value: number; unit: 'm' | 'km' } {
  const m = Math.max(0, metres);
  if (m < 10) return { value: Math.round(m), unit: 'm' };
  if (m < 100) return { value: Math.round(m / 5) * 5, unit: 'm' };
  if (m < 995) return { value: Math.round(m / 10) * 10, unit: 'm' };
  return { value: Math.round(m / 100) / 10, unit: 'km' };
}

/** A department as one line: "name (code)", or whichever of the two is known; null when neither. */
export function formatDepartment(ref: ComponentDepartmentRef | null): string | null {
  if (!ref) return null;
  const name = ref.name?.trim() || null;
  const code = ref.code?.trim() || null;
  if (name && code) return `${name} (${code})`;
  return name ?? code;
}

/** The class's name in the user's language (English name when there is one, else the Chinese). */
export function className(entry: ClassificationDto | undefined, language: string): string | null {
  if (!entry) return null;
  return !language.startsWith('zh') && entry.nameEn ? entry.nameEn : entry.name;
}

/** Message key (under `featureInfo.states.`) of each 部件状态 component state. */
export const COMPONENT_STATE_KEYS = {
  完好: 'intact',
  破损: 'damaged',
  丢失: 'missing',
  占用: 'occupied',
  废弃: 'abandoned',
  移除: 'removed',
} as const satisfies Record<ComponentStateName, string>;

export type ComponentStateKey = (typeof COMPONENT_STATE_KEYS)[ComponentStateName];

/** The message key of a state; null for a state this web app does not know yet. */
export function componentStateKey(state: string): ComponentStateKey | null {
  return Object.hasOwn(COMPONENT_STATE_KEYS, state)
    ? COMPONENT_STATE_KEYS[state as ComponentStateName]
    : null;
}
