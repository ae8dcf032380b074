import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { REGISTER_PATH } from './DeskView';

/** 领导交办 from the leader's home (the city map): a link to the registration form. */
export function LeaderAssignLink() {
  const { t } = useTranslation();
  if (useAuth().user?.role !== 'leader') return null;
  return (
    <Link to={REGISTER_PATH} className="ug-button leader-assign-link" data-testid="leader-assign">
      {t('cases.register.openLeader')}
    </Link>
  );
}
