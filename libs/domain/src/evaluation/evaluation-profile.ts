import { type CountId } from './evaluation-counts';
import { type RoundingMode } from './rational';

/**
 * A named, versioned part-4 profile (spec 05): every weight, band, denominator, exclusion,
 * zero-denominator policy and rounding rule of the evaluation is data here, never a constant in
 * the formulas. The shipped profiles live in ./profiles/*.json; a city adds its own through the
 * API, checked by `validateEvaluationProfile`.
 */

export const EVALUATION_OBJECT_TYPES = [
  'region',
  'department',
  'inspector',
  'acceptor',
  'shiftLeader',
  'dispatcher',
] as const;
/**
 * 评价对象: 区域 region, 部门 department (处置单位), and the posts (岗位) 监督员 inspector,
 * 受理员 acceptor, 值班长 shiftLeader, 派遣员 dispatcher.
 */
export type EvaluationObjectType = (typeof EVALUATION_OBJECT_TYPES)[number];

export const REGION_LEVELS = ['district', 'street', 'community', 'unitGrid'] as const;
/** 区(县) → 街道(乡镇) → 社区 → 单元网格. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
/** 评价周期: 周, 月, 季, 年, or a free date range. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const ZERO_DENOMINATOR_POLICIES = [
  'scoreFullMarks',
  'dropTermAndRenormalise',
  'scoreZero',
  'noComposite',
] as const;
/**
 * A rate whose denominator is 0 is not applicable (spec 05 §7.3): (a) full marks, (b) drop the
 * term and divide the remaining weights by their sum, (c) score 0, (d) no composite at all.
 */
export type ZeroDenominatorPolicy = (typeof ZERO_DENOMINATOR_POLICIES)[number];

/** A count, or a sum and difference of counts (准确立案数 = 立案数 − 作废数). */
export type CountExpression = CountId | { plus: CountId[]; minus?: CountId[] };

export const BAND_BASES = ['count', 'perUnitGrid', 'workload'] as const;
/**
 * What a band table is applied to: the count itself; the count ÷ 单元网格数 (region 立案数,
 * spec 05 §3.2); or a workload count scaled to its monthly equivalent when the profile says so
 * (受理数 / 派遣数, §6.2).
 */
export type BandBasis = (typeof BAND_BASES)[number];

/** Score conversions. The first three feed a weighted sum; the deduction rules feed a points sum. */
export type ScoreRule =
  /** score = rate × 100 (linear, higher is better). */
  | { kind: 'rateTimes100' }
  /** score = (1 − rate) × 100 (linear, lower is better: 返工率, 漏报率, 监督举报率). */
  | { kind: 'oneMinusRateTimes100' }
  /** score = the row of a band table; `tableByAreaClass` picks the table by 区域类别. */
  | {
      kind: 'band';
      basis: BandBasis;
      table?: string;
      tableByAreaClass?: Record<string, string>;
    }
  /**
   * points, less `stepPerPercent` for every percentage point the rate is below
   * `thresholdPercent`, never below `floor` (Jinhua: ≥ 70 % → 50, −1 per point below).
   */
  | {
      kind: 'thresholdDeduction';
      points: number;
      thresholdPercent: number;
      stepPerPercent: number;
      floor: number;
    }
  /** A negative term: −stepPerPercent per percentage point below the threshold (from its group). */
  | { kind: 'deductionBelowThreshold'; thresholdPercent: number; stepPerPercent: number }
  /** A negative term: −step per counted case (Jinhua rework −0.2, fraud −1). */
  | { kind: 'perCaseDeduction'; step: number }
  /** Shown with its rate, not scored (处置率 of the department). */
  | { kind: 'displayOnly' };

export type ScoreRuleKind = ScoreRule['kind'];

export interface IndicatorDefinition {
  /** Stable English id, e.g. `closeRate`. */
  id: string;
  /** Chinese name, e.g. 结案率. */
  name: string;
  /** Name of its score, e.g. 结案率分值. */
  scoreName?: string;
  /** The numerator of a rate, or the counted value of a banded / per-case indicator. */
  numerator: CountExpression;
  /** Present for a rate: rate = numerator / denominator. */
  denominator?: CountExpression;
  score: ScoreRule;
  /** Weight in a weighted-sum composite (0.1 = 10 %); absent for display-only and points terms. */
  weight?: number;
  /** Points composite: the group whose subtotal is clamped to [0, group maxPoints]. */
  group?: string;
  /** Exclusions that do not apply to this indicator (值班长's 准确立案率 keeps 作废 cases). */
  ignoreExclusions?: string[];
  note?: string;
}

