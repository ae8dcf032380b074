import { describe, expect, it } from 'vitest';
import { addDuration, basisOf, colourOfShare, elapsed, onTime, progress, remaining } from './deadline';
import { resolveSettings } from './settings';
import { cst, testCalendar } from './test-calendar';

const cal = testCalendar();
const at = (local: string) => cst(local).toISOString();
const add = (
  start: string,
  value: number,
  unit: Parameters<typeof addDuration>[1]['unit'],
  extra: Parameters<typeof resolveSettings>[0] = {},
) => addDuration(cst(start), { value, unit }, cal, resolveSettings(extra)).toISOString();

/**
 * Reference: walk minute by minute with its own UTC+8 arithmetic (no Intl, no calendar code),
 * counting working minutes. Slow, only for checking.
 */
function isWorkingMinute(t: number): boolean {
  const local = new Date(t + 8 * 3_600_000);
  const date = local.toISOString().slice(0, 10);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const override = cal.days.find((d) => d.date === date);
  const working = override
    ? override.kind === 'adjusted_workday'
    : local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
  return working && ((minute >= 510 && minute < 720) || (minute >= 810 && minute < 1050));
}
function bruteWorkingDeadline(start: Date, minutes: number): Date {
  let t = start.getTime();
  let left = minutes;
  while (!isWorkingMinute(t)) t += 60_000;
  while (left > 0) {
    if (isWorkingMinute(t)) left -= 1;
    t += 60_000;
  }
  return new Date(t);
}

describe('natural units', () => {
  it('adds wall time: minutes, hours, days', () => {
    expect(add('2026-11-27 16:30', 30, 'minute')).toBe(at('2026-11-27 17:00'));
    expect(add('2026-11-27 16:30', 2, 'hour')).toBe(at('2026-11-27 18:30'));
    // 1 day = 24 h, weekends count: Fri 16:30 → Sat 16:30.
    expect(add('2026-11-27 16:30', 1, 'day')).toBe(at('2026-11-28 16:30'));
  });
});

describe('working hours', () => {
  it('walks the windows: Fri 16:30 + 5 h = 60 (Fri) + 210 (Mon morning) + 30 → Mon 14:00', () => {
    expect(add('2026-11-27 16:30', 5, 'working_hour')).toBe(at('2026-11-30 14:00'));
  });

  it('starts outside working time at the next window: Sat 10:00 + 1 h → Mon 09:30', () => {
    expect(add('2026-11-28 10:00', 1, 'working_hour')).toBe(at('2026-11-30 09:30'));
    // Lunch break: 12:30 + 1 h → 13:30 + 60 min = 14:30.
    expect(add('2026-11-30 12:30', 1, 'working_hour')).toBe(at('2026-11-30 14:30'));
  });

  it('ends at a window end rather than the next start: Mon 08:30 + 3.5 h = 210 min → 12:00', () => {
    expect(add('2026-11-30 08:30', 3.5, 'working_hour')).toBe(at('2026-11-30 12:00'));
  });

  it('zero duration is the first working moment at or after the start', () => {
    expect(add('2026-11-30 12:30', 0, 'working_hour')).toBe(at('2026-11-30 13:30'));
    expect(add('2026-11-30 09:00', 0, 'working_hour')).toBe(at('2026-11-30 09:00'));
  });

  it('skips holidays and works on adjusted days', () => {
    // Wed 09-30 16:00 + 3 h: 90 min on Wed, Oct 1–7 off, Thu 10-08 08:30 + 90 min = 10:00.
    expect(add('2026-09-30 16:00', 3, 'working_hour')).toBe(at('2026-10-08 10:00'));
    // Sat 09-19 10:00 + 1 h: Sunday 09-20 is 调休上班 → 08:30 + 60 = 09:30.
    expect(add('2026-09-19 10:00', 1, 'working_hour')).toBe(at('2026-09-20 09:30'));
  });

  it('working minutes: a minute limit with basis working', () => {
    // 11:50 + 30 working min: 10 before 12:00, 20 after 13:30 → 13:50.
    expect(
      addDuration(
        cst('2026-11-30 11:50'),
        { value: 30, unit: 'minute', basis: 'working' },
        cal,
      ).toISOString(),
    ).toBe(at('2026-11-30 13:50'));
  });

  it('agrees with a minute-by-minute walk on long and awkward spans', () => {
    for (const [start, hours] of [
      ['2026-09-18 17:00', 7.5],
      ['2026-09-29 11:59', 40],
      ['2026-11-27 23:59', 100],
    ] as const) {
      expect(add(start, hours, 'working_hour')).toBe(
        bruteWorkingDeadline(cst(start), hours * 60).toISOString(),
      );
    }
  });
});

