import { DomainError } from '../errors';
import type { CaseStage } from '../workflow/vocabulary';
import type { WorkCalendar } from './calendar';
import {
  addDuration,
  basisOf,
  colourOfShare,
  type Duration,
  elapsed,
  type LimitProgress,
  onTime,
  progress,
  remaining,
  type TimeBasis,
} from './deadline';
import { DEFAULT_TIME_LIMIT_SETTINGS, type TimeLimitSettings } from './settings';

/**
 * The timers of one case (spec 03 §7, §11): the running stage limit (环节时限) and the disposal
 * limit (处置时限). The state is plain JSON (instants as ISO strings) so a case can store it;
 * every function returns a new state and never changes its input.
 */

/** A limit as stored with a case: the duration with its basis made explicit. */
export interface LimitSnapshot {
  value: number;
  unit: Duration['unit'];
  basis: TimeBasis;
}

export interface StageClock {
  stage: CaseStage;
  startedAt: string;
  deadline: string;
  limit: LimitSnapshot;
}

/** Why the disposal clock stands still: 挂账 approved, or a request pending (setting). */
export type PauseReason = 'park' | 'pending';

export interface DisposalExtension {
  /** When the 延期 was approved. */
  at: string;
  by: LimitSnapshot;
  deadlineBefore: string;
  deadlineAfter: string;
}

export interface DisposalClock {
  /** Start of the current run (dispatch, or re-dispatch after a restart). */
  startedAt: string;
  /** The deadline in force; while paused, the deadline the case had when it was paused. */
  deadline: string;
  /** The 处置时限 (last milestone of the filing standard) as filed. */
  limit: LimitSnapshot;
  /** Minutes of the limit's basis granted in this run: the limit plus every extension. */
  allowedMinutes: number;
  pausedAt: string | null;
  pauseReason: PauseReason | null;
  /** Minutes of the basis left when paused (negative: already overdue by that much). */
  remainingAtPause: number | null;
  extensions: DisposalExtension[];
}

export interface CaseClock {
  stage: StageClock | null;
  disposal: DisposalClock | null;
}

export const EMPTY_CASE_CLOCK: Readonly<CaseClock> = Object.freeze({ stage: null, disposal: null });

/** The outcome of a finished limit, as the transition record stores it. */
export interface LimitOutcome {
  finishedAt: string;
  deadline: string;
  onTime: boolean;
}

export function snapshotLimit(d: Duration): LimitSnapshot {
  return { value: d.value, unit: d.unit, basis: basisOf(d) };
}

const iso = (d: Date) => d.toISOString();

function clockError(message: string): DomainError {
  return new DomainError('TIMELIMIT.CLOCK_STATE', message);
}

function mustDisposal(clock: CaseClock): DisposalClock {
  if (!clock.disposal) throw clockError('the disposal clock has not started');
  return clock.disposal;
}

// ---------------------------------------------------------------------------------------------
// Stage limits

/** Starts a stage's limit at `at` (replaces any stage still running: one stage runs at a time). */
export function startStage(
  clock: CaseClock,
  stage: CaseStage,
  limit: Duration,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const snap = snapshotLimit(limit);
  return {
    ...clock,
    stage: {
      stage,
      startedAt: iso(at),
      deadline: iso(addDuration(at, snap, calendar, settings)),
      limit: snap,
    },
  };
}

/** Ends the running stage: the clock without it, and whether it finished on time. */
export function endStage(
  clock: CaseClock,
  at: Date,
): { clock: CaseClock; outcome: LimitOutcome & { stage: CaseStage } } {
  if (!clock.stage) throw clockError('no stage limit is running');
  const { stage, deadline } = clock.stage;
  return {
    clock: { ...clock, stage: null },
    outcome: { stage, finishedAt: iso(at), deadline, onTime: onTime(at, new Date(deadline)) },
  };
}

