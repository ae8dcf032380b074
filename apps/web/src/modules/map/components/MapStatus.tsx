import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';

export interface MapStatusProps {
  /** A loading message, or null when nothing is loading. */
  loading: string | null;
  error: unknown;
  onRetry?: () => void;
}

/** The loading pill and the error banner over the map, in the user's language. */
export function MapStatus({ loading, error, onRetry }: MapStatusProps) {
  const { t } = useTranslation();
  if (error !== null && error !== undefined) {
    const description = describeError(error);
    const message =
      description.kind === 'message' ? t(description.key, description.values) : description.text;
    return (
      <div className="map-status map-status--error" role="alert">
        <div className="map-status__text">
          <strong className="map-status__title">{t('errors.title')}</strong>
          <span>{message}</span>
        </div>
        {onRetry && (
          <button type="button" className="ug-button" onClick={onRetry}>
            {t('map.retry')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div
      className="map-status map-status--loading"
      role="status"
      aria-live="polite"
      hidden={loading === null}
    >
      {loading !== null && (
        <>
          <span className="ug-spinner" aria-hidden="true" />
          <span>{loading}</span>
        </>
      )}
    </div>
  );
}
