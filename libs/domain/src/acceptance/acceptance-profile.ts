/**
 * The part-6 acceptance (验收) engine's profile (spec 06 §6): categories, items with a rule each,
 * mandatory (veto) items and conclusion bands. GB/T 30428.6's own items, points, veto items and
 * pass mark are not known, so every number is profile data, marked `pointsKnown: false` where it
 * is our default, and editable by a city or province.
 */

export const ACCEPTANCE_RULE_TYPES = [
  'binary',
  'metricThreshold',
  'gradedThreshold',
  'perDefectDeduction',
  'ratioLinear',
  'countMissing',
  'manualScore',
] as const;
export type AcceptanceRuleType = (typeof ACCEPTANCE_RULE_TYPES)[number];

export const COMPARISON_OPS = ['>=', '>', '<=', '<', '='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const EVIDENCE_KINDS = ['document', 'photo', 'systemData', 'link'] as const;
/** Evidence of a manual score: uploaded document, photo, a link to system data, or a URL. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * How an item is scored. Rules with `metric` read a value the system computes (part-4 rates over
 * the trial window, trial-run length, coverage…); without the metric, a reviewer enters the value.
 */
export type AcceptanceRule =
  /** Met → full points, else 0 (a reviewer's yes/no). */
  | { type: 'binary' }
  /** value `op` threshold → full points, else 0. */
  | { type: 'metricThreshold'; metric?: string; op: ComparisonOp; value: number }
  /** The first band whose condition holds gives its points, else 0 (≥ 90 % → 1, ≥ 80 % → 0.5). */
  | { type: 'gradedThreshold'; metric?: string; bands: { op: ComparisonOp; value: number; points: number }[] }
  /** Full points less `step` per defect, never below `floor`. */
  | { type: 'perDefectDeduction'; metric?: string; step: number; floor: number }
  /** Linear between `min` (0 points) and `max` (full points); min > max means lower is better. */
  | { type: 'ratioLinear'; metric?: string; min: number; max: number }
  /** Full points less `step` per entry of `list` not present (−0.5 per missing subsystem). */
  | { type: 'countMissing'; list: string[]; step: number }
  /** A reviewer's score in [0, maxPoints]. */
  | { type: 'manualScore' };

export interface AcceptanceItem {
  id: string;
  name: string;
  maxPoints: number;
  /** False while maxPoints is our default, not a published value. */
  pointsKnown: boolean;
  rule: AcceptanceRule;
  /** A failed mandatory item (否决项) makes the conclusion the profile's fail band, whatever the total. */
  mandatory: boolean;
  /** A manual answer needs at least one piece of evidence. */
  evidenceRequired: boolean;
  /** Evidence kinds accepted; absent = any. */
  evidenceKinds?: EvidenceKind[];
  /**
   * Points needed to pass. Default: full points for binary, metricThreshold and countMissing
   * (met / nothing missing), any points above 0 for the other rules.
   */
  passMark?: number;
  note?: string;
}

export interface AcceptanceCategory {
  id: string;
  name: string;
  maxPoints: number;
  pointsKnown: boolean;
  items: AcceptanceItem[];
  note?: string;
}

/** A conclusion reached when the total is at least `minTotal` (and no mandatory item failed). */
export interface ConclusionBand {
  id: string;
  name: string;
  minTotal: number;
}

export interface AcceptanceProfile {
  id: string;
  version: number;
  name: string;
  source?: string;
  note?: string;
  /** Σ category maxPoints. */
  totalPoints: number;
  /** False while any point value is our default. */
  pointsKnown: boolean;
  /** Decimals of reported scores (half-up). */
  reportDecimals: number;
  categories: AcceptanceCategory[];
  conclusionBands: ConclusionBand[];
  /** False while the bands are our default. */
  conclusionsKnown: boolean;
  /** Band id used when a mandatory item fails (不通过). */
  mandatoryFailConclusion: string;
}
