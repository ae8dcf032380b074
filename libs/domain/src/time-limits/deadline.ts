import { DomainError } from '../errors';
import type { DeadlineColour, TimeUnit } from '../workflow/vocabulary';
import { TIME_UNITS } from '../workflow/vocabulary';
import {
  type CompiledCalendar,
  compileCalendar,
  utcToLocal,
  localToUtc,
  type WorkCalendar,
} from './calendar';
import { DEFAULT_TIME_LIMIT_SETTINGS, type TimeLimitSettings } from './settings';

export const TIME_BASES = ['natural', 'working'] as const;
/** 自然时间 natural (wall clock) or 工作时间 working (inside working windows only). */
export type TimeBasis = (typeof TIME_BASES)[number];

/**
 * A time limit: value + unit (spec 03 §7.1). `basis` defaults to the unit's own basis
 * (working_hour / working_day → working; minute / hour / day → natural); `minute` and `hour` may
 * also be counted as working time (e.g. 30 working minutes). `day` is natural only.
 */
export interface Duration {
  value: number;
  unit: TimeUnit;
  basis?: TimeBasis;
}

const MINUTE_MS = 60_000;
/** A calendar with no working window for this many days in a row is refused, not looped forever. */
const MAX_IDLE_DAYS = 800;

/** The basis a unit counts in by default. */
export function basisOfUnit(unit: TimeUnit): TimeBasis {
  return unit === 'working_hour' || unit === 'working_day' ? 'working' : 'natural';
}

/** The effective basis of a duration; throws `TIMELIMIT.DURATION_INVALID` on a bad combination. */
export function basisOf(d: Duration): TimeBasis {
  assertDuration(d);
  return d.basis ?? basisOfUnit(d.unit);
}

/** Checks value (finite, ≥ 0), unit and basis (`TIMELIMIT.DURATION_INVALID`). */
export function assertDuration(d: Duration, field = 'duration'): void {
  const fail = (message: string) =>
    new DomainError('TIMELIMIT.DURATION_INVALID', message, [{ field, message }]);
  if (typeof d.value !== 'number' || !Number.isFinite(d.value) || d.value < 0) {
    throw fail(`a time limit is a finite number ≥ 0, got ${String(d.value)}`);
  }
  if (!TIME_UNITS.includes(d.unit))
    throw fail(`unknown unit ${String(d.unit)}; one of ${TIME_UNITS.join(', ')}`);
  if (d.basis !== undefined) {
    const own = basisOfUnit(d.unit);
    if (d.basis !== 'natural' && d.basis !== 'working') throw fail(`unknown basis ${String(d.basis)}`);
    if (own === 'working' && d.basis === 'natural')
      throw fail(`${d.unit} is working time; basis natural contradicts it`);
    if (d.unit === 'day' && d.basis === 'working')
      throw fail('a working day is unit working_day, not day + working');
  }
}

/** Natural durations in milliseconds: minute 60 000, hour 3 600 000, day 86 400 000. */
const NATURAL_MS: Partial<Record<TimeUnit, number>> = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 1440 * MINUTE_MS,
};

function standardDayMinutes(c: CompiledCalendar, settings: TimeLimitSettings): number {
  return settings.workingDayMinutes ?? c.dayMinutes;
}

/**
 * The length of a working-basis duration in working minutes (not for same-clock working days):
 * minute 1, hour and working_hour 60, working_day the standard day (default 450).
 */
export function workingMinutesOf(
  d: Duration,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): number {
  switch (d.unit) {
    case 'minute':
      return d.value;
    case 'hour':
    case 'working_hour':
      return d.value * 60;
    case 'working_day':
      return d.value * standardDayMinutes(compileCalendar(calendar), settings);
    case 'day':
      throw new DomainError('TIMELIMIT.DURATION_INVALID', 'day is natural time');
  }
}

/**
 * The deadline of a limit started at `start` (spec 03 §9).
 * - natural units: start + duration;
 * - working time: walk the working windows from `start` (a start outside working time begins at
 *   the next window), consuming the duration; a limit that ends exactly at a window's end ends
 *   there, not at the next window's start;
 * - working_day in `same_clock_next_working_day` mode: the start is first moved to working time
 *   (as above), then the deadline is that local clock time on the N-th following working day.
 *   Fractional N is refused in this mode.
 */
export function addDuration(
  start: Date,
  duration: Duration,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): Date {
  const basis = basisOf(duration);
  const t = start.getTime();
  if (basis === 'natural') return new Date(t + duration.value * (NATURAL_MS[duration.unit] ?? 0));
  const c = compileCalendar(calendar);
  if (duration.unit === 'working_day' && settings.workingDayMode === 'same_clock_next_working_day') {
    if (!Number.isInteger(duration.value)) {
      throw new DomainError(
        'TIMELIMIT.DURATION_INVALID',
        'same-clock working days take a whole number of days',
        [{ field: 'value', message: 'whole days only in same_clock_next_working_day mode' }],
      );
    }
    return new Date(addSameClockWorkingDays(c, t, duration.value));
  }
  return new Date(addWorkingMs(c, t, workingMinutesOf(duration, calendar, settings) * MINUTE_MS));
}

