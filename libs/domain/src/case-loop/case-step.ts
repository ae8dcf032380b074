import {
  type CaseClock,
  EMPTY_CASE_CLOCK,
  endPending,
  endStage,
  extendDisposal,
  finishDisposal,
  pauseDisposal,
  redispatchDisposal,
  requestPending,
  resumeDisposal,
  startDisposal,
  startStage,
} from '../time-limits/case-clock';
import type { WorkCalendar } from '../time-limits/calendar';
import type { Duration } from '../time-limits/deadline';
import { resolveStageLimit, type StageLimit, type UrgencyLevel } from '../time-limits/filing-standard';
import { DEFAULT_TIME_LIMIT_SETTINGS, type TimeLimitSettings } from '../time-limits/settings';
import { DomainError } from '../errors';
import {
  applyAction,
  type CaseTransition,
  createCase,
  type TimerEffects,
  type WorkflowOptions,
} from '../workflow/case-machine';
import type { CaseCommand, CreateCaseCommand } from '../workflow/case-command';
import type { Actor, CaseSnapshot } from '../workflow/case-snapshot';
import type { CaseStage, CaseState } from '../workflow/vocabulary';

/**
 * One step of the case loop: the workflow transition (libs/domain/src/workflow) with its timer
 * effects applied to the case clock (libs/domain/src/time-limits). The API, the demo generator
 * and the replay test all go through here, so deadlines and on-time flags are computed once.
 */

/** The clock as a case stores it, plus the 按期处置 flag of the last disposal (copied at 结案). */
export interface CaseTimers extends CaseClock {
  disposalOnTime: boolean | null;
}

export const NEW_CASE_TIMERS: Readonly<CaseTimers> = Object.freeze({
  ...EMPTY_CASE_CLOCK,
  disposalOnTime: null,
});

/** Where the limits come from for one case. */
export interface CaseTimingContext {
  calendar: WorkCalendar;
  settings?: TimeLimitSettings;
  /** 环节时限 in force (or the case's filing snapshot's). */
  stageLimits: readonly StageLimit[];
  urgency: UrgencyLevel;
  /** 处置时限 of the case (its filing snapshot); needed from dispatch on. */
  disposalLimit: Duration | null;
}

/** What a flow record stores about time: the stage this step ended and the disposal limit. */
export interface StepTiming {
  /** The stage this action ended (its limit, whether it was met). */
  stage: CaseStage | null;
  stageStartedAt: string | null;
  stageDeadline: string | null;
  stageOnTime: boolean | null;
  /** Disposal deadline in force after the step (null when no disposal runs). */
  disposalDeadline: string | null;
  /** 按期处置 at 处理反馈; copied at 结案 (按期结案). */
  disposalOnTime: boolean | null;
}

export interface CaseStep extends CaseTransition {
  timers: CaseTimers;
  timing: StepTiming;
}

/** States in which the disposal clock is the case's (counting, parked or awaiting a request). */
export const DISPOSING_STATES: readonly CaseState[] = [
  'DISPATCHED',
  'PROCESSING',
  'RETURN_PENDING',
  'EXTENSION_PENDING',
  'PARK_PENDING',
  'PARKED',
];

export function startCase(
  command: CreateCaseCommand,
  actor: Actor,
  now: Date,
  ctx: CaseTimingContext,
): CaseStep {
  const t = createCase(command, actor, now);
  return withTimers(t, NEW_CASE_TIMERS, now, ctx);
}

export function stepCase(
  snapshot: CaseSnapshot,
  timers: CaseTimers,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  ctx: CaseTimingContext,
  options?: WorkflowOptions,
): CaseStep {
  // 结案 after a late disposal is 超时结案 (spec 03 §6.4): put it in the command, so the flow
  // record carries it and a replay of the records closes the case the same way.
  const closing =
    command.type === 'close' && command.closureType === undefined && timers.disposalOnTime === false
      ? { ...command, closureType: 'late' as const }
      : command;
  const t = applyAction(snapshot, closing, actor, now, options);
  return withTimers(t, timers, now, ctx);
}

