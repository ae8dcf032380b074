import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  EVALUATION_OBJECT_TYPES,
  type EvaluationObjectType,
  PERIOD_KINDS,
  type PeriodKind,
  REGION_LEVELS,
  type RegionLevel,
} from '@urbangrid/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const PROFILE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which results: object type (and region level), period, profile and cut-off. */
export class EvaluationResultsQueryDto {
  @ApiProperty({ enum: EVALUATION_OBJECT_TYPES })
  @IsIn(EVALUATION_OBJECT_TYPES)
  objectType!: EvaluationObjectType;

  @ApiPropertyOptional({ enum: REGION_LEVELS, description: 'Region level (region only); default street' })
  @IsOptional()
  @IsIn(REGION_LEVELS)
  level?: RegionLevel;

  @ApiPropertyOptional({ enum: PERIOD_KINDS, description: "Default: the profile's default period (month)" })
  @IsOptional()
  @IsIn(PERIOD_KINDS)
  period?: PeriodKind;

  @ApiPropertyOptional({
    description: 'week: any date YYYY-MM-DD in it; month YYYY-MM; quarter YYYY-Qn; year YYYY',
    example: '2026-10',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  at?: string;

  @ApiPropertyOptional({ description: 'custom: first local day YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'from is YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'custom: the local day after the last one (exclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'to is YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'Profile id (default GBT30428.4-2016-as-understood)' })
  @IsOptional()
  @Matches(PROFILE_ID, { message: 'profile is a profile id' })
  profile?: string;

  @ApiPropertyOptional({ description: 'Profile version (default: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  profileVersion?: number;

  @ApiPropertyOptional({ description: 'Regions under this code only (region objects)' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{14,15})$/, {
    message: 'regionCode must be a district, street, community or grid code',
  })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Read flow records up to this instant (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  cutoff?: string;
}

/** The monthly evaluations of one year: object type (and region level), year, profile. */
export class EvaluationMatrixQueryDto extends PickType(EvaluationResultsQueryDto, [
  'objectType',
  'level',
  'profile',
  'profileVersion',
  'regionCode',
] as const) {
  @ApiProperty({ description: 'The year YYYY', example: '2026' })
  @Matches(/^\d{4}$/, { message: 'year is YYYY' })
  year!: string;
}

/** The cases behind one count of one object. */
export class EvaluationDrilldownQueryDto extends EvaluationResultsQueryDto {
  @ApiProperty({ description: 'Region code, department id or user id' })
  @IsString()
  @Matches(/^[0-9A-Za-z-]{1,64}$/, { message: 'objectId is a region code or an id' })
  objectId!: string;

  @ApiProperty({ description: 'A count id of EvaluationCounts, e.g. filed, dispatchedOnTime' })
  @IsString()
  @MaxLength(40)
  count!: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'cursor is malformed' })
  cursor?: string;
}

export class RollupRefreshDto {
  @ApiProperty({ description: 'First local day YYYY-MM-DD' })
  @Matches(DATE, { message: 'from is YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: 'The local day after the last one (exclusive)' })
  @Matches(DATE, { message: 'to is YYYY-MM-DD' })
  to!: string;
}

/** A city's own profile: a whole profile, or a variant (overlay) of a stored one. */
export class CreateEvaluationProfileDto {
  @ApiPropertyOptional({ description: 'A whole profile (checked by validateEvaluationProfile)' })
  @IsOptional()
  @IsObject()
  profile?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Changes to the latest version of the stored profile `basedOn`' })
  @IsOptional()
  @IsObject()
  variant?: Record<string, unknown>;
}

/** Publish a monthly evaluation. */
export class PublishSnapshotDto {
  @ApiProperty({ enum: EVALUATION_OBJECT_TYPES })
  @IsIn(EVALUATION_OBJECT_TYPES)
  objectType!: EvaluationObjectType;

  @ApiPropertyOptional({ enum: REGION_LEVELS })
  @IsOptional()
  @IsIn(REGION_LEVELS)
  level?: RegionLevel;

  @ApiProperty({ example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month is YYYY-MM' })
  month!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PROFILE_ID, { message: 'profile is a profile id' })
  profile?: string;

  @ApiPropertyOptional({ description: 'Cut-off (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  cutoff?: string;
}

export class SnapshotIdParamDto {
  @ApiProperty()
  @IsUUID()
  id!: string;
}
