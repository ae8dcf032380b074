import type { CountId, EvaluationCounts, EvaluationProfile } from '@urbangrid/domain';

/**
 * The raw counts the SQL produces, one integer column each (in `evaluation_daily` too). They are
 * profile-independent: where a profile switch chooses between definitions (自处置 reports in
 * 监督员上报数) both parts are counted and `toEvaluationCounts` adds them per profile.
 */
export const RAW_COUNTS = [
  'reported',
  'inspector_reported',
  'self_reported',
  'valid_reported',
  'valid_self_reported',
  'filed',
  'filed_on_time',
  'filed_accurately',
  'voided',
  'parked',
  'deferred',
  'public_reports_verified',
  'due_to_dispatch',
  'dispatched',
  'dispatched_on_time',
  'dispatched_accurately',
  'due_to_dispose',
  'disposed',
  'disposed_on_time',
  'through_disposal',
  'overdue_undisposed',
  'extended',
  'returned',
  'due_to_close',
  'closed',
  'closed_on_time',
  'close_step_on_time',
  'rework',
  'rework_events',
  'rework_repeated',
  'due_to_verify',
  'verified_on_time',
  'due_to_check',
  'checked_on_time',
  'accepted',
  'verify_send_due',
  'verify_sent_on_time',
  'check_send_due',
  'check_sent_on_time',
  'urgent_due_to_close',
  'urgent_closed',
  'urgent_closed_on_time',
] as const;

export type RawCount = (typeof RAW_COUNTS)[number];
export type RawCounts = Record<RawCount, number>;

export function zeroCounts(): RawCounts {
  return Object.fromEntries(RAW_COUNTS.map((c) => [c, 0])) as RawCounts;
}

export function addCounts(into: RawCounts, add: Partial<RawCounts>): RawCounts {
  for (const c of RAW_COUNTS) into[c] += add[c] ?? 0;
  return into;
}

/**
 * Counts not derived from flow records: 弄虚作假数 and 推诿数 are entered by the evaluator (no
 * entry form exists yet, so they are 0 and listed in every result as `notRecorded`), 单元网格数
 * comes from the region table.
 */
export const NOT_RECORDED_COUNTS: readonly CountId[] = ['falsified', 'evaded'];

/** The raw columns behind a count id under a profile (what a drill-down lists). */
export function rawColumnsOf(id: CountId, profile: EvaluationProfile): RawCount[] | null {
  const withSelf = !profile.countingRules.inspectorReportsExcludeSelfHandled;
  switch (id) {
    case 'reported':
      return ['reported'];
    case 'inspectorReported':
      return withSelf ? ['inspector_reported', 'self_reported'] : ['inspector_reported'];
    case 'validReported':
      return withSelf ? ['valid_reported', 'valid_self_reported'] : ['valid_reported'];
    case 'filed':
      return ['filed'];
    case 'filedOnTime':
      return ['filed_on_time'];
    case 'filedAccurately':
      return ['filed_accurately'];
    case 'voided':
      return ['voided'];
    case 'parked':
      return ['parked'];
    case 'deferred':
      return ['deferred'];
    case 'publicReportsVerified':
      return ['public_reports_verified'];
    case 'dueToDispatch':
      return ['due_to_dispatch'];
    case 'dispatched':
      return ['dispatched'];
    case 'dispatchedOnTime':
      return ['dispatched_on_time'];
    case 'dispatchedAccurately':
      return ['dispatched_accurately'];
    case 'dueToDispose':
      return ['due_to_dispose'];
    case 'disposed':
      return ['disposed'];
    case 'disposedOnTime':
      return ['disposed_on_time'];
    case 'throughDisposal':
      return ['through_disposal'];
    case 'overdueUndisposed':
      return ['overdue_undisposed'];
    case 'extended':
      return ['extended'];
    case 'returned':
      return ['returned'];
    case 'dueToClose':
      return ['due_to_close'];
    case 'closed':
      return ['closed'];
    case 'closedOnTime':
      return ['closed_on_time'];
    case 'closeStepOnTime':
      return ['close_step_on_time'];
    case 'rework':
      return ['rework'];
    case 'reworkEvents':
      return ['rework_events'];
    case 'reworkRepeated':
      return ['rework_repeated'];
    case 'dueToVerify':
      return ['due_to_verify'];
    case 'verifiedOnTime':
      return ['verified_on_time'];
    case 'dueToCheck':
      return ['due_to_check'];
    case 'checkedOnTime':
      return ['checked_on_time'];
    // 漏报数 of an inspector is 监督举报核实数 over the inspector's grids (drilled there).
    case 'missedReports':
      return ['public_reports_verified'];
    case 'accepted':
      return ['accepted'];
    case 'verifySendDue':
      return ['verify_send_due'];
    case 'verifySentOnTime':
      return ['verify_sent_on_time'];
    case 'checkSendDue':
      return ['check_send_due'];
    case 'checkSentOnTime':
      return ['check_sent_on_time'];
    case 'urgentDueToClose':
      return ['urgent_due_to_close'];
    case 'urgentClosed':
      return ['urgent_closed'];
    case 'urgentClosedOnTime':
      return ['urgent_closed_on_time'];
    case 'falsified':
    case 'evaded':
    case 'unitGrids':
      return null;
  }
}

