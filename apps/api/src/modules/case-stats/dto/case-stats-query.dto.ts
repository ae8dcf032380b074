import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_STATS_MEASURES,
  type CaseStatsDrilldownQuery,
  type CaseStatsMeasure,
  type CaseStatsQuery,
} from '@urbangrid/contracts';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

export class CaseStatsQueryDto implements CaseStatsQuery {
  @ApiProperty({ description: 'Start of the period, inclusive (ISO 8601)' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'End of the period, exclusive (ISO 8601)' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ description: 'District (6), street (9), community (12) or grid (14/15) code' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{14,15})$/, {
    message: 'regionCode must be a district, street, community or grid code',
  })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Class code prefix: 2-digit major class or 4/5-digit small class' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'classCode must be a 2- to 5-digit class code' })
  classCode?: string;

  @ApiPropertyOptional({
    enum: ['component', 'event'],
    description: '部件 or 事件 (class codes repeat across the two)',
  })
  @IsOptional()
  @IsIn(['component', 'event'])
  kind?: 'component' | 'event';
}

export class CaseStatsDrilldownQueryDto extends CaseStatsQueryDto implements CaseStatsDrilldownQuery {
  @ApiProperty({ enum: CASE_STATS_MEASURES })
  @IsIn(CASE_STATS_MEASURES)
  measure!: CaseStatsMeasure;
}
