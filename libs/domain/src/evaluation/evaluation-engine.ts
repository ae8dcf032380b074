import { DomainError } from '../errors';
import { COUNT_NAMES_ZH, type CountId, type EvaluationCounts } from './evaluation-counts';
import {
  type BandTable,
  type CountExpression,
  type EvaluationObjectType,
  type EvaluationProfile,
  type GradeBand,
  type IndicatorDefinition,
  type ObjectEvaluation,
  type PeriodKind,
  type RegionLevel,
} from './evaluation-profile';
import { Rational } from './rational';

/** Facts about the object and period that are not counts. */
export interface EvaluationContext {
  /** Region level; a unit grid is its own single grid for the per-grid 立案数 bands. */
  regionLevel?: RegionLevel;
  /** 区域类别 of the region (profile `areaClasses`); default `profile.defaultAreaClass`. */
  areaClass?: string;
  /** The evaluation period; needed when workload bands are scaled to a monthly equivalent. */
  period?: { kind: PeriodKind; days: number };
}

/** A rate's parts; `value` is null when the denominator is 0. */
export interface RateValue {
  numerator: number;
  denominator: number;
  value: Rational | null;
}

export type IndicatorStatus = 'scored' | 'displayOnly' | 'notApplicable';
/** `zeroDenominator`: nothing was due; `rateAboveOne`: numerator > denominator (counts disagree), score clamped. */
export type IndicatorFlag = 'zeroDenominator' | 'rateAboveOne';

/** One indicator's score, exact. `score` is null for display-only and dropped terms. */
export interface IndicatorScore {
  status: IndicatorStatus;
  /** The counted value (band, per-case) or the rate numerator. */
  numerator: number;
  denominator: number | null;
  rate: Rational | null;
  /** The value looked up in a band table (per-grid average, monthly equivalent). */
  bandValue: Rational | null;
  score: Rational | null;
  flags: IndicatorFlag[];
}

export interface IndicatorResult {
  id: string;
  name: string;
  scoreName: string | null;
  numerator: number;
  denominator: number | null;
  /** Rate in percent (0.9412 → 94.12), rounded per profile; null for counts and zero denominators. */
  rate: number | null;
  /** Value banded, rounded per profile (e.g. 3 for 120 立案 over 40 grids); null when not banded. */
  bandValue: number | null;
  /** Score 0–100 (weighted sum) or points (points composite), rounded; null when not scored. */
  score: number | null;
  /** Weight in the profile; null for display-only and points terms. */
  weight: number | null;
  /** Weight actually applied after re-normalisation (4 decimals); null when the term is not in the composite. */
  effectiveWeight: number | null;
  /** Contribution to the composite, rounded; null when the term is not in the composite. */
  weighted: number | null;
  status: IndicatorStatus;
  flags: IndicatorFlag[];
}

export interface GradeResult {
  grade: string;
  colour: string;
  colourZh: string;
}

export interface EvaluationResult {
  profileId: string;
  profileVersion: number;
  objectType: EvaluationObjectType;
  indicators: IndicatorResult[];
  /** 综合指标值, rounded per profile; null under the `noComposite` policy or when every term dropped. */
  composite: number | null;
  /** The unrounded composite as a double, for ordering only. */
  compositeUnrounded: number | null;
  /** 评价等级 and colour; null without a composite or when the profile has no grade bands. */
  grade: GradeResult | null;
  /** True when a term was dropped or scored by the zero-denominator policy and the profile flags it. */
  partial: boolean;
}

/** The value of a count expression after the profile's enabled exclusions, unless the indicator opts out. */
export function countValue(
  counts: EvaluationCounts,
  expr: CountExpression,
  profile: EvaluationProfile,
  indicator?: Pick<IndicatorDefinition, 'id' | 'ignoreExclusions'>,
): number {
  const plus = typeof expr === 'string' ? [expr] : expr.plus;
  const minus = typeof expr === 'string' ? [] : (expr.minus ?? []);
  const total =
    plus.reduce((s, id) => s + adjusted(counts, id, profile, indicator), 0) -
    minus.reduce((s, id) => s + adjusted(counts, id, profile, indicator), 0);
  if (total < 0)
    throw new DomainError(
      'EVALUATION.COUNTS_INCONSISTENT',
      `${indicator?.id ?? 'count'}: ${describe(expr)} is negative (${total})`,
    );
  return total;
}

