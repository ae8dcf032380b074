import type { FeatureCollection, Geometry } from './geojson';

/** Region levels of GB/T 30428.1: 区 district, 街道 street, 社区 community, 单元网格 unit grid. */
export const REGION_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Layers the map endpoint serves: GET /api/v1/map/layers/{layer}. */
export const MAP_LAYERS = ['districts', 'streets', 'communities', 'grids', 'roads'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

export interface RegionFeatureProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Area in m², computed from the geometry. */
  areaM2: number;
}

export interface RoadFeatureProperties {
  id: string;
  name: string;
  /** 主干路 arterial, 次干路 secondary, 支路 branch, 街巷 lane. */
  roadClass: RoadClass;
}

export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'lane'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export type RegionLayer = FeatureCollection<Geometry, RegionFeatureProperties>;
export type RoadLayer = FeatureCollection<Geometry, RoadFeatureProperties>;

/**
 * Vector tiles: GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt. Each region tile holds two layers,
 * `{layer}` (polygons) and `{layer}-labels` (one point per region); the roads tile holds `roads`.
 * Tiles exist from the layer's minimum zoom up to TILE_MAX_ZOOM; the map overzooms beyond it.
 */
export const TILE_MAX_ZOOM = 16;
export const TILE_LAYER_MINZOOM: Readonly<Record<TileLayerName, number>> = {
  components: 10,
  districts: 0,
  streets: 0,
  communities: 8,
  grids: 13,
  roads: 10,
};

/** Region label points travel in tiles from this zoom (the map shows grid codes from 16). */
export const TILE_LABEL_MINZOOM: Readonly<Record<Exclude<MapLayerName, 'roads'>, number>> = {
  districts: 0,
  streets: 0,
  communities: 12,
  grids: 15,
};

/** Road classes drawn at a zoom: lanes and branches only when close enough to tell them apart. */
export function roadClassesAtZoom(z: number): readonly RoadClass[] {
  if (z >= 14) return ROAD_CLASSES;
  if (z >= 12) return ['arterial', 'secondary', 'branch'];
  return ['arterial', 'secondary'];
}

/** Every tile layer: the region and road layers plus 部件 components. */
export const TILE_LAYERS = [...MAP_LAYERS, 'components'] as const;
export type TileLayerName = (typeof TILE_LAYERS)[number];

/**
 * Components travel as points (properties classCode, state) from this zoom; below it the tile
 * layer `components-counts` holds one point per unit grid (zoom ≥ COMPONENT_GRID_COUNT_MINZOOM)
 * or per community with the number of components there (property `count`).
 */
export const COMPONENT_POINT_MINZOOM = 14;
export const COMPONENT_GRID_COUNT_MINZOOM = 13;
export const COMPONENT_COUNT_LAYER = 'components-counts';

export const labelLayerName = (layer: MapLayerName): string => `${layer}-labels`;

/**
 * One version of a region (GET /api/v1/regions/{level}/{code}, .../history). A redraw retires
 * the version in force (its 终止日期 `validTo` is set) and adds a new one from `validFrom`;
 * no version is ever overwritten.
 */
export interface RegionVersion {
  id: string;
  level: RegionLevel;
  code: string;
  codeScheme: string;
  name: string;
  parentCode: string | null;
  areaM2: number;
  /** 初始日期, YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** 终止日期, YYYY-MM-DD, exclusive; null while in force. */
  validTo: string | null;
  note: string | null;
  geometry: Geometry;
}

/** PUT /api/v1/regions/{level}/{code}: redraw (and optionally rename) a region. */
export interface RedrawRegionRequest {
  /** GeoJSON Polygon or MultiPolygon, EPSG:4326. */
  geometry: Geometry;
  name?: string;
  /** Date the new outline takes effect (default today in the city's time zone); never in the future. */
  validFrom?: string;
  note?: string;
}