describe('working days', () => {
  it('window_length: N × 450 working minutes; Fri 16:30 + 1 day = 60 + 210 + 180 → Mon 16:30', () => {
    expect(add('2026-11-27 16:30', 1, 'working_day')).toBe(at('2026-11-30 16:30'));
  });

  it('window_length over National Day: Wed 09-30 16:00 + 1 day = 90 + 210 + 150 → Thu 10-08 16:00', () => {
    expect(add('2026-09-30 16:00', 1, 'working_day')).toBe(at('2026-10-08 16:00'));
  });

  it('a 15-working-day limit equals the minute walk of 15 × 450 = 6 750 working minutes', () => {
    // From Mon 09-14 08:30: 15 working days over 09-20 (Sun, worked), Oct 1–7 off, 10-10 (Sat, worked).
    // Working days: 09-14..18 (5), 09-20 (1), 09-21..25 (5), 09-28..30 (3), 10-08 (1) = 15 → ends 10-08 17:30.
    expect(add('2026-09-14 08:30', 15, 'working_day')).toBe(at('2026-10-08 17:30'));
    expect(add('2026-09-14 08:30', 15, 'working_day')).toBe(
      bruteWorkingDeadline(cst('2026-09-14 08:30'), 6750).toISOString(),
    );
  });

  it('a configured working-day length replaces the windows sum: 1 day of 480 min from Mon 08:30 → Tue 09:00', () => {
    // 450 on Monday, 30 more on Tuesday.
    expect(add('2026-11-30 08:30', 1, 'working_day', { workingDayMinutes: 480 })).toBe(
      at('2026-12-01 09:00'),
    );
  });

  it('same_clock_next_working_day: same clock on the N-th following working day', () => {
    const mode = { workingDayMode: 'same_clock_next_working_day' as const };
    expect(add('2026-11-27 10:00', 2, 'working_day', mode)).toBe(at('2026-12-01 10:00')); // Fri → Tue
    // Saturday start moves to Mon 08:30 first, then one working day → Tue 08:30.
    expect(add('2026-11-28 10:00', 1, 'working_day', mode)).toBe(at('2026-12-01 08:30'));
    // Wed 09-30 15:00 + 1 → Thu 10-08 15:00 (the holidays are skipped).
    expect(add('2026-09-30 15:00', 1, 'working_day', mode)).toBe(at('2026-10-08 15:00'));
    expect(() => add('2026-09-30 15:00', 1.5, 'working_day', mode)).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.DURATION_INVALID' }),
    );
  });

  it('refuses a calendar without working time instead of looping forever', () => {
    const idle = testCalendar({ weekdays: [], days: [] });
    expect(() => addDuration(cst('2026-11-30 08:30'), { value: 1, unit: 'working_hour' }, idle)).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.NO_WORKING_TIME' }),
    );
  });
});

