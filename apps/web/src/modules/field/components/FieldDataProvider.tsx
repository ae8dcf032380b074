import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAuth } from '../../auth';
import type { AsyncState } from '../../map/hooks/async-state';
import { FieldDataContext, type FieldData } from '../state/field-data-context';
import { loadClasses, loadProfile, type FieldProfile } from '../state/field-runtime';
import { buildClassTable, type ClassTable } from '../utils/class-search';

/**
 * Loads the inspector's profile with its grid outlines and the class table once per sign-in,
 * from the server when it answers (refreshing the device copy), else from the device.
 */
export function FieldDataProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const [attempt, setAttempt] = useState(0);
  const [profile, setProfile] = useState<AsyncState<FieldProfile>>({ status: 'loading' });
  const [classes, setClasses] = useState<AsyncState<ClassTable>>({ status: 'loading' });
  const [cachedAt, setCachedAt] = useState<string | null>(null);

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    const failed = (set: (s: AsyncState<never>) => void) => (error: unknown) => {
      if (!controller.signal.aborted) set({ status: 'error', error });
    };
    setProfile({ status: 'loading' });
    setClasses({ status: 'loading' });
    loadProfile(userId, controller.signal).then(({ profile: value, offline }) => {
      setProfile({ status: 'ready', value });
      if (offline) setCachedAt(value.fetchedAt);
    }, failed(setProfile));
    loadClasses(controller.signal).then(
      ({ items }) => setClasses({ status: 'ready', value: buildClassTable(items) }),
      failed(setClasses),
    );
    return () => controller.abort();
  }, [userId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo<FieldData>(
    () => ({ profile, classes, cachedAt, reload }),
    [profile, classes, cachedAt, reload],
  );
  return <FieldDataContext.Provider value={value}>{children}</FieldDataContext.Provider>;
}
