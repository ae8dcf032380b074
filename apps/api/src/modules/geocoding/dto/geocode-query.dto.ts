import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GeocodeQueryDto {
  @ApiProperty({ description: 'Address text: 门牌, crossing, place or road', example: '湖墅南路128号' })
  @IsString()
  @MaxLength(1000)
  q!: string;

  @ApiPropertyOptional({
    description: 'Coordinate system of the answer',
    enum: ['wgs84', 'cgcs2000', 'gcj02', 'bd09'],
  })
  @IsOptional()
  @IsString()
  crs?: string;
}
