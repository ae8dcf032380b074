import type { Position } from './geojson';

/** Coordinate systems a geocoding client may ask for (the domain's `CoordinateSystem`). */
export type GeocodeCrs = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';

/** 匹配级别 match level of a forward-geocoding candidate (spec 02 §6.4; the domain's `MatchLevel`). */
export type GeocodeMatchLevel =
  'DOORPLATE' | 'POI' | 'CROSSING' | 'STREET_INTERPOLATED' | 'STREET' | 'BLOCK' | 'ZONE' | 'REGION' | 'NONE';

/** Which name of the place matched: its current name, an 别名 alias or a 曾用名 former name. */
export type GeocodeNameMatch = 'name' | 'alias' | 'former';

/** 兴趣点 categories; 'entrance' is a gate or entrance that belongs to a parent POI (西湖公园东门). */
export const POI_CATEGORIES = [
  'park',
  'school',
  'hospital',
  'bus-stop',
  'mall',
  'government',
  'landmark',
  'residential',
  'entrance',
] as const;
export type PoiCategory = (typeof POI_CATEGORIES)[number];

export interface RegionCodeName {
  code: string;
  name: string;
}

/** The unit grid, community, street and district holding a point; null outside every grid. */
export interface GeocodeRegions {
  grid: RegionCodeName;
  community: RegionCodeName;
  street: RegionCodeName;
  district: RegionCodeName;
}

export interface GeocodeCandidate {
  matchLevel: GeocodeMatchLevel;
  /** 0–1: 1 for an exact current name at the best level; lower for aliases, former names, coarser levels. */
  score: number;
  /** What was matched, as stored: "湖墅南路128号", "西湖公园东门", "文一路与学院路交叉口". */
  label: string;
  matchedBy: GeocodeNameMatch;
  /** [lon, lat] in the requested coordinate system. */
  position: Position;
  regions: GeocodeRegions | null;
}

/** GET /api/v1/geocode response. */
export interface GeocodeResponse {
  query: string;
  crs: GeocodeCrs;
  /** The kind of address the text was read as. */
  parsedAs: 'house-number' | 'crossing' | 'place' | 'road';
  /** Best first. */
  candidates: GeocodeCandidate[];
}

export interface NearestAddress {
  label: string;
  road: string;
  number: number;
  suffix: string;
  position: Position;
  distanceM: number;
}

export interface NearestPoi {
  id: string;
  name: string;
  category: PoiCategory;
  position: Position;
  distanceM: number;
}

export interface NearestRoad {
  id: string;
  name: string;
  roadClass: string;
  distanceM: number;
}

/** The nearest 部件 component not removed (state ≠ 移除); `position` is its point nearest the query. */
export interface NearestComponent {
  code: string;
  classCode: string;
  name: string;
  state: string;
  position: Position;
  distanceM: number;
}

/** GET /api/v1/geocode/reverse response. Positions are in the requested coordinate system. */
export interface ReverseGeocodeResponse {
  crs: GeocodeCrs;
  position: Position;
  regions: GeocodeRegions | null;
  nearestAddress: NearestAddress | null;
  nearestPoi: NearestPoi | null;
  nearestRoad: NearestRoad | null;
  nearestComponent: NearestComponent | null;
  /** 位置描述 as composed by the domain: "湖墅南路128号东侧约30米"; null when nothing is near. */
  description: string | null;
}

/** Demo-city geocoding data (tools/demo-city/src/addresses.ts). Roads are referred to by name. */
export interface DemoGeocodingData {
  /** House-number range per side of a road (left/right as seen from its first vertex). */
  roadRanges: DemoRoadRange[];
  roadAliases: DemoRoadAlias[];
  addressPoints: DemoAddressPoint[];
  pois: DemoPoi[];
}

export interface DemoRoadRange {
  road: string;
  side: 'left' | 'right';
  /** Number at the road's first vertex. */
  from: number;
  /** Number at the road's last vertex. */
  to: number;
  parity: 'odd' | 'even' | 'all';
}

export interface DemoRoadAlias {
  road: string;
  alias: string;
  kind: 'alias' | 'former';
  validFrom: string | null;
  validTo: string | null;
}

/** 门(楼)牌. */
export interface DemoAddressPoint {
  road: string;
  number: number;
  /** '' or a sub-number / split mark such as '-3' or '甲'. */
  suffix: string;
  position: Position;
}

export interface DemoPoi {
  /** Unique within the dataset; `parentKey` refers to it. */
  key: string;
  name: string;
  aliases: string[];
  category: PoiCategory;
  position: Position;
  parentKey: string | null;
}
