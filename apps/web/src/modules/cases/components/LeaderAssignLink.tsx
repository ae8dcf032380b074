import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { REGISTER_PATH } from './DeskView';

/**
 * 领导交办 from the leader's home: a link to the registration form, floating over the city map,
 * or inline (`floating={false}`) in a page header such as the dashboard's.
 */
export function LeaderAssignLink({ floating = true }: { floating?: boolean }) {
  const { t } = useTranslation();
  if (useAuth().user?.role !== 'leader') return null;
  return (
    <Link to={REGISTER_PATH} className={`ug-button leader-assign-link${floating ? ' leader-assign-link--floating' : ''}`} data-testid="leader-assign">
      {t('cases.register.openLeader')}
    </Link>
  );
}
