import type {
  CaseStatsArea,
  CaseStatsMeasure,
  CaseStatsMonth,
  CaseStatsRow,
  CaseStatsSummary,
  Position,
} from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';

/** The filter every statistic takes: the caller's district, the period, area and class. */
export interface StatsFilter {
  districtCode: string;
  from: Date;
  to: Date;
  regionCode?: string;
  classCode?: string;
  kind?: 'component' | 'event';
}

/** Terminal states, as in the cases repository: everything else is open. */
const CLOSED_STATES_SQL = `('CLOSED', 'REJECTED', 'VOID')`;

/**
 * Overdue now: a running disposal clock past its deadline, or a running stage past its own. The
 * same predicate as `GET /cases?overdue=true`, so a drill-down lists what the KPI counts.
 */
function overdueSql(now: string): string {
  return `c.state NOT IN ${CLOSED_STATES_SQL} AND (
    (NOT c.disposal_paused AND c.disposal_deadline IS NOT NULL AND c.disposal_deadline < ${now})
    OR (c.stage_deadline IS NOT NULL AND c.stage_deadline < ${now}))`;
}

/** Which case_file column holds a region code of this length. */
function regionColumn(code: string): string {
  if (code.length === 6) return 'district_code';
  if (code.length === 9) return 'street_code';
  if (code.length === 12) return 'community_code';
  return 'grid_code';
}

/** Parameter list with a `$n` helper. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** District, area and class conditions on `case_file c` (the period is added per measure). */
function areaWhere(f: StatsFilter, p: Params): string {
  const where = [`c.district_code = ${p.add(f.districtCode)}`];
  if (f.regionCode) where.push(`c.${regionColumn(f.regionCode)} = ${p.add(f.regionCode)}`);
  // A 2-digit major class takes all its small classes.
  if (f.classCode) where.push(`c.class_code LIKE ${p.add(`${f.classCode}%`)}`);
  if (f.kind) where.push(`c.kind = ${p.add(f.kind)}`);
  return where.join(' AND ');
}

const toInt = (v: unknown): number => Number(v ?? 0);

/**
 * Aggregates over case_file and case_flow for the dashboard (raw SQL; the hot ones are below).
 * 结案 is a `close` flow record and 按期结案 its `disposal_on_time` (docs/evaluation-counts.md).
 */
export class CaseStatsRepository {
  constructor(private readonly db: SqlRunner) {}

