import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../hooks/useAuth';
import { authSession } from '../state/session';

/** Signed-in user's name and role, and the 退出登录 button, for the shell header. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;
  const logout = async () => {
    await authSession.logout();
    void navigate('/login', { replace: true });
  };
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__name" title={user.username}>
        {user.displayName}
        <span className="user-menu__role">{t(`auth.roles.${user.role}`)}</span>
      </span>
      <button type="button" className="user-menu__logout" onClick={() => void logout()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}
