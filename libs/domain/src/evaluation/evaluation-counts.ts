/**
 * The integer counts of spec 05 §2, one record per evaluation object and period. The formulas
 * read nothing else, so any profile can be recomputed from the same counts. The counting SQL
 * (docs/evaluation-counts.md) fills the fields an object type needs; `requiredCounts()` lists
 * them for a profile. Counts are **raw**: cases later cancelled (作废) stay in `filed`, and the
 * profile's exclusions subtract `voided`, `parked` or `deferred` where the city wants it.
 */
export interface EvaluationCounts {
  /** 上报数: all reports received (patrol plus public). */
  reported?: number;
  /** 监督员上报数: reports by inspectors (自处置 excluded unless the counting rule includes it). */
  inspectorReported?: number;
  /** 有效上报数: reports that were filed (立案) and not cancelled. */
  validReported?: number;
  /** 立案数: filed cases, including those later cancelled (作废); see the `void` exclusion. */
  filed?: number;
  /** 按时立案数: 立案 step finished within its stage limit. */
  filedOnTime?: number;
  /** 准确立案数: a city's own accurate-filing count; the default profile uses 立案数 − 作废数 instead. */
  filedAccurately?: number;
  /** 作废数: filed cases later cancelled. */
  voided?: number;
  /** 挂账数: filed cases parked (挂账) at the cut-off. */
  parked?: number;
  /** 缓办数: cases inside 应结案数 whose handling was deferred (缓办), e.g. Jinhua. */
  deferred?: number;
  /** 监督举报核实数: public (non-inspector) reports verified as true and filed. */
  publicReportsVerified?: number;
  /** 应派遣数: cases dispatched plus cases waiting for dispatch. */
  dueToDispatch?: number;
  /** 派遣数: dispatches made. */
  dispatched?: number;
  /** 按时派遣数: dispatches finished within the stage limit. */
  dispatchedOnTime?: number;
  /** 准确派遣数: dispatches not re-routed to another department (first target = last target). */
  dispatchedAccurately?: number;
  /** 应处置数: cases dispatched to the department. */
  dueToDispose?: number;
  /** 处置数: cases whose disposal step is finished. */
  disposed?: number;
  /** 按期处置数: disposal finished by its deadline, extensions included. */
  disposedOnTime?: number;
  /** 经处置数: cases that went through disposal (Hohhot's through_dispose_num). */
  throughDisposal?: number;
  /** 超期未处置数 / 超期待处置数: cases still undisposed past their deadline at the cut-off. */
  overdueUndisposed?: number;
  /** 延期数: cases with an approved extension (延期). */
  extended?: number;
  /** 回退数: approved returns (回退) to the centre. */
  returned?: number;
  /** 应结案数: cases closed or awaiting close, plus running disposals past their deadline. */
  dueToClose?: number;
  /** 结案数: cases closed. */
  closed?: number;
  /** 按期结案数: closed cases whose disposal was on time. */
  closedOnTime?: number;
  /** 按时结案数: 结案 step finished within its stage limit (值班长). */
  closeStepOnTime?: number;
  /** 返工数: cases reworked after a failed 核查, once per case. */
  rework?: number;
  /** 返工次数: every rework, several per case. */
  reworkEvents?: number;
  /** 多次返工案件数: cases with three or more failed checks (Jinhua's heavier deduction). */
  reworkRepeated?: number;
  /** 应核实数: verification tasks sent to the inspector. */
  dueToVerify?: number;
  /** 按时核实数: verification tasks answered within the limit. */
  verifiedOnTime?: number;
  /** 应核查数: check tasks sent to the inspector. */
  dueToCheck?: number;
  /** 按时核查数: check tasks answered within the limit. */
  checkedOnTime?: number;
  /** 漏报数: verified public reports inside the inspector's responsibility grids. */
  missedReports?: number;
  /** 受理数: reports accepted by the 受理员. */
  accepted?: number;
  /** 核实应派发数: verify tasks the 受理员 had to send. */
  verifySendDue?: number;
  /** 核实按时派发数: verify tasks sent within the stage limit. */
  verifySentOnTime?: number;
  /** 核查应派发数: check tasks the 受理员 had to send. */
  checkSendDue?: number;
  /** 核查按时派发数: check tasks sent within the stage limit. */
  checkSentOnTime?: number;
  /** 紧急案件应结案数: urgent cases due to close (Jinhua). */
  urgentDueToClose?: number;
  /** 紧急案件结案数: urgent cases closed (Jinhua). */
  urgentClosed?: number;
  /** 紧急案件按期结案数: urgent cases closed on time (Jinhua). */
  urgentClosedOnTime?: number;
  /** 弄虚作假数: confirmed cases of falsified disposal (entered by the evaluator, not from flow records). */
  falsified?: number;
  /** 推诿数: confirmed cases of evasion (推诿扯皮; entered by the evaluator). */
  evaded?: number;
  /** 单元网格数: unit grids in the region (1 for a unit grid); the 立案数 bands are per grid. */
  unitGrids?: number;
}

