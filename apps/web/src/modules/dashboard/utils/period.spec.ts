import { describe, expect, it } from 'vitest';
import {
  evaluationPeriodParams,
  periodDays,
  periodFromSearch,
  periodRange,
  periodToSearch,
  shiftPeriod,
  startOfLocalDay,
} from './period';

const SH = 'Asia/Shanghai';

describe('period picker → from/to', () => {
  it('a month is its local days, as instants 8 h before Shanghai midnight', () => {
    expect(periodDays({ kind: 'month', anchor: '2026-02-14' })).toEqual({
      fromDay: '2026-02-01',
      toDay: '2026-03-01',
    });
    // 2026-02-01 00:00 +08:00 = 2026-01-31 16:00Z.
    expect(periodRange({ kind: 'month', anchor: '2026-02-14' }, SH)).toEqual({
      from: '2026-01-31T16:00:00.000Z',
      to: '2026-02-28T16:00:00.000Z',
    });
  });

  it('a week runs Monday to Monday (ISO 8601)', () => {
    // 2026-11-28 is a Saturday; its Monday is 23 November.
    expect(periodDays({ kind: 'week', anchor: '2026-11-28' })).toEqual({
      fromDay: '2026-11-23',
      toDay: '2026-11-30',
    });
    // A Sunday belongs to the week that began six days before.
    expect(periodDays({ kind: 'week', anchor: '2026-11-29' }).fromDay).toBe('2026-11-23');
  });

  it('quarters and years, across the year end', () => {
    expect(periodDays({ kind: 'quarter', anchor: '2026-11-28' })).toEqual({
      fromDay: '2026-10-01',
      toDay: '2027-01-01',
    });
    expect(periodDays({ kind: 'year', anchor: '2026-05-05' })).toEqual({
      fromDay: '2026-01-01',
      toDay: '2027-01-01',
    });
  });

  it('a range includes its last day, in either order', () => {
    const sel = {
      kind: 'range' as const,
      anchor: '2026-03-01',
      rangeFrom: '2026-03-10',
      rangeTo: '2026-03-01',
    };
    expect(periodDays(sel)).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-11' });
  });

  it('steps back and forth by its own length', () => {
    expect(shiftPeriod({ kind: 'month', anchor: '2026-01-31' }, -1).anchor).toBe('2025-12-01');
    expect(shiftPeriod({ kind: 'quarter', anchor: '2026-11-28' }, 1).anchor).toBe('2027-02-01');
    // A 10-day range moves by 10 days.
    const r = shiftPeriod(
      { kind: 'range', anchor: '2026-03-01', rangeFrom: '2026-03-01', rangeTo: '2026-03-10' },
      1,
    );
    expect([r.rangeFrom, r.rangeTo]).toEqual(['2026-03-11', '2026-03-20']);
  });

  it('maps to the evaluation API’s period and at', () => {
    expect(evaluationPeriodParams({ kind: 'quarter', anchor: '2026-11-28' })).toEqual({
      period: 'quarter',
      at: '2026-Q4',
    });
    expect(evaluationPeriodParams({ kind: 'month', anchor: '2026-03-05' })).toEqual({
      period: 'month',
      at: '2026-03',
    });
    expect(evaluationPeriodParams({ kind: 'year', anchor: '2026-03-05' })).toEqual({
      period: 'year',
      at: '2026',
    });
    expect(
      evaluationPeriodParams({
        kind: 'range',
        anchor: '2026-03-01',
        rangeFrom: '2026-03-01',
        rangeTo: '2026-03-10',
      }),
    ).toEqual({ period: 'custom', from: '2026-03-01', to: '2026-03-11' });
  });

  it('handles a zone with daylight saving time on the day it changes', () => {
    // New York moves to UTC−4 on 2026-03-08 at 02:00; that day still starts at 05:00Z (UTC−5).
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('reads and writes the period of a link', () => {
    const year = periodFromSearch(new URLSearchParams('period=year&at=2026-06-01'), '2026-11-28');
    expect(year).toEqual({ kind: 'year', anchor: '2026-06-01' });
    expect(periodToSearch(year)).toEqual({ period: 'year', at: '2026-06-01' });
    const range = periodFromSearch(
      new URLSearchParams('period=range&from=2026-03-01&to=2026-03-10'),
      '2026-11-28',
    );
    expect(periodDays(range)).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-11' });
    expect(periodToSearch(range)).toEqual({ period: 'range', from: '2026-03-01', to: '2026-03-10' });
    // Nothing or nonsense: the month of today.
    expect(periodFromSearch(new URLSearchParams('period=decade&at=soon'), '2026-11-28')).toEqual({
      kind: 'month',
      anchor: '2026-11-28',
    });
  });
});
