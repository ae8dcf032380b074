import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { HistoryImportQueryDto } from './dto/history-import-query.dto';
import type { HistoryImportJob } from './history-import.repository';
import { HistoryImportService } from './history-import.service';

@ApiTags('history-imports')
@Controller('history-imports')
export class HistoryImportController {
  constructor(private readonly history: HistoryImportService) {}

  @Post()
  @Roles('admin')
  @HttpCode(202)
  @ApiConsumes('text/csv', 'application/octet-stream', 'application/json')
  @ApiBody({
    description: 'The history file itself (docs/history-import.md)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Upload past cases (CSV or JSON); every row is checked before anything is written',
  })
  start(
    @Query() q: HistoryImportQueryDto,
    @Req() req: FastifyRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<HistoryImportJob> {
    return this.history.start(q, req.body, user.id);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The 50 most recent history imports' })
  list(): Promise<HistoryImportJob[]> {
    return this.history.list();
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One history import: status, progress, every bad row with its line' })
  get(@Param('id') id: string): Promise<HistoryImportJob> {
    return this.history.get(id);
  }
}
