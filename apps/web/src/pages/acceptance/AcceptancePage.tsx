import { AcceptanceView } from '../../modules/acceptance';
import { ForRoles } from '../dashboard/DashboardPage';

/** Route `/acceptance`: the 验收 result and the reviewers' forms (leader, admin). */
export function AcceptancePage() {
  return (
    <ForRoles roles={['leader', 'admin']}>
      <AcceptanceView />
    </ForRoles>
  );
}
