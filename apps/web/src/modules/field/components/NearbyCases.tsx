import type { DuplicateCandidate } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../../map/hooks/async-state';
import { roundMetres } from '../utils/format';
import { FieldError } from './FieldError';

export interface NearbyCasesProps {
  state: AsyncState<DuplicateCandidate[]> | null;
  online: boolean;
  onSame: (candidate: DuplicateCandidate) => void;
  onRetry: () => void;
}

/** 附近同类未结案件: open cases of the chosen small class near the point, before submitting. */
export function NearbyCases({ state, online, onSame, onRetry }: NearbyCasesProps) {
  const { t } = useTranslation();
  if (!online) {
    return (
      <section className="field-section" aria-labelledby="nearby-title">
        <h2 id="nearby-title" className="field-section__title">
          {t('field.nearby.title')}
        </h2>
        <p className="field-muted">{t('field.nearby.offline')}</p>
      </section>
    );
  }
  if (!state) return null;
  return (
    <section className="field-section" aria-labelledby="nearby-title" data-testid="nearby-cases">
      <h2 id="nearby-title" className="field-section__title">
        {t('field.nearby.title')}
      </h2>
      {state.status === 'loading' && (
        <p className="field-muted" role="status">
          {t('field.nearby.loading')}
        </p>
      )}
      {state.status === 'error' && <FieldError error={state.error} onRetry={onRetry} />}
      {state.status === 'ready' && state.value.length === 0 && (
        <p className="field-muted">{t('field.nearby.none')}</p>
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <>
          <p>{t('field.nearby.hint')}</p>
          <ul className="field-list">
            {state.value.map((c) => (
              <li key={c.id} className="field-card field-card--warn">
                <div className="field-card__row">
                  <strong>{c.caseNo}</strong>
                  <span className="field-muted">
                    {t('field.nearby.distance', { distance: roundMetres(c.distanceM) })}
                  </span>
                </div>
                <p className="field-card__text">
                  {t(`cases.states.${c.state}`)} · {c.description}
                </p>
                <button
                  type="button"
                  className="field-button field-button--secondary"
                  onClick={() => onSame(c)}
                >
                  {t('field.nearby.same')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
