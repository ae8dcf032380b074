import { Inject, Injectable } from '@nestjs/common';
import {
  CASE_POINTS_LIMIT,
  type CaseStatsArea,
  type CaseStatsByGrid,
  type CaseStatsDrilldown,
  type CaseStatsMonthly,
  type CaseStatsPoints,
  type CaseStatsSummary,
} from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser } from '../auth/principal';
import { CaseStatsRepository, type StatsFilter } from './case-stats.repository';
import type { CaseStatsDrilldownQueryDto, CaseStatsQueryDto } from './dto/case-stats-query.dto';

/** A dashboard period is at most this long (a few years of trends); longer asks are refused. */
const MAX_PERIOD_DAYS = 3 * 366 + 1;
/** A drill-down lists at most this many cases (the total is always given). */
export const DRILLDOWN_LIMIT = 500;

/** 统计 case statistics for the leader dashboard, in the caller's district. */
@Injectable()
export class CaseStatsService {
  constructor(
    private readonly repo: CaseStatsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(user: AuthUser, q: CaseStatsQueryDto): Promise<CaseStatsSummary> {
    const f = this.filter(user, q);
    return {
      from: f.from.toISOString(),
      to: f.to.toISOString(),
      ...(await this.repo.summary(f, new Date())),
    };
  }

  async byGrid(user: AuthUser, q: CaseStatsQueryDto): Promise<CaseStatsByGrid> {
    return { items: await this.repo.byGrid(this.filter(user, q)) };
  }

  async monthly(user: AuthUser, q: CaseStatsQueryDto): Promise<CaseStatsMonthly> {
    return { items: await this.repo.monthly(this.filter(user, q), this.config.timeZone) };
  }

  async points(user: AuthUser, q: CaseStatsQueryDto): Promise<CaseStatsPoints> {
    const { total, points } = await this.repo.points(this.filter(user, q), CASE_POINTS_LIMIT);
    return { total, truncated: total > points.length, points };
  }

  async drilldown(user: AuthUser, q: CaseStatsDrilldownQueryDto): Promise<CaseStatsDrilldown> {
    const { total, items } = await this.repo.drilldown(
      this.filter(user, q),
      q.measure,
      new Date(),
      DRILLDOWN_LIMIT,
    );
    return { measure: q.measure, total, truncated: total > items.length, items };
  }

  areas(user: AuthUser): Promise<CaseStatsArea[]> {
    return this.repo.areas(user.districtCode);
  }

  private filter(user: AuthUser, q: CaseStatsQueryDto): StatsFilter {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (!(to.getTime() > from.getTime())) {
      throw new ApiError('CASE_STATS.INVALID_PERIOD', '`to` must be later than `from`');
    }
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
      throw new ApiError('CASE_STATS.INVALID_PERIOD', `a period is at most ${MAX_PERIOD_DAYS} days`);
    }
    // A region of another district matches nothing: every query is held to the caller's district.
    return {
      districtCode: user.districtCode,
      from,
      to,
      regionCode: q.regionCode,
      classCode: q.classCode,
      kind: q.kind,
    };
  }
}
