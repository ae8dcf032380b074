import type { Open311Request } from '@urbangrid/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lookUp, Open311RequestError } from '../api/open311-api';

/** 查询进度: the public status of a tracking number (case number or token). */
export function StatusLookup({ initial = '' }: { initial?: string }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const [number, setNumber] = useState(initial);
  const [result, setResult] = useState<Open311Request | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string | undefined) =>
    iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) : '—';

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!number.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await lookUp(number));
    } catch (err) {
      setResult(null);
      setError(
        err instanceof Open311RequestError && err.status === 404
          ? t('publicReport.notFound')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="public-lookup">
      <form className="public-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId}>{t('publicReport.lookupLabel')}</label>
        <div className="public-inline">
          <input
            id={inputId}
            value={number}
            placeholder={t('publicReport.lookupPlaceholder')}
            onChange={(e) => setNumber(e.target.value)}
            data-testid="public-lookup-input"
            inputMode="text"
          />
          <button type="submit" className="public-button" disabled={busy} data-testid="public-lookup-submit">
            {t('publicReport.lookupSubmit')}
          </button>
        </div>
      </form>
      {error && (
        <p className="public-problems" role="alert">
          {error}
        </p>
      )}
      {result && (
        <section className="public-card" data-testid="public-lookup-result" aria-live="polite">
          <h2>
            {result.service_name ?? result.service_code} · {result.service_request_id}
          </h2>
          <p>
            <span className={`public-status public-status--${result.status}`} data-testid="public-status">
              {result.status === 'open' ? t('publicReport.statusOpen') : t('publicReport.statusClosed')}
            </span>{' '}
            <span data-testid="public-status-notes">{result.status_notes}</span>
          </p>
          <dl>
            <dt>{t('publicReport.requestedAt')}</dt>
            <dd>{when(result.requested_datetime)}</dd>
            <dt>{t('publicReport.updatedAt')}</dt>
            <dd>{when(result.updated_datetime)}</dd>
            {result.expected_datetime && (
              <>
                <dt>{t('publicReport.expectedAt')}</dt>
                <dd>{when(result.expected_datetime)}</dd>
              </>
            )}
            {result.agency_responsible && (
              <>
                <dt>{t('publicReport.agency')}</dt>
                <dd>{result.agency_responsible}</dd>
              </>
            )}
            <dt>{t('publicReport.address')}</dt>
            <dd>{result.address || '—'}</dd>
          </dl>
          {result.media_url && <img className="public-card__photo" src={result.media_url} alt="" />}
        </section>
      )}
    </div>
  );
}
