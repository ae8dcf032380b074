import type {
  CaseAction,
  CaseSource,
  CaseStage,
  CaseState,
  ClosureType,
  DeadlineColour,
  TimeUnit,
} from '@urbangrid/domain';
import type { AttachmentDto } from './attachments';
import type { CaseAuditStatus } from './audit';
import type { Position } from './geojson';
import type { RoleCode } from './roles';

/** Wire types of the case loop (spec 03). The words (states, actions…) come from libs/domain. */
export type { CaseAction, CaseSource, CaseStage, CaseState, ClosureType, DeadlineColour, TimeUnit };

/** POST /api/v1/cases: a report (监督员), a registration (受理员) or a leader assignment. */
export interface CreateCaseRequest {
  source: CaseSource;
  kind: 'component' | 'event';
  /** Small class code, e.g. "0102" (暴露垃圾). */
  classCode: string;
  description: string;
  /** Longitude, latitude in `crs` (default wgs84). */
  position: Position;
  crs?: 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
  /** The inspector placed the point by hand (no GNSS fix). */
  positionManual?: boolean;
  componentCode?: string;
  urgency?: 'normal' | 'urgent';
  /** Public reporter of a hotline / web entry; never shown publicly. */
  publicReporter?: { name?: string; phone?: string };
  opinion?: string;
  /** Uploaded attachments (photos, audio) of the report: ids from POST /api/v1/attachments. */
  attachmentIds?: string[];
}

export interface CaseRegionRefs {
  districtCode: string;
  streetCode: string | null;
  communityCode: string | null;
  gridCode: string | null;
}

export interface CaseClockView {
  stage: CaseStage | null;
  stageDeadline: string | null;
  stageColour: DeadlineColour | null;
  disposalDeadline: string | null;
  disposalPaused: boolean;
  /** Remaining disposal time in minutes of the limit's basis (negative when overdue). */
  disposalRemainingMinutes: number | null;
  disposalColour: DeadlineColour | null;
}

export interface CaseSummary extends CaseRegionRefs {
  id: string;
  caseNo: string;
  state: CaseState;
  source: CaseSource;
  kind: 'component' | 'event';
  classCode: string;
  className: string | null;
  description: string;
  address: string | null;
  position: Position;
  departmentId: string | null;
  departmentName: string | null;
  urgency: 'normal' | 'urgent';
  reportedAt: string;
  updatedAt: string;
  version: number;
  supervisionCount: number;
  clock: CaseClockView;
}

export interface DuplicateCandidate {
  id: string;
  caseNo: string;
  state: CaseState;
  classCode: string;
  description: string;
  distanceM: number;
  reportedAt: string;
}

export interface CreateCaseResponse {
  case: CaseDetail;
  /** Open cases of the same small class nearby (spec 03 §5): shown, never blocking. */
  possibleDuplicates: DuplicateCandidate[];
}

export interface FlowRecordView {
  seq: number;
  action: CaseAction;
  fromState: CaseState | null;
  toState: CaseState;
  actor: { id: string | null; name: string | null; role: RoleCode };
  department: { id: string; name: string } | null;
  opinion: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  stage: CaseStage | null;
  stageDeadline: string | null;
  stageOnTime: boolean | null;
  disposalDeadline: string | null;
  disposalOnTime: boolean | null;
  attachments: AttachmentDto[];
}

export interface DispatchSuggestion {
  departmentId: string;
  departmentName: string;
  /** Why: the component's maintainer / owner / competent department, a dispatch rule, or 属地. */
  reason: 'component_maintainer' | 'component_owner' | 'component_competent' | 'rule' | 'territorial';
  detail: string;
}

export interface CaseDetail extends CaseSummary {
  positionManual: boolean;
  componentCode: string | null;
  reporterId: string | null;
  taskInspectorId: string | null;
  firstDepartmentId: string | null;
  duplicateOf: string | null;
  closureType: ClosureType | null;
  /** 立结案标准 copied at filing: the limits this case is judged by. */
  filingStandard: Record<string, unknown> | null;
  pending: Record<string, unknown> | null;
  /** Actions the caller may take now (buttons). */
  allowedActions: CaseAction[];
  timeline: FlowRecordView[];
  /** The case's rows in the SM3 audit chain, checked on every read. */
  audit: CaseAuditStatus;
  /** Only for roles that need it (operator, shift leader, dispatcher, leader). */
  publicReporter: { name?: string; phone?: string } | null;
}

/** POST /api/v1/cases/:id/actions/:action. `version` is the version the client saw. */
export interface CaseActionRequest {
  version: number;
  opinion?: string;
  /** 属实 / 已处理 / 审核通过 / approve. */
  yes?: boolean;
  departmentId?: string;
  extension?: { value: number; unit: TimeUnit };
  closureType?: ClosureType;
  reason?: string;
  duplicateOf?: string;
  areaClass?: string;
  urgency?: 'normal' | 'urgent';
  engineering?: boolean;
  /** Photos of this step (核实/核查 photos, after-photos of the feedback…). */
  attachmentIds?: string[];
}

export interface CaseListQuery {
  state?: CaseState[];
  classCode?: string;
  kind?: 'component' | 'event';
  departmentId?: string;
  regionCode?: string;
  source?: CaseSource;
  overdue?: boolean;
  from?: string;
  to?: string;
  q?: string;
  /** Only open cases (not closed, rejected or void). */
  open?: boolean;
  /** Only cases that wait for the caller (my tasks). */
  mine?: boolean;
  limit?: number;
  cursor?: string;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

export interface CaseCounts {
  byState: Partial<Record<CaseState, number>>;
  overdue: number;
  total: number;
}
