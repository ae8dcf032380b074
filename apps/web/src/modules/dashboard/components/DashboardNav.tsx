import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAuth } from '../../auth';

/** Links between the leader's and the administrator's screens (驾驶舱, 验收, 管理, 地图). */
export function DashboardNav() {
  const { t } = useTranslation();
  const role = useAuth().user?.role;
  const links = [
    { to: '/dashboard', label: t('dashboard.nav.dashboard'), roles: ['leader', 'admin'] },
    { to: '/acceptance', label: t('dashboard.nav.acceptance'), roles: ['leader', 'admin'] },
    { to: '/admin', label: t('dashboard.nav.admin'), roles: ['admin'] },
    { to: '/map', label: t('dashboard.nav.map'), roles: ['leader', 'admin'] },
    { to: '/desk/filing', label: t('dashboard.nav.desks'), roles: ['leader', 'admin'] },
  ].filter((l) => role && l.roles.includes(role));
  return (
    <nav className="dashboard-nav" aria-label={t('dashboard.nav.label')}>
      {links.map((l) => (
        <NavLink
          key={l.to}
          to={l.to}
          className={({ isActive }) => `dashboard-nav__link${isActive ? ' is-active' : ''}`}
        >
          {l.label}
        </NavLink>
      ))}
    </nav>
  );
}
