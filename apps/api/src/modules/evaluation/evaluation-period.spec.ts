import { DomainError } from '@urbangrid/domain';
import { describe, expect, it } from 'vitest';
import { pgTimeZone, resolvePeriod } from './evaluation-period';

const TZ = 'Asia/Shanghai';

describe('evaluation periods in the city time zone', () => {
  it('a month is its local days; Shanghai midnight is 16:00 UTC the day before', () => {
    const p = resolvePeriod('month', { at: '2026-10' }, TZ);
    expect(p).toMatchObject({ label: '2026-10', from: '2026-10-01', to: '2026-11-01', days: 31 });
    expect(p.fromUtc.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(p.toUtc.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('a week runs Monday to Sunday around any of its days', () => {
    // 2026-10-22 is a Thursday; its ISO week starts Monday 2026-10-19.
    expect(resolvePeriod('week', { at: '2026-10-22' }, TZ)).toMatchObject({
      label: '2026-10-19',
      from: '2026-10-19',
      to: '2026-10-26',
      days: 7,
    });
    // A Sunday belongs to the week that began six days before.
    expect(resolvePeriod('week', { at: '2026-10-25' }, TZ).from).toBe('2026-10-19');
  });

  it('quarters, years and custom ranges', () => {
    // Q4 = Oct 31 + Nov 30 + Dec 31 = 92 days.
    expect(resolvePeriod('quarter', { at: '2026-Q4' }, TZ)).toMatchObject({
      from: '2026-10-01',
      to: '2027-01-01',
      days: 92,
    });
    // 2028 is a leap year: 366 days.
    expect(resolvePeriod('year', { at: '2028' }, TZ)).toMatchObject({
      from: '2028-01-01',
      to: '2029-01-01',
      days: 366,
    });
    expect(resolvePeriod('custom', { from: '2026-10-01', to: '2026-10-16' }, TZ)).toMatchObject({
      label: '2026-10-01..2026-10-16',
      days: 15,
    });
  });

  it.each([
    ['month', { at: '2026-13' }],
    ['month', {}],
    ['quarter', { at: '2026-Q0' }],
    ['year', { at: '26' }],
    ['week', { at: '2026-02-30' }],
    ['custom', { from: '2026-10-02', to: '2026-10-01' }],
    ['custom', { from: '2020-01-01', to: '2026-01-01' }],
    ['custom', { from: '2026-10-01' }],
  ] as const)('refuses %s %j with EVALUATION.PERIOD_INVALID', (kind, q) => {
    expect(() => resolvePeriod(kind, q, TZ)).toThrowError(
      expect.objectContaining({ code: 'EVALUATION.PERIOD_INVALID' }) as DomainError,
    );
  });

  it('writes a fixed offset the POSIX way PostgreSQL reads it', () => {
    expect(pgTimeZone('+08:00')).toBe('-08:00');
    expect(pgTimeZone('-05:30')).toBe('+05:30');
    expect(pgTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
  });
});
