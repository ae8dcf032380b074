import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../hooks/useAuth';
import { authSession } from '../state/session';

/** Route guard: children only when signed in; a stored session is restored first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const location = useLocation();

  useEffect(() => {
    if (status === 'restoring') void authSession.restore();
  }, [status]);

  if (status === 'restoring') {
    return (
      <div className="auth-restoring" role="status">
        <span className="ug-spinner" aria-hidden="true" /> {t('auth.restoring')}
      </div>
    );
  }
  if (status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}
