import type {
  ApprovalKind,
  CaseKind,
  CaseRole,
  CaseSource,
  CaseState,
  ClosureType,
  TimeUnit,
} from './vocabulary';

/** Who did something, as a flow record keeps it. */
export interface ActorRef {
  readonly userId: string;
  readonly role: CaseRole;
  /** The user's department (专业部门) or centre unit; null for users outside any department. */
  readonly departmentId: string | null;
}

/** The acting user with what the scope checks need. */
export interface Actor extends ActorRef {
  /** 责任网格 of an inspector: it may answer unassigned verify/check tasks of these grids. */
  readonly gridCodes?: readonly string[];
  /** Sub-units (三级平台 under a 二级平台) whose cases this department may act on. */
  readonly subUnitIds?: readonly string[];
}

/** What a request asks for; kept on the case while its approval chain runs. */
export interface ApprovalRequestPayload {
  /** 延期 amount. */
  readonly extension?: { readonly amount: number; readonly unit: TimeUnit };
  /** 回退: the department the requester suggests instead. */
  readonly targetDepartmentId?: string | null;
  readonly reasonCode?: string;
  /** 作废 as duplicate: the case it duplicates. */
  readonly duplicateOf?: string | null;
  /** Engineering-type work (lengthens the chain in some cities). */
  readonly engineering?: boolean;
  /** Number of cases in one batch request (lengthens the chain above a threshold). */
  readonly batchSize?: number;
  readonly reason?: string | null;
}

/** A 回退 / 延期 / 挂账 / 作废 request waiting for its approval chain. */
export interface PendingApproval {
  readonly kind: ApprovalKind;
  /** Ordered approver roles, fixed when the request is made. */
  readonly chain: readonly CaseRole[];
  /** Index into `chain` of the role whose decision is awaited. */
  readonly step: number;
  readonly requestedBy: ActorRef;
  readonly payload: ApprovalRequestPayload;
}

/**
 * The case aggregate's state as the workflow needs it (案卷). Timers and deadlines live in the
 * time-limit code; the workflow only tells it what happened (`TimerEffects`).
 */
export interface CaseSnapshot {
  readonly id: string;
  readonly state: CaseState;
  readonly source: CaseSource;
  readonly kind: CaseKind;
  readonly smallClassCode: string;
  readonly gridCode: string;
  /** Inspector or operator who created it, or the public reporter's id; null when anonymous. */
  readonly reporterId: string | null;
  /** The inspector of the current 核实 / 核查 task; null = any inspector responsible for the grid. */
  readonly taskInspectorId: string | null;
  /** Current (last dispatched) department. */
  readonly departmentId: string | null;
  /** First dispatch target (准确派遣: last target must equal the first). */
  readonly firstDepartmentId: string | null;
  /** 核实 answer: 属实 true, 不属实 false, not yet null. */
  readonly verifyAnswer: boolean | null;
  /** 核查 answer of the current cycle: 已处理 true, 未处理 false, not yet null. */
  readonly checkAnswer: boolean | null;
  /** The state a *_PENDING state returns to when its request is denied. */
  readonly previousState: CaseState | null;
  readonly pending: PendingApproval | null;
  readonly reworkCount: number;
  /** Approved 回退. */
  readonly returnCount: number;
  /** Approved 延期. */
  readonly extensionCount: number;
  /** 督办 notices not yet replied to. */
  readonly openSupervisionCount: number;
  readonly closureType: ClosureType | null;
  /** Starts at 1 on creation, +1 per action (optimistic locking). */
  readonly version: number;
}