function adjusted(
  counts: EvaluationCounts,
  id: CountId,
  profile: EvaluationProfile,
  indicator?: Pick<IndicatorDefinition, 'id' | 'ignoreExclusions'>,
): number {
  let v = read(counts, id);
  for (const ex of profile.exclusions) {
    if (!ex.enabled || indicator?.ignoreExclusions?.includes(ex.id)) continue;
    for (const a of ex.adjust) if (a.count === id) v -= read(counts, a.subtract);
  }
  if (v < 0)
    throw new DomainError(
      'EVALUATION.COUNTS_INCONSISTENT',
      `${COUNT_NAMES_ZH[id]} (${id}) less its exclusions is negative (${v})`,
    );
  return v;
}

function read(counts: EvaluationCounts, id: CountId): number {
  const v = counts[id];
  if (v === undefined || v === null)
    throw new DomainError('EVALUATION.COUNT_MISSING', `count ${id} (${COUNT_NAMES_ZH[id]}) is required`);
  if (!Number.isSafeInteger(v) || v < 0)
    throw new DomainError(
      'EVALUATION.COUNT_INVALID',
      `count ${id} (${COUNT_NAMES_ZH[id]}) must be an integer ≥ 0, got ${v}`,
    );
  return v;
}

function describe(expr: CountExpression): string {
  if (typeof expr === 'string') return COUNT_NAMES_ZH[expr];
  return [
    expr.plus.map((c) => COUNT_NAMES_ZH[c]).join(' + '),
    ...(expr.minus ?? []).map((c) => COUNT_NAMES_ZH[c]),
  ].join(' − ');
}

/** Every count id an indicator reads, exclusions included. */
export function countsOf(indicator: IndicatorDefinition, profile: EvaluationProfile): CountId[] {
  const ids = new Set<CountId>();
  const add = (e: CountExpression | undefined) => {
    if (!e) return;
    for (const id of typeof e === 'string' ? [e] : [...e.plus, ...(e.minus ?? [])]) {
      ids.add(id);
      for (const ex of profile.exclusions)
        if (ex.enabled && !indicator.ignoreExclusions?.includes(ex.id))
          for (const a of ex.adjust) if (a.count === id) ids.add(a.subtract);
    }
  };
  add(indicator.numerator);
  add(indicator.denominator);
  if (indicator.score.kind === 'band' && indicator.score.basis === 'perUnitGrid') ids.add('unitGrids');
  return [...ids];
}

/** rate = numerator / denominator over the adjusted counts (spec 05 §3–§6). */
export function rate(
  counts: EvaluationCounts,
  indicator: IndicatorDefinition,
  profile: EvaluationProfile,
): RateValue {
  if (!indicator.denominator)
    throw new DomainError('EVALUATION.PROFILE_INVALID', `indicator ${indicator.id} is not a rate`);
  const numerator = countValue(counts, indicator.numerator, profile, indicator);
  const denominator = countValue(counts, indicator.denominator, profile, indicator);
  return {
    numerator,
    denominator,
    value: denominator === 0 ? null : Rational.of(BigInt(numerator), BigInt(denominator)),
  };
}

/** The row of a band table for a value: the first row whose max ≥ value (last row open-ended). */
export function bandScore(table: BandTable, value: Rational): Rational {
  for (const row of table.rows)
    if (row.max === null || value.lte(Rational.fromNumber(row.max))) return Rational.fromNumber(row.score);
  // Unreachable for a validated table (its last row is open-ended).
  throw new DomainError(
    'EVALUATION.PROFILE_INVALID',
    `band table ${table.name} has no row for ${value.approx()}`,
  );
}

