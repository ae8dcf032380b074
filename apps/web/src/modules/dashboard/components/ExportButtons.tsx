import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { downloadFile } from '../api/dashboard-api';

export interface ExportLink {
  /** Button text, e.g. XLSX. */
  label: string;
  url: string;
  fileName: string;
}

/** Report downloads (the API builds the XLSX / PDF / CSV; the token goes with the request). */
export function ExportButtons({ links, label }: { links: readonly ExportLink[]; label: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="export-buttons" role="group" aria-label={label}>
      {links.map((l) => (
        <button
          key={l.url}
          type="button"
          className="ug-button ug-button--small"
          disabled={busy !== null}
          aria-busy={busy === l.url}
          onClick={() => {
            setBusy(l.url);
            setError(null);
            downloadFile(l.url, l.fileName).then(
              () => setBusy(null),
              (e: unknown) => {
                setError(e);
                setBusy(null);
              },
            );
          }}
        >
          {t('dashboard.export.download', { format: l.label })}
        </button>
      ))}
      {error !== null && <CaseError error={error} />}
    </div>
  );
}
