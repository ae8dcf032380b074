import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query of POST /imports; values are checked by the service so that every bad one is listed. */
export class StartImportQueryDto {
  @ApiPropertyOptional({ enum: ['regions', 'components'] })
  @IsOptional()
  @IsString()
  kind?: string;

  @ApiPropertyOptional({ enum: ['geojson', 'shapefile', 'csv'] })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({
    description: 'Level of features without a level property',
    enum: ['district', 'street', 'community', 'grid'],
  })
  @IsOptional()
  @IsString()
  level?: string;

  @ApiPropertyOptional({
    description: 'Date the imported regions take effect (YYYY-MM-DD, not in the future); default today',
  })
  @IsOptional()
  @IsString()
  validFrom?: string;

  @ApiPropertyOptional({
    description:
      'Coordinate system of the file: EPSG:4326 (default), EPSG:4490, EPSG:3857, EPSG:4513–4554, gcj02, bd09',
  })
  @IsOptional()
  @IsString()
  crs?: string;

  @ApiPropertyOptional({ description: 'Original file name, kept on the job' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

/** Query of GET /exports/regions and /exports/components. */
export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['geojson', 'shapefile', 'csv'], default: 'geojson' })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({ description: 'Region level (regions only)', default: 'grid' })
  @IsOptional()
  @IsString()
  level?: string;

  @ApiPropertyOptional({
    description: 'Layout in force on this date (YYYY-MM-DD; regions only); default today',
  })
  @IsOptional()
  @IsString()
  date?: string;

  @ApiPropertyOptional({ description: 'minLon,minLat,maxLon,maxLat (components only)' })
  @IsOptional()
  @IsString()
  bbox?: string;
}