/** Progress and colour of the running stage at `now`, or null when none runs. */
export function stageProgress(
  clock: CaseClock,
  now: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): LimitProgress | null {
  if (!clock.stage) return null;
  const s = clock.stage;
  return progress(new Date(s.startedAt), new Date(s.deadline), now, s.limit.basis, calendar, settings);
}

// ---------------------------------------------------------------------------------------------
// Disposal limit

/** Starts the 处置时限 at dispatch: deadline = at + limit over the calendar. */
export function startDisposal(
  clock: CaseClock,
  limit: Duration,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const snap = snapshotLimit(limit);
  const deadline = addDuration(at, snap, calendar, settings);
  return {
    ...clock,
    disposal: {
      startedAt: iso(at),
      deadline: iso(deadline),
      limit: snap,
      // Measured, not converted: in same-clock working-day mode the length depends on the start.
      allowedMinutes: elapsed(at, deadline, snap.basis, calendar),
      pausedAt: null,
      pauseReason: null,
      remainingAtPause: null,
      extensions: [],
    },
  };
}

function pause(d: DisposalClock, reason: PauseReason, at: Date, calendar: WorkCalendar): DisposalClock {
  return {
    ...d,
    pausedAt: iso(at),
    pauseReason: reason,
    remainingAtPause: remaining(at, new Date(d.deadline), d.limit.basis, calendar),
  };
}

/**
 * Picks the clock up again at `at`. `continue`: deadline = at + the minutes left at the pause, in
 * the limit's basis; a case already overdue when paused keeps its old (passed) deadline.
 * `restart`: a fresh run of the whole limit (extensions are dropped with the old run).
 */
function unpause(
  d: DisposalClock,
  mode: 'continue' | 'restart',
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings,
): DisposalClock {
  if (mode === 'restart') {
    const restarted = startDisposal(EMPTY_CASE_CLOCK, d.limit, at, calendar, settings).disposal;
    if (!restarted) throw clockError('restart failed');
    return restarted;
  }
  const left = d.remainingAtPause ?? 0;
  const deadline =
    left > 0
      ? iso(addDuration(at, { value: left, unit: 'minute', basis: d.limit.basis }, calendar, settings))
      : d.deadline;
  return { ...d, deadline, pausedAt: null, pauseReason: null, remainingAtPause: null };
}

/**
 * A 回退 / 延期 / 挂账 / 作废 request was made. With `clockRunsWhilePending` (default) nothing
 * changes; otherwise the disposal clock pauses until the request is decided.
 */
export function requestPending(
  clock: CaseClock,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  if (settings.clockRunsWhilePending || !clock.disposal || clock.disposal.pausedAt) return clock;
  return { ...clock, disposal: pause(clock.disposal, 'pending', at, calendar) };
}

/** The pending request was decided without parking: a pending pause continues where it stopped. */
export function endPending(
  clock: CaseClock,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const d = clock.disposal;
  if (!d || d.pauseReason !== 'pending') return clock;
  return { ...clock, disposal: unpause(d, 'continue', at, calendar, settings) };
}

/**
 * 挂账 approved: the case leaves the timed queue and the disposal clock stops (spec §11). When the
 * clock already stood still for the pending request, the pause keeps its original moment.
 */
export function pauseDisposal(clock: CaseClock, at: Date, calendar: WorkCalendar): CaseClock {
  const d = mustDisposal(clock);
  if (d.pauseReason === 'park') throw clockError('the disposal clock is already parked');
  if (d.pauseReason === 'pending') return { ...clock, disposal: { ...d, pauseReason: 'park' } };
  return { ...clock, disposal: pause(d, 'park', at, calendar) };
}

/** 挂账恢复: the clock runs again; the remaining time continues or the limit restarts (setting). */
export function resumeDisposal(
  clock: CaseClock,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const d = mustDisposal(clock);
  if (d.pauseReason !== 'park') throw clockError('the disposal clock is not parked');
  return { ...clock, disposal: unpause(d, settings.resumeClock, at, calendar, settings) };
}

