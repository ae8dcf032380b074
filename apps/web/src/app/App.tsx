import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useCityInfo } from '../modules/map';
import { AppHeader, cityDisplayName } from '../modules/shell';
import { MapPage } from '../pages/map/MapPage';
import './app.css';

export function App() {
  const { t, i18n } = useTranslation();
  const city = useCityInfo();
  const cityName = city.state.status === 'ready' ? cityDisplayName(city.state.value, i18n.language) : null;

  useEffect(() => {
    document.title = cityName ? t('app.documentTitle', { city: cityName }) : t('app.productName');
  }, [cityName, t]);

  return (
    <BrowserRouter>
      <div className="app">
        <AppHeader cityName={cityName} />
        <main className="app__main">
          <Routes>
            <Route path="/" element={<MapPage city={city.state} onRetryCity={city.reload} />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </main>
      </div>
    </BrowserRouter>
  );
}
