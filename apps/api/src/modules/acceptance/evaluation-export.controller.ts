import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { EvaluationResultsQueryDto } from '../evaluation/dto/evaluation-requests.dto';
import { EvaluationService } from '../evaluation/evaluation.service';
import { sendFile, XLSX_TYPE } from './acceptance.controller';
import { evaluationCsv, evaluationXlsx } from './evaluation-export';

/** 评价结果 exports: the table of GET /evaluation/results (same query, same scope) as XLSX or CSV. */
@ApiTags('evaluation')
@Controller('evaluation')
export class EvaluationExportController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('export.xlsx')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'The evaluation results table as XLSX' })
  async xlsx(
    @CurrentUser() user: AuthUser,
    @Query() q: EvaluationResultsQueryDto,
    @Res() reply: FastifyReply,
  ) {
    const r = await this.evaluation.results(user, q);
    return sendFile(
      reply,
      await evaluationXlsx(r),
      XLSX_TYPE,
      `evaluation-${r.objectType}-${r.period.label}.xlsx`,
    );
  }

  @Get('export.csv')
  @Roles('leader', 'admin', 'department')
  @ApiOperation({ summary: 'The evaluation results table as CSV (UTF-8 with BOM)' })
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() q: EvaluationResultsQueryDto,
    @Res() reply: FastifyReply,
  ) {
    const r = await this.evaluation.results(user, q);
    return sendFile(
      reply,
      evaluationCsv(r),
      'text/csv; charset=utf-8',
      `evaluation-${r.objectType}-${r.period.label}.csv`,
    );
  }
}
