import type { Position } from '@urbangrid/contracts';
import { useCallback, useEffect, useState } from 'react';

export type GeolocationState =
  | { status: 'locating' }
  | { status: 'fixed'; position: Position; accuracy: number }
  | { status: 'unavailable' };

/** Fix wait before the form offers manual placement (a phone indoors may never get one). */
const FIX_TIMEOUT_MS = 15_000;

/**
 * One GNSS fix on demand (`locate`), high accuracy. `unavailable` when the device has no
 * geolocation, permission is refused or no fix comes in time: the inspector then places the
 * point by hand (spec 04 §7).
 */
export function useGeolocation(auto = true): { state: GeolocationState; locate: () => void } {
  const [state, setState] = useState<GeolocationState>(() =>
    typeof navigator !== 'undefined' && 'geolocation' in navigator
      ? { status: 'locating' }
      : { status: 'unavailable' },
  );
  const [request, setRequest] = useState(auto ? 1 : 0);

  useEffect(() => {
    if (request === 0) return;
    if (!('geolocation' in navigator)) {
      setState({ status: 'unavailable' });
      return;
    }
    let live = true;
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (fix) => {
        if (live)
          setState({
            status: 'fixed',
            position: [fix.coords.longitude, fix.coords.latitude],
            accuracy: fix.coords.accuracy,
          });
      },
      () => {
        if (live) setState({ status: 'unavailable' });
      },
      { enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: 30_000 },
    );
    return () => {
      live = false;
    };
  }, [request]);

  const locate = useCallback(() => setRequest((n) => n + 1), []);
  return { state, locate };
}
