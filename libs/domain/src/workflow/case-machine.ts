import { DomainError } from '../errors';
import { approvalChain, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './approval-policy';
import type { CaseCommand, CreateCaseCommand } from './case-command';
import { payloadInvalid } from './case-errors';
import type { Actor, ActorRef, ApprovalRequestPayload, CaseSnapshot } from './case-snapshot';
import { approvalKindOf, rolesAllowed, transitionRule } from './transition-table';
import {
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_SOURCES,
  CLOSURE_TYPES,
  PARK_REASONS,
  PUBLIC_SOURCES,
  REJECT_REASONS,
  RETURN_REASONS,
  TIME_UNITS,
  VOID_REASONS,
  type ApprovalKind,
  type CaseAction,
  type CaseStage,
  type CaseState,
  type TimeUnit,
} from './vocabulary';

/**
 * What happens to the disposal clock (处置时限); each value names one function of the time-limit
 * code (libs/domain/src/time-limits/case-clock.ts), whose city settings decide the details:
 * - `start`: first 派遣 (`startDisposal`);
 * - `stop`: 处理反馈, the disposal is finished and 按期处置 judged (`finishDisposal`);
 * - `pause`: 挂账 approved (`pauseDisposal`, which takes over a pause for the pending request);
 * - `resume`: 挂账恢复 (`resumeDisposal`);
 * - `extend`: 延期 approved, deadline += `extension` (`extendDisposal`);
 * - `redispatch`: 派遣 again after `redispatchAfter` 返工 or 回退 (`redispatchDisposal`: restart,
 *   keep or continue by setting);
 * - `cancel`: 作废 while disposing, the clock is dropped.
 */
export type DisposalEffect = 'start' | 'stop' | 'pause' | 'resume' | 'extend' | 'redispatch' | 'cancel';

/**
 * Timer consequences of one action, for the time-limit code. Stage timers: the stage the case
 * waited in ended, a new one started. While a request is pending the interrupted stage keeps
 * running (spec 03 §11), so requests and denials carry no stage effect. The `dispose` stage is
 * reported through `disposal`, never through `stageStarted` / `stageEnded`.
 */
export interface TimerEffects {
  readonly stageEnded?: CaseStage;
  readonly stageStarted?: CaseStage;
  readonly disposal?: DisposalEffect;
  /** With `redispatch`. */
  readonly redispatchAfter?: 'rework' | 'return';
  /** With `extend`. */
  readonly extension?: { readonly amount: number; readonly unit: TimeUnit };
  /**
   * A request made while the disposal clock runs (`opened`: `requestPending`), or settled without
   * parking, voiding or returning the case (`settled`: `endPending`, after `extendDisposal` when
   * both are present). Either is a no-op with the default setting that the clock runs on.
   */
  readonly pendingRequest?: 'opened' | 'settled';
}

export interface WorkflowOptions {
  /** The city's approval chains; default `DEFAULT_APPROVAL_POLICY`. */
  readonly policy?: ApprovalPolicy;
}

/** The command's fields without `type` and `opinion`; enough to rebuild the command in a replay. */
export type FlowPayload = { readonly [field: string]: unknown };

/** A decide* action's place in its chain. */
export interface ApprovalStepRecord {
  readonly kind: ApprovalKind;
  /** 0-based step decided. */
  readonly step: number;
  readonly chainLength: number;
  readonly approve: boolean;
  /** True when the decision settled the request (last approval, or any denial). */
  readonly final: boolean;
}

/** The 流转记录 to store for one action (spec 03 §12); times and limits are added by the caller. */
export interface FlowRecordDraft {
  readonly caseId: string;
  readonly action: CaseAction;
  /** Null for the creating actions. */
  readonly fromState: CaseState | null;
  readonly toState: CaseState;
  readonly actor: ActorRef;
  readonly opinion: string | null;
  /** The case's department after the action (for 派遣 the target). */
  readonly departmentId: string | null;
  readonly payload: FlowPayload;
  readonly approval: ApprovalStepRecord | null;
  readonly at: Date;
}

export interface CaseTransition {
  readonly next: CaseSnapshot;
  readonly record: FlowRecordDraft;
  readonly effects: TimerEffects;
}

// The command union and the action list must name the same actions.
type CommandActions = CaseCommand['type'] | CreateCaseCommand['type'];
const sameActions: [CaseAction, CommandActions] extends [CommandActions, CaseAction] ? true : never = true;
void sameActions;

const CREATING_ACTIONS: readonly CaseAction[] = ['report', 'register', 'selfReport'];

/** States in which the disposal clock runs (from 派遣 to 处理反馈, PARKED aside). */
const DISPOSING_STATES: readonly CaseState[] = ['DISPATCHED', 'PROCESSING'];

/** Create a case: 上报 (patrol), 登记 (public / other sources) or 自处理上报. */
export function createCase(command: CreateCaseCommand, actor: Actor, now: Date): CaseTransition {
  const action: string = command.type;
  if (!isCaseAction(action)) throw unknownAction(action);
  const roles = rolesAllowed(action);
  if (!roles.includes(actor.role)) throw roleNotAllowed(action, actor);
  if (!CREATING_ACTIONS.includes(action)) {
    throw new DomainError('CASE.INVALID_TRANSITION', `${action} does not create a case`);
  }
  requireText(command.caseId, 'caseId');
  requireOneOf(command.kind, CASE_KINDS, 'kind');
  requireText(command.smallClassCode, 'smallClassCode');
  requireText(command.gridCode, 'gridCode');
  const opinion = optionalOpinion(command.opinion);

  let source: CaseSnapshot['source'] = 'patrol';
  let reporterId: string | null = actor.userId;
  if (command.type === 'selfReport') source = 'self_disposal';
  if (command.type === 'register') {
    requireOneOf(command.source, CASE_SOURCES, 'source');
    if (command.source === 'patrol' || command.source === 'self_disposal') {
      throw payloadInvalid('source', `${command.source} reports are made by the inspector, not registered`);
    }
    // 领导交办: a leader registers its own assignments, and only those.
    if ((actor.role === 'leader') !== (command.source === 'leader')) {
      throw roleNotAllowed(action, actor);
    }
    source = command.source;
    reporterId = optionalText(command.reporterId, 'reporterId');
  }

  const next: CaseSnapshot = {
    id: command.caseId,
    state: command.type === 'selfReport' ? 'SELF_AUDIT' : 'REPORTED',
    source,
    kind: command.kind,
    smallClassCode: command.smallClassCode,
    gridCode: command.gridCode,
    reporterId,
    taskInspectorId: null,
    departmentId: null,
    firstDepartmentId: null,
    verifyAnswer: null,
    checkAnswer: null,
    previousState: null,
    pending: null,
    reworkCount: 0,
    returnCount: 0,
    extensionCount: 0,
    openSupervisionCount: 0,
    closureType: null,
    version: 1,
  };
  const stage = stageWaitingIn(next);
  return {
    next,
    record: {
      caseId: next.id,
      action,
      fromState: null,
      toState: next.state,
      actor: actorRef(actor),
      opinion,
      departmentId: null,
      payload: payloadOf(command),
      approval: null,
      at: now,
    },
    effects: stage ? { stageStarted: stage } : {},
  };
}

/**
 * Why the actor may not take this action on this case now, checked in the order role, state,
 * scope (department, task inspector, approval step, answered task, open 督办); null when it may.
 * Payload guards come later, in `applyAction`.
 */
export function actionGate(
  snapshot: CaseSnapshot,
  action: CaseAction,
  actor: Actor,
  policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY,
): DomainError | null {
  const rule = transitionRule(action);
  if (!rule) return unknownAction(action);
  if (!rolesAllowed(action, policy).includes(actor.role)) return roleNotAllowed(action, actor);
  if (!rule.from.includes(snapshot.state)) {
    return new DomainError(
      'CASE.INVALID_TRANSITION',
      `${action} (${rule.label}) is not allowed in state ${snapshot.state}`,
    );
  }
  if (actor.role === 'department' && !inDepartmentScope(snapshot, actor)) {
    return new DomainError(
      'CASE.NOT_ASSIGNED',
      `case ${snapshot.id} is not assigned to department ${String(actor.departmentId)}`,
    );
  }
  if ((action === 'answerVerify' || action === 'answerCheck') && !isTaskInspector(snapshot, actor)) {
    return new DomainError(
      'CASE.NOT_ASSIGNED',
      `the task of case ${snapshot.id} is not assigned to ${actor.userId}`,
    );
  }
  const kind = approvalKindOf(action);
  if (kind) {
    const pending = snapshot.pending;
    const waitingFor = pending?.kind === kind ? pending.chain[pending.step] : undefined;
    if (waitingFor !== actor.role) {
      return new DomainError(
        'CASE.NOT_CURRENT_APPROVER',
        `the ${kind} request of case ${snapshot.id} waits for ${waitingFor ?? 'no one'}, not ${actor.role}`,
      );
    }
  }
  if (action === 'answerVerify' && snapshot.verifyAnswer !== null) {
    return new DomainError(
      'CASE.TASK_ALREADY_ANSWERED',
      `the verify task of case ${snapshot.id} is answered`,
    );
  }
  if (action === 'replySupervision' && snapshot.openSupervisionCount === 0) {
    return new DomainError('CASE.NO_OPEN_SUPERVISION', `case ${snapshot.id} has no 督办 to reply to`);
  }
  return null;
}

/** The actions the actor may take on the case now (the buttons to show). */
export function allowedActions(
  snapshot: CaseSnapshot,
  actor: Actor,
  options: WorkflowOptions = {},
): CaseAction[] {
  const policy = options.policy ?? DEFAULT_APPROVAL_POLICY;
  return CASE_ACTIONS.filter(
    (action) => !CREATING_ACTIONS.includes(action) && actionGate(snapshot, action, actor, policy) === null,
  );
}

/**
 * Apply one action to a case. Checks role, state, scope, then the payload, and throws a
 * `DomainError` on the first failure. Never mutates `snapshot`.
 */
export function applyAction(
  snapshot: CaseSnapshot,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  options: WorkflowOptions = {},
): CaseTransition {
  const policy = options.policy ?? DEFAULT_APPROVAL_POLICY;
  const action: string = command.type;
  if (!isCaseAction(action)) throw unknownAction(action);
  const gate = actionGate(snapshot, action, actor, policy);
  if (gate) throw gate;
  const opinion = optionalOpinion(command.opinion);

  const { next, disposal, approval } = transition(snapshot, command, actor, policy);
  const stored: CaseSnapshot = { ...next, version: snapshot.version + 1 };
  return {
    next: stored,
    record: {
      caseId: snapshot.id,
      action,
      fromState: snapshot.state,
      toState: stored.state,
      actor: actorRef(actor),
      opinion,
      departmentId: stored.departmentId,
      payload: payloadOf(command),
      approval,
      at: now,
    },
    effects: { ...stageEffects(snapshot, stored), ...disposal },
  };
}

interface Outcome {
  readonly next: CaseSnapshot;
  readonly disposal?: Pick<TimerEffects, 'disposal' | 'extension' | 'redispatchAfter' | 'pendingRequest'>;
  readonly approval: ApprovalStepRecord | null;
}

function transition(s: CaseSnapshot, command: CaseCommand, actor: Actor, policy: ApprovalPolicy): Outcome {
  const to = (state: CaseState, patch: Partial<CaseSnapshot> = {}): Outcome => ({
    next: { ...s, ...patch, state },
    approval: null,
  });
  switch (command.type) {
    case 'sendVerify':
      return to('VERIFYING', {
        taskInspectorId: optionalText(command.inspectorId, 'inspectorId'),
        verifyAnswer: null,
      });
    case 'answerVerify':
      return to('VERIFYING', { verifyAnswer: requireBoolean(command.truthful, 'truthful') });
    case 'accept':
      if (s.state === 'VERIFYING' && s.verifyAnswer !== true) {
        throw new DomainError(
          'CASE.VERIFY_ANSWER_REQUIRED',
          `case ${s.id} can be accepted only after the inspector answered 属实 (truthful)`,
        );
      }
      if (s.state === 'REPORTED' && PUBLIC_SOURCES.includes(s.source)) {
        throw new DomainError(
          'CASE.VERIFY_REQUIRED',
          `a ${s.source} report must be verified (核实) before 受理`,
        );
      }
      return to('ACCEPTED');
    case 'reject': {
      requireOneOf(command.reasonCode, REJECT_REASONS, 'reasonCode');
      requireDuplicateOf(s, command.reasonCode, command.duplicateOf);
      if (command.reasonCode === 'not_verified' && s.verifyAnswer !== false) {
        throw payloadInvalid('reasonCode', 'not_verified needs the inspector answer 不属实 (untruthful)');
      }
      return to('REJECTED');
    }
    case 'auditSelfDisposal':
      return requireBoolean(command.pass, 'pass')
        ? to('CLOSED', { closureType: 'self_disposal' })
        : to('ACCEPTED');
    case 'file':
      optionalText(command.filingStandardId, 'filingStandardId');
      return to('FILED');
    case 'refuseFiling':
      requireOneOf(command.reasonCode, VOID_REASONS, 'reasonCode');
      requireDuplicateOf(s, command.reasonCode, command.duplicateOf);
      return to('VOID');
    case 'dispatch': {
      const departmentId = requireText(command.departmentId, 'departmentId');
      // A case back in FILED after a first dispatch came there by an approved 回退.
      const disposal: Outcome['disposal'] =
        s.state === 'REWORK'
          ? { disposal: 'redispatch', redispatchAfter: 'rework' }
          : s.firstDepartmentId === null
            ? { disposal: 'start' }
            : { disposal: 'redispatch', redispatchAfter: 'return' };
      return {
        ...to('DISPATCHED', {
          departmentId,
          firstDepartmentId: s.firstDepartmentId ?? departmentId,
          checkAnswer: null,
          taskInspectorId: null,
        }),
        disposal,
      };
    }
    case 'acceptTask':
      return to('PROCESSING');
    case 'requestReturn':
      requireOneOf(command.reasonCode, RETURN_REASONS, 'reasonCode');
      return request(s, 'return', actor, policy, {
        reasonCode: command.reasonCode,
        targetDepartmentId: optionalText(command.targetDepartmentId, 'targetDepartmentId'),
      });
    case 'requestExtension': {
      const amount = command.amount;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
        throw payloadInvalid('amount', 'the extension must be a positive number');
      }
      requireOneOf(command.unit, TIME_UNITS, 'unit');
      return request(s, 'extension', actor, policy, {
        extension: { amount, unit: command.unit },
        ...requestFlags(command.engineering, command.batchSize),
      });
    }
    case 'requestPark':
      requireOneOf(command.reasonCode, PARK_REASONS, 'reasonCode');
      return request(s, 'park', actor, policy, {
        reasonCode: command.reasonCode,
        ...requestFlags(command.engineering ?? command.reasonCode === 'engineering', command.batchSize),
      });
    case 'requestVoid':
      requireOneOf(command.reasonCode, VOID_REASONS, 'reasonCode');
      requireDuplicateOf(s, command.reasonCode, command.duplicateOf);
      return request(s, 'void', actor, policy, {
        reasonCode: command.reasonCode,
        duplicateOf: command.duplicateOf ?? null,
      });
    case 'decideReturn':
    case 'decideExtension':
    case 'decidePark':
    case 'decideVoid':
      return decide(s, requireBoolean(command.approve, 'approve'));
    case 'resume':
      return { ...to('PROCESSING'), disposal: { disposal: 'resume' } };
    case 'feedback':
      return { ...to('FEEDBACK'), disposal: { disposal: 'stop' } };
    case 'sendCheck':
      return to('CHECKING', {
        taskInspectorId: optionalText(command.inspectorId, 'inspectorId'),
        checkAnswer: null,
      });
    case 'answerCheck':
      return requireBoolean(command.done, 'done')
        ? to('TO_CLOSE', { checkAnswer: true })
        : to('REWORK', { checkAnswer: false, reworkCount: s.reworkCount + 1 });
    case 'close': {
      const closureType: string = command.closureType ?? 'normal';
      requireOneOf(closureType, CLOSURE_TYPES, 'closureType');
      if (closureType === 'self_disposal')
        throw payloadInvalid('closureType', 'self_disposal closes only by 自处理审核');
      return to('CLOSED', { closureType });
    }
    case 'rework':
      return to('REWORK', { reworkCount: s.reworkCount + 1 });
    case 'supervise':
      requireText(command.opinion, 'opinion');
      return to(s.state, { openSupervisionCount: s.openSupervisionCount + 1 });
    case 'replySupervision':
      requireText(command.opinion, 'opinion');
      return to(s.state, { openSupervisionCount: s.openSupervisionCount - 1 });
  }
}

