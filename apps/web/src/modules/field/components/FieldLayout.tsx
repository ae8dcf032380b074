import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';
import { useFieldData } from '../hooks/useFieldData';
import { useOnline } from '../hooks/useOnline';
import { useOutbox } from '../hooks/useOutbox';
import { formatDateTime } from '../utils/format';

export interface FieldLayoutProps {
  title: string;
  /** Where the back arrow goes; none on the home screen. */
  back?: string;
  children: ReactNode;
}

/** One field screen: a compact header (back, title, network), the content and the bottom tabs. */
export function FieldLayout({ title, back, children }: FieldLayoutProps) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const items = useOutbox();
  const { cachedAt } = useFieldData();
  const waiting = items.filter((i) => i.status === 'waiting' || i.status === 'sending').length;

  useEffect(() => {
    document.title = `${title} · ${t('field.title')}`;
  }, [title, t]);

  return (
    <div className="field">
      <header className="field-header">
        {back ? (
          <Link to={back} className="field-header__back" aria-label={t('field.back')}>
            <span aria-hidden="true">‹</span>
          </Link>
        ) : (
          <span className="field-header__brand" aria-hidden="true">
            城
          </span>
        )}
        <h1 className="field-header__title">{title}</h1>
        <span
          className={`field-net field-net--${online ? 'online' : 'offline'}`}
          data-testid="network-status"
          role="status"
        >
          {online ? t('field.network.online') : t('field.network.offline')}
          {waiting > 0 && <span className="field-net__count">{waiting}</span>}
        </span>
        <LanguageSwitch />
      </header>
      {!online && (
        <p className="field-banner field-banner--offline" role="status">
          {t('field.network.offlineHint')}
        </p>
      )}
      {cachedAt && online && (
        <p className="field-banner">
          {t('field.network.cachedData', { time: formatDateTime(cachedAt, i18n.language) })}
        </p>
      )}
      <main className="field-main" id="field-main">
        {children}
      </main>
      <nav className="field-nav" aria-label={t('field.nav.label')}>
        <NavLink to="/field" end className="field-nav__link">
          <span aria-hidden="true">⌂</span>
          {t('field.nav.home')}
        </NavLink>
        <NavLink to="/field/report" className="field-nav__link">
          <span aria-hidden="true">＋</span>
          {t('field.nav.report')}
        </NavLink>
        <NavLink to="/field/tasks" className="field-nav__link">
          <span aria-hidden="true">✓</span>
          {t('field.nav.tasks')}
        </NavLink>
        <NavLink to="/field/reports" className="field-nav__link">
          <span aria-hidden="true">☰</span>
          {t('field.nav.reports')}
        </NavLink>
      </nav>
    </div>
  );
}

/** Loading line for a field screen. */
export function FieldLoading() {
  const { t } = useTranslation();
  return (
    <p className="field-loading" role="status">
      <span className="ug-spinner" aria-hidden="true" /> {t('field.loading')}
    </p>
  );
}
