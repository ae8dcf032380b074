import { useTranslation } from 'react-i18next';
import { fieldErrorKey } from '../utils/field-errors';

/** A failure in the inspector's language, with a retry button when one is given. */
export function FieldError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="field-error" role="alert">
      <p>{t(`field.errors.${fieldErrorKey(error)}`)}</p>
      {onRetry && (
        <button type="button" className="field-button field-button--secondary" onClick={onRetry}>
          {t('field.retry')}
        </button>
      )}
    </div>
  );
}
