import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CaseCounts,
  CaseDetail,
  CasePage,
  CreateCaseResponse,
  DispatchSuggestion,
  DuplicateCandidate,
} from '@urbangrid/contracts';
import { IdempotencyInterceptor } from '../../common/idempotency/idempotency.interceptor';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { CasesService } from './cases.service';
import {
  CaseActionDto,
  CaseActionParamDto,
  CaseIdParamDto,
  CreateCaseDto,
  ListCasesQueryDto,
  NearbyCasesQueryDto,
} from './dto/case-requests.dto';

/** Roles that work cases at a desk or read them all. */
const CENTRE = ['operator', 'shift_leader', 'dispatcher', 'leader', 'admin'] as const;

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @Roles('inspector', 'operator', 'shift_leader', 'leader')
  @ApiOperation({
    summary: 'Intake: a report, a registration or a leader assignment; returns nearby open duplicates',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCaseDto): Promise<CreateCaseResponse> {
    return this.cases.create(user, body);
  }

  @Get()
  @Roles('inspector', 'department', ...CENTRE)
  @ApiOperation({ summary: 'Desk list in the caller’s scope, newest first (keyset pages)' })
  list(@CurrentUser() user: AuthUser, @Query() q: ListCasesQueryDto): Promise<CasePage> {
    return this.cases.list(user, q);
  }

  @Get('counts')
  @Roles('inspector', 'department', ...CENTRE)
  @ApiOperation({ summary: 'Counts per state and overdue, same scope and filters as the list' })
  counts(@CurrentUser() user: AuthUser, @Query() q: ListCasesQueryDto): Promise<CaseCounts> {
    return this.cases.counts(user, q);
  }

  @Get('nearby')
  @Roles('inspector', 'operator', 'shift_leader', 'dispatcher', 'leader')
  @ApiOperation({ summary: 'Open cases of a small class near a point (shown before reporting)' })
  nearby(@Query() q: NearbyCasesQueryDto): Promise<DuplicateCandidate[]> {
    return this.cases.nearby(q);
  }

  @Get(':id')
  @Roles('inspector', 'department', ...CENTRE)
  @ApiOperation({ summary: 'One case with its timeline and the actions the caller may take' })
  get(@CurrentUser() user: AuthUser, @Param() p: CaseIdParamDto): Promise<CaseDetail> {
    return this.cases.detail(user, p.id);
  }

  @Get(':id/dispatch-suggestion')
  @Roles('dispatcher', 'shift_leader', 'leader')
  @ApiOperation({ summary: 'The suggested 专业部门 and why (component owner, rule or 属地)' })
  suggestion(@Param() p: CaseIdParamDto): Promise<DispatchSuggestion | null> {
    return this.cases.suggestDepartment(p.id);
  }

  @Post(':id/actions/:action')
  @UseInterceptors(IdempotencyInterceptor)
  @HttpCode(200)
  @Roles('inspector', 'operator', 'shift_leader', 'dispatcher', 'department', 'leader')
  @ApiOperation({ summary: 'A workflow action; `version` must be the version the caller saw' })
  act(
    @CurrentUser() user: AuthUser,
    @Param() p: CaseActionParamDto,
    @Body() body: CaseActionDto,
  ): Promise<CaseDetail> {
    return this.cases.act(user, p.id, p.action, body);
  }
}
