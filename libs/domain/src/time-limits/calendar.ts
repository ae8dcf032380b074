import { DomainError } from '../errors';

/**
 * 工作日历 working calendar (spec 03 §9): a time zone, daily working windows, the weekdays that
 * work, and per-date overrides (法定节假日 holidays off, 调休上班 adjusted working days on).
 * A department calendar is simply another calendar. All instants are UTC; the calendar turns
 * them into local dates and clock times of its zone.
 */

/** One working window of a day, local clock `HH:MM` (end after start, same day). */
export interface WorkingWindow {
  start: string;
  end: string;
}

export const CALENDAR_DAY_KINDS = ['holiday', 'adjusted_workday'] as const;
/** `holiday` 节假日 (not working) or `adjusted_workday` 调休上班 (working, usually a weekend). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A per-date override of the weekday pattern. `working` follows from `kind`. */
export interface CalendarDay {
  /** Local date YYYY-MM-DD. */
  date: string;
  kind: CalendarDayKind;
  /** e.g. 春节, 国庆节调休上班 */
  name: string;
}

export interface WorkCalendar {
  code: string;
  name: string;
  /** IANA zone (`Asia/Shanghai`), `UTC`, or a fixed offset `+08:00` / `-05:30`. */
  timeZone: string;
  /** Working windows of every working day, in order, not overlapping. */
  windows: WorkingWindow[];
  /** ISO weekdays that work by default: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Overrides by date; at most one per date. */
  days: CalendarDay[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CLOCK_RE = /^([01][0-9]|2[0-4]):([0-5][0-9])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIXED_OFFSET_RE = /^([+-])([01][0-9]|2[0-3]):([0-5][0-9])$/;

function invalid(message: string, field: string): DomainError {
  return new DomainError('TIMELIMIT.CALENDAR_INVALID', message, [{ field, message }]);
}

/** Minutes after local midnight of `HH:MM` (24:00 allowed as the end of the day). */
export function parseClock(clock: string): number {
  const m = CLOCK_RE.exec(clock);
  if (!m) throw invalid(`clock time must be HH:MM, got ${JSON.stringify(clock)}`, 'windows');
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440) throw invalid(`clock time ${clock} is past 24:00`, 'windows');
  return minutes;
}

/** Days since 1970-01-01 of a local date YYYY-MM-DD (checked: 2026-02-30 is refused). */
export function parseLocalDate(date: string): number {
  const m = DATE_RE.exec(date);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!m || !Number.isInteger(day) || formatLocalDate(day) !== date) {
    throw new DomainError('TIMELIMIT.DATE_INVALID', `not a date YYYY-MM-DD: ${JSON.stringify(date)}`, [
      { field: 'date', message: 'expected YYYY-MM-DD' },
    ]);
  }
  return day;
}

/** YYYY-MM-DD of a day number (days since 1970-01-01). */
export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 Monday … 7 Sunday) of a day number; 1970-01-01 was a Thursday (4). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// Time zones without a tz library: a fixed offset, or Intl.DateTimeFormat for IANA names
// (Asia/Shanghai has been +08:00 without DST since 1991; Intl also handles DST zones).

type OffsetFn = (utcMs: number) => number;
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetFns = new Map<string, OffsetFn>();

/** Offset of the zone at an instant, in minutes east of UTC (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  return offsetFnOf(timeZone)(utcMs);
}

function offsetFnOf(timeZone: string): OffsetFn {
  const cached = offsetFns.get(timeZone);
  if (cached) return cached;
  let fn: OffsetFn;
  const fixed = FIXED_OFFSET_RE.exec(timeZone);
  if (timeZone === 'UTC') fn = () => 0;
  else if (fixed) {
    const minutes = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    fn = () => minutes;
  } else {
    let dtf: Intl.DateTimeFormat;
    try {
      dtf = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DomainError('TIMELIMIT.TIME_ZONE_INVALID', `unknown time zone ${JSON.stringify(timeZone)}`, [
        { field: 'timeZone', message: 'an IANA zone name, UTC, or a fixed offset like +08:00' },
      ]);
    }
    // Offset = (the wall clock read as if it were UTC) − the instant, to whole minutes.
    const measure = (utcMs: number): number => {
      const p: Record<string, number> = {};
      for (const part of dtf.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
      const wall = Date.UTC(
        p['year'] ?? 0,
        (p['month'] ?? 1) - 1,
        p['day'] ?? 1,
        p['hour'],
        p['minute'],
        p['second'],
      );
      return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / MINUTE_MS);
    };
    // formatToParts costs tens of microseconds and deadline arithmetic asks often: remember the
    // offset per quarter hour (zones change offset only on quarter-hour instants).
    const memo = new Map<number, number>();
    fn = (utcMs) => {
      const bucket = Math.floor(utcMs / QUARTER_HOUR_MS);
      let offset = memo.get(bucket);
      if (offset === undefined) {
        if (memo.size > 100_000) memo.clear();
        offset = measure(bucket * QUARTER_HOUR_MS);
        memo.set(bucket, offset);
      }
      return offset;
    };
  }
  offsetFns.set(timeZone, fn);
  return fn;
}

/** Throws `TIMELIMIT.TIME_ZONE_INVALID` for a zone this module cannot use. */
export function assertTimeZone(timeZone: string): void {
  offsetFnOf(timeZone);
}