export type CompositeRule =
  /** 综合指标值 = Σ score × weight; weights total exactly 1. */
  | { method: 'weightedSum'; note?: string }
  /** Points: Σ term points (deductions negative), groups clamped, the total clamped to [0, totalPoints]. */
  | {
      method: 'points';
      totalPoints: number;
      groups?: { id: string; name: string; maxPoints: number }[];
      note?: string;
    };

export interface ObjectEvaluation {
  /** Chinese name, e.g. 区域评价. */
  name: string;
  /** Region levels the definition serves (region only). */
  levels?: RegionLevel[];
  indicators: IndicatorDefinition[];
  composite: CompositeRule;
  note?: string;
}

/** Subtracts counts from a count wherever an indicator uses it (作废, 挂账, 缓办). */
export interface Exclusion {
  id: string;
  name: string;
  enabled: boolean;
  adjust: { count: CountId; subtract: CountId }[];
  note?: string;
}

export interface BandRow {
  min: number;
  /** Inclusive upper bound; null on the last row (open-ended). */
  max: number | null;
  score: number;
}

/** Rows matched as "the first row whose max ≥ value" (so 2.5 falls in the 3–4 row). */
export interface BandTable {
  name: string;
  rows: BandRow[];
  note?: string;
}

/** 评价等级: lower bound inclusive, upper exclusive; the top band also includes its max. */
export interface GradeBand {
  grade: string;
  min: number;
  max: number;
  colour: string;
  colourZh: string;
}

export interface RoundingRule {
  /** Decimals of every reported figure (spec default 2). */
  reportDecimals: number;
  mode: RoundingMode;
  /** `fullPrecision`: round only the reported figures; `roundScoresFirst`: round each score before weighting. */
  compute: 'fullPrecision' | 'roundScoresFirst';
  /** Grade on the unrounded composite (spec default) or on the reported one. */
  gradeOn: 'unrounded' | 'reported';
  note?: string;
}

export interface RankingRule {
  /** Rank on the reported (rounded) composite, so equal displayed values tie, or on the unrounded one. */
  basis: 'reported' | 'unrounded';
  /** `shared`: 1, 2, 2, 4 (competition ranking); `dense`: 1, 2, 2, 3. */
  ties: 'shared' | 'dense';
  note?: string;
}

export interface EvaluationProfile {
  id: string;
  /** Integer, raised on every change; a stored result keeps the version it used. */
  version: number;
  name: string;
  /** Profile this one was derived from (variants). */
  basedOn?: string;
  source?: string;
  note?: string;
  periods: { allowed: PeriodKind[]; default: PeriodKind; note?: string };
  rounding: RoundingRule;
  zeroDenominator: { policy: ZeroDenominatorPolicy; flagResult: boolean; note?: string };
  exclusions: Exclusion[];
  /** 区域类别 (一类 / 二类) of the region 立案数 bands and the class a region has by default. */
  areaClasses: { id: string; name: string }[];
  defaultAreaClass: string;
  /** `monthlyEquivalent`: band workload counts as count × 30 ÷ days unless the period is a calendar month. */
  workloadBandScaling: 'monthlyEquivalent' | 'none';
  /** Read by the counting SQL, not by the formulas (docs/evaluation-counts.md). */
  countingRules: {
    inspectorReportsExcludeSelfHandled: boolean;
    reworkCountedOncePerCase: boolean;
    attributeCaseBy: 'reportTime';
    note?: string;
  };
  bandTables: Record<string, BandTable>;
  gradeBands: GradeBand[];
  ranking: RankingRule;
  objects: Partial<Record<EvaluationObjectType, ObjectEvaluation>>;
  /** Free notes on definitions the sources disagree on, keyed by topic. */
  notes?: Record<string, string>;
}

/** The score rules a weighted-sum composite accepts, and those a points composite accepts. */
export const WEIGHTED_RULES: readonly ScoreRuleKind[] = [
  'rateTimes100',
  'oneMinusRateTimes100',
  'band',
  'displayOnly',
];
export const POINTS_RULES: readonly ScoreRuleKind[] = [
  'thresholdDeduction',
  'deductionBelowThreshold',
  'perCaseDeduction',
  'displayOnly',
];
/** Rules that read a rate (and so need a denominator). */
export const RATE_RULES: readonly ScoreRuleKind[] = [
  'rateTimes100',
  'oneMinusRateTimes100',
  'thresholdDeduction',
  'deductionBelowThreshold',
];
