import type { CaseSummary } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../utils/format';
import { CaseError } from './CaseError';
import { Countdown } from './Countdown';
import { StateBadge } from './StateBadge';

export interface CaseListProps {
  items: readonly CaseSummary[];
  now: number;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  onLoadMore: () => void;
  onRetry: () => void;
  /** Which deadline to count down: the stage's (centre desks) or the disposal limit (departments). */
  prefer?: 'stage' | 'disposal';
  /** The case shown beside the list (highlighted). */
  selectedId?: string | null;
  /** Called instead of following the link, e.g. to open the case in a side panel. */
  onSelect?: (c: CaseSummary) => void;
  label: string;
}

/** A desk's cases: one row per case with state, class, place and the time left. */
export function CaseList(props: CaseListProps) {
  const { items, now, loading, error, hasMore, onLoadMore, onRetry, prefer, selectedId, onSelect, label } = props;
  const { t, i18n } = useTranslation();
  return (
    <section className="case-list" aria-label={label} aria-busy={loading}>
      {items.length > 0 && (
        <ul className="case-list__items">
          {items.map((c) => (
            <li
              key={c.id}
              className={`case-row${c.id === selectedId ? ' case-row--selected' : ''}`}
              data-case-id={c.id}
              data-case-no={c.caseNo}
            >
              <Link
                to={`/cases/${c.id}`}
                className="case-row__link"
                aria-label={t('cases.list.open', { caseNo: c.caseNo })}
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={(event) => {
                  if (onSelect && !event.metaKey && !event.ctrlKey) {
                    event.preventDefault();
                    onSelect(c);
                  }
                }}
              >
                <span className="case-row__no">{c.caseNo}</span>
                <StateBadge state={c.state} />
                {c.urgency === 'urgent' && <span className="case-urgent">{t('cases.list.urgent')}</span>}
              </Link>
              <div className="case-row__class">{c.className ?? c.classCode}</div>
              <div className="case-row__address">{c.address ?? c.description}</div>
              <div className="case-row__meta">
                <span>{formatDateTime(c.reportedAt, i18n.language)}</span>
                {c.departmentName && <span>{c.departmentName}</span>}
              </div>
              <div className="case-row__deadline">
                <Countdown clock={c.clock} now={now} prefer={prefer} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {!loading && !error && items.length === 0 && <p className="case-list__empty">{t('cases.list.empty')}</p>}
      {loading && (
        <p className="case-list__loading" role="status">
          <span className="ug-spinner" aria-hidden="true" /> {t('cases.list.loading')}
        </p>
      )}
      {error !== null && <CaseError error={error} onRetry={onRetry} />}
      <div className="case-list__footer">
        <span className="case-list__count">{t('cases.list.shown', { count: items.length })}</span>
        {hasMore && !loading && (
          <button type="button" className="ug-button ug-button--small" onClick={onLoadMore}>
            {t('cases.list.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
