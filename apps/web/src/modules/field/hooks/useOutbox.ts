import { useEffect, useSyncExternalStore } from 'react';
import { outbox } from '../state/field-runtime';
import type { OutboxItem } from '../state/outbox-types';

/** The device's outbox items in queue order; re-renders when any item changes. */
export function useOutbox(): readonly OutboxItem[] {
  useEffect(() => {
    void outbox.load().catch(() => undefined);
  }, []);
  return useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
}
