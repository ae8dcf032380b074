import type { CityInfo } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { DashboardNav } from '../../dashboard';
import { CityMap, type AsyncState } from '../../map';
import { CalendarPanel } from './CalendarPanel';
import { ClassesPanel } from './ClassesPanel';
import { ImportsPanel } from './ImportsPanel';
import { ProfilesPanel } from './ProfilesPanel';
import { StandardsPanel } from './StandardsPanel';
import { UsersPanel } from './UsersPanel';
import '../admin.css';

const SECTIONS = ['imports', 'quality', 'classes', 'standards', 'calendar', 'users', 'profiles'] as const;

/** 系统管理: imports, grid quality on the map, classes, 立结案标准, calendar, users, profiles. */
export function AdminView({ city, onRetryCity }: { city: AsyncState<CityInfo>; onRetryCity: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="leader-page admin" data-testid="admin">
      <DashboardNav />
      <h1 className="dashboard__title">{t('admin.title')}</h1>
      <nav className="admin-tabs" aria-label={t('admin.sections')}>
        {SECTIONS.map((s) => (
          <NavLink
            key={s}
            to={`/admin/${s}`}
            className={({ isActive }) => `admin-tabs__link${isActive ? ' is-active' : ''}`}
          >
            {t(`admin.tabs.${s}`)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="imports" replace />} />
        <Route path="imports" element={<ImportsPanel />} />
        <Route
          path="quality"
          element={
            <section className="leader-card admin-quality">
              <h2>{t('admin.quality.title')}</h2>
              <p className="dashboard-muted">{t('admin.quality.hint')}</p>
              <div className="admin-quality__map">
                <CityMap city={city} onRetryCity={onRetryCity} />
              </div>
            </section>
          }
        />
        <Route path="classes" element={<ClassesPanel />} />
        <Route path="standards" element={<StandardsPanel />} />
        <Route path="calendar" element={<CalendarPanel />} />
        <Route path="users" element={<UsersPanel />} />
        <Route path="profiles" element={<ProfilesPanel />} />
        <Route path="*" element={<Navigate to="imports" replace />} />
      </Routes>
    </div>
  );
}
