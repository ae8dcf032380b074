import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginRequest, RefreshRequest } from '@urbangrid/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  refreshToken!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword!: string;

  /** Checked by the password policy (≥ 8 characters, a letter and a digit) in the service. */
  @ApiProperty({ description: '8–128 characters with at least one letter and one digit' })
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}
