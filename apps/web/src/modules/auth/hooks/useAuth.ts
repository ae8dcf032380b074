import { useSyncExternalStore } from 'react';
import type { AuthSnapshot } from '../state/auth-session';
import { authSession } from '../state/session';

/** The tab's session status and user; re-renders on login, refresh and logout. */
export function useAuth(): AuthSnapshot {
  return useSyncExternalStore(authSession.subscribe, authSession.getSnapshot);
}
