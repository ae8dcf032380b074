import type { Position } from './geojson';

/**
 * Case statistics for the leader dashboard (领导驾驶舱): counts of one period and area, per grid,
 * per month, and the case points. Every endpoint takes {@link CaseStatsQuery}.
 */
export interface CaseStatsQuery {
  /** Start of the period, inclusive (ISO 8601). */
  from: string;
  /** End of the period, exclusive (ISO 8601). */
  to: string;
  /** District (6), street (9), community (12) or grid (14/15) code. */
  regionCode?: string;
  /** Class code prefix: 2-digit major class or a 4/5-digit small class. */
  classCode?: string;
  /** 部件 component or 事件 event: class codes repeat across the two kinds. */
  kind?: 'component' | 'event';
}

/** KPI counts: 上报 reported, 立案 filed, 结案 closed, 按期结案 closed on time, 超期 overdue now. */
export interface CaseStatsSummary {
  from: string;
  to: string;
  /** Cases reported in the period (上报数). */
  reported: number;
  /** Cases filed in the period (立案数, raw: voided cases included). */
  filed: number;
  /** `close` records in the period (结案数). */
  closed: number;
  /** Of those, closed within the disposal limit (按期结案数). */
  closedOnTime: number;
  /** Open cases of the area and class whose clock has run out now (period ignored). */
  overdueNow: number;
  /** Open cases of the area and class now (period ignored). */
  openNow: number;
}

/** Cases reported in the period per unit grid (grids without cases are left out). */
export interface CaseStatsByGrid {
  items: { gridCode: string; count: number }[];
}

export interface CaseStatsMonth {
  /** `YYYY-MM` in the city's time zone. */
  month: string;
  reported: number;
  filed: number;
  closed: number;
  closedOnTime: number;
}

export interface CaseStatsMonthly {
  items: CaseStatsMonth[];
}

/**
 * Reported cases of the period as bare positions (longitude, latitude; 6 decimals), the compact
 * form of a point layer: the web builds GeoJSON clusters and the heatmap from it. At most
 * {@link CASE_POINTS_LIMIT}, a random sample beyond that (`truncated`, `total` says how many).
 */
export interface CaseStatsPoints {
  total: number;
  truncated: boolean;
  points: Position[];
}

/** GeoJSON stays below this many features (conventions: vector tiles above about 50,000). */
export const CASE_POINTS_LIMIT = 50_000;

/** The measures a drill-down can list: the cases behind a KPI. */
export const CASE_STATS_MEASURES = ['reported', 'filed', 'closed', 'closedOnTime', 'overdueNow'] as const;
export type CaseStatsMeasure = (typeof CASE_STATS_MEASURES)[number];

export interface CaseStatsDrilldownQuery extends CaseStatsQuery {
  measure: CaseStatsMeasure;
}

export interface CaseStatsRow {
  id: string;
  caseNo: string;
  state: string;
  classCode: string;
  className: string | null;
  gridCode: string | null;
  address: string | null;
  reportedAt: string;
  /** When the counted event happened (reported, filed or closed). */
  at: string;
}

/** The cases behind a number, newest first; at most `limit` (then `truncated`). */
export interface CaseStatsDrilldown {
  measure: CaseStatsMeasure;
  total: number;
  truncated: boolean;
  items: CaseStatsRow[];
}

/** A region the dashboard's area picker offers (district, street, community). */
export interface CaseStatsArea {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community';
  parentCode: string | null;
}
