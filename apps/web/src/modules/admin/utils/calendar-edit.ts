import type { CalendarDay } from '@urbangrid/domain';

/** The days of one year, sorted by date (the holidays import replaces a whole year). */
export function daysOfYear(days: readonly CalendarDay[], year: number): CalendarDay[] {
  return days.filter((d) => d.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
}

/** Adds or replaces the override of a date (at most one per date), keeping date order. */
export function upsertDay(days: readonly CalendarDay[], day: CalendarDay): CalendarDay[] {
  return [...days.filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
}

/** ISO weekdays 1 (Monday) … 7 (Sunday), toggled in or out, sorted. */
export function toggleWeekday(weekdays: readonly number[], day: number): number[] {
  return (weekdays.includes(day) ? weekdays.filter((d) => d !== day) : [...weekdays, day]).sort(
    (a, b) => a - b,
  );
}
