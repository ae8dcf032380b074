import type { CaseStatsMonthly } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import type { AsyncState } from '../../map';
import { rate } from '../utils/kpi';

const SERIES = [
  { key: 'reported', colour: '#1f5f8b' },
  { key: 'filed', colour: '#e0862b' },
  { key: 'closed', colour: '#2e7d32' },
] as const;

/** Trends by month: reported, filed and closed bars, with the on-time closing rate as text. */
export function TrendChart({
  state,
  onRetry,
}: {
  state: AsyncState<CaseStatsMonthly> | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (state?.status === 'error') return <CaseError error={state.error} onRetry={onRetry} />;
  if (state?.status !== 'ready')
    return (
      <p className="dashboard-muted" aria-busy>
        {t('dashboard.loading')}
      </p>
    );
  const months = state.value.items;
  if (months.length === 0) return <p className="dashboard-muted">{t('dashboard.trend.empty')}</p>;
  const max = Math.max(1, ...months.flatMap((m) => SERIES.map((s) => m[s.key])));
  const [width, height, barW] = [Math.max(300, months.length * 48), 160, 12];
  return (
    <figure className="trend-chart">
      <div className="trend-chart__scroll">
        <svg
          viewBox={`0 0 ${width} ${height + 36}`}
          width={width}
          height={height + 36}
          role="img"
          aria-label={t('dashboard.trend.label')}
        >
          {months.map((m, i) => {
            const x0 = i * 48 + 6;
            return (
              <g key={m.month}>
                {SERIES.map((s, k) => {
                  const h = Math.round((m[s.key] / max) * height);
                  return (
                    <rect
                      key={s.key}
                      x={x0 + k * barW}
                      y={height - h}
                      width={barW - 2}
                      height={h}
                      fill={s.colour}
                    >
                      <title>{`${m.month} ${t(`dashboard.trend.${s.key}`)} ${m[s.key]}`}</title>
                    </rect>
                  );
                })}
                <text x={x0 + 18} y={height + 14} textAnchor="middle" fontSize="11">
                  {m.month.slice(2)}
                </text>
                <text x={x0 + 18} y={height + 30} textAnchor="middle" fontSize="10" fill="#555">
                  {(() => {
                    const r = rate(m.closedOnTime, m.closed);
                    return r === null ? '—' : `${r.toFixed(0)}%`;
                  })()}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="trend-chart__legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <span className="dashboard-legend__swatch" style={{ background: s.colour }} aria-hidden />
            {t(`dashboard.trend.${s.key}`)}
          </span>
        ))}
        <span>{t('dashboard.trend.onTimeRow')}</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>{t('dashboard.trend.label')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.trend.month')}</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {t(`dashboard.trend.${s.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              {SERIES.map((s) => (
                <td key={s.key}>{m[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
