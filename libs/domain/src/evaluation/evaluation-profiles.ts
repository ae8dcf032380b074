import { DomainError } from '../errors';
import { type EvaluationProfile } from './evaluation-profile';
import { validateEvaluationProfile } from './evaluation-profile-validation';
import chengduJinniuJson from './profiles/chengdu-jinniu-department.json';
import defaultJson from './profiles/gbt30428-4-2016-as-understood.json';
import hohhotJson from './profiles/hohhot-department.json';
import jinhuaJson from './profiles/jinhua-department.json';

/** Id of the default part-4 profile (spec 05, data/evaluation-profile-default.json adapted). */
export const DEFAULT_EVALUATION_PROFILE_ID = 'GBT30428.4-2016-as-understood';

/**
 * A variant written as changes to a base profile: top-level fields replace the base's, `objects`
 * and `bandTables` replace per key, `exclusions` replace per id (new ids are added).
 */
export type EvaluationProfileOverlay = Partial<
  Omit<EvaluationProfile, 'id' | 'version' | 'name' | 'basedOn'>
> &
  Pick<EvaluationProfile, 'id' | 'version' | 'name'> & { basedOn: string };

/** Applies a variant to its base and validates the result. */
export function extendEvaluationProfile(
  base: EvaluationProfile,
  overlay: EvaluationProfileOverlay,
): EvaluationProfile {
  if (overlay.basedOn !== base.id)
    throw new DomainError(
      'EVALUATION.PROFILE_INVALID',
      `profile ${overlay.id} is based on ${overlay.basedOn}, not ${base.id}`,
      [{ field: 'basedOn', message: `expected ${base.id}` }],
    );
  const exclusions = [...base.exclusions];
  for (const e of overlay.exclusions ?? []) {
    const i = exclusions.findIndex((x) => x.id === e.id);
    if (i >= 0) exclusions[i] = e;
    else exclusions.push(e);
  }
  const merged: EvaluationProfile = {
    ...base,
    ...overlay,
    notes: { ...base.notes, ...overlay.notes },
    exclusions,
    bandTables: { ...base.bandTables, ...overlay.bandTables },
    objects: { ...base.objects, ...overlay.objects },
  };
  return validateEvaluationProfile(merged);
}

function load(): EvaluationProfile[] {
  const base = validateEvaluationProfile(defaultJson);
  const variants = [hohhotJson, chengduJinniuJson, jinhuaJson] as unknown as EvaluationProfileOverlay[];
  return [base, ...variants.map((v) => extendEvaluationProfile(base, v))];
}

let shipped: EvaluationProfile[] | undefined;

/**
 * The profiles shipped with UrbanGrid: the default and the local variants of spec 05 §8
 * (Hohhot, Chengdu 金牛, Jinhua). Seed data a city edits through the API, never constants.
 * Each call returns fresh copies.
 */
export function shippedEvaluationProfiles(): EvaluationProfile[] {
  shipped ??= load();
  return structuredClone(shipped);
}

/** The default profile (a fresh copy). */
export function defaultEvaluationProfile(): EvaluationProfile {
  return shippedEvaluationProfiles().find((p) => p.id === DEFAULT_EVALUATION_PROFILE_ID)!;
}