function withTimers(t: CaseTransition, timers: CaseTimers, at: Date, ctx: CaseTimingContext): CaseStep {
  const { timers: next, timing } = applyTimerEffects(timers, t.effects, at, ctx, t.record.action === 'close');
  return { ...t, timers: next, timing };
}

/** Applies the workflow's timer effects to the clock, in the order the effects document. */
export function applyTimerEffects(
  timers: CaseTimers,
  effects: TimerEffects,
  at: Date,
  ctx: CaseTimingContext,
  closing = false,
): { timers: CaseTimers; timing: StepTiming } {
  const settings = ctx.settings ?? DEFAULT_TIME_LIMIT_SETTINGS;
  const { calendar } = ctx;
  let clock: CaseClock = { stage: timers.stage, disposal: timers.disposal };
  let disposalOnTime = timers.disposalOnTime;
  const timing: StepTiming = {
    stage: null,
    stageStartedAt: null,
    stageDeadline: null,
    stageOnTime: null,
    disposalDeadline: null,
    disposalOnTime: null,
  };

  if (effects.stageEnded) {
    timing.stage = effects.stageEnded;
    if (clock.stage && clock.stage.stage === effects.stageEnded) {
      timing.stageStartedAt = clock.stage.startedAt;
      const ended = endStage(clock, at);
      clock = ended.clock;
      timing.stageDeadline = ended.outcome.deadline;
      timing.stageOnTime = ended.outcome.onTime;
    } else {
      clock = { ...clock, stage: null };
    }
  }

  const limit = (): Duration => {
    if (!ctx.disposalLimit)
      throw new DomainError('TIMELIMIT.CLOCK_STATE', 'the case has no disposal limit: file it first');
    return ctx.disposalLimit;
  };
  switch (effects.disposal) {
    case undefined:
      break;
    case 'start':
      clock = startDisposal(clock, limit(), at, calendar, settings);
      disposalOnTime = null;
      break;
    case 'stop': {
      const finished = finishDisposal(clock, at);
      clock = finished.clock;
      disposalOnTime = finished.outcome.onTime;
      timing.disposalOnTime = finished.outcome.onTime;
      timing.disposalDeadline = finished.outcome.deadline;
      break;
    }
    case 'pause':
      clock = pauseDisposal(clock, at, calendar);
      break;
    case 'resume':
      clock = resumeDisposal(clock, at, calendar, settings);
      break;
    case 'extend': {
      const ext = effects.extension;
      if (!ext) throw new DomainError('TIMELIMIT.CLOCK_STATE', 'an extension effect without its amount');
      clock = extendDisposal(clock, { value: ext.amount, unit: ext.unit }, at, calendar, settings);
      break;
    }
    case 'redispatch':
      // A case returned before its first disposal ever started begins its clock now.
      clock = clock.disposal
        ? redispatchDisposal(clock, effects.redispatchAfter ?? 'rework', at, calendar, settings)
        : startDisposal(clock, limit(), at, calendar, settings);
      disposalOnTime = null;
      break;
    case 'cancel':
      clock = { ...clock, disposal: null };
      break;
  }
  if (effects.pendingRequest === 'opened') clock = requestPending(clock, at, calendar, settings);
  if (effects.pendingRequest === 'settled') clock = endPending(clock, at, calendar, settings);

  if (effects.stageStarted) {
    const stageLimit = resolveStageLimit(ctx.stageLimits, effects.stageStarted, ctx.urgency);
    clock = stageLimit
      ? startStage(clock, effects.stageStarted, stageLimit, at, calendar, settings)
      : { ...clock, stage: null };
  }

  if (timing.disposalDeadline === null && clock.disposal && effects.disposal !== 'stop') {
    timing.disposalDeadline = effects.disposal ? clock.disposal.deadline : null;
  }
  // 按期结案 copies 按期处置 (spec 03 §12).
  if (closing) timing.disposalOnTime = disposalOnTime;
  return { timers: { ...clock, disposalOnTime }, timing };
}
