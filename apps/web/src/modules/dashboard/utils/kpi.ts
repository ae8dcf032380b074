import type { CaseStatsSummary } from '@urbangrid/contracts';

/**
 * The dashboard's KPI cards: counts and the two rates. 结案率 closing rate = 结案数 / 立案数;
 * 按期结案率 on-time closing rate = 按期结案数 / 结案数. A zero denominator has no rate (null),
 * shown as a dash, never as 0 % or 100 %.
 */
export type KpiId = 'reported' | 'filed' | 'closingRate' | 'onTimeRate' | 'overdueNow';

export interface Kpi {
  id: KpiId;
  /** The count, or the rate in percent (unrounded); null when the rate has no denominator. */
  value: number | null;
  kind: 'count' | 'rate';
  /** For rates: numerator and denominator, shown under the value. */
  numerator?: number;
  denominator?: number;
  /** The drill-down measure behind the card. */
  measure: 'reported' | 'filed' | 'closed' | 'closedOnTime' | 'overdueNow';
}

export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

export function kpisOf(s: CaseStatsSummary): Kpi[] {
  return [
    { id: 'reported', kind: 'count', value: s.reported, measure: 'reported' },
    { id: 'filed', kind: 'count', value: s.filed, measure: 'filed' },
    {
      id: 'closingRate',
      kind: 'rate',
      value: rate(s.closed, s.filed),
      numerator: s.closed,
      denominator: s.filed,
      measure: 'closed',
    },
    {
      id: 'onTimeRate',
      kind: 'rate',
      value: rate(s.closedOnTime, s.closed),
      numerator: s.closedOnTime,
      denominator: s.closed,
      measure: 'closedOnTime',
    },
    { id: 'overdueNow', kind: 'count', value: s.overdueNow, measure: 'overdueNow' },
  ];
}

/** A count with grouping for the locale (12,345 / 12,345), a rate with one decimal and %; null → —. */
export function formatKpiValue(kpi: Pick<Kpi, 'kind' | 'value'>, locale: string): string {
  if (kpi.value === null) return '—';
  if (kpi.kind === 'count') return new Intl.NumberFormat(locale).format(kpi.value);
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(kpi.value)}%`;
}
