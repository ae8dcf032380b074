import type {
  ClassListResponse,
  ComponentDto,
  GeocodeRegions,
  NearestComponentResponse,
  Position,
  RegionLevel,
  RegionVersion,
  ReverseGeocodeResponse,
} from '@urbangrid/contracts';
import { hasStrings, isGeometryLike, isRecord } from '../../map/api/guards';
import { getJson } from '../../map/api/http';
import { API_BASE } from '../../map/api/map-api';

const pointQuery = ([lon, lat]: Position): string => `lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}`;

export function isGeocodeRegions(value: unknown): value is GeocodeRegions {
  return (
    isRecord(value) &&
    (['grid', 'community', 'street', 'district'] as const).every((level) =>
      hasStrings(value[level], 'code', 'name'),
    )
  );
}

function isRegionVersion(value: unknown): value is RegionVersion {
  return hasStrings(value, 'code', 'name', 'level', 'validFrom') && isGeometryLike(value.geometry);
}

function isReverseGeocode(value: unknown): value is ReverseGeocodeResponse {
  return isRecord(value) && 'description' in value && 'nearestAddress' in value;
}

export function isComponent(value: unknown): value is ComponentDto {
  return hasStrings(value, 'code', 'classCode', 'state', 'gridCode') && isGeometryLike(value.geometry);
}

function isNearestComponent(value: unknown): value is NearestComponentResponse {
  return isRecord(value) && isComponent(value.component) && typeof value.distanceM === 'number';
}

function isClassList(value: unknown): value is ClassListResponse {
  return (
    isRecord(value) && Array.isArray(value.items) && value.items.every((i) => hasStrings(i, 'code', 'name'))
  );
}

/** GET /api/v1/regions/locate: the grid, community, street and district holding a point. */
export function locatePoint(point: Position, signal?: AbortSignal): Promise<GeocodeRegions> {
  return getJson(`${API_BASE}/regions/locate?${pointQuery(point)}`, isGeocodeRegions, signal);
}

/** GET /api/v1/regions/{level}/{code}: the version in force today, with its outline. */
export function fetchRegionVersion(
  level: RegionLevel,
  code: string,
  signal?: AbortSignal,
): Promise<RegionVersion> {
  return getJson(`${API_BASE}/regions/${level}/${encodeURIComponent(code)}`, isRegionVersion, signal);
}

/** GET /api/v1/geocode/reverse: 位置描述 and the nearest address. */
export function reverseGeocode(point: Position, signal?: AbortSignal): Promise<ReverseGeocodeResponse> {
  return getJson(`${API_BASE}/geocode/reverse?${pointQuery(point)}`, isReverseGeocode, signal);
}

export function fetchComponent(code: string, signal?: AbortSignal): Promise<ComponentDto> {
  return getJson(`${API_BASE}/components/${encodeURIComponent(code)}`, isComponent, signal);
}

export function fetchNearestComponent(
  point: Position,
  signal?: AbortSignal,
): Promise<NearestComponentResponse> {
  return getJson(`${API_BASE}/components/nearest?${pointQuery(point)}`, isNearestComponent, signal);
}

let componentClasses: Promise<ClassListResponse> | null = null;

/** GET /api/v1/classes?kind=component, fetched once per page load (classes rarely change). */
export function fetchComponentClasses(): Promise<ClassListResponse> {
  componentClasses ??= getJson(`${API_BASE}/classes?kind=component`, isClassList).catch((error: unknown) => {
    componentClasses = null;
    throw error;
  });
  return componentClasses;
}