/**
 * 延期 approved: deadline += Δ (spec §11), Δ counted in the limit's basis when its unit allows
 * (minute/hour follow the limit; working_hour/working_day are working time; day is natural).
 * The extension is logged; allowed time grows by Δ as measured on the calendar.
 */
export function extendDisposal(
  clock: CaseClock,
  by: Duration,
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const d = mustDisposal(clock);
  if (d.pausedAt && d.pauseReason === 'park') throw clockError('a parked case cannot be extended');
  const basis: TimeBasis =
    by.basis ?? (by.unit === 'minute' || by.unit === 'hour' ? d.limit.basis : basisOf(by));
  const step = snapshotLimit({ ...by, basis });
  const before = new Date(d.deadline);
  const after = addDuration(before, step, calendar, settings);
  const grown = elapsed(before, after, d.limit.basis, calendar);
  return {
    ...clock,
    disposal: {
      ...d,
      deadline: iso(after),
      allowedMinutes: d.allowedMinutes + grown,
      // While paused for the pending request, the time left grows with the extension.
      remainingAtPause: d.remainingAtPause === null ? null : d.remainingAtPause + grown,
      extensions: [
        ...d.extensions,
        { at: iso(at), by: step, deadlineBefore: d.deadline, deadlineAfter: iso(after) },
      ],
    },
  };
}

/**
 * Re-dispatch after 返工 (`rework`) or an approved 回退 (`return`): restart the disposal clock
 * at `at` (the re-dispatch), or keep / continue the old deadline (settings `reworkClock`,
 * `returnClock`; both default to restart). Call it at the re-dispatch.
 */
export function redispatchDisposal(
  clock: CaseClock,
  reason: 'rework' | 'return',
  at: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): CaseClock {
  const d = mustDisposal(clock);
  const restart =
    reason === 'rework' ? settings.reworkClock === 'restart' : settings.returnClock === 'restart';
  if (restart) return startDisposal(clock, d.limit, at, calendar, settings);
  // Keep: a pending pause (return requested with the clock stopped) continues where it stopped.
  return d.pauseReason === 'pending' ? endPending(clock, at, calendar, settings) : clock;
}

/** 处理反馈: the disposal ends; 按期处置 if no later than the (extended) deadline. */
export function finishDisposal(clock: CaseClock, at: Date): { clock: CaseClock; outcome: LimitOutcome } {
  const d = mustDisposal(clock);
  if (d.pauseReason === 'park') throw clockError('a parked case must be resumed before it is finished');
  return {
    clock,
    outcome: { finishedAt: iso(at), deadline: d.deadline, onTime: onTime(at, new Date(d.deadline)) },
  };
}

/**
 * Progress of the disposal limit at `now`: share = (allowed − remaining) / allowed in the limit's
 * basis, so paused time never counts; while paused the progress stands at the pause.
 */
export function disposalProgress(
  clock: CaseClock,
  now: Date,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): LimitProgress | null {
  const d = clock.disposal;
  if (!d) return null;
  const left =
    d.pausedAt !== null
      ? (d.remainingAtPause ?? 0)
      : remaining(now, new Date(d.deadline), d.limit.basis, calendar);
  const overdue = d.pausedAt !== null ? left < 0 : now.getTime() > new Date(d.deadline).getTime();
  const used = d.allowedMinutes - left;
  let share = d.allowedMinutes > 0 ? used / d.allowedMinutes : overdue ? Number.POSITIVE_INFINITY : 0;
  if (overdue) share = Math.max(share, 1 + Number.EPSILON);
  return {
    elapsed: used,
    limit: d.allowedMinutes,
    remaining: left,
    share,
    colour: overdue ? 'red' : colourOfShare(Math.min(share, 1), settings.yellowThreshold),
  };
}
