import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkingDate } from './calendar';
import { resolveFilingStandard, type FilingStandard } from './filing-standard';
import { readTimeLimitSeed, validateHolidayArrangement } from './time-limit-seed';

const seed = readTimeLimitSeed();

/** Small class codes of the seeded national class tables (the spec's data), to check the seed refers to real classes. */
function specCodes(file: string): Set<string> {
  const text = readFileSync(join(__dirname, '../../../../apps/api/src/modules/classes/seed', file), 'utf8');
  return new Set(
    text
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[3] ?? '')
      .filter((c) => c !== ''),
  );
}

describe('time-limit seed', () => {
  it('holds the 2026 State Council arrangement', () => {
    const cal = seed.calendar;
    expect(isWorkingDate(cal, '2026-02-14')).toBe(true); // Saturday 调休上班
    expect(isWorkingDate(cal, '2026-02-16')).toBe(false); // 春节
    expect(isWorkingDate(cal, '2026-02-24')).toBe(true); // back to work
    expect(isWorkingDate(cal, '2026-02-28')).toBe(true); // Saturday 调休上班
    expect(isWorkingDate(cal, '2026-05-05')).toBe(false);
    expect(isWorkingDate(cal, '2026-05-09')).toBe(true);
    expect(isWorkingDate(cal, '2026-09-20')).toBe(true);
    expect(isWorkingDate(cal, '2026-10-07')).toBe(false);
    expect(isWorkingDate(cal, '2026-10-10')).toBe(true);
    // 2026: 33 holiday dates (3 + 9 + 3 + 5 + 3 + 3 + 7) and 6 adjusted working days.
    const of2026 = cal.days.filter((d) => d.date.startsWith('2026'));
    expect(of2026.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    expect(of2026.filter((d) => d.kind === 'adjusted_workday')).toHaveLength(6);
  });

  it('marks 2027 as provisional (statutory days only, no 调休)', () => {
    expect(seed.holidayYears).toEqual([
      expect.objectContaining({ year: 2026, provisional: false }),
      expect.objectContaining({ year: 2027, provisional: true }),
    ]);
    expect(
      seed.calendar.days.filter((d) => d.date.startsWith('2027') && d.kind === 'adjusted_workday'),
    ).toHaveLength(0);
  });

  it('has the default windows (450 min) and weekdays', () => {
    expect(seed.calendar.timeZone).toBe('Asia/Shanghai');
    expect(seed.calendar.windows).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(seed.calendar.weekdays).toEqual([1, 2, 3, 4, 5]);
  });

  it('refers only to small classes of the national tables', () => {
    const codes = { event: specCodes('event-classes.csv'), component: specCodes('component-classes.csv') };
    for (const s of seed.filingStandards.standards) {
      if (s.smallClassCode !== null)
        expect(codes[s.kind].has(s.smallClassCode), `${s.kind} ${s.smallClassCode}`).toBe(true);
    }
  });

  it('resolves the spec 03 §7.3 examples', () => {
    const rows: FilingStandard[] = seed.filingStandards.standards.map((s, i) => ({
      ...s,
      id: String(i),
      profileId: 'default',
      version: 1,
      validFrom: '2000-01-01',
      validTo: null,
    }));
    const limitOf = (kind: 'event' | 'component', code: string, areaClass?: string) => {
      const ms = resolveFilingStandard(rows, { kind, smallClassCode: code, areaClass, at: '2026-11-30' })
        .standard.disposalLimit.milestones;
      const last = ms[ms.length - 1];
      return `${last?.value} ${last?.unit}`;
    };
    expect(limitOf('event', '0101')).toBe('15 working_day'); // 违法搭建 (私搭乱建)
    expect(limitOf('event', '0102')).toBe('1 working_day'); // 暴露垃圾
    expect(limitOf('event', '0103')).toBe('4 working_day'); // 积存垃圾渣土
    expect(limitOf('event', '0104')).toBe('5 working_hour'); // 道路不洁
    expect(limitOf('event', '0105')).toBe('15 working_day'); // 水域不洁
    expect(limitOf('event', '0510')).toBe('2 hour'); // 露天烧烤
    expect(limitOf('component', '0118')).toBe('1 working_day'); // 路灯
    expect(limitOf('component', '0102', 'urban')).toBe('2 hour'); // 污水井盖, urban (Taiyuan)
    expect(limitOf('component', '0111')).toBe('6 hour'); // 燃气井盖 (Tianjin)
    expect(limitOf('event', '0201')).toBe('3 working_day'); // no own standard → event default
    expect(limitOf('component', '0301')).toBe('2 working_day'); // component default
  });

  it('checks a holiday arrangement and reports bad rows', () => {
    expect(() =>
      validateHolidayArrangement({
        year: 2028,
        provisional: false,
        source: 'x',
        days: [{ date: '2027-12-31', kind: 'holiday', name: '元旦' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'TIMELIMIT.HOLIDAYS_INVALID' }));
    expect(() =>
      validateHolidayArrangement({
        year: 2028,
        provisional: false,
        source: 'x',
        days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }],
      }),
    ).not.toThrow();
  });
});