const pct = (x: number) => Rational.fromNumber(x).div(Rational.HUNDRED);

/**
 * One indicator's exact score under the profile, before weighting: rate × 100, (1 − rate) × 100,
 * band row, threshold deduction, per-case deduction. Zero denominators follow the profile policy.
 */
export function indicatorScore(
  counts: EvaluationCounts,
  indicator: IndicatorDefinition,
  profile: EvaluationProfile,
  context: EvaluationContext = {},
): IndicatorScore {
  const rule = indicator.score;
  const flags: IndicatorFlag[] = [];
  let r: RateValue | null = null;
  if (indicator.denominator) {
    r = rate(counts, indicator, profile);
    if (r.value === null) flags.push('zeroDenominator');
    else if (r.value.gt(Rational.ONE)) flags.push('rateAboveOne');
  }
  const base = {
    numerator: r ? r.numerator : countValue(counts, indicator.numerator, profile, indicator),
    denominator: r ? r.denominator : null,
    rate: r ? r.value : null,
    bandValue: null as Rational | null,
    flags,
  };
  if (rule.kind === 'displayOnly') return { ...base, status: 'displayOnly', score: null };
  if (r && r.value === null) {
    const policy = profile.zeroDenominator.policy;
    if (policy === 'dropTermAndRenormalise' || policy === 'noComposite')
      return { ...base, status: 'notApplicable', score: null };
    return {
      ...base,
      status: 'notApplicable',
      score: policy === 'scoreFullMarks' ? fullMarks(indicator) : Rational.ZERO,
    };
  }
  // A rate above 1 means the counts disagree; the score is held to its range, and flagged.
  const rv = r?.value ? r.value.min(Rational.ONE) : null;
  switch (rule.kind) {
    case 'rateTimes100':
      return { ...base, status: 'scored', score: rv!.mul(Rational.HUNDRED) };
    case 'oneMinusRateTimes100':
      return { ...base, status: 'scored', score: Rational.ONE.sub(rv!).mul(Rational.HUNDRED) };
    case 'thresholdDeduction': {
      const below = pct(rule.thresholdPercent).sub(rv!).max(Rational.ZERO).mul(Rational.HUNDRED);
      const s = Rational.fromNumber(rule.points).sub(below.mul(Rational.fromNumber(rule.stepPerPercent)));
      return { ...base, status: 'scored', score: s.max(Rational.fromNumber(rule.floor)) };
    }
    case 'deductionBelowThreshold': {
      const below = pct(rule.thresholdPercent).sub(rv!).max(Rational.ZERO).mul(Rational.HUNDRED);
      return {
        ...base,
        status: 'scored',
        score: Rational.ZERO.sub(below.mul(Rational.fromNumber(rule.stepPerPercent))),
      };
    }
    case 'perCaseDeduction':
      return {
        ...base,
        status: 'scored',
        score: Rational.ZERO.sub(Rational.int(base.numerator).mul(Rational.fromNumber(rule.step))),
      };
    case 'band': {
      const value = bandInput(base.numerator, rule.basis, counts, profile, context);
      const tableId = rule.table ?? rule.tableByAreaClass?.[areaClassOf(profile, context)];
      const table = tableId === undefined ? undefined : profile.bandTables[tableId];
      if (!table)
        throw new DomainError('EVALUATION.PROFILE_INVALID', `indicator ${indicator.id}: no band table`);
      return { ...base, bandValue: value, status: 'scored', score: bandScore(table, value) };
    }
  }
}

function fullMarks(indicator: IndicatorDefinition): Rational {
  const rule = indicator.score;
  if (rule.kind === 'thresholdDeduction') return Rational.fromNumber(rule.points);
  if (rule.kind === 'deductionBelowThreshold' || rule.kind === 'perCaseDeduction') return Rational.ZERO;
  return Rational.HUNDRED;
}

