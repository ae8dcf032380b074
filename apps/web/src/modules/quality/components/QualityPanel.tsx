import type { GridQualityFinding, GridQualityReport } from '@urbangrid/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../map/api/errors';
import type { AsyncState } from '../../map/hooks/async-state';
import { countBySeverity, findingMessage, groupFindingsByCheck } from '../utils/group-findings';
import './quality.css';

export interface QualityPanelProps {
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
  state: AsyncState<GridQualityReport> | null;
  onRetry: () => void;
  /** The finding whose marker was clicked. */
  selected: GridQualityFinding | null;
}

/** 网格质检: the switch, a progress line while the checks run, counts by check, the clicked finding. */
export function QualityPanel({ enabled, onToggle, state, onRetry, selected }: QualityPanelProps) {
  const { t, i18n } = useTranslation();
  const inputId = useId();

  return (
    <section className="quality" data-testid="quality-panel">
      <div className="layer-switcher__item">
        <input
          id={inputId}
          type="checkbox"
          checked={enabled}
          onChange={(event) => onToggle(event.target.checked)}
          data-testid="quality-toggle"
        />
        <label htmlFor={inputId}>
          <span className="quality__swatch" aria-hidden="true" />
          {t('quality.toggle')}
        </label>
      </div>
      {state?.status === 'loading' && (
        <p className="quality__status" role="status">
          <span className="ug-spinner" aria-hidden="true" />
          {t('quality.running')}
        </p>
      )}
      {state?.status === 'error' && (
        <div className="quality__error" role="alert">
          <span>
            {(() => {
              const description = describeError(state.error);
              return description.kind === 'message'
                ? t(description.key, description.values)
                : description.text;
            })()}
          </span>
          <button type="button" className="ug-button ug-button--small" onClick={onRetry}>
            {t('map.retry')}
          </button>
        </div>
      )}
      {state?.status === 'ready' && <QualityResult report={state.value} />}
      {selected && (
        <p className="quality__selected" role="status" data-testid="quality-selected">
          <strong>{t(`quality.checks.${selected.check}`)}</strong>
          {findingMessage(selected, i18n.language)}
        </p>
      )}
    </section>
  );
}

function QualityResult({ report }: { report: GridQualityReport }) {
  const { t } = useTranslation();
  const counts = countBySeverity(report.findings);
  const groups = groupFindingsByCheck(report.findings);
  return (
    <div className="quality__result" data-testid="quality-result">
      <p className="quality__summary">
        {t('quality.summary', { grids: report.gridCount, errors: counts.error, warnings: counts.warning })}
      </p>
      {counts.error === 0 && (
        <p className="quality__ok" data-testid="quality-no-errors">
          {report.findings.length === 0 ? t('quality.noFindings') : t('quality.noErrors')}
        </p>
      )}
      {groups.length > 0 && (
        <ul className="quality__groups" aria-label={t('quality.byCheck')}>
          {groups.map((group) => (
            <li key={group.check} className="quality__group" data-check={group.check}>
              <span className={`quality__dot quality__dot--${group.severity}`} aria-hidden="true" />
              <span className="quality__group-name">{t(`quality.checks.${group.check}`)}</span>
              <span className="quality__group-count">{group.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