/**
 * The UTC instant of a local wall-clock time (day number + minutes after midnight). For a DST zone
 * the offset is looked up twice (at the guess and at the corrected guess); Asia/Shanghai needs one.
 */
export function localToUtc(timeZone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const first = wall - zoneOffsetMinutes(timeZone, wall) * MINUTE_MS;
  return wall - zoneOffsetMinutes(timeZone, first) * MINUTE_MS;
}

/** Local day number and minute of day (fractional) of a UTC instant. */
export function utcToLocal(timeZone: string, utcMs: number): { day: number; minuteOfDay: number } {
  const wall = utcMs + zoneOffsetMinutes(timeZone, utcMs) * MINUTE_MS;
  const day = Math.floor(wall / DAY_MS);
  return { day, minuteOfDay: (wall - day * DAY_MS) / MINUTE_MS };
}

/** The local date YYYY-MM-DD of an instant in the zone ("today" for a city). */
export function localDateOf(timeZone: string, at: Date): string {
  return formatLocalDate(utcToLocal(timeZone, at.getTime()).day);
}

// ---------------------------------------------------------------------------------------------

/** A calendar checked once and indexed for the arithmetic (see `compileCalendar`). */
export interface CompiledCalendar {
  readonly source: WorkCalendar;
  readonly timeZone: string;
  /** [start, end) minutes after local midnight. */
  readonly windows: readonly (readonly [number, number])[];
  /** Working minutes of a standard working day (sum of the windows). */
  readonly dayMinutes: number;
  isWorkingDay(day: number): boolean;
  /** The day's working intervals as UTC ms, [start, end), empty on a day off. */
  intervalsOn(day: number): (readonly [number, number])[];
}

const compiled = new WeakMap<WorkCalendar, CompiledCalendar>();

/** Checks a calendar and reports every problem at once (`TIMELIMIT.CALENDAR_INVALID`). */
export function validateCalendar(cal: WorkCalendar): void {
  compileCalendar(cal);
}

/**
 * Checks and indexes a calendar; the result is cached per calendar object (treat calendars as
 * immutable values: a changed calendar is a new object).
 */
export function compileCalendar(cal: WorkCalendar): CompiledCalendar {
  const hit = compiled.get(cal);
  if (hit) return hit;
  assertTimeZone(cal.timeZone);
  if (cal.windows.length === 0) throw invalid('a calendar needs at least one working window', 'windows');
  const windows = cal.windows.map((w) => [parseClock(w.start), parseClock(w.end)] as const);
  windows.forEach(([s, e], i) => {
    if (e <= s) throw invalid(`window ${i + 1} ends (${cal.windows[i]?.end}) before it starts`, 'windows');
    const prev = windows[i - 1];
    if (prev && s < prev[1]) throw invalid(`window ${i + 1} overlaps or precedes window ${i}`, 'windows');
  });
  if (cal.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw invalid('weekdays are ISO numbers 1 (Monday) … 7 (Sunday)', 'weekdays');
  }
  const overrides = new Map<number, boolean>();
  for (const d of cal.days) {
    const day = parseLocalDate(d.date);
    if (overrides.has(day)) throw invalid(`date ${d.date} is listed twice`, 'days');
    if (!CALENDAR_DAY_KINDS.includes(d.kind)) throw invalid(`unknown day kind ${String(d.kind)}`, 'days');
    overrides.set(day, d.kind === 'adjusted_workday');
  }
  const weekdays = new Set(cal.weekdays);
  const timeZone = cal.timeZone;
  const isWorkingDay = (day: number) => overrides.get(day) ?? weekdays.has(isoWeekday(day));
  const result: CompiledCalendar = {
    source: cal,
    timeZone,
    windows,
    dayMinutes: windows.reduce((sum, [s, e]) => sum + e - s, 0),
    isWorkingDay,
    intervalsOn: (day) =>
      isWorkingDay(day)
        ? windows.map(([s, e]) => [localToUtc(timeZone, day, s), localToUtc(timeZone, day, e)] as const)
        : [],
  };
  compiled.set(cal, result);
  return result;
}

/** Is the local date a working day of the calendar (overrides first, then the weekday pattern)? */
export function isWorkingDate(cal: WorkCalendar, date: string): boolean {
  return compileCalendar(cal).isWorkingDay(parseLocalDate(date));
}

/** Is the instant inside a working window of a working day? */
export function isWorkingTime(cal: WorkCalendar, at: Date): boolean {
  const c = compileCalendar(cal);
  const t = at.getTime();
  const { day } = utcToLocal(c.timeZone, t);
  return c.intervalsOn(day).some(([s, e]) => t >= s && t < e);
}
