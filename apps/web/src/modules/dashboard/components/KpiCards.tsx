import type { CaseStatsSummary } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import type { AsyncState } from '../../map';
import { formatKpiValue, kpisOf, type Kpi } from '../utils/kpi';

export interface KpiCardsProps {
  state: AsyncState<CaseStatsSummary> | null;
  onRetry: () => void;
  onDrill: (kpi: Kpi) => void;
}

const CARD_IDS = ['reported', 'filed', 'closingRate', 'onTimeRate', 'overdueNow'] as const;

/** 上报, 立案, 结案率, 按期结案率 and 超期 now; each card opens the cases behind its number. */
export function KpiCards({ state, onRetry, onDrill }: KpiCardsProps) {
  const { t, i18n } = useTranslation();
  if (state?.status === 'error') return <CaseError error={state.error} onRetry={onRetry} />;
  const kpis = state?.status === 'ready' ? kpisOf(state.value) : null;
  return (
    <ul className="kpi-cards" aria-busy={state?.status === 'loading'} aria-label={t('dashboard.kpi.label')}>
      {CARD_IDS.map((id) => {
        const kpi = kpis?.find((k) => k.id === id);
        return (
          <li key={id}>
            <button
              type="button"
              className={`kpi-card kpi-card--${id}`}
              disabled={!kpi}
              data-kpi={id}
              onClick={() => kpi && onDrill(kpi)}
              aria-label={
                kpi
                  ? t('dashboard.kpi.drill', {
                      name: t(`dashboard.kpi.${id}`),
                      value: formatKpiValue(kpi, i18n.language),
                    })
                  : undefined
              }
            >
              <span className="kpi-card__name">{t(`dashboard.kpi.${id}`)}</span>
              <span className="kpi-card__value" data-testid={`kpi-${id}`}>
                {kpi ? formatKpiValue(kpi, i18n.language) : '…'}
              </span>
              {kpi?.kind === 'rate' && (
                <span className="kpi-card__detail">
                  {kpi.numerator} / {kpi.denominator}
                </span>
              )}
              {id === 'overdueNow' && state?.status === 'ready' && (
                <span className="kpi-card__detail">
                  {t('dashboard.kpi.openNow', { count: state.value.openNow })}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
