import type { CityInfo } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { fetchCityInfo } from '../api/map-api';
import type { AsyncState } from './async-state';

/** GET /api/v1/city, with a `reload` for the retry button. */
export function useCityInfo(): { state: AsyncState<CityInfo>; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AsyncState<CityInfo>>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchCityInfo(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}