/** Every count id, in the order of spec 05 §2; a profile may name only these. */
export const COUNT_IDS = [
  'reported',
  'inspectorReported',
  'validReported',
  'filed',
  'filedOnTime',
  'filedAccurately',
  'voided',
  'parked',
  'deferred',
  'publicReportsVerified',
  'dueToDispatch',
  'dispatched',
  'dispatchedOnTime',
  'dispatchedAccurately',
  'dueToDispose',
  'disposed',
  'disposedOnTime',
  'throughDisposal',
  'overdueUndisposed',
  'extended',
  'returned',
  'dueToClose',
  'closed',
  'closedOnTime',
  'closeStepOnTime',
  'rework',
  'reworkEvents',
  'reworkRepeated',
  'dueToVerify',
  'verifiedOnTime',
  'dueToCheck',
  'checkedOnTime',
  'missedReports',
  'accepted',
  'verifySendDue',
  'verifySentOnTime',
  'checkSendDue',
  'checkSentOnTime',
  'urgentDueToClose',
  'urgentClosed',
  'urgentClosedOnTime',
  'falsified',
  'evaded',
  'unitGrids',
] as const satisfies readonly (keyof EvaluationCounts)[];

export type CountId = (typeof COUNT_IDS)[number];

// Compile-time check that COUNT_IDS lists every field of EvaluationCounts.
type MissingCountIds = Exclude<keyof EvaluationCounts, CountId>;
const _allCountsListed: MissingCountIds extends never ? true : never = true;
void _allCountsListed;

/** Chinese names for labels and error messages. */
export const COUNT_NAMES_ZH: Record<CountId, string> = {
  reported: '上报数',
  inspectorReported: '监督员上报数',
  validReported: '有效上报数',
  filed: '立案数',
  filedOnTime: '按时立案数',
  filedAccurately: '准确立案数',
  voided: '作废数',
  parked: '挂账数',
  deferred: '缓办数',
  publicReportsVerified: '监督举报核实数',
  dueToDispatch: '应派遣数',
  dispatched: '派遣数',
  dispatchedOnTime: '按时派遣数',
  dispatchedAccurately: '准确派遣数',
  dueToDispose: '应处置数',
  disposed: '处置数',
  disposedOnTime: '按期处置数',
  throughDisposal: '经处置数',
  overdueUndisposed: '超期未处置数',
  extended: '延期数',
  returned: '回退数',
  dueToClose: '应结案数',
  closed: '结案数',
  closedOnTime: '按期结案数',
  closeStepOnTime: '按时结案数',
  rework: '返工数',
  reworkEvents: '返工次数',
  reworkRepeated: '多次返工案件数',
  dueToVerify: '应核实数',
  verifiedOnTime: '按时核实数',
  dueToCheck: '应核查数',
  checkedOnTime: '按时核查数',
  missedReports: '漏报数',
  accepted: '受理数',
  verifySendDue: '核实应派发数',
  verifySentOnTime: '核实按时派发数',
  checkSendDue: '核查应派发数',
  checkSentOnTime: '核查按时派发数',
  urgentDueToClose: '紧急案件应结案数',
  urgentClosed: '紧急案件结案数',
  urgentClosedOnTime: '紧急案件按期结案数',
  falsified: '弄虚作假数',
  evaded: '推诿数',
  unitGrids: '单元网格数',
};

export function isCountId(s: unknown): s is CountId {
  return typeof s === 'string' && (COUNT_IDS as readonly string[]).includes(s);
}
