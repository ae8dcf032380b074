import type { CityInfo } from '@urbangrid/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AsyncState } from '../../map/hooks/async-state';
import { useCaseDetail } from '../hooks/useCaseDetail';
import { useNow } from '../hooks/useNow';
import { CaseDetailView } from './CaseDetailView';
import { CaseError } from './CaseError';
import { DeskNav } from './DeskView';

/** A case on its own page (phones, links from lists and the map). */
export function CaseDetailScreen({ id, city }: { id: string; city: AsyncState<CityInfo> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const { detail, loading, error, reload, replace } = useCaseDetail(id);

  useEffect(() => {
    if (detail) document.title = t('cases.detail.title', { caseNo: detail.caseNo });
  }, [detail, t]);

  return (
    <div className="case-screen">
      <DeskNav />
      <button type="button" className="ug-button ug-button--small ug-button--secondary" onClick={() => void (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
        {t('cases.detail.back')}
      </button>
      {error !== null && <CaseError error={error} onRetry={reload} />}
      {loading && !detail && (
        <p role="status">
          <span className="ug-spinner" aria-hidden="true" /> {t('cases.detail.loading')}
        </p>
      )}
      {detail && <CaseDetailView detail={detail} now={now} city={city} onChanged={replace} onConflict={reload} />}
    </div>
  );
}
