import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ImportJob } from '@urbangrid/contracts';
import type { FastifyRequest } from 'fastify';
import { ExportQueryDto, StartImportQueryDto } from './dto/import-queries.dto';
import { ExportsService } from './exports.service';
import { ImportsService } from './imports.service';
import { Roles } from '../auth/auth.decorators';

@ApiTags('imports')
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly exports: ExportsService,
  ) {}

  @Post('imports')
  @Roles('admin')
  @HttpCode(202)
  @ApiConsumes('application/octet-stream', 'application/zip', 'text/csv', 'application/geo+json')
  @ApiBody({
    description: 'The file itself (GeoJSON, zipped Shapefile or CSV), not a form',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Upload a file (raw body, Content-Type application/octet-stream) and start importing it',
  })
  start(@Query() q: StartImportQueryDto, @Req() req: FastifyRequest): Promise<ImportJob> {
    const length = req.headers['content-length'];
    return this.imports.start(q, req.body, length === undefined ? null : Number(length));
  }

  @Get('imports')
  @Roles('admin')
  @ApiOperation({ summary: 'The 50 most recent import jobs' })
  list(): Promise<ImportJob[]> {
    return this.imports.list();
  }

  @Get('imports/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'One import job: status, progress, errors with their feature index or line' })
  get(@Param('id') id: string): Promise<ImportJob> {
    return this.imports.get(id);
  }

  @Get('exports/regions')
  @Roles('admin', 'leader')
  @ApiOperation({ summary: 'Regions of one level in force on a date, as GeoJSON, CSV or zipped Shapefile' })
  regions(@Query() q: ExportQueryDto): Promise<StreamableFile> {
    return this.exports.regions(q);
  }

  @Get('exports/components')
  @Roles('admin', 'leader')
  @ApiOperation({ summary: 'Components (optionally in a bbox) as GeoJSON or CSV' })
  components(@Query() q: ExportQueryDto): StreamableFile {
    return this.exports.components(q);
  }
}
