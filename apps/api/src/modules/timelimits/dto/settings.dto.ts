import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  RESUME_CLOCK_MODES,
  RETURN_CLOCK_MODES,
  REWORK_CLOCK_MODES,
  type ResumeClockMode,
  type ReturnClockMode,
  type ReworkClockMode,
  WORKING_DAY_MODES,
  type WorkingDayMode,
} from '@urbangrid/domain';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

export class SettingsQueryDto {
  @ApiPropertyOptional({ example: '330106', description: 'A district’s own settings; default: the city’s' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'districtCode is 6 digits' })
  districtCode?: string;
}

/** Changes some settings; absent fields keep their value (a new district row starts from the city's). */
export class PutSettingsDto {
  @ApiPropertyOptional({ example: 0.8, description: 'Elapsed share from which a limit turns yellow' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  yellowThreshold?: number;

  @ApiPropertyOptional({ enum: WORKING_DAY_MODES })
  @IsOptional()
  @IsIn(WORKING_DAY_MODES)
  workingDayMode?: WorkingDayMode;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Minutes of one working day; null = the calendar windows',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1440)
  workingDayMinutes?: number | null;

  @ApiPropertyOptional({ enum: REWORK_CLOCK_MODES })
  @IsOptional()
  @IsIn(REWORK_CLOCK_MODES)
  reworkClock?: ReworkClockMode;

  @ApiPropertyOptional({ enum: RETURN_CLOCK_MODES })
  @IsOptional()
  @IsIn(RETURN_CLOCK_MODES)
  returnClock?: ReturnClockMode;

  @ApiPropertyOptional({ enum: RESUME_CLOCK_MODES })
  @IsOptional()
  @IsIn(RESUME_CLOCK_MODES)
  resumeClock?: ResumeClockMode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  clockRunsWhilePending?: boolean;

  @ApiPropertyOptional({ example: 'default', description: 'The filing-standard profile this scope uses' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'filingProfileId is lower-case letters, digits, _ or -' })
  filingProfileId?: string;
}
