import { useCallback, useEffect, useRef, useState } from 'react';
import type { AsyncState } from '../../map';

/**
 * Runs `load` whenever `key` changes (and on `reload`), aborting the previous run. A null key
 * loads nothing (state null). `key` must stand for every value `load` reads.
 */
export function useAsync<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): { state: AsyncState<T> | null; reload: () => void } {
  const [state, setState] = useState<AsyncState<T> | null>(key === null ? null : { status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);

  useEffect(() => {
    loader.current = load;
  });

  useEffect(() => {
    if (key === null) {
      setState(null);
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    loader.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
