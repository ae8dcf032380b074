import type { CityInfo, RoleCode } from '@urbangrid/contracts';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useAuth } from '../../modules/auth';
import { DashboardView } from '../../modules/dashboard';
import type { AsyncState } from '../../modules/map';

/** Shows `children` to the given roles and sends anyone else home (the API refuses them too). */
export function ForRoles({ roles, children }: { roles: readonly RoleCode[]; children: ReactNode }) {
  const role = useAuth().user?.role;
  return role && roles.includes(role) ? <>{children}</> : <Navigate to="/" replace />;
}

/** Route `/dashboard`: the leader's 驾驶舱 (leaders land here). */
export function DashboardPage({ city }: { city: AsyncState<CityInfo> }) {
  return (
    <ForRoles roles={['leader', 'admin']}>
      <DashboardView city={city} />
    </ForRoles>
  );
}
