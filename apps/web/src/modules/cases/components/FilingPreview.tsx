import type { CaseDetail } from '@urbangrid/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeDeadline, resolveFilingStandard, type ResolvedStandardView } from '../api/cases-api';
import { formatDateTime } from '../utils/format';
import { CaseError } from './CaseError';

interface Preview {
  standard: ResolvedStandardView['resolved']['standard'];
  deadline: string | null;
}

/**
 * 立案 preview: the filing standard the case would be filed under (its condition) and the
 * disposal deadline it would get if dispatched now, computed by the API over the calendar.
 */
export function FilingPreview({ detail, urgency }: { detail: CaseDetail; urgency: 'normal' | 'urgent' }) {
  const { t, i18n } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setPreview(null);
    setError(null);
    (async () => {
      const { resolved } = await resolveFilingStandard(
        { kind: detail.kind, smallClassCode: detail.classCode, urgency, districtCode: detail.districtCode },
        controller.signal,
      );
      const last = resolved.standard.disposalLimit.milestones.at(-1);
      const deadline = last
        ? await computeDeadline(
            {
              start: new Date().toISOString(),
              value: last.value,
              unit: last.unit,
              basis: last.basis,
              districtCode: detail.districtCode,
            },
            controller.signal,
          )
        : null;
      if (!controller.signal.aborted) setPreview({ standard: resolved.standard, deadline: deadline?.deadline ?? null });
    })().catch((e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [detail.kind, detail.classCode, detail.districtCode, urgency]);

  if (error !== null) return <CaseError error={error} />;
  if (!preview)
    return (
      <p role="status">
        <span className="ug-spinner" aria-hidden="true" /> {t('cases.dialog.standardLoading')}
      </p>
    );
  const last = preview.standard.disposalLimit.milestones.at(-1);
  return (
    <div className="filing-preview" data-testid="filing-preview">
      <p>
        <strong className="ug-label">{t('cases.detail.condition')}</strong> 
        {preview.standard.conditionText}
      </p>
      {preview.standard.closeConditionText && (
        <p>
          <strong className="ug-label">{t('cases.detail.closeCondition')}</strong> 
          {preview.standard.closeConditionText}
        </p>
      )}
      {last && (
        <p>{t('cases.dialog.disposalLimit', { limit: `${last.value} ${t(`cases.units.${last.unit}`)}` })}</p>
      )}
      {preview.deadline && (
        <p className="filing-preview__deadline" data-testid="filing-deadline">
          {t('cases.dialog.deadlineIfNow', { deadline: formatDateTime(preview.deadline, i18n.language) })}
        </p>
      )}
    </div>
  );
}
