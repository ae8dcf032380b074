import { DomainError, formatLocalDate, localToUtc, type PeriodKind, utcToLocal } from '@urbangrid/domain';

/** 评价周期 resolved to whole local days [fromDay, toDay) and the UTC instants that bound them. */
export interface EvaluationPeriod {
  kind: PeriodKind;
  /** `2026-10`, `2026-Q4`, `2026`, `2026-10-19` (week: its Monday), `2026-10-01..2026-10-15` (custom). */
  label: string;
  /** First local day, YYYY-MM-DD. */
  from: string;
  /** Local day after the last one, YYYY-MM-DD (exclusive). */
  to: string;
  days: number;
  fromDay: number;
  toDay: number;
  fromUtc: Date;
  toUtc: Date;
}

/** Longest custom range: two years (a year-long query is the largest the roll-up is sized for). */
const MAX_CUSTOM_DAYS = 731;

const invalid = (field: string, message: string): DomainError =>
  new DomainError('EVALUATION.PERIOD_INVALID', message, [{ field, message }]);

function dayOf(date: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const day = ms / 86_400_000;
  if (!m || !Number.isInteger(day) || formatLocalDate(day) !== date)
    throw invalid(field, `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return day;
}

const dayUtc = (y: number, m0: number, d: number): number => Date.UTC(y, m0, d) / 86_400_000;

/**
 * The period of `kind` named by `at` (week: any date in the ISO week, Monday to Sunday; month
 * `YYYY-MM`; quarter `YYYY-Qn`; year `YYYY`) or the custom range [from, to), in the city's zone.
 */
export function resolvePeriod(
  kind: PeriodKind,
  q: { at?: string; from?: string; to?: string },
  timeZone: string,
): EvaluationPeriod {
  let fromDay: number;
  let toDay: number;
  let label: string;
  if (kind === 'custom') {
    if (!q.from || !q.to)
      throw invalid('from', 'a custom period needs from and to (YYYY-MM-DD, to exclusive)');
    fromDay = dayOf(q.from, 'from');
    toDay = dayOf(q.to, 'to');
    if (toDay <= fromDay) throw invalid('to', 'to must be after from (the range is [from, to))');
    if (toDay - fromDay > MAX_CUSTOM_DAYS)
      throw invalid('to', `a custom period spans at most ${MAX_CUSTOM_DAYS} days`);
    label = `${q.from}..${q.to}`;
  } else {
    const at = q.at;
    if (!at) throw invalid('at', `a ${kind} period needs at`);
    switch (kind) {
      case 'week': {
        const d = dayOf(at, 'at');
        // 1970-01-01 was a Thursday: ISO weekday = ((day + 3) mod 7) + 1.
        fromDay = d - ((((d + 3) % 7) + 7) % 7);
        toDay = fromDay + 7;
        label = formatLocalDate(fromDay);
        break;
      }
      case 'month': {
        const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(at);
        if (!m) throw invalid('at', `a month period needs at = YYYY-MM, got ${JSON.stringify(at)}`);
        fromDay = dayUtc(Number(m[1]), Number(m[2]) - 1, 1);
        toDay = dayUtc(Number(m[1]), Number(m[2]), 1);
        label = at;
        break;
      }
      case 'quarter': {
        const m = /^(\d{4})-Q([1-4])$/.exec(at);
        if (!m) throw invalid('at', `a quarter period needs at = YYYY-Qn, got ${JSON.stringify(at)}`);
        fromDay = dayUtc(Number(m[1]), (Number(m[2]) - 1) * 3, 1);
        toDay = dayUtc(Number(m[1]), Number(m[2]) * 3, 1);
        label = at;
        break;
      }
      case 'year': {
        if (!/^\d{4}$/.test(at))
          throw invalid('at', `a year period needs at = YYYY, got ${JSON.stringify(at)}`);
        fromDay = dayUtc(Number(at), 0, 1);
        toDay = dayUtc(Number(at) + 1, 0, 1);
        label = at;
        break;
      }
    }
  }
  return {
    kind,
    label,
    from: formatLocalDate(fromDay),
    to: formatLocalDate(toDay),
    days: toDay - fromDay,
    fromDay,
    toDay,
    fromUtc: new Date(localToUtc(timeZone, fromDay, 0)),
    toUtc: new Date(localToUtc(timeZone, toDay, 0)),
  };
}

/** The local day number of an instant in the zone. */
export function localDayOf(timeZone: string, at: Date): number {
  return utcToLocal(timeZone, at.getTime()).day;
}

/**
 * The zone as PostgreSQL's `AT TIME ZONE` reads it. PostgreSQL takes a bare offset as POSIX,
 * where positive means west of Greenwich, so `+08:00` must be written `-08:00`.
 */
export function pgTimeZone(timeZone: string): string {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(timeZone);
  if (!m) return timeZone;
  return `${m[1] === '+' ? '-' : '+'}${m[2]}:${m[3]}`;
}
