import { useTranslation } from 'react-i18next';
import { describeError } from '../../map/api/errors';
import { caseErrorKey } from '../utils/case-errors';

/** An error in the user's language: the case wording if there is one, else the app's. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    const key = caseErrorKey(error);
    if (key) return t(`cases.errors.${key}`);
    const described = describeError(error);
    return described.kind === 'message' ? t(described.key, described.values) : described.text;
  };
}

export function CaseError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="case-error" role="alert">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="ug-button ug-button--small" onClick={onRetry}>
          {t('map.retry')}
        </button>
      )}
    </div>
  );
}
