/**
 * The dashboard's period (统计周期): a week, month, quarter or year around an anchor day, or a
 * range of days. Periods are whole local days of the city's time zone; the API takes instants.
 */
export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodSelection {
  kind: PeriodKind;
  /** A local day `YYYY-MM-DD` inside the period (week, month, quarter, year). */
  anchor: string;
  /** range: first local day and last local day (inclusive), `YYYY-MM-DD`. */
  rangeFrom?: string;
  rangeTo?: string;
}

/** Local days [fromDay, toDay): `toDay` is the day after the last one. */
export interface LocalDays {
  fromDay: string;
  toDay: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseDay(day: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Day arithmetic on the calendar alone (UTC dates stand for local days). */
function dayOf(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function addDays(day: string, n: number): string {
  const { y, m, d } = parseDay(day);
  return dayOf(y, m, d + n);
}

/** The local days a selection covers. Weeks start on Monday (ISO 8601). */
export function periodDays(sel: PeriodSelection): LocalDays {
  const { y, m, d } = parseDay(sel.anchor);
  switch (sel.kind) {
    case 'week': {
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
      const fromDay = dayOf(y, m, d - weekday);
      return { fromDay, toDay: addDays(fromDay, 7) };
    }
    case 'month':
      return { fromDay: dayOf(y, m, 1), toDay: dayOf(y, m + 1, 1) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { fromDay: dayOf(y, first, 1), toDay: dayOf(y, first + 3, 1) };
    }
    case 'year':
      return { fromDay: dayOf(y, 1, 1), toDay: dayOf(y + 1, 1, 1) };
    case 'range': {
      const from = sel.rangeFrom ?? sel.anchor;
      const to = sel.rangeTo ?? from;
      const [a, b] = from <= to ? [from, to] : [to, from];
      return { fromDay: a, toDay: addDays(b, 1) };
    }
  }
}

/** Minutes the zone is ahead of UTC at an instant (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local day starts in a time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const { y, m, d } = parseDay(day);
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // Once more, in case the offset differs at the corrected instant (a DST change that day).
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The period as the API's [from, to) instants (ISO 8601, UTC). */
export function periodRange(sel: PeriodSelection, timeZone: string): { from: string; to: string } {
  const { fromDay, toDay } = periodDays(sel);
  return {
    from: startOfLocalDay(fromDay, timeZone).toISOString(),
    to: startOfLocalDay(toDay, timeZone).toISOString(),
  };
}

/** The same kind of period `delta` steps earlier (−1) or later (+1). */
export function shiftPeriod(sel: PeriodSelection, delta: number): PeriodSelection {
  const { y, m, d } = parseDay(sel.anchor);
  switch (sel.kind) {
    case 'week':
      return { ...sel, anchor: dayOf(y, m, d + 7 * delta) };
    case 'month':
      return { ...sel, anchor: dayOf(y, m + delta, 1) };
    case 'quarter':
      return { ...sel, anchor: dayOf(y, m + 3 * delta, 1) };
    case 'year':
      return { ...sel, anchor: dayOf(y + delta, 1, 1) };
    case 'range': {
      const { fromDay, toDay } = periodDays(sel);
      const length = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000);
      const rangeFrom = addDays(fromDay, length * delta);
      return { ...sel, anchor: rangeFrom, rangeFrom, rangeTo: addDays(rangeFrom, length - 1) };
    }
  }
}

/**
 * The evaluation API's period parameters (`period` and `at`, or `custom` with local days):
 * week any day in it, month `YYYY-MM`, quarter `YYYY-Qn`, year `YYYY`.
 */
export function evaluationPeriodParams(sel: PeriodSelection): Record<string, string> {
  const { y, m } = parseDay(sel.anchor);
  switch (sel.kind) {
    case 'week':
      return { period: 'week', at: sel.anchor };
    case 'month':
      return { period: 'month', at: `${pad(y, 4)}-${pad(m)}` };
    case 'quarter':
      return { period: 'quarter', at: `${pad(y, 4)}-Q${Math.floor((m - 1) / 3) + 1}` };
    case 'year':
      return { period: 'year', at: pad(y, 4) };
    case 'range': {
      const { fromDay, toDay } = periodDays(sel);
      return { period: 'custom', from: fromDay, to: toDay };
    }
  }
}

/** Today in a time zone, `YYYY-MM-DD`. */
export function localToday(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The period a link names (`?period=year&at=2026-06-01`, `?period=range&from=…&to=…`), else the month of `today`. */
export function periodFromSearch(search: URLSearchParams, today: string): PeriodSelection {
  const kind = PERIOD_KINDS.find((k) => k === search.get('period')) ?? 'month';
  const at = search.get('at');
  const anchor = at && DAY_RE.test(at) ? at : today;
  if (kind !== 'range') return { kind, anchor };
  const from = search.get('from');
  const to = search.get('to');
  if (!from || !to || !DAY_RE.test(from) || !DAY_RE.test(to)) return { kind: 'month', anchor };
  return { kind, anchor: from, rangeFrom: from, rangeTo: to };
}

/** The search parameters of a period, for a link that opens the same view. */
export function periodToSearch(sel: PeriodSelection): Record<string, string> {
  return sel.kind === 'range'
    ? { period: 'range', from: sel.rangeFrom ?? sel.anchor, to: sel.rangeTo ?? sel.rangeFrom ?? sel.anchor }
    : { period: sel.kind, at: sel.anchor };
}
