import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FILING_KINDS,
  type FilingKind,
  RESPONSIBLE_UNIT_RULES,
  type ResponsibleUnitRule,
  TIME_BASES,
  TIME_UNITS,
  type TimeBasis,
  type TimeUnit,
  URGENCY_LEVELS,
  type UrgencyLevel,
} from '@urbangrid/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROFILE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class MilestoneDto {
  @ApiProperty({ example: '修复' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: 6 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value!: number;

  @ApiProperty({ enum: TIME_UNITS })
  @IsIn(TIME_UNITS)
  unit!: TimeUnit;

  @ApiProperty({ enum: TIME_BASES })
  @IsIn(TIME_BASES)
  basis!: TimeBasis;
}

export class DisposalLimitDto {
  @ApiProperty({ type: [MilestoneDto], description: 'The last milestone is the 处置时限' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones!: MilestoneDto[];
}

/** A new 立结案标准 line (version 1). An existing current line is changed with PATCH. */
export class CreateFilingStandardDto {
  @ApiPropertyOptional({ default: 'default' })
  @IsOptional()
  @Matches(PROFILE, { message: 'profileId is lower-case letters, digits, _ or -' })
  profileId?: string;

  @ApiProperty({ enum: FILING_KINDS })
  @IsIn(FILING_KINDS)
  kind!: FilingKind;

  @ApiProperty({ example: '0102', nullable: true, description: 'null: the kind default standard' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[0-9]{4,5}$/, { message: 'smallClassCode is 4 or 5 digits, or null' })
  smallClassCode!: string | null;

  @ApiPropertyOptional({ default: 'default', example: 'urban' })
  @IsOptional()
  @IsString()
  areaClass?: string;

  @ApiProperty({ example: '010201' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  conditionCode!: string;

  @ApiProperty({ example: '污水井盖缺失' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  conditionText!: string;

  @ApiPropertyOptional({ example: '井盖已恢复', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  closeConditionText?: string;

  @ApiPropertyOptional({ enum: URGENCY_LEVELS, default: 'normal' })
  @IsOptional()
  @IsIn(URGENCY_LEVELS)
  urgency?: UrgencyLevel;

  @ApiProperty({ type: DisposalLimitDto })
  @ValidateNested()
  @Type(() => DisposalLimitDto)
  disposalLimit!: DisposalLimitDto;

  @ApiProperty({ enum: RESPONSIBLE_UNIT_RULES })
  @IsIn(RESPONSIBLE_UNIT_RULES)
  responsibleUnitRule!: ResponsibleUnitRule;

  @ApiPropertyOptional({ nullable: true, description: 'Department code, only with fixed_department' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  responsibleDepartmentCode?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Default: today in the city time zone' })
  @IsOptional()
  @Matches(DATE, { message: 'validFrom is YYYY-MM-DD' })
  validFrom?: string;
}

/**
 * A new version of a current line: the given fields replace the old ones, the old row gets
 * `validTo` = the new `validFrom`. The line key (profile, kind, class, area, condition, urgency) stays.
 */
export class UpdateFilingStandardDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  conditionText?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  closeConditionText?: string;

  @ApiPropertyOptional({ type: DisposalLimitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisposalLimitDto)
  disposalLimit?: DisposalLimitDto;

  @ApiPropertyOptional({ enum: RESPONSIBLE_UNIT_RULES })
  @IsOptional()
  @IsIn(RESPONSIBLE_UNIT_RULES)
  responsibleUnitRule?: ResponsibleUnitRule;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  responsibleDepartmentCode?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Default: today in the city time zone' })
  @IsOptional()
  @Matches(DATE, { message: 'validFrom is YYYY-MM-DD' })
  validFrom?: string;
}

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListFilingStandardsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PROFILE, { message: 'profileId is lower-case letters, digits, _ or -' })
  profileId?: string;

  @ApiPropertyOptional({ enum: FILING_KINDS })
  @IsOptional()
  @IsIn(FILING_KINDS)
  kind?: FilingKind;

  @ApiPropertyOptional({ example: '0102' })
  @IsOptional()
  @Matches(/^[0-9]{4,5}$/, { message: 'smallClassCode is 4 or 5 digits' })
  smallClassCode?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Rows in force on this date' })
  @IsOptional()
  @Matches(DATE, { message: 'at is YYYY-MM-DD' })
  at?: string;

  @ApiPropertyOptional({ default: false, description: 'Include retired versions (ignored with at)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeRetired?: boolean;
}

export class ResolveFilingStandardQueryDto {
  @ApiProperty({ enum: FILING_KINDS })
  @IsIn(FILING_KINDS)
  kind!: FilingKind;

  @ApiProperty({ example: '0102' })
  @Matches(/^[0-9]{4,5}$/, { message: 'smallClassCode is 4 or 5 digits' })
  smallClassCode!: string;

  @ApiPropertyOptional({ example: 'urban' })
  @IsOptional()
  @IsString()
  areaClass?: string;

  @ApiPropertyOptional({ enum: URGENCY_LEVELS })
  @IsOptional()
  @IsIn(URGENCY_LEVELS)
  urgency?: UrgencyLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  conditionCode?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Default: today in the city time zone' })
  @IsOptional()
  @Matches(DATE, { message: 'at is YYYY-MM-DD' })
  at?: string;

  @ApiPropertyOptional({ example: '330106', description: 'Use this district’s settings (filing profile)' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'districtCode is 6 digits' })
  districtCode?: string;
}

export class FilingStandardParamsDto {
  @ApiProperty()
  @IsUUID()
  id!: string;
}
