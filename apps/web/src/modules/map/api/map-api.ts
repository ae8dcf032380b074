import type {
  BBox,
  CityInfo,
  FeatureCollection,
  Geometry,
  MapLayerName,
  RegionLayer,
  RoadLayer,
} from '@urbangrid/contracts';
import { getJson } from './http';

export const API_BASE = '/api/v1';

/** The GeoJSON each map layer endpoint answers with. */
export type MapLayerData = { [K in MapLayerName]: K extends 'roads' ? RoadLayer : RegionLayer };

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
    Array.isArray(city.center) &&
    (city.basemapUrl === null || city.basemapUrl === undefined || typeof city.basemapUrl === 'string')
  );
}

/** Shape check only (the API is trusted for the properties of each feature). */
export function isFeatureCollection(value: unknown): value is FeatureCollection<Geometry, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const collection = value as { type?: unknown; features?: unknown };
  return collection.type === 'FeatureCollection' && Array.isArray(collection.features);
}

const isLayerData =
  <K extends MapLayerName>() =>
  (value: unknown): value is MapLayerData[K] =>
    isFeatureCollection(value);

export function fetchCityInfo(signal?: AbortSignal): Promise<CityInfo> {
  return getJson(`${API_BASE}/city`, isCityInfo, signal);
}

export function fetchMapLayer<K extends MapLayerName>(
  layer: K,
  signal?: AbortSignal,
): Promise<MapLayerData[K]> {
  return getJson(`${API_BASE}/map/layers/${encodeURIComponent(layer)}`, isLayerData<K>(), signal);
}