/** Walks the working windows day by day (one step per day, never per minute). */
function addWorkingMs(c: CompiledCalendar, startMs: number, amountMs: number): number {
  let left = amountMs;
  let { day } = utcToLocal(c.timeZone, startMs);
  let idle = 0;
  for (;;) {
    const intervals = c.intervalsOn(day);
    if (intervals.length === 0 && ++idle > MAX_IDLE_DAYS) throw noWorkingTime();
    for (const [a, b] of intervals) {
      if (b <= startMs) continue;
      idle = 0;
      const from = Math.max(a, startMs);
      // Zero left: the deadline is the first working moment at or after the start.
      if (left <= b - from) return from + left;
      left -= b - from;
    }
    day += 1;
  }
}

function addSameClockWorkingDays(c: CompiledCalendar, startMs: number, n: number): number {
  const begin = addWorkingMs(c, startMs, 0);
  const local = utcToLocal(c.timeZone, begin);
  let day = local.day;
  let found = 0;
  let idle = 0;
  while (found < n) {
    day += 1;
    if (c.isWorkingDay(day)) {
      found += 1;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) throw noWorkingTime();
  }
  return localToUtc(c.timeZone, day, local.minuteOfDay);
}

function noWorkingTime(): DomainError {
  return new DomainError(
    'TIMELIMIT.NO_WORKING_TIME',
    `the calendar has no working time for ${MAX_IDLE_DAYS} days in a row`,
  );
}

/** Working milliseconds between two instants (0 when `to` ≤ `from`); one step per local day. */
function workingMsBetween(c: CompiledCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let sum = 0;
  let { day } = utcToLocal(c.timeZone, fromMs);
  const last = utcToLocal(c.timeZone, toMs).day;
  for (; day <= last; day++) {
    for (const [a, b] of c.intervalsOn(day)) {
      const s = Math.max(a, fromMs);
      const e = Math.min(b, toMs);
      if (e > s) sum += e - s;
    }
  }
  return sum;
}

/** Minutes from `start` to `now` in the basis (natural wall time or working time); 0 if now ≤ start. */
export function elapsed(start: Date, now: Date, basis: TimeBasis, calendar: WorkCalendar): number {
  const from = start.getTime();
  const to = now.getTime();
  if (basis === 'natural') return Math.max(0, to - from) / MINUTE_MS;
  return workingMsBetween(compileCalendar(calendar), from, to) / MINUTE_MS;
}

/** Minutes left until the deadline in the basis; negative when overdue (minutes past it). */
export function remaining(now: Date, deadline: Date, basis: TimeBasis, calendar: WorkCalendar): number {
  return now.getTime() <= deadline.getTime()
    ? elapsed(now, deadline, basis, calendar)
    : -elapsed(deadline, now, basis, calendar);
}

/** Colour of an elapsed share (spec 03 §10): < threshold green, threshold…100 % yellow, > 100 % red. */
export function colourOfShare(
  share: number,
  threshold = DEFAULT_TIME_LIMIT_SETTINGS.yellowThreshold,
): DeadlineColour {
  if (share > 1) return 'red';
  return share >= threshold ? 'yellow' : 'green';
}

export interface LimitProgress {
  /** Minutes in the basis since the start. */
  elapsed: number;
  /** The limit's length in the basis (start → deadline). */
  limit: number;
  /** Minutes left; negative when overdue. */
  remaining: number;
  /** elapsed / limit; Infinity for a zero-length limit already passed, 0 before it. */
  share: number;
  colour: DeadlineColour;
}

/**
 * Progress of a running limit at `now`: the elapsed share in the limit's own basis gives the colour.
 * A moment past the deadline is red even when no working time has passed since (e.g. a deadline at
 * 17:30 seen at 20:00): overdue is judged on the clock, as `onTime` does.
 */
export function progress(
  start: Date,
  deadline: Date,
  now: Date,
  basis: TimeBasis,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): LimitProgress {
  const limit = elapsed(start, deadline, basis, calendar);
  const done = elapsed(start, now, basis, calendar);
  const overdue = now.getTime() > deadline.getTime();
  let share = limit > 0 ? done / limit : overdue ? Number.POSITIVE_INFINITY : 0;
  if (overdue && share <= 1) share = Math.max(share, 1 + Number.EPSILON);
  return {
    elapsed: done,
    limit,
    remaining: remaining(now, deadline, basis, calendar),
    share,
    colour: overdue ? 'red' : colourOfShare(Math.min(share, 1), settings.yellowThreshold),
  };
}

/** 按时 / 按期: the step finished no later than its deadline (spec 03 §9). */
export function onTime(finishedAt: Date, deadline: Date): boolean {
  return finishedAt.getTime() <= deadline.getTime();
}
