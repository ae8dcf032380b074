import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class LocateQueryDto {
  @ApiProperty({ description: 'Longitude, EPSG:4326', example: 120.15 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiProperty({ description: 'Latitude, EPSG:4326', example: 30.32 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiPropertyOptional({
    description: 'Layout in force on this date (YYYY-MM-DD); default today',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date?: string;
}
