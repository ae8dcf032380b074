import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentDepartmentRef } from '@urbangrid/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * A department attribute (spec 01 §2.8): code from the department table or an 18-character
 * 统一社会信用代码, and the name (100 characters in the 运管服 table); either may be omitted.
 */
export class ComponentDepartmentDto implements ComponentDepartmentRef {
  @ApiPropertyOptional({ example: 'SZ', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  code!: string | null;

  @ApiPropertyOptional({ example: '区市政管理中心', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name!: string | null;
}
