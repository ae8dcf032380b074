import type { ComponentStateName } from './components';
import type { CaseAction, CaseSource } from './cases';
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
  /**
   * A year of 案卷 as scripts replayed through the case loop by the seeder (case rows, numbers,
   * deadlines and flow records are computed then, not stored here); in reported order. Absent in
   * datasets written before the demo cases existed.
   */
  cases?: DemoCaseScript[];
}

/**
 * One demo case: what was reported, where, and every step taken on it. Id-free: the seeder gives
 * ids, case numbers (per year in this order) and resolves the grid from the position.
 */
export interface DemoCaseScript {
  /** Report time, UTC, minute precision (`YYYY-MM-DDTHH:MMZ`). */
  at: string;
  source: CaseSource;
  kind: 'component' | 'event';
  /** Small class (小类) code of the seeded class tables. */
  classCode: string;
  /** [lon, lat] EPSG:4326, inside a unit grid of the demo city. */
  position: Position;
  /** 部件标识码 of the demo component the case is about (component cases). */
  componentCode?: string;
  /** Filed as 紧急 (urgent limits). */
  urgent?: true;
  /** The first step creates the case (report / register / selfReport). */
  steps: DemoCaseStep[];
}

/**
 * One workflow action: the action, minutes after the previous step (after the report time for
 * the first), the acting demo user's username, and the one argument the action takes:
 * - `dispatch`: the department code;
 * - `sendVerify`, `sendCheck`: the inspector's username, left out for the grid's inspector;
 * - `answerVerify`, `answerCheck`, `auditSelfDisposal`, `decide*`: the yes / no answer;
 * - `reject`, `refuseFiling`, `requestVoid`, `requestReturn`, `requestPark`: the reason code;
 * - `requestExtension`: the amount in working days;
 * - `supervise`, `replySupervision`: the notice or reply text.
 * The actor is null (or left out) when the case implies it: the inspector responsible for the
 * case's grid for an inspector's action, else the one user of the only role that may take the
 * action (operator01, shiftlead01, dispatcher01). So a year of cases stays under 4 MB.
 */
export type DemoCaseStep =
  | [action: CaseAction, minutes: number]
  | [action: CaseAction, minutes: number, actor: string | null]
  | [action: CaseAction, minutes: number, actor: string | null, arg: string | number | boolean];

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
