import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FilingStandard, ResolvedFilingStandard, StageLimit } from '@urbangrid/domain';
import { CalendarQueryDto, ImportHolidaysDto, PutCalendarDto } from './dto/calendar.dto';
import { DeadlineQueryDto } from './dto/deadline-query.dto';
import {
  CreateFilingStandardDto,
  FilingStandardParamsDto,
  ListFilingStandardsQueryDto,
  ResolveFilingStandardQueryDto,
  UpdateFilingStandardDto,
} from './dto/filing-standard.dto';
import { SettingsQueryDto, PutSettingsDto } from './dto/settings.dto';
import { PutStageLimitsDto } from './dto/stage-limits.dto';
import { AnyRole, Roles } from '../auth/auth.decorators';
import {
  type CalendarView,
  type DeadlineAnswer,
  type HolidayImportResult,
  type SettingsView,
  TimeLimitsService,
} from './time-limits.service';

/**
 * 时限 time limits: working calendars, 立结案标准 filing standards, stage limits, clock settings,
 * and a deadline calculator. Reads for every signed-in role, writes for the admin.
 */
@ApiTags('time-limits')
@Controller('time-limits')
export class TimeLimitsController {
  constructor(private readonly timeLimits: TimeLimitsService) {}

  @Get('calendars')
  @AnyRole()
  @ApiOperation({ summary: 'Every calendar (city default, district and department calendars), without days' })
  async calendars(): Promise<{ items: Omit<CalendarView, 'days'>[] }> {
    return { items: await this.timeLimits.listCalendars() };
  }

  @Get('calendar')
  @AnyRole()
  @ApiOperation({ summary: 'A calendar (default: the city’s) with its holidays and adjusted working days' })
  calendar(@Query() q: CalendarQueryDto): Promise<CalendarView> {
    return this.timeLimits.getCalendar(q);
  }

  @Put('calendar')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or replace a calendar’s name, zone, windows and weekdays (days stay)' })
  putCalendar(@Query() q: CalendarQueryDto, @Body() body: PutCalendarDto): Promise<CalendarView> {
    return this.timeLimits.putCalendar(q.code ?? 'default', body);
  }

  @Post('calendar/holidays')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import a year’s holiday arrangement: replaces that year’s days' })
  importHolidays(
    @Query() q: CalendarQueryDto,
    @Body() body: ImportHolidaysDto,
  ): Promise<HolidayImportResult> {
    return this.timeLimits.importHolidays(q.code ?? 'default', body);
  }

  @Get('filing-standards')
  @AnyRole()
  @ApiOperation({
    summary: '立结案标准 rows: current by default, in force on `at`, or with retired versions',
  })
  async filingStandards(@Query() q: ListFilingStandardsQueryDto): Promise<{ items: FilingStandard[] }> {
    return { items: await this.timeLimits.listFilingStandards(q) };
  }

  @Get('filing-standards/resolve')
  @AnyRole()
  @ApiOperation({
    summary: 'The standard a case would be filed under (exact area → default area → kind default)',
  })
  resolve(
    @Query() q: ResolveFilingStandardQueryDto,
  ): Promise<{ resolved: ResolvedFilingStandard; candidates: ResolvedFilingStandard[] }> {
    return this.timeLimits.resolveFilingStandard(q);
  }

  @Get('filing-standards/:id')
  @AnyRole()
  @ApiOperation({ summary: 'One filing standard version' })
  filingStandard(@Param() p: FilingStandardParamsDto): Promise<FilingStandard> {
    return this.timeLimits.getFilingStandard(p.id);
  }

  @Post('filing-standards')
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The new line, version 1' })
  @ApiOperation({ summary: 'Add a filing-standard line' })
  createFilingStandard(@Body() body: CreateFilingStandardDto): Promise<FilingStandard> {
    return this.timeLimits.createFilingStandard(body);
  }

  @Patch('filing-standards/:id')
  @Roles('admin')
  @ApiOkResponse({ description: 'The new version; the old one is retired (validTo = new validFrom)' })
  @ApiOperation({ summary: 'Change a filing standard by making a new version' })
  updateFilingStandard(
    @Param() p: FilingStandardParamsDto,
    @Body() body: UpdateFilingStandardDto,
  ): Promise<FilingStandard> {
    return this.timeLimits.updateFilingStandard(p.id, body);
  }

  @Get('stage-limits')
  @AnyRole()
  @ApiOperation({ summary: '环节时限 per stage and urgency' })
  async stageLimits(): Promise<{ items: StageLimit[] }> {
    return { items: await this.timeLimits.getStageLimits() };
  }

  @Put('stage-limits')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the stage-limit table' })
  async putStageLimits(@Body() body: PutStageLimitsDto): Promise<{ items: StageLimit[] }> {
    return { items: await this.timeLimits.putStageLimits(body.items) };
  }

  @Get('settings')
  @AnyRole()
  @ApiOperation({ summary: 'Clock settings in force (a district’s own, else the city’s)' })
  settings(@Query() q: SettingsQueryDto): Promise<SettingsView> {
    return this.timeLimits.getSettings(q.districtCode);
  }

  @Put('settings')
  @Roles('admin')
  @ApiOperation({ summary: 'Change clock settings of the city or of one district' })
  putSettings(@Query() q: SettingsQueryDto, @Body() body: PutSettingsDto): Promise<SettingsView> {
    return this.timeLimits.putSettings(q.districtCode, body);
  }

  @Get('deadline')
  @AnyRole()
  @ApiOperation({ summary: 'Deadline of a limit started at `start` over the working calendar' })
  deadline(@Query() q: DeadlineQueryDto): Promise<DeadlineAnswer> {
    return this.timeLimits.computeDeadline(q);
  }
}
