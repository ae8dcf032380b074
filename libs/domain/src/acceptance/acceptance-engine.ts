import { DomainError } from '../errors';
import { Rational } from '../evaluation/rational';
import {
  type AcceptanceItem,
  type AcceptanceProfile,
  type ComparisonOp,
  type EvidenceKind,
} from './acceptance-profile';

/** A value the system computed (part-4 rate over the trial window, trial-run months…) and its window. */
export interface AcceptanceMetric {
  value: number;
  window?: { from: string; to: string };
}

/** One piece of evidence: an attachment id, a system-data link or a URL. */
export interface AcceptanceEvidence {
  kind: EvidenceKind;
  ref: string;
}

/** A reviewer's answer to one item; which field counts depends on the item's rule. */
export interface AcceptanceItemInput {
  /** binary: met or not. */
  met?: boolean;
  /** Metric rules without a computed metric, perDefectDeduction (defects): the measured value. */
  value?: number;
  /** countMissing: the entries present. */
  present?: string[];
  /** manualScore: points in [0, maxPoints]. */
  score?: number;
  reviewer?: string;
  evidence?: AcceptanceEvidence[];
  note?: string;
}

export interface AcceptanceInputs {
  /** Computed values by metric key (see ACCEPTANCE_METRICS). */
  metrics?: Record<string, AcceptanceMetric>;
  /** Manual answers by item id. */
  items?: Record<string, AcceptanceItemInput>;
}

export type AcceptanceItemData =
  | { kind: 'metric'; metric: string; value: number; window: { from: string; to: string } | null }
  | {
      kind: 'manual';
      value: boolean | number | string[];
      /** countMissing: the list entries not present. */
      missing?: string[];
      reviewer: string;
      evidence: AcceptanceEvidence[];
      note: string | null;
    };

export interface AcceptanceItemResult {
  id: string;
  categoryId: string;
  name: string;
  score: number;
  max: number;
  passed: boolean;
  mandatory: boolean;
  /** `computed` from a metric, `manual` from a reviewer, null while unanswered. */
  source: 'computed' | 'manual' | null;
  answered: boolean;
  pointsKnown: boolean;
  data: AcceptanceItemData | null;
}

export interface AcceptanceResult {
  profileId: string;
  profileVersion: number;
  total: number;
  max: number;
  categories: { id: string; name: string; score: number; max: number }[];
  items: AcceptanceItemResult[];
  /** Ids of mandatory items answered and failed. */
  failedMandatory: string[];
  /** Ids of items with neither a metric nor an answer. */
  missingItems: string[];
  /** The first band the total reaches, the fail band on a failed mandatory item; null while items are missing. */
  conclusion: { id: string; name: string } | null;
  /** False while the profile's points or conclusion bands are our defaults. */
  pointsKnown: boolean;
  conclusionsKnown: boolean;
}

const R = (x: number): Rational => Rational.fromNumber(x);

function compare(v: Rational, op: ComparisonOp, t: Rational): boolean {
  switch (op) {
    case '>=':
      return v.gte(t);
    case '>':
      return v.gt(t);
    case '<=':
      return v.lte(t);
    case '<':
      return v.lt(t);
    case '=':
      return v.eq(t);
  }
}

type Bad = { field: string; message: string }[];

