import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeResponse, TokenResponse } from '@urbangrid/contracts';
import { AnyRole, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/auth.dto';
import type { AuthUser } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Password login → access token (15 min) and refresh token; locks after repeated failures' })
  login(@Body() body: LoginDto, @Headers('user-agent') userAgent?: string): Promise<TokenResponse> {
    return this.auth.login(body.username, body.password, userAgent ?? null);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token: new pair; a reused token ends the session' })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of a refresh token (idempotent)' })
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('password')
  @AnyRole()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change one’s own password: every session ends, a new pair is returned' })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<TokenResponse> {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword, userAgent ?? null);
  }

  @Get('me')
  @AnyRole()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, its department (with sub-units) and 责任网格' })
  me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return this.auth.me(user);
  }
}
