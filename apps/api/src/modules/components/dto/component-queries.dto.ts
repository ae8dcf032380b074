import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

export class ComponentCodeParamDto {
  @ApiProperty({ example: '3301050101000001' })
  @Matches(/^\d{16,17}$/, { message: 'code must be 16 or 17 digits' })
  code!: string;
}

export class ListComponentsQueryDto {
  @ApiPropertyOptional({
    description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)',
    example: '120.14,30.31,120.16,30.33',
  })
  @IsOptional()
  @Matches(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, { message: 'bbox must be minLon,minLat,maxLon,maxLat' })
  bbox?: string;

  @ApiPropertyOptional({ description: 'Small class code', example: '0101' })
  @IsOptional()
  @Matches(/^\d{4,5}$/, { message: 'class must be a 4- or 5-digit small class code' })
  class?: string;

  @ApiPropertyOptional({ description: 'Unit grid code' })
  @IsOptional()
  @Matches(/^\d{14,15}$/, { message: 'grid must be 14 or 15 digits' })
  grid?: string;

  @ApiPropertyOptional({ description: 'Keyset: the `next` of the previous page' })
  @IsOptional()
  @Matches(/^\d{16,17}$/, { message: 'after must be a component code' })
  after?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class NearestComponentQueryDto {
  @ApiProperty({ example: 120.15 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiProperty({ example: 30.32 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiPropertyOptional({ description: 'Only components of this small class', example: '0118' })
  @IsOptional()
  @Matches(/^\d{4,5}$/, { message: 'class must be a 4- or 5-digit small class code' })
  class?: string;
}
