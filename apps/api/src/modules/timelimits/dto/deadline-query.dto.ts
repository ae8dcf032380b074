import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIME_BASES, TIME_UNITS, type TimeBasis, type TimeUnit } from '@urbangrid/domain';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsOptional, Matches, Min } from 'class-validator';

export class DeadlineQueryDto {
  @ApiProperty({
    example: '2026-11-27T16:30:00+08:00',
    description: 'ISO 8601 instant with a zone or offset',
  })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'start needs a time zone (Z or ±HH:MM)' })
  start!: string;

  @ApiProperty({ example: 5 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value!: number;

  @ApiProperty({ enum: TIME_UNITS })
  @IsIn(TIME_UNITS)
  unit!: TimeUnit;

  @ApiPropertyOptional({ enum: TIME_BASES, description: 'Default: the unit’s own basis' })
  @IsOptional()
  @IsIn(TIME_BASES)
  basis?: TimeBasis;

  @ApiPropertyOptional({ example: '330106', description: 'Use this district’s calendar and settings' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'districtCode is 6 digits' })
  districtCode?: string;

  @ApiPropertyOptional({ example: 'default', description: 'Use this calendar (overrides the district’s)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'calendar is a calendar code' })
  calendar?: string;
}
