import type { DemoCaseScript, DemoCaseStep } from '@urbangrid/contracts';
import {
  type Actor,
  type CaseAction,
  type CaseCommand,
  type CaseRole,
  type CaseSnapshot,
  type CaseStage,
  type CaseStep,
  type CaseTimers,
  type CaseTimingContext,
  type CreateCaseCommand,
  type FilingSnapshot,
  type FilingStandard,
  filingCandidates,
  localDateOf,
  NEW_CASE_TIMERS,
  PARK_REASONS,
  type ParkReason,
  readTimeLimitSeed,
  REJECT_REASONS,
  rolesAllowed,
  type RejectReason,
  RETURN_REASONS,
  type ReturnReason,
  type StageLimit,
  snapshotFiling,
  startCase,
  stepCase,
  type TimeLimitSettings,
  VOID_REASONS,
  type VoidReason,
  type WorkCalendar,
} from '@urbangrid/domain';

/**
 * Replays demo case scripts (contracts `DemoCaseScript`) through the case loop of libs/domain
 * exactly as the API does (apps/api/src/modules/cases/cases.service.ts: `timingOf`, the filing
 * snapshot at 立案). The generator runs every step it writes through here, so a script the
 * machine refuses is never written; the specs replay the whole year with it.
 */

/** The time-limit data a case is computed with (the seeded defaults here). */
export interface CaseLimits {
  calendar: WorkCalendar;
  settings: TimeLimitSettings;
  stageLimits: StageLimit[];
  filingStandards: FilingStandard[];
}

/** The default seed of libs/domain/src/time-limits/seed, as the database holds it after start. */
export function seededCaseLimits(): CaseLimits {
  const seed = readTimeLimitSeed();
  const { profileId, validFrom, standards } = seed.filingStandards;
  return {
    calendar: seed.calendar,
    settings: seed.settings,
    stageLimits: seed.stageLimits,
    filingStandards: standards.map((s, k) => ({
      ...s,
      id: `seed-${k + 1}`,
      profileId,
      version: 1,
      validFrom,
      validTo: null,
    })),
  };
}

/**
 * The user a step without actor means: the only user of the only role that may take the action
 * (contracts `DemoCaseStep`); null when the action has several roles or the role several users.
 */
export function impliedActor(
  action: CaseAction,
  users: readonly { username: string; role: CaseRole }[],
): string | null {
  const roles = rolesAllowed(action);
  const [role] = roles;
  if (roles.length !== 1 || !role) return null;
  const holders = users.filter((u) => u.role === role);
  return holders.length === 1 && holders[0] ? holders[0].username : null;
}

/** How a script names users and departments, and how the replaying side identifies them. */
export interface ScriptResolver {
  /** The acting user as the machine sees it (id, role, department, grids, sub-units). */
  actor(username: string): Actor;
  /** The user of a centre step without actor (`impliedActor`). */
  implied(action: CaseAction): string;
  /** Username of the inspector responsible for a grid (the API's `gridInspector`). */
  gridInspector(gridCode: string): string;
  userId(username: string): string;
  departmentId(code: string): string;
}

const REQUIRED = (what: string, step: DemoCaseStep): never => {
  throw new Error(`step ${step[0]} needs ${what}, got ${String(step[3])}`);
};

function text(step: DemoCaseStep): string {
  return typeof step[3] === 'string' ? step[3] : REQUIRED('a text argument', step);
}

function yes(step: DemoCaseStep): boolean {
  return typeof step[3] === 'boolean' ? step[3] : REQUIRED('a yes / no argument', step);
}

function oneOf<T extends string>(allowed: readonly T[], step: DemoCaseStep): T {
  const v = text(step);
  return (allowed as readonly string[]).includes(v)
    ? (v as T)
    : REQUIRED(`one of ${allowed.join(', ')}`, step);
}

/** The creating command of a script's first step. */
export function createCommandOf(
  script: DemoCaseScript,
  caseId: string,
  gridCode: string,
  reporterId: string,
): CreateCaseCommand {
  const [action] = script.steps[0] ?? REQUIRED('a first step', ['report', 0]);
  const base = { caseId, kind: script.kind, smallClassCode: script.classCode, gridCode };
  if (action === 'report') return { ...base, type: 'report' };
  if (action === 'selfReport') return { ...base, type: 'selfReport' };
  if (action === 'register') return { ...base, type: 'register', source: script.source, reporterId };
  throw new Error(`the first step must create the case, not ${action}`);
}

/** The username a step names as its actor, or the one the case implies (contracts `DemoCaseStep`). */
export function actorOf(step: DemoCaseStep, r: ScriptResolver, gridCode: string): string {
  const named = step[2];
  if (typeof named === 'string') return named;
  const roles = rolesAllowed(step[0]);
  return roles.length === 1 && roles[0] === 'inspector' ? r.gridInspector(gridCode) : r.implied(step[0]);
}

