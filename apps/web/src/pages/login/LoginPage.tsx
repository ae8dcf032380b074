import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { authSession, LoginForm, useAuth } from '../../modules/auth';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** Route `/login`: the sign-in form; a signed-in user goes straight on. */
export function LoginPage() {
  const { status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  useEffect(() => {
    if (status === 'restoring') void authSession.restore();
  }, [status]);
  if (status === 'authenticated') return <Navigate to={next} replace />;
  return (
    <div className="login-page">
      <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />
    </div>
  );
}
