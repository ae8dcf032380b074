import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '../modules/auth';
import { useCityInfo } from '../modules/map';
import { AppHeader, cityDisplayName } from '../modules/shell';
import { LoginPage } from '../pages/login/LoginPage';
import { MapPage } from '../pages/map/MapPage';
import { CaseDetailPage } from '../pages/desk/CaseDetailPage';
import { DepartmentDeskPage, DispatchDeskPage, FilingDeskPage, IntakeDeskPage } from '../pages/desk/DeskPages';
import { RoleHome } from '../pages/desk/RoleHome';
import { RegisterPage } from '../pages/desk/RegisterPage';
import { FieldRoutes } from '../pages/field/FieldRoutes';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { AcceptancePage } from '../pages/acceptance/AcceptancePage';
import { AdminPage } from '../pages/admin/AdminPage';
import { PublicReportPage } from '../pages/public/PublicReportPage';
import './app.css';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route path="/report" element={<PublicReportPage />} />
        <Route path="/field/*" element={<RequireAuth><FieldRoutes /></RequireAuth>} />
        <Route
          path="*"
          element={
            <RequireAuth>
              <SignedInApp />
            </RequireAuth>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}

function LoginScreen() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('auth.documentTitle');
  }, [t]);
  return (
    <div className="app">
      <AppHeader />
      <main className="app__main">
        <LoginPage />
      </main>
    </div>
  );
}

/** The app behind the login: everything here calls the API with the session's token. */
function SignedInApp() {
  const { t, i18n } = useTranslation();
  const city = useCityInfo();
  const cityName = city.state.status === 'ready' ? cityDisplayName(city.state.value, i18n.language) : null;

  useEffect(() => {
    document.title = cityName ? t('app.documentTitle', { city: cityName }) : t('app.productName');
  }, [cityName, t]);

  return (
    <div className="app">
      <AppHeader cityName={cityName} />
      <main className="app__main">
        <Routes>
          <Route path="/" element={<RoleHome fallback={<MapPage city={city.state} onRetryCity={city.reload} />} />} />
          <Route path="/map" element={<MapPage city={city.state} onRetryCity={city.reload} />} />
          <Route path="/desk/intake" element={<IntakeDeskPage city={city.state} />} />
          <Route path="/desk/filing" element={<FilingDeskPage city={city.state} />} />
          <Route path="/desk/dispatch" element={<DispatchDeskPage city={city.state} />} />
          <Route path="/desk/department" element={<DepartmentDeskPage city={city.state} />} />
          <Route path="/desk/register" element={<RegisterPage city={city.state} />} />
          <Route path="/cases/:id" element={<CaseDetailPage city={city.state} />} />
          <Route path="/dashboard" element={<DashboardPage city={city.state} />} />
          <Route path="/acceptance" element={<AcceptancePage />} />
          <Route path="/admin/*" element={<AdminPage city={city.state} onRetryCity={city.reload} />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
    </div>
  );
}