  async summary(f: StatsFilter, now: Date): Promise<Omit<CaseStatsSummary, 'from' | 'to'>> {
    const p = new Params();
    const area = areaWhere(f, p);
    const from = p.add(f.from);
    const to = p.add(f.to);
    const n = p.add(now);
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT
         (SELECT count(*) FROM case_file c WHERE ${area} AND c.reported_at >= ${from} AND c.reported_at < ${to}) AS reported,
         (SELECT count(*) FROM case_file c WHERE ${area} AND c.filed_at >= ${from} AND c.filed_at < ${to}) AS filed,
         (SELECT count(*) FROM case_flow fl JOIN case_file c ON c.id = fl.case_id
           WHERE ${area} AND fl.action = 'close' AND fl.occurred_at >= ${from} AND fl.occurred_at < ${to}) AS closed,
         (SELECT count(*) FROM case_flow fl JOIN case_file c ON c.id = fl.case_id
           WHERE ${area} AND fl.action = 'close' AND fl.disposal_on_time
             AND fl.occurred_at >= ${from} AND fl.occurred_at < ${to}) AS "closedOnTime",
         (SELECT count(*) FROM case_file c WHERE ${area} AND ${overdueSql(n)}) AS "overdueNow",
         (SELECT count(*) FROM case_file c WHERE ${area} AND c.state NOT IN ${CLOSED_STATES_SQL}) AS "openNow"`,
      p.values,
    );
    return {
      reported: toInt(row?.reported),
      filed: toInt(row?.filed),
      closed: toInt(row?.closed),
      closedOnTime: toInt(row?.closedOnTime),
      overdueNow: toInt(row?.overdueNow),
      openNow: toInt(row?.openNow),
    };
  }

  /** Reported cases per unit grid: the choropleth's numbers. */
  async byGrid(f: StatsFilter): Promise<{ gridCode: string; count: number }[]> {
    const p = new Params();
    const rows = await this.db.query<{ gridCode: string; count: unknown }>(
      `SELECT c.grid_code AS "gridCode", count(*) AS count
         FROM case_file c
        WHERE ${areaWhere(f, p)} AND c.grid_code IS NOT NULL
          AND c.reported_at >= ${p.add(f.from)} AND c.reported_at < ${p.add(f.to)}
        GROUP BY c.grid_code
        ORDER BY c.grid_code`,
      p.values,
    );
    return rows.map((r) => ({ gridCode: r.gridCode, count: toInt(r.count) }));
  }

  /** Counts per calendar month of the city's time zone. */
  async monthly(f: StatsFilter, timeZone: string): Promise<CaseStatsMonth[]> {
    const p = new Params();
    const area = areaWhere(f, p);
    const from = p.add(f.from);
    const to = p.add(f.to);
    const tz = p.add(timeZone);
    const month = (col: string) => `to_char(${col} AT TIME ZONE ${tz}, 'YYYY-MM')`;
    const rows = await this.db.query<{ month: string; measure: string; n: unknown }>(
      `SELECT ${month('c.reported_at')} AS month, 'reported' AS measure, count(*) AS n
         FROM case_file c WHERE ${area} AND c.reported_at >= ${from} AND c.reported_at < ${to} GROUP BY 1
       UNION ALL
       SELECT ${month('c.filed_at')}, 'filed', count(*)
         FROM case_file c WHERE ${area} AND c.filed_at >= ${from} AND c.filed_at < ${to} GROUP BY 1
       UNION ALL
       SELECT ${month('fl.occurred_at')}, CASE WHEN fl.disposal_on_time THEN 'closedOnTime' ELSE 'closedLate' END, count(*)
         FROM case_flow fl JOIN case_file c ON c.id = fl.case_id
        WHERE ${area} AND fl.action = 'close' AND fl.occurred_at >= ${from} AND fl.occurred_at < ${to}
        GROUP BY 1, 2`,
      p.values,
    );
    const months = new Map<string, CaseStatsMonth>();
    for (const r of rows) {
      const m = months.get(r.month) ?? { month: r.month, reported: 0, filed: 0, closed: 0, closedOnTime: 0 };
      const n = toInt(r.n);
      if (r.measure === 'reported') m.reported += n;
      else if (r.measure === 'filed') m.filed += n;
      else {
        m.closed += n;
        if (r.measure === 'closedOnTime') m.closedOnTime += n;
      }
      months.set(r.month, m);
    }
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }

  /**
   * Positions of the period's reported cases; above `limit` a sample ordered by the (random) uuid,
   * so the same period gives the same sample.
   */
  async points(f: StatsFilter, limit: number): Promise<{ total: number; points: Position[] }> {
    const p = new Params();
    const where = `${areaWhere(f, p)} AND c.reported_at >= ${p.add(f.from)} AND c.reported_at < ${p.add(f.to)}`;
    const lim = p.add(limit);
    const rows = await this.db.query<{ x: number; y: number; total: unknown }>(
      `SELECT round(ST_X(c.geom)::numeric, 6)::float8 AS x, round(ST_Y(c.geom)::numeric, 6)::float8 AS y,
              count(*) OVER () AS total
         FROM case_file c WHERE ${where}
        ORDER BY c.id LIMIT ${lim}`,
      p.values,
    );
    const total = rows.length < limit ? rows.length : toInt(rows[0]?.total);
    return { total, points: rows.map((r) => [Number(r.x), Number(r.y)]) };
  }

  /** The cases behind a measure, newest event first. */
  async drilldown(
    f: StatsFilter,
    measure: CaseStatsMeasure,
    now: Date,
    limit: number,
  ): Promise<{ total: number; items: CaseStatsRow[] }> {
    const p = new Params();
    const area = areaWhere(f, p);
    let source: string;
    let at: string;
    let where: string;
    switch (measure) {
      case 'reported':
        [source, at] = ['case_file c', 'c.reported_at'];
        where = `c.reported_at >= ${p.add(f.from)} AND c.reported_at < ${p.add(f.to)}`;
        break;
      case 'filed':
        [source, at] = ['case_file c', 'c.filed_at'];
        where = `c.filed_at >= ${p.add(f.from)} AND c.filed_at < ${p.add(f.to)}`;
        break;
      case 'closed':
      case 'closedOnTime':
        [source, at] = ['case_flow fl JOIN case_file c ON c.id = fl.case_id', 'fl.occurred_at'];
        where = `fl.action = 'close' AND fl.occurred_at >= ${p.add(f.from)} AND fl.occurred_at < ${p.add(f.to)}`;
        if (measure === 'closedOnTime') where += ' AND fl.disposal_on_time';
        break;
      case 'overdueNow':
        [source, at] = ['case_file c', 'c.reported_at'];
        where = overdueSql(p.add(now));
        break;
    }
    const rows = await this.db.query<
      Omit<CaseStatsRow, 'reportedAt' | 'at'> & { reportedAt: Date; at: Date; total: unknown }
    >(
      `SELECT c.id, c.case_no AS "caseNo", c.state, c.class_code AS "classCode",
              (SELECT k.name FROM classification k
                WHERE k.kind = c.kind AND k.code = c.class_code AND k.valid_to IS NULL LIMIT 1) AS "className",
              c.grid_code AS "gridCode", c.address, c.reported_at AS "reportedAt", ${at} AS at,
              count(*) OVER () AS total
         FROM ${source}
        WHERE ${area} AND ${where}
        ORDER BY ${at} DESC, c.id DESC
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    return {
      total: toInt(rows[0]?.total),
      items: rows.map(({ total: _total, reportedAt, at: when, ...r }) => ({
        ...r,
        reportedAt: new Date(reportedAt).toISOString(),
        at: new Date(when).toISOString(),
      })),
    };
  }

  /** District, streets and communities in force today, for the area picker. */
  async areas(districtCode: string): Promise<CaseStatsArea[]> {
    return this.db.query<CaseStatsArea>(
      `SELECT code, name, level, parent_code AS "parentCode"
         FROM region
        WHERE district_code = $1 AND valid_to IS NULL AND level IN ('district', 'street', 'community')
        ORDER BY char_length(code), code`,
      [districtCode],
    );
  }
}
