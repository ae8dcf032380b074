import { setRequestAuthorizer } from '../../map/api/http';
import { logoutSession, refreshTokens } from '../api/auth-api';
import { AuthSession, REFRESH_TOKEN_KEY } from './auth-session';

/** The one session of this tab; signs every API request made through `getJson`/`apiFetch`. */
export const authSession = new AuthSession(window.localStorage, {
  refresh: refreshTokens,
  logout: logoutSession,
});

setRequestAuthorizer({
  accessToken: () => authSession.getAccessToken(),
  refresh: () => authSession.refresh(),
});

// Signed out in another tab: sign out here too.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && authSession.getSnapshot().user) {
    authSession.clear();
  }
});
