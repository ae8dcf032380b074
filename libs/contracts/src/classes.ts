/** 部件 component or 事件 event: separate code spaces (GB/T 30428.2). */
export type ClassKindName = 'component' | 'event';
export const CLASS_KIND_NAMES: readonly ClassKindName[] = ['component', 'event'];

/** `gbt30428-2`: 2 + 2 digit codes (16-digit component codes); `gbt47678-5`: 2 + 3 (17-digit). */
export type ClassCodeSchemeName = 'gbt30428-2' | 'gbt47678-5';
export const CLASS_CODE_SCHEME_NAMES: readonly ClassCodeSchemeName[] = ['gbt30428-2', 'gbt47678-5'];

/** 大类 big, 小类 small, detail = one optional local level below the small class (子类). */
export type ClassLevelName = 'big' | 'small' | 'detail';

/** national = part of a seed profile (can be retired, never deleted); local = created by the city. */
export type ClassOrigin = 'national' | 'local';

/** The seed profile a national row came from. */
export type ClassProfileName = 'national' | 'beijing';

export type ComponentGeometryTypeName = 'point' | 'line' | 'polygon';
export const COMPONENT_GEOMETRY_TYPE_NAMES: readonly ComponentGeometryTypeName[] = [
  'point',
  'line',
  'polygon',
];

/** One class as the API returns it. */
export interface ClassificationDto {
  kind: ClassKindName;
  code: string;
  codeScheme: ClassCodeSchemeName;
  level: ClassLevelName;
  /** The class one level up; null for a big class. */
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  /** Confidence of the seed row (H/M/L, spec 01 §2.6); null for local classes. */
  confidence: 'H' | 'M' | 'L' | null;
  origin: ClassOrigin;
  /** Seed profile of a national class; null for a local one. */
  profile: ClassProfileName | null;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD: not in force from this day on; null while current. */
  validTo: string | null;
  /** Publicly reportable (Open311 service). */
  isPublic: boolean;
  /** Components only. */
  geometryType: ComponentGeometryTypeName | null;
}

export interface ClassificationTreeNode extends ClassificationDto {
  children: ClassificationTreeNode[];
}

/** GET /api/v1/classes?view=flat: big → small → detail, in code order. */
export interface ClassListResponse {
  items: ClassificationDto[];
}

/** GET /api/v1/classes?view=tree: big classes with their small (and detail) classes nested. */
export interface ClassTreeResponse {
  items: ClassificationTreeNode[];
}

/** POST /api/v1/classes: a local class (21+ big class, 9x small class, or a detail class). */
export interface CreateClassRequest {
  kind: ClassKindName;
  code: string;
  /** Defaults to the scheme the city's classes of that kind already use. */
  codeScheme?: ClassCodeSchemeName;
  /** Optional; when given it must be the code's own prefix. */
  parentCode?: string;
  name: string;
  nameEn?: string;
  isPublic?: boolean;
  geometryType?: ComponentGeometryTypeName;
  /** YYYY-MM-DD; default today in the city's time zone. */
  validFrom?: string;
}

/** PATCH /api/v1/classes/:kind/:code */
export interface UpdateClassRequest {
  name?: string;
  nameEn?: string | null;
  isPublic?: boolean;
  geometryType?: ComponentGeometryTypeName | null;
}

/** POST /api/v1/classes/:kind/:code/retire */
export interface RetireClassRequest {
  /** YYYY-MM-DD, the first day the class is no longer in force; default today. */
  validTo?: string;
}
