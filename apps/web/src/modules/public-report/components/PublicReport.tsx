import type { Open311Area, Open311Service } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';
import { fetchArea, fetchServices, WEB_KEY } from '../api/open311-api';
import { ReportForm, type ReportReceipt } from './ReportForm';
import { StatusLookup } from './StatusLookup';

type Loaded =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; area: Open311Area; services: Open311Service[] };
type Tab = 'report' | 'lookup';

/**
 * The citizens' page (no login): report a problem through the Open311 endpoint of this server, or
 * look up a report by its tracking number. Reporter names and phones go to the staff only.
 */
export function PublicReport() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('report');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const [lookupNumber, setLookupNumber] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchArea(controller.signal), fetchServices(controller.signal)]).then(
      ([area, services]) => setLoaded({ status: 'ready', area, services }),
      () => {
        if (!controller.signal.aborted) setLoaded({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // A key built into the page wins; otherwise the server's citizen-page key from area.json.
  const apiKey = WEB_KEY ?? (loaded.status === 'ready' ? loaded.area.web_key : null);

  const retry = useCallback(() => {
    setLoaded({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return (
    <div className="public-page">
      <header className="public-header">
        <div>
          <h1>{t('publicReport.title')}</h1>
          <p className="public-muted">{t('publicReport.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <nav className="public-tabs" role="tablist">
        {(['report', 'lookup'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className="public-tab"
            onClick={() => setTab(name)}
            data-testid={`public-tab-${name}`}
          >
            {t(name === 'report' ? 'publicReport.tabReport' : 'publicReport.tabLookup')}
          </button>
        ))}
      </nav>
      <main className="public-main">
        {tab === 'lookup' && <StatusLookup key={lookupNumber} initial={lookupNumber} />}
        {tab === 'report' && loaded.status === 'ready' && !apiKey && (
          <p className="public-card">{t('publicReport.notConfigured')}</p>
        )}
        {tab === 'report' && receipt && (
          <section className="public-card" data-testid="public-receipt">
            <h2>{t('publicReport.thanksTitle')}</h2>
            <p>{t('publicReport.trackingNumber')}</p>
            <p className="public-tracking" data-testid="public-tracking-number">
              {receipt.trackingNumber}
            </p>
            <p className="public-muted">{t('publicReport.trackingHint')}</p>
            {receipt.notice && <p>{t('publicReport.notice', { notice: receipt.notice })}</p>}
            <div className="public-inline">
              <button
                type="button"
                className="public-button"
                onClick={() => {
                  setLookupNumber(receipt.trackingNumber);
                  setTab('lookup');
                }}
                data-testid="public-look-up-now"
              >
                {t('publicReport.lookUpNow')}
              </button>
              <button
                type="button"
                className="public-button public-button--secondary"
                onClick={() => setReceipt(null)}
              >
                {t('publicReport.reportAnother')}
              </button>
            </div>
          </section>
        )}
        {tab === 'report' && !receipt && loaded.status === 'loading' && <p className="public-muted">…</p>}
        {tab === 'report' && !receipt && loaded.status === 'error' && (
          <p className="public-problems" role="alert">
            {t('publicReport.loadFailed')}{' '}
            <button type="button" className="public-button public-button--secondary" onClick={retry}>
              {t('publicReport.retry')}
            </button>
          </p>
        )}
        {tab === 'report' && apiKey && !receipt && loaded.status === 'ready' && (
          <ReportForm apiKey={apiKey} area={loaded.area} services={loaded.services} onSent={setReceipt} />
        )}
      </main>
    </div>
  );
}
