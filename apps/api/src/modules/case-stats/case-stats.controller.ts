import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CaseStatsArea,
  CaseStatsByGrid,
  CaseStatsDrilldown,
  CaseStatsMonthly,
  CaseStatsPoints,
  CaseStatsSummary,
} from '@urbangrid/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { CaseStatsService } from './case-stats.service';
import { CaseStatsDrilldownQueryDto, CaseStatsQueryDto } from './dto/case-stats-query.dto';

/** Leaders and the centre read district-wide statistics. */
const READERS = ['leader', 'admin', 'operator', 'shift_leader', 'dispatcher'] as const;

@ApiTags('case-stats')
@Controller('cases/stats')
export class CaseStatsController {
  constructor(private readonly stats: CaseStatsService) {}

  @Get('summary')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'KPI counts of a period and area: reported, filed, closed, closed on time, overdue now',
  })
  summary(@CurrentUser() user: AuthUser, @Query() q: CaseStatsQueryDto): Promise<CaseStatsSummary> {
    return this.stats.summary(user, q);
  }

  @Get('by-grid')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Cases reported in the period per unit grid (choropleth)' })
  byGrid(@CurrentUser() user: AuthUser, @Query() q: CaseStatsQueryDto): Promise<CaseStatsByGrid> {
    return this.stats.byGrid(user, q);
  }

  @Get('monthly')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Reported, filed, closed and closed-on-time cases per month (city time zone)' })
  monthly(@CurrentUser() user: AuthUser, @Query() q: CaseStatsQueryDto): Promise<CaseStatsMonthly> {
    return this.stats.monthly(user, q);
  }

  @Get('points')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Positions of the period’s reported cases (heatmap, clusters), at most 50,000' })
  points(@CurrentUser() user: AuthUser, @Query() q: CaseStatsQueryDto): Promise<CaseStatsPoints> {
    return this.stats.points(user, q);
  }

  @Get('drilldown')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The cases behind a KPI, newest first (at most 500, with the total)' })
  drilldown(
    @CurrentUser() user: AuthUser,
    @Query() q: CaseStatsDrilldownQueryDto,
  ): Promise<CaseStatsDrilldown> {
    return this.stats.drilldown(user, q);
  }

  @Get('areas')
  @Roles(...READERS)
  @ApiOperation({ summary: 'District, streets and communities in force today (area picker)' })
  areas(@CurrentUser() user: AuthUser): Promise<CaseStatsArea[]> {
    return this.stats.areas(user);
  }
}
