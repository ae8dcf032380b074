import type {
  AcceptanceItem,
  AcceptanceItemInput,
  AcceptanceProfile,
  AcceptanceResult,
} from '@urbangrid/domain';

/** Per-category bar: score over max, as a percentage for the bar's width. */
export interface CategoryBar {
  id: string;
  name: string;
  score: number;
  max: number;
  percent: number;
}

export function categoryBars(result: Pick<AcceptanceResult, 'categories'>): CategoryBar[] {
  return result.categories.map((c) => ({
    ...c,
    percent: c.max > 0 ? Math.max(0, Math.min(100, (c.score / c.max) * 100)) : 0,
  }));
}

/** The profile's items by id (the result lists ids; the forms need each item's rule). */
export function itemsById(profile: Pick<AcceptanceProfile, 'categories'>): Map<string, AcceptanceItem> {
  return new Map(profile.categories.flatMap((c) => c.items.map((i) => [i.id, i] as const)));
}

/** What a manual answer form asks for, from the item's rule. */
export type ManualField =
  { kind: 'met' } | { kind: 'value' } | { kind: 'score'; max: number } | { kind: 'present'; list: string[] };

/** Null for items the system computes (a rule with a metric): no form, the data is shown. */
export function manualField(item: AcceptanceItem): ManualField | null {
  const rule = item.rule;
  switch (rule.type) {
    case 'binary':
      return { kind: 'met' };
    case 'manualScore':
      return { kind: 'score', max: item.maxPoints };
    case 'countMissing':
      return { kind: 'present', list: rule.list };
    case 'metricThreshold':
    case 'gradedThreshold':
    case 'perDefectDeduction':
    case 'ratioLinear':
      return rule.metric ? null : { kind: 'value' };
  }
}

/**
 * The answer a form sends, or the reason it cannot be sent yet (a score out of range, missing
 * evidence when the item requires it).
 */
export function buildAnswer(
  item: AcceptanceItem,
  form: {
    met?: boolean;
    value?: string;
    score?: string;
    present?: string[];
    note?: string;
    evidence: { kind: 'photo' | 'document' | 'link' | 'systemData'; ref: string }[];
  },
):
  | { ok: true; input: AcceptanceItemInput }
  | { ok: false; reason: 'scoreRange' | 'valueMissing' | 'evidenceRequired' } {
  const field = manualField(item);
  const input: AcceptanceItemInput = { evidence: form.evidence, ...(form.note ? { note: form.note } : {}) };
  if (field?.kind === 'met') input.met = form.met === true;
  if (field?.kind === 'present') input.present = form.present ?? [];
  if (field?.kind === 'value') {
    const v = Number(form.value);
    if (form.value === undefined || form.value.trim() === '' || !Number.isFinite(v))
      return { ok: false, reason: 'valueMissing' };
    input.value = v;
  }
  if (field?.kind === 'score') {
    const v = Number(form.score);
    if (
      form.score === undefined ||
      form.score.trim() === '' ||
      !Number.isFinite(v) ||
      v < 0 ||
      v > field.max
    ) {
      return { ok: false, reason: 'scoreRange' };
    }
    input.score = v;
  }
  if (item.evidenceRequired && form.evidence.length === 0) return { ok: false, reason: 'evidenceRequired' };
  return { ok: true, input };
}
