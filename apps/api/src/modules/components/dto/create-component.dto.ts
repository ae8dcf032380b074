import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_DATA_SOURCE_NAMES,
  COMPONENT_STATE_NAMES,
  type ComponentDataSourceName,
  type ComponentStateName,
  type CreateComponentRequest,
  type Geometry,
} from '@urbangrid/contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ComponentDepartmentDto } from './component-department.dto';

export class CreateComponentDto implements CreateComponentRequest {
  @ApiProperty({ example: '0101', description: 'Small class (小类): 4 digits, or 5 under gbt47678-5' })
  @IsString()
  @Matches(/^\d{4,5}$/, { message: 'classCode must be a 4- or 5-digit small class code' })
  classCode!: string;

  @ApiProperty({ description: 'GeoJSON Point, LineString, Polygon or Multi variant, EPSG:4326' })
  @IsObject()
  @IsNotEmptyObject()
  geometry!: Geometry;

  @ApiPropertyOptional({
    example: '3301050101000001',
    description: '部件标识码; the next sequence of the district and class when absent',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{16,17}$/, { message: 'code must be 16 or 17 digits' })
  code?: string;

  @ApiPropertyOptional({ description: 'Must equal the unit grid derived from the geometry' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{14,15}$/, { message: 'gridCode must be 14 or 15 digits' })
  gridCode?: string;

  @ApiPropertyOptional({ description: '部件名称; the small-class name when absent' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(30)
  name?: string;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, description: '主管部门' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  competentDept?: ComponentDepartmentDto;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, description: '权属单位' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  owner?: ComponentDepartmentDto;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, description: '养护单位' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  maintainer?: ComponentDepartmentDto;

  @ApiPropertyOptional({ enum: COMPONENT_STATE_NAMES, description: 'Default 完好' })
  @IsOptional()
  @IsIn(COMPONENT_STATE_NAMES)
  state?: ComponentStateName;

  @ApiPropertyOptional({ description: '初始日期 YYYY-MM-DD; default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  initialDate?: string;

  @ApiPropertyOptional({ enum: COMPONENT_DATA_SOURCE_NAMES })
  @IsOptional()
  @IsIn(COMPONENT_DATA_SOURCE_NAMES)
  dataSource?: ComponentDataSourceName;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ description: 'Reference to a stored photo' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  photo?: string;
}
