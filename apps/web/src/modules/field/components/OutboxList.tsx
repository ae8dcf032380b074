import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { outbox } from '../state/field-runtime';
import type { OutboxItem } from '../state/outbox-types';
import { fieldErrorKey } from '../utils/field-errors';
import { formatDateTime } from '../utils/format';

/** Records on this device with their send status (等待网络 / 已发送 …). */
export function OutboxList({ items }: { items: readonly OutboxItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="field-list" data-testid="outbox-list">
      {[...items].reverse().map((item) => (
        <li key={item.key} className="field-card" data-testid="outbox-item" data-status={item.status}>
          <div className="field-card__row">
            <strong className="field-card__title">
              {item.request.type === 'action'
                ? `${t('field.outbox.answer')} · ${item.label.title}`
                : item.label.title}
            </strong>
            <span className={`field-status field-status--${item.status}`}>
              {t(`field.outbox.status.${item.status}`)}
            </span>
          </div>
          {item.label.description && <p className="field-card__text">{item.label.description}</p>}
          <p className="field-muted">
            {item.label.gridCode && (
              <span data-testid="outbox-grid">
                {t('field.outbox.grid', {
                  grid: item.label.gridName
                    ? `${item.label.gridName} ${item.label.gridCode}`
                    : item.label.gridCode,
                })}{' '}
                ·{' '}
              </span>
            )}
            {t('field.outbox.photos', { count: item.photos.length })} ·{' '}
            {t('field.outbox.queuedAt', { time: formatDateTime(item.createdAt, i18n.language) })}
          </p>
          {item.result && (
            <p>
              <Link to={`/field/cases/${item.result.caseId}`}>
                {t('field.outbox.caseNo', { caseNo: item.result.caseNo })}
              </Link>
            </p>
          )}
          {item.status === 'failed' && (
            <>
              <p className="field-error-text" role="alert">
                {t(`field.errors.${fieldErrorKey(item.lastError)}`)}
              </p>
              <div className="field-actions">
                <button
                  type="button"
                  className="field-button field-button--secondary"
                  onClick={() => void outbox.retry(item.key)}
                >
                  {t('field.outbox.retry')}
                </button>
                <button
                  type="button"
                  className="field-button field-button--danger"
                  onClick={() => {
                    if (window.confirm(t('field.outbox.discardConfirm'))) void outbox.discard(item.key);
                  }}
                >
                  {t('field.outbox.discard')}
                </button>
              </div>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
