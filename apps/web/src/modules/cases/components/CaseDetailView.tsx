import type { CaseAuditStatus, CaseDetail, CityInfo } from '@urbangrid/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../../map/hooks/async-state';
import { activeDeadline } from '../utils/countdown';
import { formatDateTime } from '../utils/format';
import { CaseActions } from './CaseActions';
import { CaseTimeline } from './CaseTimeline';
import { CasesMap } from './CasesMap';
import { Countdown } from './Countdown';
import { StateBadge } from './StateBadge';

export interface CaseDetailViewProps {
  detail: CaseDetail;
  now: number;
  city: AsyncState<CityInfo>;
  onChanged: (next: CaseDetail) => void;
  onConflict: () => void;
  /** Draw the location map (the dispatch desk already shows one). */
  showMap?: boolean;
  headingLevel?: 1 | 2;
}

/** The case's rows in the SM3 audit chain as the API checked them on this read. */
function AuditStatus({ audit }: { audit: CaseAuditStatus }) {
  const { t } = useTranslation();
  if (audit.intact || !audit.firstBreak)
    return (
      <span className="audit-status audit-status--intact" data-intact="true">
        {t('cases.detail.auditIntact', { count: audit.entries })}
      </span>
    );
  return (
    <span className="audit-status audit-status--broken" data-intact="false" role="alert">
      {t('cases.detail.auditBroken', {
        seq: audit.firstBreak.seq,
        reason: t(`cases.detail.auditReasons.${audit.firstBreak.reason}`),
      })}
    </span>
  );
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** One case for every role: facts, time limits, actions, location and the timeline. */
export function CaseDetailView({ detail, now, city, onChanged, onConflict, showMap = true, headingLevel = 1 }: CaseDetailViewProps) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const points = useMemo(
    () => [{ id: detail.id, position: detail.position, colour: activeDeadline(detail.clock)?.colour ?? null }],
    [detail.id, detail.position, detail.clock],
  );
  const condition = text(detail.filingStandard?.conditionText);
  const closeCondition = text(detail.filingStandard?.closeConditionText);
  const pendingKind = text(detail.pending?.kind);
  const facts: [string, string | null][] = [
    [t('cases.detail.class'), `${detail.className ?? ''} ${detail.classCode} · ${t(`cases.kinds.${detail.kind}`)}`],
    [t('cases.detail.address'), detail.address],
    [t('cases.detail.source'), t(`cases.sources.${detail.source}`)],
    [t('cases.detail.reportedAt'), formatDateTime(detail.reportedAt, i18n.language)],
    [t('cases.detail.urgency'), t(`cases.urgency.${detail.urgency}`)],
    [t('cases.detail.department'), detail.departmentName],
    [t('cases.detail.grid'), detail.gridCode],
  ];
  if (detail.publicReporter && (detail.publicReporter.name || detail.publicReporter.phone)) {
    facts.push([t('cases.detail.reporter'), [detail.publicReporter.name, detail.publicReporter.phone].filter(Boolean).join(' ')]);
  }
  return (
    <article className="case-detail" data-case-id={detail.id} data-state={detail.state} data-version={detail.version}>
      <header className="case-detail__header">
        <Heading className="case-detail__title">{t('cases.detail.title', { caseNo: detail.caseNo })}</Heading>
        <StateBadge state={detail.state} />
        {detail.urgency === 'urgent' && <span className="case-urgent">{t('cases.list.urgent')}</span>}
        {pendingKind && (
          <span className="case-pending">{t('cases.detail.pending', { kind: t(`cases.actions.${pendingKind === 'return' ? 'requestReturn' : pendingKind === 'extension' ? 'requestExtension' : pendingKind === 'park' ? 'requestPark' : 'requestVoid'}`) })}</span>
        )}
        {detail.supervisionCount > 0 && (
          <span className="case-pending">{t('cases.detail.supervision', { count: detail.supervisionCount })}</span>
        )}
      </header>
      <p className="case-detail__description">{detail.description}</p>
      <div className="case-detail__grid">
        <div className="case-detail__main">
          <dl className="case-facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v ?? t('cases.detail.none')}</dd>
              </div>
            ))}
            <div>
              <dt>{t('cases.detail.stageDeadline')}</dt>
              <dd>
                <Countdown clock={{ ...detail.clock, disposalDeadline: null }} now={now} showDeadline />
              </dd>
            </div>
            <div>
              <dt>{t('cases.detail.disposalDeadline')}</dt>
              <dd>
                <Countdown clock={{ ...detail.clock, stageDeadline: null }} now={now} prefer="disposal" showDeadline />
              </dd>
            </div>
            <div>
              <dt>{t('cases.detail.audit')}</dt>
              <dd>
                <AuditStatus audit={detail.audit} />
              </dd>
            </div>
          </dl>
          {(condition || closeCondition) && (
            <section className="case-standard">
              <h3 className="case-section__title">{t('cases.detail.filingStandard')}</h3>
              {condition && (
                <p>
                  <strong className="ug-label">{t('cases.detail.condition')}</strong> {condition}
                </p>
              )}
              {closeCondition && (
                <p>
                  <strong className="ug-label">{t('cases.detail.closeCondition')}</strong> {closeCondition}
                </p>
              )}
            </section>
          )}
          <CaseActions detail={detail} onChanged={onChanged} onConflict={onConflict} />
          <section className="case-timeline-section">
            <h3 className="case-section__title">{t('cases.detail.timeline')}</h3>
            <CaseTimeline records={detail.timeline} />
          </section>
        </div>
        {showMap && (
          <div className="case-detail__map">
            <CasesMap city={city} points={points} focus={detail.position} label={t('cases.detail.map')} />
          </div>
        )}
      </div>
    </article>
  );
}
