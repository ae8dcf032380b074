import { ApiPropertyOptional } from '@nestjs/swagger';
import { REGION_LEVELS, type RegionLevel } from '@urbangrid/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsOptional, Min } from 'class-validator';

const number = () => IsNumber({ allowNaN: false, allowInfinity: false });

/** Query of GET /api/v1/regions/quality; every threshold falls back to its default when absent. */
export class GridQualityQueryDto {
  @ApiPropertyOptional({
    description: 'Layout in force on this date (YYYY-MM-DD); default today',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date?: string;

  @ApiPropertyOptional({ description: 'Only findings about this level', enum: REGION_LEVELS })
  @IsOptional()
  @IsIn(REGION_LEVELS)
  level?: RegionLevel;

  @ApiPropertyOptional({ description: 'Warn below this grid area (m²); default 2000' })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  minAreaM2?: number;

  @ApiPropertyOptional({ description: 'Warn above this grid area (m²); default 50000' })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  maxAreaM2?: number;

  @ApiPropertyOptional({ description: 'Overlaps up to this area (m²) are ignored; default 1' })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  overlapToleranceM2?: number;

  @ApiPropertyOptional({ description: 'Gap polygons up to this area (m²) are ignored; default 1' })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  gapToleranceM2?: number;

  @ApiPropertyOptional({
    description: 'Grid area outside its community up to this (m²) is ignored; default 1',
  })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  outsideToleranceM2?: number;

  @ApiPropertyOptional({
    description: 'Row height (degrees of latitude) of the sequencing order; default 0.0009',
  })
  @IsOptional()
  @Type(() => Number)
  @number()
  @Min(0)
  sequenceRowHeightDeg?: number;
}
