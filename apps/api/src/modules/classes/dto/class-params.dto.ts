import { ApiProperty } from '@nestjs/swagger';
import { CLASS_KIND_NAMES, type ClassKindName } from '@urbangrid/contracts';
import { IsIn, Matches } from 'class-validator';

/** `:kind/:code` of one class. */
export class ClassParamsDto {
  @ApiProperty({ enum: CLASS_KIND_NAMES, example: 'component' })
  @IsIn(CLASS_KIND_NAMES)
  kind!: ClassKindName;

  @ApiProperty({ description: 'Class code: 2 (big), 4–5 (small) or 6–7 (detail) digits', example: '0101' })
  @Matches(/^\d{2,7}$/, { message: 'code must be 2 to 7 digits' })
  code!: string;
}
