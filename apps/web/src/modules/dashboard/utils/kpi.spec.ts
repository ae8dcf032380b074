import type { CaseStatsSummary } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { formatKpiValue, kpisOf, rate } from './kpi';

const summary: CaseStatsSummary = {
  from: '2026-01-31T16:00:00.000Z',
  to: '2026-02-28T16:00:00.000Z',
  reported: 12345,
  filed: 900,
  closed: 855,
  closedOnTime: 800,
  overdueNow: 7,
  openNow: 40,
};

describe('KPI cards', () => {
  it('computes 结案率 over 立案 and 按期结案率 over 结案', () => {
    const byId = Object.fromEntries(kpisOf(summary).map((k) => [k.id, k]));
    // 855 / 900 = 0.95 → 95 %.
    expect(byId.closingRate?.value).toBeCloseTo(95, 10);
    // 800 / 855 = 0.935672… → 93.5672 %.
    expect(byId.onTimeRate?.value).toBeCloseTo(93.5672, 3);
    expect(byId.onTimeRate).toMatchObject({ numerator: 800, denominator: 855, measure: 'closedOnTime' });
    expect(byId.overdueNow?.value).toBe(7);
  });

  it('has no rate for a zero denominator', () => {
    expect(rate(0, 0)).toBeNull();
    expect(kpisOf({ ...summary, filed: 0, closed: 0 }).find((k) => k.id === 'closingRate')?.value).toBeNull();
  });

  it('formats counts with grouping and rates with one decimal', () => {
    expect(formatKpiValue({ kind: 'count', value: 12345 }, 'zh-CN')).toBe('12,345');
    // 93.5672 → 93.6 %.
    expect(formatKpiValue({ kind: 'rate', value: 93.5672 }, 'en')).toBe('93.6%');
    expect(formatKpiValue({ kind: 'rate', value: 95 }, 'zh-CN')).toBe('95.0%');
    expect(formatKpiValue({ kind: 'rate', value: null }, 'en')).toBe('—');
  });
});
