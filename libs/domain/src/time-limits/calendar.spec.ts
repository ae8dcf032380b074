import { describe, expect, it } from 'vitest';
import {
  compileCalendar,
  isWorkingDate,
  isWorkingTime,
  isoWeekday,
  localDateOf,
  localToUtc,
  parseLocalDate,
  utcToLocal,
  validateCalendar,
  zoneOffsetMinutes,
} from './calendar';
import { cst, testCalendar } from './test-calendar';

// Every instant here is explicit (UTC or +08:00); nothing reads the process clock or zone.
describe('working calendar', () => {
  it('knows weekdays: 1970-01-01 was a Thursday, 2026-11-28 a Saturday', () => {
    expect(isoWeekday(0)).toBe(4);
    expect(isoWeekday(parseLocalDate('2026-11-28'))).toBe(6);
    expect(isoWeekday(parseLocalDate('2026-11-29'))).toBe(7);
  });

  it('refuses impossible dates', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.DATE_INVALID' }),
    );
    expect(() => parseLocalDate('2026-2-3')).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.DATE_INVALID' }),
    );
  });

  it('computes zone offsets: Shanghai +480 all year, New York −300 / −240 with DST, fixed offsets', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 0, 15))).toBe(480);
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 6, 15))).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 15, 12))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 15, 12))).toBe(-240);
    expect(zoneOffsetMinutes('+05:30', 0)).toBe(330);
    expect(zoneOffsetMinutes('UTC', 0)).toBe(0);
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.TIME_ZONE_INVALID' }),
    );
  });

  it('converts local wall time to UTC and back', () => {
    const day = parseLocalDate('2026-07-01');
    // 09:00 in Shanghai = 09:00 − 8 h = 01:00Z; in New York (EDT, −4 h) = 13:00Z.
    expect(new Date(localToUtc('Asia/Shanghai', day, 540)).toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(new Date(localToUtc('America/New_York', day, 540)).toISOString()).toBe('2026-07-01T13:00:00.000Z');
    // 2026-01-15 09:00 EST (−5 h) = 14:00Z.
    expect(new Date(localToUtc('America/New_York', parseLocalDate('2026-01-15'), 540)).toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    // 23:30Z on 06-30 is 07:30 on 07-01 in Shanghai: minute 450 of the day.
    expect(utcToLocal('Asia/Shanghai', Date.UTC(2026, 5, 30, 23, 30))).toEqual({ day, minuteOfDay: 450 });
    expect(localDateOf('Asia/Shanghai', new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('applies holidays and adjusted working days over the weekday pattern', () => {
    const cal = testCalendar();
    expect(isWorkingDate(cal, '2026-09-30')).toBe(true); // Wednesday
    expect(isWorkingDate(cal, '2026-10-01')).toBe(false); // 国庆节, a Thursday
    expect(isWorkingDate(cal, '2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDate(cal, '2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDate(cal, '2026-10-11')).toBe(false); // Sunday
  });

  it('knows working time inside the windows only', () => {
    const cal = testCalendar();
    expect(isWorkingTime(cal, cst('2026-11-27 08:29'))).toBe(false);
    expect(isWorkingTime(cal, cst('2026-11-27 08:30'))).toBe(true);
    expect(isWorkingTime(cal, cst('2026-11-27 12:00'))).toBe(false); // windows are [start, end)
    expect(isWorkingTime(cal, cst('2026-11-27 13:30'))).toBe(true);
    expect(isWorkingTime(cal, cst('2026-11-28 10:00'))).toBe(false); // Saturday
  });

  it('sums the standard day: 08:30–12:00 + 13:30–17:30 = 210 + 240 = 450 minutes', () => {
    expect(compileCalendar(testCalendar()).dayMinutes).toBe(450);
  });

  it('reports bad calendars', () => {
    const bad = (patch: Parameters<typeof testCalendar>[0]) => () => validateCalendar(testCalendar(patch));
    const code = expect.objectContaining({ code: 'TIMELIMIT.CALENDAR_INVALID' }) as Error;
    expect(bad({ windows: [] })).toThrow(code);
    expect(bad({ windows: [{ start: '12:00', end: '08:00' }] })).toThrow(code);
    expect(
      bad({
        windows: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      }),
    ).toThrow(code);
    expect(bad({ windows: [{ start: '8:00', end: '12:00' }] })).toThrow(code);
    expect(bad({ weekdays: [0] })).toThrow(code);
    expect(
      bad({
        days: [
          { date: '2026-10-01', kind: 'holiday', name: 'a' },
          { date: '2026-10-01', kind: 'holiday', name: 'b' },
        ],
      }),
    ).toThrow(code);
  });
});
