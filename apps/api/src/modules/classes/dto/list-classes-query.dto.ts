import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLASS_KIND_NAMES, type ClassKindName } from '@urbangrid/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const CLASS_LIST_VIEWS = ['flat', 'tree'] as const;
export type ClassListView = (typeof CLASS_LIST_VIEWS)[number];

export class ListClassesQueryDto {
  @ApiPropertyOptional({
    enum: CLASS_KIND_NAMES,
    description: 'Only components or only events; both when absent',
  })
  @IsOptional()
  @IsIn(CLASS_KIND_NAMES)
  kind?: ClassKindName;

  @ApiPropertyOptional({ description: 'Include retired classes (valid_to set)', default: false })
  @IsOptional()
  // Query strings arrive as text: only "true" and "false" are booleans, anything else fails.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRetired?: boolean;

  @ApiPropertyOptional({
    enum: CLASS_LIST_VIEWS,
    default: 'flat',
    description: 'flat list in code order, or big classes with nested children',
  })
  @IsOptional()
  @IsIn(CLASS_LIST_VIEWS)
  view?: ClassListView;
}
