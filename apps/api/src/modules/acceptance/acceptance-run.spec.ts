import { describe, expect, it } from 'vitest';
import { continuousRun, wholeMonths } from './acceptance.service';

describe('wholeMonths', () => {
  it('counts whole calendar months', () => {
    expect(wholeMonths('2026-01-15', '2026-07-15')).toBe(6); // (7 − 1) months, day reached
    expect(wholeMonths('2026-01-15', '2026-07-14')).toBe(5); // one day short of the 6th
    expect(wholeMonths('2025-11-30', '2026-02-28')).toBe(2); // 12·1 + (2 − 11) = 3, day 28 < 30 → 2
    expect(wholeMonths('2026-03-01', '2026-02-01')).toBe(0); // never negative
  });
});

describe('continuousRun', () => {
  it('starts after the last pause longer than the limit and notes an interrupted run', () => {
    const days = ['2026-01-01', '2026-01-02', '2026-01-12', '2026-01-13', '2026-01-20'];
    // Pauses: 01-02 → 01-12 is 9 days without a report (> 7), 01-13 → 01-20 is 6 days (≤ 7).
    expect(continuousRun(days, '2026-01-25', 7)).toEqual({
      start: '2026-01-12',
      interruptedSince: null,
      longestGap: 9,
      gaps: 1,
    });
    // 01-20 → 01-29: 8 days without a report by "today": interrupted.
    expect(continuousRun(days, '2026-01-29', 7).interruptedSince).toBe('2026-01-20');
    expect(continuousRun(days, '2026-01-25', 10).start).toBe('2026-01-01');
  });
});