const PENDING_STATE: Record<ApprovalKind, CaseState> = {
  return: 'RETURN_PENDING',
  extension: 'EXTENSION_PENDING',
  park: 'PARK_PENDING',
  void: 'VOID_PENDING',
};

function request(
  s: CaseSnapshot,
  kind: ApprovalKind,
  actor: Actor,
  policy: ApprovalPolicy,
  payload: ApprovalRequestPayload,
): Outcome {
  const chain = approvalChain(kind, { extensionCount: s.extensionCount, payload }, policy);
  return {
    next: {
      ...s,
      state: PENDING_STATE[kind],
      previousState: s.state,
      pending: { kind, chain, step: 0, requestedBy: actorRef(actor), payload },
    },
    disposal: DISPOSING_STATES.includes(s.state) ? { pendingRequest: 'opened' } : undefined,
    approval: null,
  };
}

function decide(s: CaseSnapshot, approve: boolean): Outcome {
  // The gate guarantees a pending request of the right kind in a *_PENDING state.
  const pending = s.pending;
  const previous = s.previousState;
  if (!pending || !previous)
    throw new DomainError('CASE.INVALID_TRANSITION', `case ${s.id} has no pending request`);
  const record = (final: boolean): ApprovalStepRecord => ({
    kind: pending.kind,
    step: pending.step,
    chainLength: pending.chain.length,
    approve,
    final,
  });
  // Settling a request made while disposing lets a clock paused for it run again.
  const settledPending: Outcome['disposal'] = DISPOSING_STATES.includes(previous)
    ? { pendingRequest: 'settled' }
    : undefined;
  if (!approve) {
    return {
      next: { ...s, state: previous, previousState: null, pending: null },
      disposal: settledPending,
      approval: record(true),
    };
  }
  if (pending.step + 1 < pending.chain.length) {
    return { next: { ...s, pending: { ...pending, step: pending.step + 1 } }, approval: record(false) };
  }
  const settled = { ...s, previousState: null, pending: null };
  switch (pending.kind) {
    case 'return':
      return {
        // The clock waits for the re-dispatch (`redispatch` after `return`).
        next: { ...settled, state: 'FILED', returnCount: s.returnCount + 1 },
        approval: record(true),
      };
    case 'extension': {
      const extension = pending.payload.extension;
      return {
        next: { ...settled, state: previous, extensionCount: s.extensionCount + 1 },
        disposal: extension ? { disposal: 'extend', extension, ...settledPending } : settledPending,
        approval: record(true),
      };
    }
    case 'park':
      return {
        next: { ...settled, state: 'PARKED' },
        disposal: { disposal: 'pause' },
        approval: record(true),
      };
    case 'void':
      return {
        next: { ...settled, state: 'VOID' },
        disposal: DISPOSING_STATES.includes(previous) ? { disposal: 'cancel' } : undefined,
        approval: record(true),
      };
  }
}

