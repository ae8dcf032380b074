import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_DATA_SOURCE_NAMES,
  COMPONENT_STATE_NAMES,
  type ComponentDataSourceName,
  type ComponentStateName,
  type Geometry,
  type UpdateComponentRequest,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ComponentDepartmentDto } from './component-department.dto';

/** Absent keys stay as they are; `null` clears an optional attribute. */
export class UpdateComponentDto implements UpdateComponentRequest {
  @ApiPropertyOptional({ description: 'New GeoJSON geometry; the grid is derived again' })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject()
  geometry?: Geometry;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(30)
  name?: string;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  competentDept?: ComponentDepartmentDto | null;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  owner?: ComponentDepartmentDto | null;

  @ApiPropertyOptional({ type: ComponentDepartmentDto, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @ValidateNested()
  @Type(() => ComponentDepartmentDto)
  maintainer?: ComponentDepartmentDto | null;

  @ApiPropertyOptional({ enum: COMPONENT_STATE_NAMES })
  @IsOptional()
  @IsIn(COMPONENT_STATE_NAMES)
  state?: ComponentStateName;

  @ApiPropertyOptional({ description: '变更日期 YYYY-MM-DD; default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  changeDate?: string;

  @ApiPropertyOptional({ enum: COMPONENT_DATA_SOURCE_NAMES, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsIn(COMPONENT_DATA_SOURCE_NAMES)
  dataSource?: ComponentDataSourceName | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(500)
  photo?: string | null;
}
