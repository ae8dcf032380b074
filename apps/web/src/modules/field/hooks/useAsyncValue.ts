import { useCallback, useEffect, useState } from 'react';
import type { AsyncState } from '../../map/hooks/async-state';

/**
 * Runs `load` when `key` changes (null = nothing to load) and keeps its state; `reload` runs it
 * again for the retry button. `load` should be stable per key.
 */
export function useAsyncValue<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): { state: AsyncState<T> | null; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; value: AsyncState<T> } | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ key, value: { status: 'loading' } });
    load(controller.signal).then(
      (value) => setState({ key, value: { status: 'ready', value } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'error', error } });
      },
    );
    return () => controller.abort();
    // `load` belongs to `key`: a new function for the same key must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  if (key === null) return { state: null, reload };
  return { state: state && state.key === key ? state.value : { status: 'loading' }, reload };
}
