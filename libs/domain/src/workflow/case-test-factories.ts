/**
 * Small factories for the workflow specs (not exported from the library): a case in any state,
 * an actor per role, a valid command per action.
 */
import type { CaseCommand, CreateCaseCommand } from './case-command';
import type { Actor, CaseSnapshot, PendingApproval } from './case-snapshot';
import type { ApprovalKind, CaseAction, CaseRole, CaseState } from './vocabulary';

export const NOW = new Date('2026-03-02T02:00:00Z');
export const DEPT = 'dept-roads';
export const OTHER_DEPT = 'dept-parks';
export const GRID = '330106001001001';

export function newActor(role: CaseRole, overrides: Partial<Actor> = {}): Actor {
  return {
    userId: `${role}-1`,
    role,
    departmentId: role === 'department' ? DEPT : null,
    ...(role === 'inspector' ? { gridCodes: [GRID] } : {}),
    ...overrides,
  };
}

export function newCase(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: 'case-1',
    state: 'REPORTED',
    source: 'patrol',
    kind: 'event',
    smallClassCode: '0601',
    gridCode: GRID,
    reporterId: 'inspector-1',
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
    ...overrides,
  };
}

const PENDING_KIND: Partial<Record<CaseState, ApprovalKind>> = {
  RETURN_PENDING: 'return',
  EXTENSION_PENDING: 'extension',
  PARK_PENDING: 'park',
  VOID_PENDING: 'void',
};

export function newPending(kind: ApprovalKind, chain: readonly CaseRole[], step = 0): PendingApproval {
  return {
    kind,
    chain,
    step,
    requestedBy: { userId: 'department-1', role: 'department', departmentId: DEPT },
    payload:
      kind === 'extension' ? { extension: { amount: 2, unit: 'working_day' } } : { reasonCode: 'other' },
  };
}

/**
 * A case in `state` on which `role` may take `action`: assigned to DEPT, the task given to
 * inspector-1, a verified answer where 受理 needs one, the pending chain waiting for `role`.
 */
export function caseReadyFor(action: CaseAction, state: CaseState, role: CaseRole): CaseSnapshot {
  const kind = PENDING_KIND[state];
  return newCase({
    state,
    departmentId: DEPT,
    firstDepartmentId: DEPT,
    taskInspectorId: 'inspector-1',
    verifyAnswer: action === 'answerVerify' ? null : true,
    previousState: kind ? (kind === 'void' ? 'FILED' : 'PROCESSING') : null,
    pending: kind ? newPending(kind, [role]) : null,
    openSupervisionCount: action === 'replySupervision' ? 1 : 0,
  });
}

/** A valid command for each non-creating action. */
export function validCommand(action: Exclude<CaseAction, 'report' | 'register' | 'selfReport'>): CaseCommand {
  switch (action) {
    case 'sendVerify':
      return { type: 'sendVerify', inspectorId: 'inspector-1' };
    case 'answerVerify':
      return { type: 'answerVerify', truthful: true, opinion: '属实' };
    case 'accept':
      return { type: 'accept' };
    case 'reject':
      return { type: 'reject', reasonCode: 'out_of_scope' };
    case 'auditSelfDisposal':
      return { type: 'auditSelfDisposal', pass: true };
    case 'file':
      return { type: 'file', filingStandardId: 'fs-1' };
    case 'refuseFiling':
      return { type: 'refuseFiling', reasonCode: 'condition_not_met' };
    case 'dispatch':
      return { type: 'dispatch', departmentId: DEPT };
    case 'acceptTask':
      return { type: 'acceptTask' };
    case 'requestReturn':
      return { type: 'requestReturn', reasonCode: 'not_responsible' };
    case 'decideReturn':
      return { type: 'decideReturn', approve: true };
    case 'requestExtension':
      return { type: 'requestExtension', amount: 2, unit: 'working_day' };
    case 'decideExtension':
      return { type: 'decideExtension', approve: true };
    case 'requestPark':
      return { type: 'requestPark', reasonCode: 'seasonal' };
    case 'decidePark':
      return { type: 'decidePark', approve: true };
    case 'resume':
      return { type: 'resume' };
    case 'feedback':
      return { type: 'feedback', opinion: '已修复' };
    case 'sendCheck':
      return { type: 'sendCheck', inspectorId: 'inspector-1' };
    case 'answerCheck':
      return { type: 'answerCheck', done: true };
    case 'close':
      return { type: 'close' };
    case 'rework':
      return { type: 'rework' };
    case 'requestVoid':
      return { type: 'requestVoid', reasonCode: 'wrong_report' };
    case 'decideVoid':
      return { type: 'decideVoid', approve: true };
    case 'supervise':
      return { type: 'supervise', opinion: '请加快处置' };
    case 'replySupervision':
      return { type: 'replySupervision', opinion: '已安排人员' };
  }
}

/** A valid creating command; a leader registers a 领导交办 (source `leader`). */
export function createCommand(type: 'report' | 'register' | 'selfReport', role?: CaseRole): CreateCaseCommand {
  const fields = { caseId: 'case-1', kind: 'event' as const, smallClassCode: '0601', gridCode: GRID };
  return type === 'register'
    ? { ...fields, type, source: role === 'leader' ? 'leader' : 'hotline_12345', reporterId: null }
    : { ...fields, type };
}

/** Freeze a snapshot deeply so a mutation inside the machine would throw. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
