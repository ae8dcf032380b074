import type { FlowRecordView } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../utils/format';
import { AuthImage } from './AuthImage';

/** Whether a step met its stage (or disposal) limit, in words and colour. */
function OnTime({ onTime, label }: { onTime: boolean | null; label: string }) {
  const { t } = useTranslation();
  if (onTime === null) return null;
  return (
    <span className={`timeline-ontime timeline-ontime--${onTime ? 'yes' : 'no'}`} data-on-time={String(onTime)}>
      {label} {onTime ? t('cases.detail.onTime') : t('cases.detail.late')}
    </span>
  );
}

/** 办理过程: every step with who, when, opinion, photos and whether its limit was met. */
export function CaseTimeline({ records }: { records: readonly FlowRecordView[] }) {
  const { t, i18n } = useTranslation();
  if (records.length === 0) return <p>{t('cases.detail.timelineEmpty')}</p>;
  return (
    <ol className="case-timeline">
      {records.map((r) => (
        <li key={r.seq} className="case-timeline__step" data-action={r.action} data-to-state={r.toState}>
          <div className="case-timeline__head">
            <strong>{t(`cases.actions.${r.action}`)}</strong>
            <span className="case-timeline__state">→ {t(`cases.states.${r.toState}`)}</span>
            <time dateTime={r.occurredAt}>{formatDateTime(r.occurredAt, i18n.language)}</time>
          </div>
          <div className="case-timeline__who">
            {t('cases.detail.by', {
              name: r.actor.name ?? t('cases.detail.none'),
              role: t(`cases.roles.${r.actor.role}`),
            })}
            {r.department && <span> · {t('cases.detail.department2', { name: r.department.name })}</span>}
          </div>
          {r.opinion && <p className="case-timeline__opinion">{r.opinion}</p>}
          <div className="case-timeline__limits">
            <OnTime
              onTime={r.stageOnTime}
              label={r.stage ? t('cases.detail.stageOf', { stage: t(`cases.stages.${r.stage}`) }) : t('cases.detail.stageDeadline')}
            />
            <OnTime onTime={r.disposalOnTime} label={t('cases.detail.disposalDeadline')} />
          </div>
          {r.attachments.length > 0 && (
            <ul className="case-photos" aria-label={t('cases.detail.photos')}>
              {r.attachments.map((a, n) => (
                <li key={a.id}>
                  <a href={a.url} target="_blank" rel="noreferrer">
                    <AuthImage
                      src={a.thumbnailUrl ?? a.url}
                      alt={t('cases.detail.photo', { n: n + 1 })}
                      width={96}
                      height={72}
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
