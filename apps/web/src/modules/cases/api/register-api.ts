import type { GeocodeResponse } from '@urbangrid/contracts';
import { getJson } from '../../map/api/http';

const isGeocode = (v: unknown): v is GeocodeResponse =>
  typeof v === 'object' && v !== null && Array.isArray((v as { candidates?: unknown }).candidates);

/**
 * GET /api/v1/geocode?q=: address text → candidate points, best first (WGS84). No match is
 * 404 GEOCODE.NOT_FOUND, text that reads as no address 422 GEOCODE.UNPARSEABLE.
 */
export function geocodeAddress(q: string, signal?: AbortSignal): Promise<GeocodeResponse> {
  const params = new URLSearchParams({ q, crs: 'wgs84' });
  return getJson(`/api/v1/geocode?${params.toString()}`, isGeocode, signal);
}
