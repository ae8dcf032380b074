import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchCase } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useFieldData } from '../hooks/useFieldData';
import { formatDateTime } from '../utils/format';
import { CasePhotos } from './CasePhotos';
import { FieldError } from './FieldError';
import { FieldMap } from './FieldMap';
import { FieldLoading } from './FieldLayout';

/** 案卷详情: facts, the spot and the timeline (处理过程) with each step's photos. */
export function CaseView({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const { profile } = useFieldData();
  const { state, reload } = useAsyncValue(caseId, (signal) => fetchCase(caseId, signal));
  if (!state || state.status === 'loading' || profile.status === 'loading') return <FieldLoading />;
  if (state.status === 'error') return <FieldError error={state.error} onRetry={reload} />;
  if (profile.status === 'error') return <FieldError error={profile.error} />;
  const c = state.value;
  const task = c.allowedActions.includes('answerVerify') || c.allowedActions.includes('answerCheck');

  return (
    <div className="field-stack" data-testid="case-view">
      <section className="field-section">
        <div className="field-card__row">
          <h2 className="field-section__title">{c.className ?? c.classCode}</h2>
          <span className={`field-state field-state--${c.state.toLowerCase()}`} data-testid="case-state">
            {t(`cases.states.${c.state}`)}
          </span>
        </div>
        <dl className="field-facts">
          <div>
            <dt>{t('field.case.caseNo')}</dt>
            <dd>{c.caseNo}</dd>
          </div>
          <div>
            <dt>{t('field.case.kind')}</dt>
            <dd>
              {t(`field.report.kinds.${c.kind}`)} {c.classCode}
            </dd>
          </div>
          <div>
            <dt>{t('field.case.source')}</dt>
            <dd>{t(`field.sources.${c.source}`)}</dd>
          </div>
          <div>
            <dt>{t('field.case.reportedAt')}</dt>
            <dd>{formatDateTime(c.reportedAt, i18n.language)}</dd>
          </div>
          {c.address && (
            <div>
              <dt>{t('field.case.address')}</dt>
              <dd>{c.address}</dd>
            </div>
          )}
          {c.gridCode && (
            <div>
              <dt>{t('field.case.grid')}</dt>
              <dd>{c.gridCode}</dd>
            </div>
          )}
          <div>
            <dt>{t('field.case.description')}</dt>
            <dd>{c.description}</dd>
          </div>
        </dl>
        {task && (
          <Link
            className="field-button field-button--primary field-button--block"
            to={`/field/tasks/${c.id}`}
          >
            {t('field.case.answerTask')}
          </Link>
        )}
      </section>
      <FieldMap
        label={t('field.task.spot')}
        grids={profile.value.grids}
        cityBounds={profile.value.city.bounds}
        cityCenter={profile.value.city.center}
        spot={c.position}
        className="field-map--small"
      />
      <section className="field-section" aria-labelledby="case-timeline">
        <h2 id="case-timeline" className="field-section__title">
          {t('field.case.timeline')}
        </h2>
        {c.timeline.length === 0 ? (
          <p className="field-muted">{t('field.case.noTimeline')}</p>
        ) : (
          <ol className="field-timeline">
            {c.timeline.map((r) => (
              <li key={r.seq} className="field-timeline__step">
                <div className="field-card__row">
                  <strong>{t(`field.actions.${r.action}`)}</strong>
                  <time className="field-muted" dateTime={r.occurredAt}>
                    {formatDateTime(r.occurredAt, i18n.language)}
                  </time>
                </div>
                <p className="field-muted">
                  {r.actor.name ?? ''} {r.department ? `· ${r.department.name}` : ''} →{' '}
                  {t(`cases.states.${r.toState}`)}
                </p>
                {r.opinion && <p>{r.opinion}</p>}
                {r.attachments.length > 0 && <CasePhotos photos={r.attachments} empty="" />}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
