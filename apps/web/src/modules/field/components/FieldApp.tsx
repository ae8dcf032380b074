import { useEffect, useLayoutEffect, type ReactNode } from 'react';
import { useAuth } from '../../auth';
import { outbox, startOutboxSync } from '../state/field-runtime';
import { registerServiceWorker } from '../utils/service-worker';
import { FieldDataProvider } from './FieldDataProvider';

/**
 * The inspector app's frame: loads its data, keeps the outbox sending while it is open and
 * installs the service worker that lets the app start without network.
 */
export function FieldApp({ children }: { children: ReactNode }) {
  const userId = useAuth().user?.id ?? null;
  // Before the sync starts: its first flush sends this user's items only.
  useLayoutEffect(() => {
    outbox.setOwner(userId);
    return () => outbox.setOwner(null);
  }, [userId]);
  useEffect(() => startOutboxSync(), []);
  useEffect(() => {
    registerServiceWorker();
  }, []);
  return <FieldDataProvider>{children}</FieldDataProvider>;
}
