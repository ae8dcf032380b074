import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLASS_CODE_SCHEME_NAMES,
  CLASS_KIND_NAMES,
  COMPONENT_GEOMETRY_TYPE_NAMES,
  type ClassCodeSchemeName,
  type ClassKindName,
  type ComponentGeometryTypeName,
  type CreateClassRequest,
} from '@urbangrid/contracts';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

/** A local class: big class 21+, a 9x small class in a national big class, or a detail class. */
export class CreateClassDto implements CreateClassRequest {
  @ApiProperty({ enum: CLASS_KIND_NAMES })
  @IsIn(CLASS_KIND_NAMES)
  kind!: ClassKindName;

  @ApiProperty({
    example: '0191',
    description: '2 (big), 4–5 (small) or 6–7 (detail) digits, per code scheme',
  })
  @IsString()
  @Matches(/^\d{2,7}$/, { message: 'code must be 2 to 7 digits' })
  code!: string;

  @ApiPropertyOptional({
    enum: CLASS_CODE_SCHEME_NAMES,
    description: 'Default: the scheme the city already uses',
  })
  @IsOptional()
  @IsIn(CLASS_CODE_SCHEME_NAMES)
  codeScheme?: ClassCodeSchemeName;

  @ApiPropertyOptional({ example: '01', description: 'Must be the code’s own prefix when given' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2,5}$/, { message: 'parentCode must be 2 to 5 digits' })
  parentCode?: string;

  @ApiProperty({ example: '其他公用设施' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Other public facilities' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({ default: false, description: 'Publicly reportable (Open311)' })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;

  @ApiPropertyOptional({ enum: COMPONENT_GEOMETRY_TYPE_NAMES, description: 'Components only' })
  @IsOptional()
  @IsIn(COMPONENT_GEOMETRY_TYPE_NAMES)
  geometryType?: ComponentGeometryTypeName;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Default: today in the city time zone' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom?: string;
}
