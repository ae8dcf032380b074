import { ApiProperty } from '@nestjs/swagger';
import {
  CASE_STAGES,
  type CaseStage,
  TIME_BASES,
  TIME_UNITS,
  type TimeBasis,
  type TimeUnit,
  URGENCY_LEVELS,
  type UrgencyLevel,
} from '@urbangrid/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, Min, ValidateNested } from 'class-validator';

export class StageLimitDto {
  @ApiProperty({ enum: CASE_STAGES.filter((s) => s !== 'dispose') })
  @IsIn(CASE_STAGES)
  stage!: CaseStage;

  @ApiProperty({ enum: URGENCY_LEVELS })
  @IsIn(URGENCY_LEVELS)
  urgency!: UrgencyLevel;

  @ApiProperty({ example: 15 })
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

/** The whole stage-limit table; it replaces the stored one. */
export class PutStageLimitsDto {
  @ApiProperty({ type: [StageLimitDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StageLimitDto)
  items!: StageLimitDto[];
}
