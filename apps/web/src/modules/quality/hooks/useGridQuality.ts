import type { GridQualityReport } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { AsyncState } from '../../map/hooks/async-state';
import { fetchGridQuality } from '../api/quality-api';

/** Runs the grid quality checks while `enabled`; switching off aborts a run in progress. */
export function useGridQuality(enabled: boolean): {
  state: AsyncState<GridQualityReport> | null;
  rerun: () => void;
} {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AsyncState<GridQualityReport> | null>(null);

  useEffect(() => {
    if (!enabled) {
      setState(null);
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchGridQuality(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [enabled, attempt]);

  const rerun = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, rerun };
}
