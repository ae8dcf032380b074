import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EvaluationProfile } from '@urbangrid/domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import {
  CreateEvaluationProfileDto,
  EvaluationDrilldownQueryDto,
  EvaluationMatrixQueryDto,
  EvaluationResultsQueryDto,
  PublishSnapshotDto,
  RollupRefreshDto,
  SnapshotIdParamDto,
} from './dto/evaluation-requests.dto';
import { EvaluationService } from './evaluation.service';
import type {
  DrilldownPage,
  EvaluationMatrix,
  EvaluationProfileSummary,
  EvaluationResults,
  EvaluationSnapshot,
  EvaluationSnapshotSummary,
  RollupRefreshResult,
} from './evaluation.types';

/**
 * 绩效评价 (GB/T 30428.4, spec 05). Leaders and admins read everything; a department handler
 * reads the department table (its own department and sub-units, ranked among all) and drills
 * into its own cases; writes (profiles, roll-up refresh, publishing) are the admin's.
 */
@ApiTags('evaluation')
@Controller('evaluation')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('results')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'Every object of a type: counts, rates, scores, composite, grade and rank' })
  results(@CurrentUser() user: AuthUser, @Query() q: EvaluationResultsQueryDto): Promise<EvaluationResults> {
    return this.evaluation.results(user, q);
  }

  @Get('matrix')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'The twelve monthly evaluations of a year: composite, grade and rank per object' })
  matrix(@CurrentUser() user: AuthUser, @Query() q: EvaluationMatrixQueryDto): Promise<EvaluationMatrix> {
    return this.evaluation.matrix(user, q);
  }

  @Get('results/drilldown')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'The cases behind one count of one object (keyset pages)' })
  drilldown(@CurrentUser() user: AuthUser, @Query() q: EvaluationDrilldownQueryDto): Promise<DrilldownPage> {
    return this.evaluation.drilldown(user, q);
  }

  @Post('rollup/refresh')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Recompute the daily roll-up of [from, to): settled days written, open days dropped',
  })
  refresh(@CurrentUser() user: AuthUser, @Body() body: RollupRefreshDto): Promise<RollupRefreshResult> {
    return this.evaluation.refreshRollup(user, body);
  }

  @Get('profiles')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'Every stored profile version (shipped and the city’s own)' })
  profiles(): Promise<EvaluationProfileSummary[]> {
    return this.evaluation.listProfiles();
  }

  @Post('profiles')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a profile or a variant of a stored one (validated; version = latest + 1)' })
  createProfile(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateEvaluationProfileDto,
  ): Promise<EvaluationProfile> {
    return this.evaluation.createProfile(user, body);
  }

  @Post('snapshots')
  @Roles('admin')
  @ApiOperation({
    summary: 'Publish a monthly evaluation: results and inputs frozen with cut-off and profile',
  })
  publish(@CurrentUser() user: AuthUser, @Body() body: PublishSnapshotDto): Promise<EvaluationSnapshot> {
    return this.evaluation.publishSnapshot(user, body);
  }

  @Get('snapshots')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'Published evaluations, newest first (without their tables)' })
  snapshots(@CurrentUser() user: AuthUser): Promise<EvaluationSnapshotSummary[]> {
    return this.evaluation.listSnapshots(user);
  }

  @Get('snapshots/:id')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'A published evaluation exactly as published' })
  snapshot(@CurrentUser() user: AuthUser, @Param() p: SnapshotIdParamDto): Promise<EvaluationSnapshot> {
    return this.evaluation.snapshot(user, p.id);
  }
}
