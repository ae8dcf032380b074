import type { WorkCalendar } from './calendar';

/**
 * A fixed calendar for the specs (not the seed, so seed edits never move expected numbers):
 * Asia/Shanghai (UTC+8, no DST), 08:30–12:00 + 13:30–17:30 (210 + 240 = 450 min a day), Mon–Fri,
 * with the 2026 National Day arrangement (10-01…10-07 off, Sun 09-20 and Sat 10-10 working).
 */
export function testCalendar(overrides: Partial<WorkCalendar> = {}): WorkCalendar {
  const holidays = [
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ];
  return {
    code: 'test',
    name: 'test calendar',
    timeZone: 'Asia/Shanghai',
    windows: [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
    weekdays: [1, 2, 3, 4, 5],
    days: [
      ...holidays.map((date) => ({ date, kind: 'holiday' as const, name: '国庆节' })),
      { date: '2026-09-20', kind: 'adjusted_workday', name: '国庆节调休上班' },
      { date: '2026-10-10', kind: 'adjusted_workday', name: '国庆节调休上班' },
    ],
    ...overrides,
  };
}

/** An instant given as Beijing local time `YYYY-MM-DD HH:MM` (UTC+8). */
export function cst(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