function areaClassOf(profile: EvaluationProfile, context: EvaluationContext): string {
  const c = context.areaClass ?? profile.defaultAreaClass;
  if (!profile.areaClasses.some((a) => a.id === c))
    throw new DomainError(
      'EVALUATION.AREA_CLASS_UNKNOWN',
      `area class ${c} is not one of ${profile.areaClasses.map((a) => a.id).join(', ')}`,
    );
  return c;
}

function bandInput(
  value: number,
  basis: 'count' | 'perUnitGrid' | 'workload',
  counts: EvaluationCounts,
  profile: EvaluationProfile,
  context: EvaluationContext,
): Rational {
  switch (basis) {
    case 'count':
      return Rational.int(value);
    case 'perUnitGrid': {
      // A unit grid is its own single grid; higher levels average over their grids (spec 05 §3.2, [L] ours).
      const grids = context.regionLevel === 'unitGrid' ? 1 : read(counts, 'unitGrids');
      if (grids === 0)
        throw new DomainError(
          'EVALUATION.COUNT_INVALID',
          'count unitGrids (单元网格数) must be ≥ 1 for a region',
        );
      return Rational.of(BigInt(value), BigInt(grids));
    }
    case 'workload': {
      if (profile.workloadBandScaling === 'none') return Rational.int(value);
      const period = context.period;
      if (!period)
        throw new DomainError(
          'EVALUATION.PERIOD_REQUIRED',
          'workload bands are scaled to a monthly equivalent: the period (kind, days) is required',
        );
      if (period.kind === 'month') return Rational.int(value);
      if (!Number.isSafeInteger(period.days) || period.days < 1)
        throw new DomainError(
          'EVALUATION.PERIOD_INVALID',
          `period days must be an integer ≥ 1, got ${period.days}`,
        );
      // count × 30 ÷ days in the period (spec 05 §6.2, [L] ours).
      return Rational.of(BigInt(value) * 30n, BigInt(period.days));
    }
  }
}

/** The definition of an object type in the profile, or EVALUATION.OBJECT_TYPE_UNSUPPORTED. */
export function objectDefinition(
  profile: EvaluationProfile,
  objectType: EvaluationObjectType,
): ObjectEvaluation {
  const def = profile.objects[objectType];
  if (!def)
    throw new DomainError(
      'EVALUATION.OBJECT_TYPE_UNSUPPORTED',
      `profile ${profile.id} v${profile.version} does not evaluate ${objectType}`,
    );
  return def;
}

/** Every count the object type's indicators read under this profile: what the counting SQL must fill. */
export function requiredCounts(objectType: EvaluationObjectType, profile: EvaluationProfile): CountId[] {
  const ids = new Set<CountId>();
  for (const ind of objectDefinition(profile, objectType).indicators)
    for (const c of countsOf(ind, profile)) ids.add(c);
  return [...ids];
}

/**
 * Scores every indicator of the object type and combines them into the 综合指标值 and 评价等级.
 * Arithmetic is exact; figures are rounded once, at the end, per the profile.
 */
