import type { ComponentStateName } from './components';
import type { BBox, Geometry, Position } from './geojson';
import type { DemoGeocodingData } from './geocoding';
import type { RegionLevel, RoadClass } from './map';
import type { RoleCode } from './roles';

/**
 * The demo city as produced by tools/demo-city and loaded by the API seeder.
 * Every geometry is EPSG:4326 longitude/latitude. Deterministic from `seed`.
 */
export interface DemoCityDataset {
  formatVersion: 1;
  seed: number;
  scale: number;
  city: {
    name: string;
    nameEn: string;
    /** 6-digit GB/T 2260 county-level code of the demo district. */
    districtCode: string;
    center: Position;
    extent: BBox;
  };
  /** Districts, streets, communities and unit grids, parents before children. */
  regions: DemoRegion[];
  roads: DemoRoad[];
  departments: DemoDepartment[];
  users: DemoUser[];
  /** 地理编码 house numbers, road aliases and POIs; absent in datasets written before geocoding existed. */
  geocoding?: DemoGeocodingData;
  /** 部件 components; absent in datasets written before components existed. */
  components?: DemoComponent[];
  /** 派遣 routing: small or big class → department; absent in datasets written before cases existed. */
  dispatchRules?: DemoDispatchRule[];
}

export interface DemoDispatchRule {
  kind: 'component' | 'event';
  /** Big (2 digits) or small (4 digits) class code. */
  classPrefix: string;
  departmentCode: string;
}

export interface DemoRegion {
  level: RegionLevel;
  /** district 6 digits, street 9, community 12, grid 15 (6 + 3 + 3 + 3). */
  code: string;
  name: string;
  parentCode: string | null;
  /** Polygon or MultiPolygon. */
  geometry: Geometry;
}

export interface DemoRoad {
  name: string;
  roadClass: RoadClass;
  /** LineString. */
  geometry: Geometry;
}

export interface DemoDepartment {
  /** Stable business code, e.g. `HW` 环卫, or `JD-330105001` for a street office. */
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  /** For a territorial government office (属地): the street or district code it answers for. */
  territoryCode?: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: RoleCode;
  /** Department code for department handlers; null otherwise. */
  departmentCode: string | null;
  /** Plain demo password; the seeder stores only its scrypt hash. */
  password: string;
}

/** One demo component (部件); its grid and community are derived when it is loaded. */
export interface DemoComponent {
  /** 16-digit 部件标识码 (district + small class + sequence). */
  code: string;
  /** Small class (小类), e.g. `0101`. */
  classCode: string;
  name: string;
  /** Point, EPSG:4326. */
  geometry: Geometry;
  state: ComponentStateName;
  /** 主管部门 and 权属单位: a department code of `departments`. */
  deptCode: string;
  /** 养护单位: a department (or sub-unit) code of `departments`. */
  maintainerCode: string;
  /** 初始日期 YYYY-MM-DD. */
  initialDate: string;
}
