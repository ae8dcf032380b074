import { useEffect, type ReactNode } from 'react';
import { startOutboxSync } from '../state/field-runtime';
import { registerServiceWorker } from '../utils/service-worker';
import { FieldDataProvider } from './FieldDataProvider';

/**
 * The inspector app's frame: loads its data, keeps the outbox sending while it is open and
 * installs the service worker that lets the app start without network.
 */
export function FieldApp({ children }: { children: ReactNode }) {
  useEffect(() => startOutboxSync(), []);
  useEffect(() => {
    registerServiceWorker();
  }, []);
  return <FieldDataProvider>{children}</FieldDataProvider>;
}
