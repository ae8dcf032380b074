import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GridQualityReport } from '@urbangrid/contracts';
import { GridQualityQueryDto } from './dto/grid-quality-query.dto';
import { GridQualityService } from './grid-quality.service';
import { Roles } from '../../auth/auth.decorators';

@ApiTags('regions')
@Controller()
export class GridQualityController {
  constructor(private readonly quality: GridQualityService) {}

  @Get('regions/quality')
  @Roles('admin')
  @ApiOperation({ summary: 'Unit grid quality checks (geometry, area, overlaps, gaps, codes, sequence)' })
  @ApiOkResponse({ description: 'Findings with the codes involved and a point inside each problem area' })
  check(@Query() q: GridQualityQueryDto): Promise<GridQualityReport> {
    const { date, level, ...params } = q;
    return this.quality.check({ date, level, params });
  }
}