export function computeEvaluation(
  objectType: EvaluationObjectType,
  counts: EvaluationCounts,
  profile: EvaluationProfile,
  context: EvaluationContext = {},
): EvaluationResult {
  const def = objectDefinition(profile, objectType);
  const { reportDecimals: digits, mode } = profile.rounding;
  const scores = def.indicators.map((ind) => {
    const s = indicatorScore(counts, ind, profile, context);
    const score =
      s.score && profile.rounding.compute === 'roundScoresFirst' ? s.score.round(digits, mode) : s.score;
    return { ind, s: { ...s, score } };
  });
  const anyNotApplicable = scores.some((x) => x.s.status === 'notApplicable');
  const policy = profile.zeroDenominator.policy;

  let composite: Rational | null;
  const contributions = new Map<string, { weight: Rational | null; weighted: Rational }>();
  if (policy === 'noComposite' && anyNotApplicable) composite = null;
  else if (def.composite.method === 'weightedSum') {
    const active = scores.filter((x) => x.s.score !== null && x.ind.weight !== undefined);
    const weightSum = active.reduce((s, x) => s.add(Rational.fromNumber(x.ind.weight!)), Rational.ZERO);
    if (weightSum.isZero()) composite = null;
    else {
      composite = Rational.ZERO;
      for (const x of active) {
        // Dividing by the active weights' sum re-normalises after dropped terms; it is 1 otherwise.
        const w = Rational.fromNumber(x.ind.weight!).div(weightSum);
        const weighted = x.s.score!.mul(w);
        contributions.set(x.ind.id, { weight: w, weighted });
        composite = composite.add(weighted);
      }
    }
  } else {
    const total = Rational.fromNumber(def.composite.totalPoints);
    const groups = new Map(
      (def.composite.groups ?? []).map((g) => [
        g.id,
        { max: Rational.fromNumber(g.maxPoints), sum: Rational.ZERO },
      ]),
    );
    let sum = Rational.ZERO;
    let droppedMax = Rational.ZERO;
    for (const x of scores) {
      if (x.s.status === 'displayOnly') continue;
      if (x.s.score === null) {
        droppedMax = droppedMax.add(fullMarks(x.ind));
        continue;
      }
      contributions.set(x.ind.id, { weight: null, weighted: x.s.score });
      const g = x.ind.group ? groups.get(x.ind.group) : undefined;
      if (g) g.sum = g.sum.add(x.s.score);
      else sum = sum.add(x.s.score);
    }
    for (const g of groups.values()) sum = sum.add(g.sum.clamp(Rational.ZERO, g.max));
    const achievable = total.sub(droppedMax);
    // Dropped terms: scale what remains up to the full total, as a weighted sum re-normalises.
    composite = achievable.gt(Rational.ZERO)
      ? sum.clamp(Rational.ZERO, achievable).mul(total).div(achievable)
      : null;
  }

  const round = (r: Rational | null) => (r === null ? null : r.toNumber(digits, mode));
  const indicators: IndicatorResult[] = scores.map(({ ind, s }) => {
    const c = contributions.get(ind.id);
    return {
      id: ind.id,
      name: ind.name,
      scoreName: ind.scoreName ?? null,
      numerator: s.numerator,
      denominator: s.denominator,
      rate: s.rate ? s.rate.mul(Rational.HUNDRED).toNumber(digits, mode) : null,
      bandValue: round(s.bandValue),
      score: round(s.score),
      weight: ind.weight ?? null,
      effectiveWeight: c?.weight ? c.weight.toNumber(4, 'halfUp') : null,
      weighted: c ? round(c.weighted) : null,
      status: s.status,
      flags: s.flags,
    };
  });
  const gradeValue =
    composite === null
      ? null
      : profile.rounding.gradeOn === 'reported'
        ? composite.round(digits, mode)
        : composite;
  return {
    profileId: profile.id,
    profileVersion: profile.version,
    objectType,
    indicators,
    composite: round(composite),
    compositeUnrounded: composite ? composite.approx() : null,
    grade: gradeValue === null ? null : gradeOf(gradeValue, profile.gradeBands),
    partial: profile.zeroDenominator.flagResult && anyNotApplicable,
  };
}

/** 评价等级 of a composite: lower bound inclusive, upper exclusive, the top band includes its max. */
export function gradeOf(value: Rational | number, bands: GradeBand[]): GradeResult | null {
  const v = typeof value === 'number' ? Rational.fromNumber(value) : value;
  const top = bands.reduce<GradeBand | null>((t, b) => (t === null || b.max > t.max ? b : t), null);
  for (const b of bands) {
    const lo = Rational.fromNumber(b.min);
    const hi = Rational.fromNumber(b.max);
    if (v.gte(lo) && (v.lt(hi) || (b === top && v.eq(hi))))
      return { grade: b.grade, colour: b.colour, colourZh: b.colourZh };
  }
  return null;
}