/** The item's value and where it came from, or null when unanswered; records problems in `bad`. */
function readItem(
  item: AcceptanceItem,
  inputs: AcceptanceInputs,
  bad: Bad,
): { source: 'computed' | 'manual'; value: boolean | number | string[]; data: AcceptanceItemData } | null {
  const rule = item.rule;
  const metricKey = 'metric' in rule ? rule.metric : undefined;
  const metric = metricKey ? inputs.metrics?.[metricKey] : undefined;
  if (metricKey && metric) {
    if (!Number.isFinite(metric.value)) {
      bad.push({ field: `metrics.${metricKey}.value`, message: 'a finite number' });
      return null;
    }
    return {
      source: 'computed',
      value: metric.value,
      data: { kind: 'metric', metric: metricKey, value: metric.value, window: metric.window ?? null },
    };
  }
  const input = inputs.items?.[item.id];
  if (!input) return null;
  const f = `items.${item.id}`;
  const before = bad.length;
  if (typeof input.reviewer !== 'string' || !input.reviewer.trim())
    bad.push({ field: `${f}.reviewer`, message: 'every manual answer needs a reviewer' });
  const evidence = input.evidence ?? [];
  if (item.evidenceRequired && evidence.length === 0)
    bad.push({ field: `${f}.evidence`, message: 'this item needs evidence' });
  evidence.forEach((e, i) => {
    if (item.evidenceKinds && !item.evidenceKinds.includes(e.kind))
      bad.push({ field: `${f}.evidence[${i}].kind`, message: `one of ${item.evidenceKinds.join(', ')}` });
    if (typeof e.ref !== 'string' || !e.ref.trim())
      bad.push({ field: `${f}.evidence[${i}].ref`, message: 'required' });
  });
  let value: boolean | number | string[] | undefined;
  switch (rule.type) {
    case 'binary':
      if (typeof input.met !== 'boolean') bad.push({ field: `${f}.met`, message: 'true or false' });
      else value = input.met;
      break;
    case 'manualScore':
      if (
        typeof input.score !== 'number' ||
        !Number.isFinite(input.score) ||
        input.score < 0 ||
        input.score > item.maxPoints
      )
        bad.push({ field: `${f}.score`, message: `a number 0…${item.maxPoints}` });
      else value = input.score;
      break;
    case 'countMissing': {
      const present = input.present;
      if (!Array.isArray(present)) bad.push({ field: `${f}.present`, message: 'a list of entries present' });
      else {
        const unknown = present.filter((p) => !rule.list.includes(p));
        if (unknown.length)
          bad.push({ field: `${f}.present`, message: `not in the list: ${unknown.join(', ')}` });
        else value = present;
      }
      break;
    }
    case 'perDefectDeduction':
      if (!Number.isSafeInteger(input.value) || (input.value as number) < 0)
        bad.push({ field: `${f}.value`, message: 'the number of defects, an integer ≥ 0' });
      else value = input.value;
      break;
    case 'metricThreshold':
    case 'gradedThreshold':
    case 'ratioLinear':
      if (typeof input.value !== 'number' || !Number.isFinite(input.value))
        bad.push({ field: `${f}.value`, message: 'a number' });
      else value = input.value;
      break;
  }
  if (bad.length > before || value === undefined) return null;
  const missing =
    rule.type === 'countMissing' ? rule.list.filter((x) => !(value as string[]).includes(x)) : undefined;
  return {
    source: 'manual',
    value,
    data: {
      kind: 'manual',
      value,
      ...(missing ? { missing } : {}),
      reviewer: input.reviewer!.trim(),
      evidence,
      note: input.note ?? null,
    },
  };
}

/** The item's points for its value, clamped to [0, maxPoints]. */
function itemScore(item: AcceptanceItem, value: boolean | number | string[]): Rational {
  const max = R(item.maxPoints);
  const rule = item.rule;
  let s: Rational;
  switch (rule.type) {
    case 'binary':
      s = value === true ? max : Rational.ZERO;
      break;
    case 'manualScore':
      s = R(value as number);
      break;
    case 'metricThreshold':
      s = compare(R(value as number), rule.op, R(rule.value)) ? max : Rational.ZERO;
      break;
    case 'gradedThreshold': {
      const band = rule.bands.find((b) => compare(R(value as number), b.op, R(b.value)));
      s = band ? R(band.points) : Rational.ZERO;
      break;
    }
    case 'perDefectDeduction':
      s = max.sub(Rational.int(value as number).mul(R(rule.step))).max(R(rule.floor));
      break;
    case 'ratioLinear': {
      // (v − min) / (max − min): 0 at min, 1 at max; works in both directions.
      const t = R(value as number)
        .sub(R(rule.min))
        .div(R(rule.max).sub(R(rule.min)));
      s = max.mul(t.clamp(Rational.ZERO, Rational.ONE));
      break;
    }
    case 'countMissing': {
      const missing = rule.list.filter((x) => !(value as string[]).includes(x)).length;
      s = max.sub(Rational.int(missing).mul(R(rule.step)));
      break;
    }
  }
  return s.clamp(Rational.ZERO, max);
}

