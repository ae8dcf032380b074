import type { Position } from './geojson';
import type { RegionLevel } from './map';

/**
 * 单元网格质量检查 unit grid quality checks (GB/T 30428.1 §1.2–1.6 of spec 01).
 * GET /api/v1/regions/quality runs them over the layout in force on a date.
 */
export const GRID_QUALITY_CHECKS = [
  'invalid-geometry',
  'area-out-of-bounds',
  'overlap',
  'gap',
  'outside-community',
  'duplicate-code',
  'code-parent-mismatch',
  'sequence-order',
] as const;
export type GridQualityCheck = (typeof GRID_QUALITY_CHECKS)[number];

export type GridQualitySeverity = 'error' | 'warning';

/** Thresholds of the checks; every one can be overridden per request. */
export interface GridQualityParams {
  /** Warn when a unit grid is smaller than this (m²). Default 2,000 (spec 01 §1.3, our own value). */
  minAreaM2: number;
  /** Warn when a unit grid is larger than this (m²). Default 50,000. */
  maxAreaM2: number;
  /** Overlap between two grids reported above this area (m²). */
  overlapToleranceM2: number;
  /** Community area left uncovered by its grids reported above this area (m²), per gap polygon. */
  gapToleranceM2: number;
  /** Grid area outside its community reported above this area (m²). */
  outsideToleranceM2: number;
  /** Row height (degrees of latitude) used to order grids west→east, north→south. */
  sequenceRowHeightDeg: number;
}

export interface GridQualityFinding {
  check: GridQualityCheck;
  severity: GridQualitySeverity;
  /** Stable key for translation, e.g. `gridQuality.overlap`; `params` fills its placeholders. */
  messageKey: string;
  params: Record<string, string | number>;
  /** English message. */
  message: string;
  /** 中文 message. */
  messageZh: string;
  /** Region codes involved (grid, community, …), sorted where order carries no meaning. */
  codes: string[];
  /** A point inside the problem area [lon, lat] (ST_PointOnSurface), to show on the map. */
  point: Position;
  /** Area of the problem (overlap, gap, part outside, grid area) in m², when it has one. */
  areaM2?: number;
}

export interface GridQualityReport {
  /** ISO timestamp (UTC) of the run. */
  checkedAt: string;
  /** Layout date (YYYY-MM-DD) the checks ran on. */
  date: string;
  /** Unit grids among the checked rows. */
  gridCount: number;
  params: GridQualityParams;
  /** Level filter applied, null for all levels. */
  level: RegionLevel | null;
  findings: GridQualityFinding[];
  countsByCheck: Record<GridQualityCheck, number>;
}
