import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@urbangrid/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const CALENDAR_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class CalendarQueryDto {
  @ApiPropertyOptional({ example: 'default', description: 'Calendar code; default: the city calendar' })
  @IsOptional()
  @Matches(CALENDAR_CODE, { message: 'code is lower-case letters, digits, _ or -' })
  code?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Only the days of this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class WorkingWindowDto {
  @ApiProperty({ example: '08:30' })
  @Matches(/^([01][0-9]|2[0-4]):[0-5][0-9]$/, { message: 'start is HH:MM' })
  start!: string;

  @ApiProperty({ example: '12:00' })
  @Matches(/^([01][0-9]|2[0-4]):[0-5][0-9]$/, { message: 'end is HH:MM' })
  end!: string;
}

/** Creates the calendar `code` or replaces its name, zone, windows and weekdays (days stay). */
export class PutCalendarDto {
  @ApiProperty({ example: '默认工作日历' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA zone, UTC, or a fixed offset like +08:00' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [WorkingWindowDto], description: 'Daily working windows, in order, not overlapping' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => WorkingWindowDto)
  windows!: WorkingWindowDto[];

  @ApiProperty({ example: [1, 2, 3, 4, 5], description: 'ISO weekdays that work: 1 Monday … 7 Sunday' })
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiPropertyOptional({
    example: '330106',
    nullable: true,
    description: 'A district calendar (6-digit code)',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'districtCode is 6 digits' })
  districtCode?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'A department calendar (department id)' })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date is YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS })
  @IsIn(CALENDAR_DAY_KINDS)
  kind!: CalendarDayKind;

  @ApiProperty({ example: '国庆节' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;
}

/** One year's official holiday arrangement: it replaces every day of that year in the calendar. */
export class ImportHolidaysDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;

  @ApiPropertyOptional({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiProperty({ type: [CalendarDayDto] })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days!: CalendarDayDto[];
}