/** The stage timer a case waits on in its state; a pending request keeps the interrupted one. */
function stageWaitingIn(
  s: Pick<CaseSnapshot, 'state' | 'verifyAnswer' | 'previousState'>,
): CaseStage | undefined {
  switch (s.state) {
    case 'REPORTED':
      return 'accept';
    case 'VERIFYING':
      return s.verifyAnswer === null ? 'verify' : undefined;
    case 'SELF_AUDIT':
      return 'selfAudit';
    case 'ACCEPTED':
      return 'file';
    case 'FILED':
    case 'REWORK':
      return 'dispatch';
    case 'FEEDBACK':
      return 'sendCheck';
    case 'CHECKING':
      return 'check';
    case 'TO_CLOSE':
      return 'close';
    case 'RETURN_PENDING':
    case 'EXTENSION_PENDING':
    case 'PARK_PENDING':
    case 'VOID_PENDING':
      return s.previousState ? stageWaitingIn({ ...s, state: s.previousState }) : undefined;
    case 'DISPATCHED':
    case 'PROCESSING':
    case 'PARKED':
    case 'CLOSED':
    case 'REJECTED':
    case 'VOID':
      return undefined;
  }
}

function stageEffects(
  before: CaseSnapshot,
  after: CaseSnapshot,
): Pick<TimerEffects, 'stageEnded' | 'stageStarted'> {
  const ended = stageWaitingIn(before);
  const started = stageWaitingIn(after);
  if (ended === started) return {};
  return { ...(ended ? { stageEnded: ended } : {}), ...(started ? { stageStarted: started } : {}) };
}