describe('durations', () => {
  it('derive the basis from the unit and refuse contradictions', () => {
    expect(basisOf({ value: 1, unit: 'working_day' })).toBe('working');
    expect(basisOf({ value: 1, unit: 'hour' })).toBe('natural');
    expect(basisOf({ value: 1, unit: 'hour', basis: 'working' })).toBe('working');
    const code = expect.objectContaining({ code: 'TIMELIMIT.DURATION_INVALID' }) as Error;
    expect(() => basisOf({ value: 1, unit: 'working_hour', basis: 'natural' })).toThrow(code);
    expect(() => basisOf({ value: 1, unit: 'day', basis: 'working' })).toThrow(code);
    expect(() => basisOf({ value: -1, unit: 'hour' })).toThrow(code);
    expect(() => basisOf({ value: Number.NaN, unit: 'hour' })).toThrow(code);
  });
});

describe('elapsed, remaining, colours', () => {
  it('counts elapsed time in the limit basis: Fri 16:30 → Mon 14:00 is 60 + 210 + 30 = 300 working min', () => {
    expect(elapsed(cst('2026-11-27 16:30'), cst('2026-11-30 14:00'), 'working', cal)).toBe(300);
    // Natural: 2 days 21.5 h = 69.5 h = 4 170 min.
    expect(elapsed(cst('2026-11-27 16:30'), cst('2026-11-30 14:00'), 'natural', cal)).toBe(4170);
  });

  it('remaining is negative past the deadline', () => {
    // Deadline Mon 10:00, now Mon 14:00: overdue by 120 (morning) + 30 (afternoon) = 150 working min.
    expect(remaining(cst('2026-11-30 14:00'), cst('2026-11-30 10:00'), 'working', cal)).toBe(-150);
    expect(remaining(cst('2026-11-30 09:00'), cst('2026-11-30 10:00'), 'working', cal)).toBe(60);
  });

  it('colours by share: < 0.8 green, 0.8…1 yellow, > 1 red; the threshold is a setting', () => {
    expect(colourOfShare(0.79)).toBe('green');
    expect(colourOfShare(0.8)).toBe('yellow');
    expect(colourOfShare(1)).toBe('yellow');
    expect(colourOfShare(1.01)).toBe('red');
    expect(colourOfShare(0.6, 0.5)).toBe('yellow');
  });

  it('progress of a 100-minute natural limit: 79 green, 80 yellow, 100 yellow, 101 red', () => {
    const start = cst('2026-11-30 09:00');
    const deadline = cst('2026-11-30 10:40');
    const colourAt = (min: number) =>
      progress(start, deadline, new Date(start.getTime() + min * 60_000), 'natural', cal).colour;
    expect([79, 80, 100, 101].map(colourAt)).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('a working-time limit past its deadline is red even when no working time has passed since', () => {
    // Deadline Mon 17:30, seen at 20:00: 450 of 450 working minutes used, share 1, yet overdue.
    const p = progress(
      cst('2026-11-30 08:30'),
      cst('2026-11-30 17:30'),
      cst('2026-11-30 20:00'),
      'working',
      cal,
    );
    expect(p.colour).toBe('red');
    expect(p.elapsed).toBe(450);
  });

  it('on time means no later than the deadline', () => {
    expect(onTime(cst('2026-11-30 10:00'), cst('2026-11-30 10:00'))).toBe(true);
    expect(onTime(new Date(cst('2026-11-30 10:00').getTime() + 1), cst('2026-11-30 10:00'))).toBe(false);
  });
});

describe('settings', () => {
  it('fills defaults and lists every bad field', () => {
    expect(resolveSettings()).toMatchObject({
      yellowThreshold: 0.8,
      workingDayMode: 'window_length',
      reworkClock: 'restart',
      returnClock: 'restart',
      clockRunsWhilePending: true,
    });
    try {
      resolveSettings({ yellowThreshold: 1.5, workingDayMinutes: 0 });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({
        code: 'TIMELIMIT.SETTINGS_INVALID',
        details: [{ field: 'yellowThreshold' }, { field: 'workingDayMinutes' }],
      });
    }
  });
});
