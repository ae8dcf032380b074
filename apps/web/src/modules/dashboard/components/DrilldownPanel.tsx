import type { CaseState, CaseStatsMeasure, CaseStatsQuery } from '@urbangrid/contracts';
import { CASE_STATES } from '@urbangrid/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CaseError } from '../../cases/components/CaseError';
import { StateBadge } from '../../cases/components/StateBadge';
import { formatDateTime } from '../../cases/utils/format';
import { fetchDrilldown, fetchEvaluationDrilldown } from '../api/dashboard-api';
import { useAsync } from '../hooks/useAsync';

/** What a drill-down lists: a dashboard measure, or one count of one evaluated object. */
export type Drill =
  | { kind: 'stats'; label: string; query: CaseStatsQuery; measure: CaseStatsMeasure }
  | { kind: 'evaluation'; label: string; params: Record<string, string | undefined> };

interface Row {
  id: string;
  caseNo: string;
  state?: CaseState;
  what?: string;
  at: string;
}

async function loadRows(
  drill: Drill,
  signal: AbortSignal,
): Promise<{ rows: Row[]; total: number | null; more: boolean }> {
  if (drill.kind === 'stats') {
    const page = await fetchDrilldown({ ...drill.query, measure: drill.measure }, signal);
    return {
      rows: page.items.map((r) => ({
        id: r.id,
        caseNo: r.caseNo,
        state: CASE_STATES.find((known) => known === r.state),
        what: [r.className ?? r.classCode, r.address].filter(Boolean).join(' · '),
        at: r.at,
      })),
      total: page.total,
      more: page.truncated,
    };
  }
  const page = await fetchEvaluationDrilldown({ ...drill.params, limit: '500' }, signal);
  return {
    rows: page.items.map((r) => ({
      id: r.caseId,
      caseNo: r.caseNo,
      at: r.reportedAt,
      what: r.n > 1 ? `×${r.n}` : undefined,
    })),
    total: null,
    more: page.nextCursor !== null,
  };
}

/** The cases behind a number, newest first; each opens the case detail. */
export function DrilldownPanel({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const { state, reload } = useAsync(JSON.stringify(drill), (signal) => loadRows(drill, signal));

  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drill, onClose]);

  return (
    <aside
      className="drilldown"
      role="dialog"
      aria-modal="false"
      aria-labelledby="drilldown-title"
      data-testid="drilldown"
    >
      <header className="drilldown__head">
        <h2 id="drilldown-title" ref={heading} tabIndex={-1}>
          {drill.label}
        </h2>
        <button type="button" className="ug-button ug-button--small" onClick={onClose}>
          {t('dashboard.drill.close')}
        </button>
      </header>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && (
        <p className="dashboard-muted" aria-busy>
          {t('dashboard.loading')}
        </p>
      )}
      {state?.status === 'ready' && (
        <>
          <p className="dashboard-muted">
            {state.value.total !== null
              ? t('dashboard.drill.total', { count: state.value.total })
              : t('dashboard.drill.shown', { count: state.value.rows.length })}
            {state.value.more && ` · ${t('dashboard.drill.more', { count: state.value.rows.length })}`}
          </p>
          {state.value.rows.length === 0 ? (
            <p className="dashboard-muted">{t('dashboard.drill.empty')}</p>
          ) : (
            <ul className="drilldown__list">
              {state.value.rows.map((r) => (
                <li key={r.id}>
                  <Link to={`/cases/${r.id}`} className="drilldown__row" data-case-id={r.id}>
                    <span className="drilldown__no">{r.caseNo}</span>
                    {r.state && <StateBadge state={r.state} />}
                    <span className="drilldown__what">{r.what}</span>
                    <time dateTime={r.at}>{formatDateTime(r.at, i18n.language)}</time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