/** The domain command of a later step (the same fields the API's `commandOf` builds). */
export function commandOf(step: DemoCaseStep, r: ScriptResolver, gridCode: string): CaseCommand {
  const [action] = step;
  switch (action) {
    case 'sendVerify':
    case 'sendCheck':
      return {
        type: action,
        inspectorId: r.userId(step[3] === undefined ? r.gridInspector(gridCode) : text(step)),
      };
    case 'answerVerify':
      return { type: action, truthful: yes(step) };
    case 'answerCheck':
      return { type: action, done: yes(step) };
    case 'auditSelfDisposal':
      return { type: action, pass: yes(step) };
    case 'decideReturn':
    case 'decideExtension':
    case 'decidePark':
    case 'decideVoid':
      return { type: action, approve: yes(step) };
    case 'accept':
    case 'acceptTask':
    case 'resume':
    case 'feedback':
    case 'rework':
      return { type: action };
    case 'file':
      return { type: action, filingStandardId: null };
    case 'close':
      return step[3] === undefined
        ? { type: action }
        : { type: action, closureType: oneOf(['normal', 'late', 'error', 'special'] as const, step) };
    case 'reject':
      return { type: action, reasonCode: oneOf<RejectReason>(REJECT_REASONS, step), duplicateOf: null };
    case 'refuseFiling':
    case 'requestVoid':
      return { type: action, reasonCode: oneOf<VoidReason>(VOID_REASONS, step), duplicateOf: null };
    case 'requestReturn':
      return {
        type: action,
        reasonCode: oneOf<ReturnReason>(RETURN_REASONS, step),
        targetDepartmentId: null,
      };
    case 'requestPark':
      return { type: action, reasonCode: oneOf<ParkReason>(PARK_REASONS, step) };
    case 'requestExtension': {
      const amount = step[3];
      if (typeof amount !== 'number') return REQUIRED('the amount in working days', step);
      return { type: action, amount, unit: 'working_day' };
    }
    case 'dispatch':
      return { type: action, departmentId: r.departmentId(text(step)) };
    case 'supervise':
    case 'replySupervision':
      return { type: action, opinion: text(step) };
    case 'report':
    case 'register':
    case 'selfReport':
      throw new Error(`${action} creates a case: only the first step may`);
  }
}

/** The timing context of a case: the stage limits in force until 立案, the filed ones after (spec 03 §8). */
export function timingOf(
  limits: CaseLimits,
  urgency: 'normal' | 'urgent',
  filing: FilingSnapshot | null,
): CaseTimingContext {
  const stageLimits: StageLimit[] = filing
    ? Object.entries(filing.stageLimits).map(([stage, l]) => ({ stage: stage as CaseStage, urgency, ...l }))
    : limits.stageLimits;
  return {
    calendar: limits.calendar,
    settings: limits.settings,
    stageLimits,
    urgency,
    disposalLimit: filing ? filing.disposalLimit : null,
  };
}

/** The 立结案标准 a case is filed under at `at` (the API's `fileUnder`). */
export function fileUnder(
  limits: CaseLimits,
  kind: 'component' | 'event',
  classCode: string,
  urgency: 'normal' | 'urgent',
  at: Date,
): FilingSnapshot {
  const [best] = filingCandidates(limits.filingStandards, {
    kind,
    smallClassCode: classCode,
    urgency,
    at: localDateOf(limits.calendar.timeZone, at),
  });
  if (!best) throw new Error(`no filing standard for ${kind} ${classCode}`);
  return snapshotFiling(best, limits.stageLimits, urgency);
}

/** One case being replayed: the aggregate, its clock and its filing snapshot after each step. */
export class ScriptRunner {
  snapshot: CaseSnapshot | null = null;
  timers: CaseTimers = { ...NEW_CASE_TIMERS };
  filing: FilingSnapshot | null = null;
  /** Time of the last step. */
  at: Date;
  readonly steps: CaseStep[] = [];

  constructor(
    private readonly limits: CaseLimits,
    private readonly resolver: ScriptResolver,
    readonly script: Pick<DemoCaseScript, 'kind' | 'classCode' | 'source' | 'urgent' | 'steps'>,
    private readonly caseId: string,
    private readonly gridCode: string,
    reportedAt: Date,
  ) {
    this.at = reportedAt;
  }

  get urgency(): 'normal' | 'urgent' {
    return this.script.urgent ? 'urgent' : 'normal';
  }

  /** Applies one step (throws the machine's `DomainError` when it refuses). */
  apply(step: DemoCaseStep): CaseStep {
    const at = new Date(this.at.getTime() + step[1] * 60_000);
    const actor = this.resolver.actor(actorOf(step, this.resolver, this.gridCode));
    let result: CaseStep;
    if (this.snapshot === null) {
      const command = createCommandOf(
        { ...this.script, at: '', position: [0, 0], steps: [step] },
        this.caseId,
        this.gridCode,
        actor.userId,
      );
      result = startCase(command, actor, at, timingOf(this.limits, this.urgency, null));
    } else {
      let filing = this.filing;
      if (step[0] === 'file') {
        filing = fileUnder(this.limits, this.script.kind, this.script.classCode, this.urgency, at);
      }
      result = stepCase(
        this.snapshot,
        this.timers,
        commandOf(step, this.resolver, this.gridCode),
        actor,
        at,
        timingOf(this.limits, this.urgency, filing),
      );
      this.filing = filing;
    }
    this.snapshot = result.next;
    this.timers = result.timers;
    this.at = at;
    this.steps.push(result);
    return result;
  }
}
