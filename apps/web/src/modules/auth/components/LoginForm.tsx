import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../map/api/http';
import { login, lockedUntil } from '../api/auth-api';
import { authSession } from '../state/session';

export interface LoginFormProps {
  onSignedIn: () => void;
}

/** 登录 username + password; errors say what to do (wrong credentials, locked until, offline). */
export function LoginForm({ onSignedIn }: LoginFormProps) {
  const { t, i18n } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const describe = (err: unknown): string => {
    const until = lockedUntil(err);
    if (until) {
      const time = new Date(until).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
      return t('auth.errors.locked', { time });
    }
    if (err instanceof ApiRequestError) {
      if (err.code === 'AUTH.INVALID_CREDENTIALS') return t('auth.errors.invalidCredentials');
      if (err.code === 'AUTH.ACCOUNT_DISABLED') return t('auth.errors.disabled');
      if (err.code === 'CLIENT.NETWORK') return t('errors.network');
      if (err.code === 'REQUEST.VALIDATION_FAILED') return t('auth.errors.missing');
    }
    return t('errors.generic');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('auth.errors.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      authSession.accept(await login({ username: username.trim(), password }));
      onSignedIn();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby="login-error">
      <h1 className="login-form__title">{t('auth.title')}</h1>
      <label className="login-form__field">
        <span>{t('auth.username')}</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
      </label>
      <label className="login-form__field">
        <span>{t('auth.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <p id="login-error" className="login-form__error" role="alert" data-testid="login-error">
        {error ?? ''}
      </p>
      <button type="submit" className="ug-button login-form__submit" disabled={busy} aria-busy={busy}>
        {busy ? t('auth.signingIn') : t('auth.signIn')}
      </button>
    </form>
  );
}
