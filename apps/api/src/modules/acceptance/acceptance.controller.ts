import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptanceProfile } from '@urbangrid/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { reportCsv, reportPdf, reportXlsx } from './acceptance-report';
import { type AcceptanceReport, AcceptanceService } from './acceptance.service';
import {
  AcceptanceAnswerDto,
  AcceptanceItemQueryDto,
  AcceptanceProfileQueryDto,
  AcceptanceResultQueryDto,
} from './dto/acceptance.dto';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file download. */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

/**
 * 验收 (GB/T 30428.6, spec 06): profiles, the result with every measurable item computed, manual
 * answers, and the report as XLSX, CSV and PDF. Leaders and admins read; admins write.
 */
@ApiTags('acceptance')
@Controller('acceptance')
export class AcceptanceController {
  constructor(private readonly acceptance: AcceptanceService) {}

  @Get('profiles')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'The latest version of every acceptance profile' })
  profiles(): Promise<AcceptanceProfile[]> {
    return this.acceptance.profiles();
  }

  @Get('profiles/:id')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'One acceptance profile (latest version unless ?version=)' })
  profile(@Param('id') id: string, @Query() q: AcceptanceProfileQueryDto): Promise<AcceptanceProfile> {
    return this.acceptance.profile(id, q.version);
  }

  @Post('profiles')
  @Roles('admin')
  @ApiOperation({ summary: 'Store a new profile or the next version of one (validated by the domain)' })
  saveProfile(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ): Promise<AcceptanceProfile> {
    return this.acceptance.saveProfile(user, body);
  }

  @Get('result')
  @Roles('leader', 'admin')
  @ApiOperation({
    summary: 'Total, category scores, failed mandatory items, conclusion and every measured metric',
  })
  result(@CurrentUser() user: AuthUser, @Query() q: AcceptanceResultQueryDto): Promise<AcceptanceReport> {
    return this.acceptance.result(user, q);
  }

  @Put('items/:id')
  @Roles('admin')
  @ApiOperation({ summary: "A reviewer's answer to one item: score / met / value / present, note, evidence" })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: AcceptanceItemQueryDto,
    @Body() body: AcceptanceAnswerDto,
  ): Promise<AcceptanceReport> {
    return this.acceptance.answer(user, q.profile, id, { ...body });
  }

  @Get('report.xlsx')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'The acceptance report as XLSX' })
  async xlsx(
    @CurrentUser() user: AuthUser,
    @Query() q: AcceptanceResultQueryDto,
    @Res() reply: FastifyReply,
  ) {
    const r = await this.acceptance.result(user, q);
    return sendFile(reply, await reportXlsx(r), XLSX_TYPE, 'acceptance-report.xlsx');
  }

  @Get('report.csv')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'The acceptance report as CSV (UTF-8 with BOM)' })
  async csv(@CurrentUser() user: AuthUser, @Query() q: AcceptanceResultQueryDto, @Res() reply: FastifyReply) {
    const r = await this.acceptance.result(user, q);
    return sendFile(reply, reportCsv(r), 'text/csv; charset=utf-8', 'acceptance-report.csv');
  }

  @Get('report.pdf')
  @Roles('leader', 'admin')
  @ApiOperation({ summary: 'The acceptance report as PDF (Noto Sans SC embedded)' })
  async pdf(@CurrentUser() user: AuthUser, @Query() q: AcceptanceResultQueryDto, @Res() reply: FastifyReply) {
    const r = await this.acceptance.result(user, q);
    return sendFile(reply, await reportPdf(r), 'application/pdf', 'acceptance-report.pdf');
  }
}
