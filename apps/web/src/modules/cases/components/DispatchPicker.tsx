import type { DispatchSuggestion } from '@urbangrid/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDispatchSuggestion } from '../api/cases-api';
import { useDepartments } from '../hooks/useDepartments';
import { CaseError } from './CaseError';

export interface DispatchPickerProps {
  caseId: string;
  value: string;
  invalid?: boolean;
  onChange: (departmentId: string) => void;
}

/** The department select of 派遣, preset to the suggested department with the reason shown. */
export function DispatchPicker({ caseId, value, invalid, onChange }: DispatchPickerProps) {
  const { t, i18n } = useTranslation();
  const { departments, error } = useDepartments();
  const [suggestion, setSuggestion] = useState<DispatchSuggestion | null | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    getDispatchSuggestion(caseId, controller.signal).then(
      (s) => setSuggestion(s),
      () => setSuggestion(null),
    );
    return () => controller.abort();
  }, [caseId]);

  useEffect(() => {
    if (suggestion && !value) onChange(suggestion.departmentId);
  }, [suggestion, value, onChange]);

  const english = !i18n.language.startsWith('zh');
  return (
    <div className="dispatch-picker">
      {suggestion === undefined ? (
        <p role="status">
          <span className="ug-spinner" aria-hidden="true" /> {t('cases.list.loading')}
        </p>
      ) : suggestion ? (
        <div className="dispatch-picker__suggestion" data-testid="dispatch-suggestion">
          <p>
            {t('cases.dialog.suggestion', {
              department: suggestion.departmentName,
              reason: t(`cases.suggestionReasons.${suggestion.reason}`),
            })}
          </p>
          {suggestion.detail && <p className="dispatch-picker__detail">{t('cases.dialog.suggestionDetail', { detail: suggestion.detail })}</p>}
        </div>
      ) : (
        <p>{t('cases.dialog.suggestionNone')}</p>
      )}
      <label className="action-dialog__field">
        <span>{t('cases.fields.department')}</span>
        <select name="departmentId" value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('cases.dialog.choose')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {english && d.nameEn ? d.nameEn : d.name}
            </option>
          ))}
        </select>
      </label>
      {error !== null && <CaseError error={error} />}
    </div>
  );
}
