import { approverRoles, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './approval-policy';
import {
  CASE_STATES,
  TERMINAL_STATES,
  type ApprovalKind,
  type CaseAction,
  type CaseRole,
  type CaseState,
} from './vocabulary';

/**
 * Where an action leads: a state, `previous` (a denied request returns to the state it came from,
 * spec 03 §6.2 rule 7) or `unchanged` (an answer recorded, an intermediate approval, 督办).
 */
export type TransitionTarget = CaseState | 'previous' | 'unchanged';

/** One row of spec 03 §6.3 with the refinements of §6.2. */
export interface TransitionRule {
  readonly action: CaseAction;
  /** States the action may start from; empty for the three creating actions. */
  readonly from: readonly CaseState[];
  readonly to: readonly TransitionTarget[];
  /** Roles allowed to act. For decide* rows: the roles of the default approval chains. */
  readonly roles: readonly CaseRole[];
  /** The Chinese name of the step. */
  readonly label: string;
}

export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));

/** 作废 may be requested from any filed state up to 待结案 (spec 03 §6.2 rule 3). */
const VOIDABLE_STATES: readonly CaseState[] = [
  'FILED',
  'DISPATCHED',
  'PROCESSING',
  'FEEDBACK',
  'CHECKING',
  'TO_CLOSE',
];

/** The decide action of each approval kind. */
export const DECIDE_ACTIONS = {
  return: 'decideReturn',
  extension: 'decideExtension',
  park: 'decidePark',
  void: 'decideVoid',
} as const satisfies Record<ApprovalKind, CaseAction>;

function approvers(kind: ApprovalKind): readonly CaseRole[] {
  return approverRoles(kind, DEFAULT_APPROVAL_POLICY);
}

/** The machine-readable transition table: one row per action. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'report', from: [], to: ['REPORTED'], roles: ['inspector'], label: '上报' },
  { action: 'register', from: [], to: ['REPORTED'], roles: ['operator', 'leader'], label: '登记 / 领导交办' },
  { action: 'selfReport', from: [], to: ['SELF_AUDIT'], roles: ['inspector'], label: '自处理上报' },
  { action: 'sendVerify', from: ['REPORTED'], to: ['VERIFYING'], roles: ['operator'], label: '发核实' },
  { action: 'answerVerify', from: ['VERIFYING'], to: ['unchanged'], roles: ['inspector'], label: '核实' },
  { action: 'accept', from: ['REPORTED', 'VERIFYING'], to: ['ACCEPTED'], roles: ['operator'], label: '受理' },
  {
    action: 'reject',
    from: ['REPORTED', 'VERIFYING'],
    to: ['REJECTED'],
    roles: ['operator'],
    label: '不予受理',
  },
  {
    action: 'auditSelfDisposal',
    from: ['SELF_AUDIT'],
    to: ['CLOSED', 'ACCEPTED'],
    roles: ['shift_leader'],
    label: '自处理审核',
  },
  { action: 'file', from: ['ACCEPTED'], to: ['FILED'], roles: ['shift_leader'], label: '立案' },
  { action: 'refuseFiling', from: ['ACCEPTED'], to: ['VOID'], roles: ['shift_leader'], label: '不予立案' },
  { action: 'dispatch', from: ['FILED', 'REWORK'], to: ['DISPATCHED'], roles: ['dispatcher'], label: '派遣' },
  { action: 'acceptTask', from: ['DISPATCHED'], to: ['PROCESSING'], roles: ['department'], label: '签收' },
  {
    action: 'requestReturn',
    from: ['DISPATCHED', 'PROCESSING'],
    to: ['RETURN_PENDING'],
    roles: ['department'],
    label: '回退申请',
  },
  {
    action: 'decideReturn',
    from: ['RETURN_PENDING'],
    to: ['FILED', 'unchanged', 'previous'],
    roles: approvers('return'),
    label: '回退审批',
  },
  {
    action: 'requestExtension',
    from: ['PROCESSING'],
    to: ['EXTENSION_PENDING'],
    roles: ['department'],
    label: '延期申请',
  },
  {
    action: 'decideExtension',
    from: ['EXTENSION_PENDING'],
    to: ['PROCESSING', 'unchanged', 'previous'],
    roles: approvers('extension'),
    label: '延期审批',
  },
  {
    action: 'requestPark',
    from: ['PROCESSING'],
    to: ['PARK_PENDING'],
    roles: ['department'],
    label: '挂账申请',
  },
  {
    action: 'decidePark',
    from: ['PARK_PENDING'],
    to: ['PARKED', 'unchanged', 'previous'],
    roles: approvers('park'),
    label: '挂账审批',
  },
  {
    action: 'resume',
    from: ['PARKED'],
    to: ['PROCESSING'],
    roles: ['dispatcher', 'shift_leader'],
    label: '挂账恢复',
  },
  { action: 'feedback', from: ['PROCESSING'], to: ['FEEDBACK'], roles: ['department'], label: '处理反馈' },
  { action: 'sendCheck', from: ['FEEDBACK'], to: ['CHECKING'], roles: ['operator'], label: '发核查' },
  {
    action: 'answerCheck',
    from: ['CHECKING'],
    to: ['TO_CLOSE', 'REWORK'],
    roles: ['inspector'],
    label: '核查',
  },
  { action: 'close', from: ['TO_CLOSE'], to: ['CLOSED'], roles: ['shift_leader'], label: '结案' },
  { action: 'rework', from: ['TO_CLOSE'], to: ['REWORK'], roles: ['shift_leader'], label: '返工' },
  {
    action: 'requestVoid',
    from: VOIDABLE_STATES,
    to: ['VOID_PENDING'],
    roles: ['operator', 'dispatcher'],
    label: '作废申请',
  },
  {
    action: 'decideVoid',
    from: ['VOID_PENDING'],
    to: ['VOID', 'unchanged', 'previous'],
    roles: approvers('void'),
    label: '作废审批',
  },
  {
    action: 'supervise',
    from: OPEN_STATES,
    to: ['unchanged'],
    roles: ['leader', 'shift_leader', 'dispatcher'],
    label: '督办',
  },
  {
    action: 'replySupervision',
    from: OPEN_STATES,
    to: ['unchanged'],
    roles: ['department'],
    label: '督办回复',
  },
];

const RULE_BY_ACTION = new Map<CaseAction, TransitionRule>(TRANSITIONS.map((r) => [r.action, r]));

export function transitionRule(action: CaseAction): TransitionRule | undefined {
  return RULE_BY_ACTION.get(action);
}

const KIND_BY_DECIDE_ACTION = new Map<CaseAction, ApprovalKind>(
  (Object.entries(DECIDE_ACTIONS) as [ApprovalKind, CaseAction][]).map(([kind, action]) => [action, kind]),
);

/** The approval kind a decide action answers, or undefined for other actions. */
export function approvalKindOf(action: CaseAction): ApprovalKind | undefined {
  return KIND_BY_DECIDE_ACTION.get(action);
}

/** Roles allowed to take an action; decide actions follow the city's approval policy. */
export function rolesAllowed(
  action: CaseAction,
  policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY,
): readonly CaseRole[] {
  const kind = approvalKindOf(action);
  if (kind) return approverRoles(kind, policy);
  return transitionRule(action)?.roles ?? [];
}
