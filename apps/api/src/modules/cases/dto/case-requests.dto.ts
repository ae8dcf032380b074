import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATES,
  CLOSURE_TYPES,
  TIME_UNITS,
  type CaseAction,
  type CaseSource,
  type CaseState,
  type ClosureType,
  type TimeUnit,
} from '@urbangrid/domain';
import type { CaseActionRequest, CaseListQuery, CreateCaseRequest } from '@urbangrid/contracts';

const CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

/** Leading and trailing blanks do not count towards a text's length. */
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

class PublicReporterDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: '13800000000' })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: 'phone must be 5 to 20 digits' })
  phone?: string;
}

export class CreateCaseDto implements CreateCaseRequest {
  @ApiProperty({ enum: CASE_SOURCES })
  @IsIn(CASE_SOURCES)
  source!: CaseSource;

  @ApiProperty({ enum: ['component', 'event'] })
  @IsIn(['component', 'event'])
  kind!: 'component' | 'event';

  @ApiProperty({ example: '0102', description: 'Small class code (小类)' })
  @Matches(/^\d{4,5}$/, { message: 'classCode must be a 4- or 5-digit small class code' })
  classCode!: string;

  @ApiProperty({ example: '路边堆放生活垃圾约2平方米', minLength: 2, maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ example: [120.155, 30.305], description: 'longitude, latitude in `crs`' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  position!: [number, number];

  @ApiPropertyOptional({ enum: CRS, default: 'wgs84' })
  @IsOptional()
  @IsIn(CRS)
  crs?: (typeof CRS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  positionManual?: boolean;

  @ApiPropertyOptional({ example: '3301050101000001' })
  @IsOptional()
  @Matches(/^\d{16,17}$/, { message: 'componentCode must be 16 or 17 digits' })
  componentCode?: string;

  @ApiPropertyOptional({ enum: ['normal', 'urgent'] })
  @IsOptional()
  @IsIn(['normal', 'urgent'])
  urgency?: 'normal' | 'urgent';

  @ApiPropertyOptional({ type: PublicReporterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicReporterDto)
  publicReporter?: PublicReporterDto;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  opinion?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 9, description: 'Ids from POST /api/v1/attachments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

class ExtensionDto {
  @ApiProperty({ example: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100000)
  value!: number;

  @ApiProperty({ enum: TIME_UNITS })
  @IsIn(TIME_UNITS)
  unit!: TimeUnit;
}

export class CaseActionDto implements CaseActionRequest {
  @ApiProperty({ description: 'The case version the client saw (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  opinion?: string;

  @ApiPropertyOptional({ description: '属实 / 已处理 / 审核通过 / approve' })
  @IsOptional()
  @IsBoolean()
  yes?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ type: ExtensionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionDto)
  extension?: ExtensionDto;

  @ApiPropertyOptional({ enum: CLOSURE_TYPES })
  @IsOptional()
  @IsIn(CLOSURE_TYPES)
  closureType?: ClosureType;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  duplicateOf?: string;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  areaClass?: string;

  @ApiPropertyOptional({ enum: ['normal', 'urgent'] })
  @IsOptional()
  @IsIn(['normal', 'urgent'])
  urgency?: 'normal' | 'urgent';

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  engineering?: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: 9, description: 'Ids from POST /api/v1/attachments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class CaseIdParamDto {
  @ApiProperty()
  @IsUUID()
  id!: string;
}

export class CaseActionParamDto extends CaseIdParamDto {
  @ApiProperty({ enum: CASE_ACTIONS })
  @IsIn(CASE_ACTIONS)
  action!: CaseAction;
}

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter((s) => s !== '') : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCasesQueryDto implements CaseListQuery {
  @ApiPropertyOptional({ description: 'Comma-separated states', example: 'FILED,DISPATCHED' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(CASE_STATES, { each: true })
  state?: CaseState[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'classCode must be a 2- to 5-digit class code' })
  classCode?: string;

  @ApiPropertyOptional({ enum: ['component', 'event'] })
  @IsOptional()
  @IsIn(['component', 'event'])
  kind?: 'component' | 'event';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'District (6), street (9), community (12) or grid (14/15) code' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{14,15})$/, {
    message: 'regionCode must be a district, street, community or grid code',
  })
  regionCode?: string;

  @ApiPropertyOptional({ enum: CASE_SOURCES })
  @IsOptional()
  @IsIn(CASE_SOURCES)
  source?: CaseSource;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Reported at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Reported before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Case number or words of the description' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only open cases (not closed, rejected or void)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'Only cases waiting for me' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'cursor is malformed' })
  cursor?: string;
}

export class NearbyCasesQueryDto {
  @ApiProperty()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiProperty()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiProperty({ enum: ['component', 'event'] })
  @IsIn(['component', 'event'])
  kind!: 'component' | 'event';

  @ApiProperty()
  @Matches(/^\d{4,5}$/, { message: 'classCode must be a 4- or 5-digit small class code' })
  classCode!: string;

  @ApiPropertyOptional({ enum: CRS })
  @IsOptional()
  @IsIn(CRS)
  crs?: (typeof CRS)[number];
}
