import type { GeocodeResponse } from '@urbangrid/contracts';
import { isPosition, isRecord } from '../../map/api/guards';
import { getJson } from '../../map/api/http';
import { API_BASE } from '../../map/api/map-api';

function isGeocodeResponse(value: unknown): value is GeocodeResponse {
  return (
    isRecord(value) &&
    Array.isArray(value.candidates) &&
    value.candidates.every((c) => isRecord(c) && typeof c.label === 'string' && isPosition(c.position))
  );
}

/** GET /api/v1/geocode?q=: address text → candidates, best first. */
export function geocode(text: string, signal?: AbortSignal): Promise<GeocodeResponse> {
  return getJson(`${API_BASE}/geocode?q=${encodeURIComponent(text)}`, isGeocodeResponse, signal);
}
