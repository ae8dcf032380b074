import type {
  CountId,
  EvaluationCounts,
  EvaluationObjectType,
  EvaluationResult,
  PeriodKind,
  RegionLevel,
} from '@urbangrid/domain';

/** One evaluated object of a results table. */
export interface EvaluationItem {
  /** Region code, department id or user id. */
  objectId: string;
  name: string;
  /** 1 = best; null without a composite or when the counts could not be evaluated. */
  rank: number | null;
  counts: EvaluationCounts;
  /** Indicators, rates, scores, 综合指标值 and 评价等级 (libs/domain `evaluateObject`). */
  result: EvaluationResult | null;
  /** Why `result` is null (a domain error code and message), e.g. inconsistent counts. */
  error: { code: string; message: string } | null;
}

export interface EvaluationResults {
  districtCode: string;
  objectType: EvaluationObjectType;
  /** Region level (region only). */
  level: RegionLevel | null;
  period: { kind: PeriodKind; label: string; from: string; to: string; days: number };
  /** Flow records up to this instant were read (ISO, UTC). */
  cutoff: string;
  profile: { id: string; version: number; name: string };
  /** Counts not derived from flow records, filled with 0 (no entry form yet). */
  notRecorded: CountId[];
  /** How many days of the period came from the daily roll-up and how many were counted raw. */
  source: { rolledDays: number; rawDays: number };
  items: EvaluationItem[];
}

/** One object in one month of a matrix: its 综合指标值, 评价等级 and rank that month. */
export interface EvaluationMatrixCell {
  objectId: string;
  name: string;
  rank: number | null;
  composite: number | null;
  grade: string | null;
}

/** The twelve monthly evaluations of a year (months not begun are left out). */
export interface EvaluationMatrix {
  districtCode: string;
  objectType: EvaluationObjectType;
  level: RegionLevel | null;
  year: number;
  profile: { id: string; version: number; name: string };
  months: {
    /** YYYY-MM */
    month: string;
    source: { rolledDays: number; rawDays: number };
    items: EvaluationMatrixCell[];
  }[];
}

export interface DrilldownItem {
  caseId: string;
  caseNo: string;
  reportedAt: string;
  /** How many times the case adds to the count (records: 派遣数, 返工次数 …); 1 for per-case counts. */
  n: number;
}

export interface DrilldownPage {
  count: CountId;
  items: DrilldownItem[];
  nextCursor: string | null;
}

export interface RollupRefreshResult {
  /** Days written to the roll-up. */
  rolledDays: number;
  /** Days left to raw counting: a case still open, or today and later. */
  openDays: number;
  /** Previously rolled days removed because they are no longer settled. */
  droppedDays: number;
}

export interface EvaluationSnapshotSummary {
  id: string;
  objectType: string;
  regionLevel: string | null;
  periodKind: string;
  periodLabel: string;
  periodFrom: string;
  periodTo: string;
  cutoff: string;
  profileId: string;
  profileVersion: number;
  publishedBy: string | null;
  publishedAt: string;
}

export interface EvaluationSnapshot extends EvaluationSnapshotSummary {
  /** The counts per object, as evaluated. */
  inputs: Record<string, EvaluationCounts>;
  /** The results table exactly as published. */
  results: EvaluationResults;
}

export interface EvaluationProfileSummary {
  id: string;
  version: number;
  name: string;
  shipped: boolean;
  basedOn: string | null;
  createdAt: string;
}