function passed(item: AcceptanceItem, score: Rational): boolean {
  if (item.passMark !== undefined) return score.gte(R(item.passMark));
  switch (item.rule.type) {
    case 'binary':
    case 'metricThreshold':
    case 'countMissing':
      return score.eq(R(item.maxPoints));
    case 'gradedThreshold':
    case 'perDefectDeduction':
    case 'ratioLinear':
    case 'manualScore':
      return score.gt(Rational.ZERO);
  }
}

/**
 * Scores an acceptance against its profile (spec 06 §6): each item by its rule (clamped to its
 * points), each category clamped to its points, the total, failed mandatory items and the
 * conclusion — the fail band if a mandatory item failed, else the first band the total reaches.
 * Bad or incomplete manual answers (no reviewer, missing evidence, wrong value) are refused with
 * every problem listed (`ACCEPTANCE.INPUT_INVALID`); unanswered items leave the conclusion open.
 */
export function evaluateAcceptance(profile: AcceptanceProfile, inputs: AcceptanceInputs): AcceptanceResult {
  const bad: Bad = [];
  const known = new Set(profile.categories.flatMap((c) => c.items.map((i) => i.id)));
  for (const id of Object.keys(inputs.items ?? {}))
    if (!known.has(id)) bad.push({ field: `items.${id}`, message: 'not an item of this profile' });

  const digits = profile.reportDecimals;
  const round = (r: Rational) => r.toNumber(digits, 'halfUp');
  const items: AcceptanceItemResult[] = [];
  const categories: AcceptanceResult['categories'] = [];
  let total = Rational.ZERO;
  for (const cat of profile.categories) {
    let catSum = Rational.ZERO;
    for (const item of cat.items) {
      const read = readItem(item, inputs, bad);
      const score = read ? itemScore(item, read.value) : Rational.ZERO;
      catSum = catSum.add(score);
      items.push({
        id: item.id,
        categoryId: cat.id,
        name: item.name,
        score: round(score),
        max: item.maxPoints,
        passed: read ? passed(item, score) : false,
        mandatory: item.mandatory,
        source: read ? read.source : null,
        answered: read !== null,
        pointsKnown: item.pointsKnown,
        data: read ? read.data : null,
      });
    }
    const catScore = catSum.clamp(Rational.ZERO, R(cat.maxPoints));
    total = total.add(catScore);
    categories.push({ id: cat.id, name: cat.name, score: round(catScore), max: cat.maxPoints });
  }
  if (bad.length)
    throw new DomainError(
      'ACCEPTANCE.INPUT_INVALID',
      `invalid acceptance input: ${bad.map((b) => b.field).join(', ')}`,
      bad,
    );

  const failedMandatory = items.filter((i) => i.mandatory && i.answered && !i.passed).map((i) => i.id);
  const missingItems = items.filter((i) => !i.answered).map((i) => i.id);
  let conclusion: AcceptanceResult['conclusion'] = null;
  if (missingItems.length === 0) {
    const band = failedMandatory.length
      ? profile.conclusionBands.find((b) => b.id === profile.mandatoryFailConclusion)
      : [...profile.conclusionBands]
          .sort((a, b) => b.minTotal - a.minTotal)
          .find((b) => total.gte(R(b.minTotal)));
    conclusion = band ? { id: band.id, name: band.name } : null;
  }
  return {
    profileId: profile.id,
    profileVersion: profile.version,
    total: round(total),
    max: profile.totalPoints,
    categories,
    items,
    failedMandatory,
    missingItems,
    conclusion,
    pointsKnown: profile.pointsKnown,
    conclusionsKnown: profile.conclusionsKnown,
  };
}
