import type { CasePage, CaseSummary } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { fetchCases } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useOnline } from '../hooks/useOnline';
import { useOutbox } from '../hooks/useOutbox';
import { CaseCard } from './CaseCard';
import { FieldError } from './FieldError';
import { FieldLoading } from './FieldLayout';
import { OutboxList } from './OutboxList';

/** The inspector's own reports: patrol and self-disposal, newest first. */
async function loadReports(signal: AbortSignal): Promise<CaseSummary[]> {
  const pages: CasePage[] = await Promise.all([
    fetchCases({ source: 'patrol' }, signal),
    fetchCases({ source: 'self_disposal' }, signal),
  ]);
  return pages.flatMap((p) => p.items).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

/** 我的上报: what waits on the device, then the reported cases with their states. */
export function MyReports({ limit }: { limit?: number }) {
  const { t } = useTranslation();
  const online = useOnline();
  const items = useOutbox();
  const sentCount = items.filter((i) => i.status === 'sent').length;
  // Reload the server list whenever another queued item has been sent.
  const { state, reload } = useAsyncValue(online ? `reports:${sentCount}` : null, loadReports);
  const reports = items.filter((i) => i.request.type === 'case');
  const local = limit ? reports.slice(-limit) : reports;
  const unsent = local.filter((i) => i.status !== 'sent');

  return (
    <div className="field-stack">
      {(limit ? unsent : local).length > 0 && (
        <section className="field-section" aria-labelledby="outbox-title">
          <h2 id="outbox-title" className="field-section__title">
            {t('field.reports.outboxTitle')}
          </h2>
          <OutboxList items={limit ? unsent : local} />
        </section>
      )}
      <section className="field-section" aria-labelledby="server-reports-title">
        <h2 id="server-reports-title" className="field-section__title">
          {t('field.reports.serverTitle')}
        </h2>
        {!online ? (
          <p className="field-muted">{t('field.reports.offline')}</p>
        ) : !state || state.status === 'loading' ? (
          <FieldLoading />
        ) : state.status === 'error' ? (
          <FieldError error={state.error} onRetry={reload} />
        ) : state.value.length === 0 ? (
          <p className="field-empty">{t('field.reports.empty')}</p>
        ) : (
          <ul className="field-list" data-testid="my-reports">
            {(limit ? state.value.slice(0, limit) : state.value).map((c) => (
              <CaseCard key={c.id} item={c} to={`/field/cases/${c.id}`} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
