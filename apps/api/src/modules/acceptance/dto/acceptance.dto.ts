import { ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_KINDS, type EvidenceKind } from '@urbangrid/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const PROFILE_ID = /^[\w.:-]{1,100}$/;

export class AcceptanceResultQueryDto {
  @ApiPropertyOptional({ description: 'Profile id (default: the shipped framework profile)' })
  @IsOptional()
  @Matches(PROFILE_ID, { message: 'profile is a profile id' })
  profile?: string;

  @ApiPropertyOptional({ description: 'Profile version (default: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    description: 'A pause in reports longer than this many days breaks continuous operation',
    default: 7,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  gapDays?: number;
}

export class AcceptanceProfileQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class AcceptanceItemQueryDto {
  @ApiPropertyOptional({ description: 'Profile id (default: the shipped framework profile)' })
  @IsOptional()
  @Matches(PROFILE_ID, { message: 'profile is a profile id' })
  profile?: string;
}

export class AcceptanceEvidenceDto {
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  /** An attachment id (document, photo), a system-data path or a URL. */
  @IsString()
  @MaxLength(500)
  ref!: string;
}

/** A reviewer's answer; which field counts depends on the item's rule (docs/acceptance.md). */
export class AcceptanceAnswerDto {
  @ApiPropertyOptional({ description: 'binary items: met or not' })
  @IsOptional()
  @IsBoolean()
  met?: boolean;

  @ApiPropertyOptional({
    description: 'metric items without a computed metric; perDefectDeduction: the defects',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ description: 'countMissing items: the entries present', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  present?: string[];

  @ApiPropertyOptional({ description: 'manualScore items: points 0…max' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score?: number;

  @ApiPropertyOptional({ description: 'Default: the signed-in user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reviewer?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: [AcceptanceEvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceEvidenceDto)
  evidence?: AcceptanceEvidenceDto[];
}
