import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAuth } from '../../auth';
import { outbox } from '../state/field-runtime';
import type { OutboxItem } from '../state/outbox-types';

/** The signed-in user's outbox items in queue order; re-renders when any item changes. */
export function useOutbox(): readonly OutboxItem[] {
  useEffect(() => {
    void outbox.load().catch(() => undefined);
  }, []);
  const items = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  const userId = useAuth().user?.id ?? null;
  return useMemo(() => items.filter((item) => item.owner === userId), [items, userId]);
}
