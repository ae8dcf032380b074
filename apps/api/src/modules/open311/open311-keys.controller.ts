import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { type ApiKeyView, Open311KeysService } from './open311-keys.service';

export class IssueApiKeyDto {
  @Matches(/^[a-z0-9][a-z0-9_-]{1,39}$/, { message: 'channel: 2–40 lower-case letters, digits, - or _' })
  channel!: string;

  @IsString()
  @MaxLength(100)
  label!: string;

  @IsOptional()
  @IsBoolean()
  perIpOnly?: boolean;
}

/** Open311 API keys (spec 07 §2): issued and revoked by administrators; the key is shown once. */
@ApiTags('open311')
@Roles('admin')
@Controller('open311/keys')
export class Open311KeysController {
  constructor(private readonly keys: Open311KeysService) {}

  @Get()
  @ApiOperation({ summary: 'Every Open311 API key (prefix, channel, acting user, revoked or not)' })
  list(): Promise<ApiKeyView[]> {
    return this.keys.list();
  }

  @Post()
  @ApiOperation({ summary: 'Issue a key for a channel; the answer is the only place the key appears' })
  issue(
    @CurrentUser() user: AuthUser,
    @Body() body: IssueApiKeyDto,
  ): Promise<{ key: string; view: ApiKeyView }> {
    return this.keys.issue(user.id, body);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke a key at once (POSTs with it answer 403)' })
  revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<ApiKeyView> {
    return this.keys.revoke(user.id, id);
  }
}
