import { describe, expect, it } from 'vitest';
import { daysOfYear, toggleWeekday, upsertDay } from './calendar-edit';

describe('working calendar editing', () => {
  const days = [
    { date: '2026-10-01', kind: 'holiday' as const, name: '国庆节' },
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { date: '2026-09-28', kind: 'adjusted_workday' as const, name: '国庆节调休上班' },
  ];

  it('picks one year in date order', () => {
    expect(daysOfYear(days, 2026).map((d) => d.date)).toEqual(['2026-09-28', '2026-10-01']);
  });

  it('keeps one override per date', () => {
    const next = upsertDay(days, { date: '2026-10-01', kind: 'adjusted_workday', name: '改为上班' });
    expect(next.filter((d) => d.date === '2026-10-01')).toEqual([
      { date: '2026-10-01', kind: 'adjusted_workday', name: '改为上班' },
    ]);
    expect(next.map((d) => d.date)).toEqual(['2026-09-28', '2026-10-01', '2027-01-01']);
  });

  it('toggles weekdays', () => {
    expect(toggleWeekday([1, 2, 3, 4, 5], 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toggleWeekday([1, 2, 3, 4, 5], 3)).toEqual([1, 2, 4, 5]);
  });
});