function inDepartmentScope(s: CaseSnapshot, actor: Actor): boolean {
  if (s.departmentId === null) return false;
  return s.departmentId === actor.departmentId || (actor.subUnitIds ?? []).includes(s.departmentId);
}

function isTaskInspector(s: CaseSnapshot, actor: Actor): boolean {
  if (s.taskInspectorId !== null) return s.taskInspectorId === actor.userId;
  return (actor.gridCodes ?? []).includes(s.gridCode);
}

function requestFlags(
  engineering: unknown,
  batchSize: unknown,
): Pick<ApprovalRequestPayload, 'engineering' | 'batchSize'> {
  const flags: { engineering?: boolean; batchSize?: number } = {};
  if (engineering !== undefined) flags.engineering = requireBoolean(engineering, 'engineering');
  if (batchSize !== undefined) {
    if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) {
      throw payloadInvalid('batchSize', 'must be a positive integer');
    }
    flags.batchSize = batchSize;
  }
  return flags;
}

function requireDuplicateOf(s: CaseSnapshot, reasonCode: string, duplicateOf: unknown): void {
  if (reasonCode === 'duplicate') {
    const original = requireText(duplicateOf, 'duplicateOf');
    if (original === s.id) throw payloadInvalid('duplicateOf', 'a case cannot duplicate itself');
  } else if (duplicateOf !== undefined && duplicateOf !== null) {
    throw payloadInvalid('duplicateOf', 'only a duplicate names the case it duplicates');
  }
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw payloadInvalid(field, 'required text');
  return value;
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  return requireText(value, field);
}

function optionalOpinion(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw payloadInvalid('opinion', 'must be text');
  return value;
}

function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw payloadInvalid(field, 'must be true or false');
  return value;
}

function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw payloadInvalid(field, `must be one of ${allowed.join(', ')}`);
  }
}

function isCaseAction(value: string): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

function actorRef(actor: Actor): ActorRef {
  return { userId: actor.userId, role: actor.role, departmentId: actor.departmentId };
}

function payloadOf(command: CaseCommand | CreateCaseCommand): FlowPayload {
  return Object.fromEntries(
    Object.entries(command).filter(([field]) => field !== 'type' && field !== 'opinion'),
  );
}

function roleNotAllowed(action: CaseAction, actor: Actor): DomainError {
  return new DomainError('CASE.ROLE_NOT_ALLOWED', `role ${actor.role} may not ${action}`);
}

function unknownAction(action: string): DomainError {
  return new DomainError('CASE.UNKNOWN_ACTION', `unknown case action ${action}`);
}
