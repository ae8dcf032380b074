import type { CaseState, ClosureType } from '@urbangrid/domain';

/** Extended statuses (mySociety / CitySDK `detailed_status`, spec 07 §10–11). */
export type DetailedStatus =
  | 'OPEN'
  | 'INVESTIGATING'
  | 'ACTION_SCHEDULED'
  | 'IN_PROGRESS'
  | 'FIXED'
  | 'DUPLICATE'
  | 'NOT_COUNCILS_RESPONSIBILITY'
  | 'NO_FURTHER_ACTION';

export interface PublicStatus {
  status: 'open' | 'closed';
  statusNotes: string;
  detailedStatus: DetailedStatus;
}

/** What the public view needs of a case to word its status; never internal opinions. */
export interface StatusFacts {
  state: CaseState;
  /** The state before a VOID_PENDING request. */
  previousState: CaseState | null;
  closureType: ClosureType | null;
  /** Reason of the REJECTED / VOID step (reject or void reason code). */
  reason: string | null;
  /** Case number of the case this one duplicates. */
  duplicateOfNo: string | null;
  departmentName: string | null;
}

/**
 * Our case state as Open311 shows it (spec 07 §10, default zh-CN templates). Internal requests
 * (回退, 延期, 挂账 pending) look like plain disposal; a 作废 request shows the state before it.
 */
export function publicStatus(f: StatusFacts): PublicStatus {
  const open = (statusNotes: string, detailedStatus: DetailedStatus): PublicStatus => ({
    status: 'open',
    statusNotes,
    detailedStatus,
  });
  const closed = (statusNotes: string, detailedStatus: DetailedStatus): PublicStatus => ({
    status: 'closed',
    statusNotes,
    detailedStatus,
  });
  const duplicate = (): PublicStatus =>
    closed(f.duplicateOfNo ? `重复上报，见案件 ${f.duplicateOfNo}` : '重复上报', 'DUPLICATE');
  switch (f.state) {
    case 'DISPATCHED':
    case 'PROCESSING':
    case 'RETURN_PENDING':
    case 'EXTENSION_PENDING':
    case 'PARK_PENDING':
    case 'REWORK':
      return open(`已派遣至${f.departmentName ?? '处置部门'}，处置中`, 'IN_PROGRESS');
    case 'REPORTED':
      return open('已收到，待受理', 'OPEN');
    case 'VERIFYING':
      return open('核实中', 'INVESTIGATING');
    case 'ACCEPTED':
      return open('已受理，待立案', 'INVESTIGATING');
    case 'FILED':
      return open('已立案，待派遣', 'ACTION_SCHEDULED');
    case 'PARKED':
      return open('已挂账（缓办），待条件具备后处理', 'ACTION_SCHEDULED');
    case 'FEEDBACK':
    case 'CHECKING':
    case 'TO_CLOSE':
      return open('已处置，待核查', 'IN_PROGRESS');
    case 'SELF_AUDIT':
      return open('现场已处置，待审核', 'IN_PROGRESS');
    case 'VOID_PENDING':
      return f.previousState && f.previousState !== 'VOID_PENDING'
        ? publicStatus({ ...f, state: f.previousState, previousState: null })
        : open('已收到，待受理', 'OPEN');
    case 'CLOSED':
      return f.closureType === 'self_disposal' ? closed('已现场处置', 'FIXED') : closed('已结案', 'FIXED');
    case 'REJECTED':
      if (f.reason === 'duplicate') return duplicate();
      if (f.reason === 'out_of_scope') return closed('不属于受理范围', 'NOT_COUNCILS_RESPONSIBILITY');
      if (f.reason === 'insufficient_info') return closed('信息不足', 'NO_FURTHER_ACTION');
      return closed('经核实，问题不存在', 'NO_FURTHER_ACTION');
    case 'VOID':
      if (f.reason === 'duplicate') return duplicate();
      return closed(`不予立案：${VOID_TEXT[f.reason ?? 'other'] ?? VOID_TEXT['other']}`, 'NO_FURTHER_ACTION');
  }
}

const VOID_TEXT: Record<string, string> = {
  condition_not_met: '不符合立案条件',
  wrong_report: '误报',
  other: '其他原因',
};
