import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Geometry, RedrawRegionRequest } from '@urbangrid/contracts';
import {
  IsISO8601,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';

export class RedrawRegionDto implements RedrawRegionRequest {
  @ApiProperty({ description: 'GeoJSON Polygon or MultiPolygon, EPSG:4326' })
  @IsObject()
  @IsNotEmptyObject()
  geometry!: Geometry;

  @ApiPropertyOptional({ description: 'New name; the current name when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'Date the new outline takes effect (YYYY-MM-DD); default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'Why the region was redrawn' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RegionDateQueryDto {
  @ApiPropertyOptional({
    description: 'Layout in force on this date (YYYY-MM-DD); default today',
    example: '2025-06-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date?: string;
}
