import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AttachmentDto } from '@urbangrid/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REPLAYED_HEADER } from '../../common/idempotency/idempotency-key';
import { AnyRole, CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { AttachmentsService } from './attachments.service';
import { AttachmentIdParamDto } from './dto/attachment-requests.dto';

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('inspector', 'operator', 'shift_leader', 'dispatcher', 'department', 'leader')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload a photo (JPEG/PNG/WebP) or short audio: multipart field `file`, optional `purpose`; honours Idempotency-Key',
  })
  async upload(
    @CurrentUser() user: AuthUser,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentDto> {
    const r = await this.attachments.upload(user, req.headers, req.body, req.url.split('?')[0] ?? req.url);
    if (r.replayed) void reply.header(REPLAYED_HEADER, 'true');
    return r.body;
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'The attachment as others see it (photos without EXIF)' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param() p: AttachmentIdParamDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const f = await this.attachments.openPublic(user, p.id);
    await reply
      .header('content-type', f.contentType)
      .header('cache-control', 'private, max-age=86400')
      .send(f.stream);
  }

  @Get(':id/thumbnail')
  @AnyRole()
  @ApiOperation({ summary: 'A JPEG preview, at most 320 px on the longer side (photos only)' })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param() p: AttachmentIdParamDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const f = await this.attachments.openThumbnail(user, p.id);
    await reply
      .header('content-type', f.contentType)
      .header('cache-control', 'private, max-age=86400')
      .send(f.stream);
  }
}
