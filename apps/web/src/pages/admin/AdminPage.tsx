import type { CityInfo } from '@urbangrid/contracts';
import { AdminView } from '../../modules/admin';
import type { AsyncState } from '../../modules/map';
import { ForRoles } from '../dashboard/DashboardPage';

/** Route `/admin/*`: the administrator's screens. */
export function AdminPage({ city, onRetryCity }: { city: AsyncState<CityInfo>; onRetryCity: () => void }) {
  return (
    <ForRoles roles={['admin']}>
      <AdminView city={city} onRetryCity={onRetryCity} />
    </ForRoles>
  );
}
