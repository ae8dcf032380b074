import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * lon and lat stay text here: the service answers a non-number or a point outside the city with
 * `GEO.OUT_OF_EXTENT` (422) after converting from `crs`, rather than a generic validation error.
 */
export class ReverseGeocodeQueryDto {
  @ApiProperty({ description: 'Longitude in `crs`', example: '120.15' })
  @IsString()
  @MaxLength(40)
  lon!: string;

  @ApiProperty({ description: 'Latitude in `crs`', example: '30.32' })
  @IsString()
  @MaxLength(40)
  lat!: string;

  @ApiPropertyOptional({
    description: 'Coordinate system of lon/lat and of the answer',
    enum: ['wgs84', 'cgcs2000', 'gcj02', 'bd09'],
  })
  @IsOptional()
  @IsString()
  crs?: string;
}
