import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { getImport, listImports, startImport, type ImportJobView, type ImportTarget } from '../api/admin-api';
import { isFinal, problemRows, progressPercent } from '../utils/import-progress';
import { useAsync } from '../../dashboard';

const FORMATS: Record<ImportTarget, readonly string[]> = {
  grids: ['geojson', 'shapefile', 'csv'],
  components: ['geojson', 'shapefile', 'csv'],
  history: ['csv', 'json'],
};

/** Polls a job every second until it is final; the newest answer wins over the started copy. */
function useJob(target: ImportTarget, initial: ImportJobView | null): ImportJobView | null {
  const [polled, setPolled] = useState<ImportJobView | null>(null);
  const job = polled && initial && polled.id === initial.id ? polled : initial;
  const id = job?.id;
  const final = job ? isFinal(job) : true;
  useEffect(() => {
    if (!id || final) return;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      getImport(target, id, controller.signal).then(setPolled, () => undefined);
    }, 1000);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [target, id, final]);
  return job;
}

/** 数据导入: unit grids, components and case history, with the validation report and progress. */
export function ImportsPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [target, setTarget] = useState<ImportTarget>('grids');
  const [format, setFormat] = useState('geojson');
  const [file, setFile] = useState<File | null>(null);
  const [started, setStarted] = useState<ImportJobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(target, started);
  const recent = useAsync(`imports:${target}:${job && isFinal(job) ? job.id : ''}`, (signal) =>
    listImports(target, signal),
  );

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setStarted(await startImport(target, file, format));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const rows = job ? problemRows(job) : [];
  return (
    <section className="leader-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.imports.title')}</h2>
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('admin.imports.target')}
          <select
            value={target}
            onChange={(e) => {
              const next = e.target.value as ImportTarget;
              setTarget(next);
              setFormat(FORMATS[next][0] ?? 'csv');
              setStarted(null);
            }}
          >
            {(['grids', 'components', 'history'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`admin.imports.targets.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.imports.format')}
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS[target].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.imports.file')}
          <input
            type="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
        </label>
        <button type="submit" className="ug-button" disabled={!file || busy}>
          {t('admin.imports.start')}
        </button>
      </form>
      {error !== null && <CaseError error={error} />}
      {job && (
        <div className="import-job" data-testid="import-job" data-status={job.status}>
          <p>
            {job.fileName} · <strong>{t(`admin.imports.status.${job.status}`)}</strong>
            {job.total !== null && ` · ${job.processed} / ${job.total}`}
          </p>
          <progress max={100} value={progressPercent(job)} aria-label={t('admin.imports.progress')}>
            {progressPercent(job)}%
          </progress>
          {job.status === 'done' && job.summary && (
            <p className="dashboard-muted">
              {Object.entries(job.summary)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(' · ')}
            </p>
          )}
          {rows.length > 0 && (
            <div className="evaluation-tables__scroll">
              <table className="leader-table" data-testid="import-report">
                <caption>{t('admin.imports.report', { count: job.errorCount })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.imports.line')}</th>
                    <th scope="col">{t('admin.imports.code')}</th>
                    <th scope="col">{t('admin.imports.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, k) => (
                    <tr key={k}>
                      <td>{r.line ?? '—'}</td>
                      <td>{r.code ?? '—'}</td>
                      <td className="leader-table__wrap">{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <h3>{t('admin.imports.recent')}</h3>
      {recent.state?.status === 'error' && <CaseError error={recent.state.error} onRetry={recent.reload} />}
      {recent.state?.status === 'ready' &&
        (recent.state.value.length === 0 ? (
          <p className="dashboard-muted">{t('admin.imports.none')}</p>
        ) : (
          <ul className="admin-list">
            {recent.state.value.slice(0, 10).map((j) => (
              <li key={j.id}>
                <button type="button" className="link-button" onClick={() => setStarted(j)}>
                  {j.fileName ?? j.id}
                </button>{' '}
                {t(`admin.imports.status.${j.status}`)} · {j.createdAt.slice(0, 16).replace('T', ' ')}
                {j.errorCount > 0 && ` · ${t('admin.imports.report', { count: j.errorCount })}`}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
