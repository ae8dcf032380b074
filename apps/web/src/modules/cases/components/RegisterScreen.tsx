import type { CityInfo } from '@urbangrid/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../auth';
import type { AsyncState } from '../../map/hooks/async-state';
import { DESKS, homePathFor } from '../state/desks';
import { registerSourcesFor } from '../utils/register-form';
import { DeskNav } from './DeskView';
import { RegisterForm } from './RegisterForm';

/**
 * The registration form on its own page: the operator's on a phone (the desk opens it in its side
 * panel on a wide screen), and the leader's 领导交办 at any size. The new case opens next.
 */
export function RegisterScreen({ city }: { city: AsyncState<CityInfo> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useAuth().user?.role;
  const sources = role ? registerSourcesFor(role) : null;
  const leader = role === 'leader';

  useEffect(() => {
    document.title = leader ? t('cases.register.titleLeader') : t('cases.register.title');
  }, [leader, t]);

  if (!role) return null;
  if (!sources) return <Navigate to={homePathFor(role) ?? '/'} replace />;
  const back = role === 'operator' ? DESKS.intake.path : '/';

  return (
    <div className="case-screen register-screen">
      <DeskNav />
      <Link className="ug-button ug-button--small ug-button--secondary" to={back}>
        {role === 'operator' ? t('cases.register.back') : t('cases.detail.back')}
      </Link>
      <div className="register-screen__body">
        <RegisterForm
          city={city}
          sources={sources}
          headingLevel={1}
          onCreated={(created) => void navigate(`/cases/${created.id}`, { replace: true })}
        />
      </div>
    </div>
  );
}
