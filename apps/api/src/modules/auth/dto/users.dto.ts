import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateDepartmentRequest,
  type CreateUserRequest,
  ROLE_CODES,
  type RoleCode,
  type UpdateUserRequest,
} from '@urbangrid/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class UserIdParamDto {
  @IsUUID()
  id!: string;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: ROLE_CODES })
  @IsOptional()
  @IsIn(ROLE_CODES)
  role?: RoleCode;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'inspector07', description: 'lower case letters, digits, . _ -; 2–64 characters' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'username must be 2–64 lower-case letters, digits, . _ -' })
  username!: string;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: ROLE_CODES })
  @IsIn(ROLE_CODES)
  role!: RoleCode;

  @ApiPropertyOptional({ nullable: true, description: 'required for the department role' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID()
  departmentId?: string | null;

  @ApiProperty({ description: '8–128 characters with at least one letter and one digit' })
  @IsString()
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ description: '6-digit district code; default: the administrator’s' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  districtCode?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLE_CODES })
  @IsOptional()
  @IsIn(ROLE_CODES)
  role?: RoleCode;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ description: '8–128 characters with at least one letter and one digit' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class SetGridsDto {
  @ApiProperty({ type: [String], description: '责任网格 unit-grid codes (14 or 15 digits)' })
  @IsArray()
  @ArrayMaxSize(2000)
  @Matches(/^[0-9]{14,15}$/, { each: true, message: 'each grid code must have 14 or 15 digits' })
  gridCodes!: string[];
}

export class CreateDepartmentDto implements CreateDepartmentRequest {
  @ApiProperty({ example: 'HW-03' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { message: 'code must be 1–32 letters, digits, _ or -' })
  code!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'parent department (this one becomes a sub-unit)' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ description: '6-digit district code; default: the parent’s, else the administrator’s' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  districtCode?: string;
}