/**
 * The `EvaluationCounts` of one object: every count id filled from the raw columns under the
 * profile's counting switches; `unitGrids` for a region; the not-recorded counts 0.
 */
export function toEvaluationCounts(
  raw: RawCounts,
  profile: EvaluationProfile,
  unitGrids?: number,
): EvaluationCounts {
  const out: EvaluationCounts = { falsified: 0, evaded: 0 };
  for (const [id, cols] of columnsOfProfile(profile)) {
    let sum = 0;
    for (const c of cols) sum += raw[c];
    out[id] = sum;
  }
  if (unitGrids !== undefined) out.unitGrids = unitGrids;
  return out;
}

/** Each count id with its raw columns under a profile, worked out once per profile object. */
const COLUMNS_BY_PROFILE = new WeakMap<EvaluationProfile, [keyof typeof COLUMN_OF_ID, RawCount[]][]>();

function columnsOfProfile(profile: EvaluationProfile): [keyof typeof COLUMN_OF_ID, RawCount[]][] {
  let list = COLUMNS_BY_PROFILE.get(profile);
  if (!list) {
    const ids = Object.keys(COLUMN_OF_ID) as (keyof typeof COLUMN_OF_ID)[];
    list = ids.map((id) => [id, rawColumnsOf(id, profile) ?? []]);
    COLUMNS_BY_PROFILE.set(profile, list);
  }
  return list;
}

/** Count ids filled from raw columns (all but the not-recorded ones and 单元网格数). */
const COLUMN_OF_ID: Record<Exclude<CountId, 'falsified' | 'evaded' | 'unitGrids'>, true> = {
  reported: true,
  inspectorReported: true,
  validReported: true,
  filed: true,
  filedOnTime: true,
  filedAccurately: true,
  voided: true,
  parked: true,
  deferred: true,
  publicReportsVerified: true,
  dueToDispatch: true,
  dispatched: true,
  dispatchedOnTime: true,
  dispatchedAccurately: true,
  dueToDispose: true,
  disposed: true,
  disposedOnTime: true,
  throughDisposal: true,
  overdueUndisposed: true,
  extended: true,
  returned: true,
  dueToClose: true,
  closed: true,
  closedOnTime: true,
  closeStepOnTime: true,
  rework: true,
  reworkEvents: true,
  reworkRepeated: true,
  dueToVerify: true,
  verifiedOnTime: true,
  dueToCheck: true,
  checkedOnTime: true,
  missedReports: true,
  accepted: true,
  verifySendDue: true,
  verifySentOnTime: true,
  checkSendDue: true,
  checkSentOnTime: true,
  urgentDueToClose: true,
  urgentClosed: true,
  urgentClosedOnTime: true,
};
