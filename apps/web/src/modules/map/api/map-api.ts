import type { BBox, CityInfo, TileLayerName } from '@urbangrid/contracts';
import { getJson } from './http';

export const API_BASE = '/api/v1';

function isBBox(value: unknown): value is BBox {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

export function isCityInfo(value: unknown): value is CityInfo {
  if (typeof value !== 'object' || value === null) return false;
  const city = value as Partial<Record<keyof CityInfo, unknown>>;
  return (
    typeof city.name === 'string' &&
    (city.nameEn === null || city.nameEn === undefined || typeof city.nameEn === 'string') &&
    isBBox(city.extent) &&
    (city.dataExtent === null || isBBox(city.dataExtent)) &&
    typeof city.counts === 'object' &&
    city.counts !== null &&
    Array.isArray(city.center) &&
    (city.basemapUrl === null || city.basemapUrl === undefined || typeof city.basemapUrl === 'string')
  );
}

export function fetchCityInfo(signal?: AbortSignal): Promise<CityInfo> {
  return getJson(`${API_BASE}/city`, isCityInfo, signal);
}

/** Tile URL template of one layer, absolute (tiles are fetched from a web worker). */
export function tileUrlTemplate(layer: TileLayerName, origin: string): string {
  return `${origin}${API_BASE}/tiles/${encodeURIComponent(layer)}/{z}/{x}/{y}.mvt`;
}
