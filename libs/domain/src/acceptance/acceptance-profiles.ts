import { type AcceptanceProfile } from './acceptance-profile';
import { validateAcceptanceProfile } from './acceptance-profile-validation';
import defaultJson from './profiles/acceptance-default.json';

/** Id of the shipped framework profile (categories A–F of spec 06 §3, our default points). */
export const DEFAULT_ACCEPTANCE_PROFILE_ID = 'GBT30428.6-framework';

let shipped: AcceptanceProfile | undefined;

/** The shipped acceptance profile (a fresh copy): seed data a city edits, never constants. */
export function defaultAcceptanceProfile(): AcceptanceProfile {
  shipped ??= validateAcceptanceProfile(defaultJson);
  return structuredClone(shipped);
}
