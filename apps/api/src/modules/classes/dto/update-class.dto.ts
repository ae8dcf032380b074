import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_GEOMETRY_TYPE_NAMES,
  type ComponentGeometryTypeName,
  type UpdateClassRequest,
} from '@urbangrid/contracts';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** Rename, English name, public flag, geometry type. null clears nameEn or geometryType. */
export class UpdateClassDto implements UpdateClassRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;

  @ApiPropertyOptional({ enum: COMPONENT_GEOMETRY_TYPE_NAMES, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsIn(COMPONENT_GEOMETRY_TYPE_NAMES)
  geometryType?: ComponentGeometryTypeName | null;
}
