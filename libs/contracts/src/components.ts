import type { Geometry } from './geojson';

/** 部件状态 component state (spec 01 §2.9): CJ/T 214 values plus the 运管服 ones. */
export type ComponentStateName = '完好' | '破损' | '丢失' | '占用' | '废弃' | '移除';
export const COMPONENT_STATE_NAMES: readonly ComponentStateName[] = [
  '完好',
  '破损',
  '丢失',
  '占用',
  '废弃',
  '移除',
];

/** 数据来源 data source (spec 01 §2.8 field 14). */
export type ComponentDataSourceName = '实测' | '地形图' | '调绘' | '其它' | '基础地理数据';
export const COMPONENT_DATA_SOURCE_NAMES: readonly ComponentDataSourceName[] = [
  '实测',
  '地形图',
  '调绘',
  '其它',
  '基础地理数据',
];

/** `gbt30428-2`: 16-digit codes (2 + 2 class); `gbt47678-5`: 17-digit codes (2 + 3 class). */
export type ComponentCodeSchemeName = 'gbt30428-2' | 'gbt47678-5';

/**
 * A department as a component attribute (spec 01 §2.8): a code from the department table (or an
 * 18-character 统一社会信用代码) and/or a name; either may be missing for free-text records.
 */
export interface ComponentDepartmentRef {
  code: string | null;
  name: string | null;
}

/** One component as the API returns it. */
export interface ComponentDto {
  /** 部件标识码: 6 admin + class + 6 sequence. */
  code: string;
  codeScheme: ComponentCodeSchemeName;
  /** The small class (小类), e.g. `0101`. */
  classCode: string;
  /** 部件名称; the small-class name unless the record says otherwise. */
  name: string;
  /** GeoJSON, EPSG:4326. */
  geometry: Geometry;
  districtCode: string;
  /** 所在单元网格: the current unit grid containing the point (or the point on surface). */
  gridCode: string;
  communityCode: string;
  /** 主管部门 competent department. */
  competentDept: ComponentDepartmentRef | null;
  /** 权属单位 owner. */
  owner: ComponentDepartmentRef | null;
  /** 养护单位 maintainer. */
  maintainer: ComponentDepartmentRef | null;
  state: ComponentStateName;
  /** 初始日期, YYYY-MM-DD. */
  initialDate: string;
  /** 变更日期, YYYY-MM-DD; null until the first change. */
  changeDate: string | null;
  dataSource: ComponentDataSourceName | null;
  note: string | null;
  /** Reference to a stored photo. */
  photo: string | null;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/v1/components */
export interface CreateComponentRequest {
  classCode: string;
  geometry: Geometry;
  /** Assigned (next sequence in the admin area and class) when absent. */
  code?: string;
  /** When given, must equal the grid derived from the geometry. */
  gridCode?: string;
  name?: string;
  competentDept?: ComponentDepartmentRef;
  owner?: ComponentDepartmentRef;
  maintainer?: ComponentDepartmentRef;
  state?: ComponentStateName;
  initialDate?: string;
  dataSource?: ComponentDataSourceName;
  note?: string;
  photo?: string;
}

/** PATCH /api/v1/components/:code — a geometry change re-derives the grid. */
export interface UpdateComponentRequest {
  geometry?: Geometry;
  name?: string;
  competentDept?: ComponentDepartmentRef | null;
  owner?: ComponentDepartmentRef | null;
  maintainer?: ComponentDepartmentRef | null;
  state?: ComponentStateName;
  /** Default: today, when anything changes. */
  changeDate?: string;
  dataSource?: ComponentDataSourceName | null;
  note?: string | null;
  photo?: string | null;
}

/** GET /api/v1/components: keyset pages in code order. */
export interface ComponentPage {
  items: ComponentDto[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/** GET /api/v1/components/nearest */
export interface NearestComponentResponse {
  component: ComponentDto;
  /** Geodesic distance from the query point, metres. */
  distanceM: number;
}
