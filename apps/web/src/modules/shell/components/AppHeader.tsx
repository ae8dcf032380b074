import { useTranslation } from 'react-i18next';
import { UserMenu } from '../../auth';
import { LanguageSwitch } from './LanguageSwitch';

export interface AppHeaderProps {
  /** Null while the city is loading (or failed to); undefined on the login page (no city yet). */
  cityName?: string | null;
}

export function AppHeader({ cityName }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header__titles">
        <span className="app-header__product">{t('app.productName')}</span>
        {cityName !== undefined && (
          <h1 className="app-header__city" data-testid="city-name" aria-busy={cityName === null}>
            {cityName ?? t('app.cityLoading')}
          </h1>
        )}
      </div>
      <div className="app-header__actions">
        <LanguageSwitch />
        {cityName !== undefined && <UserMenu />}
      </div>
    </header>
  );
}
