import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NotificationPage } from '@urbangrid/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsOptional, Matches } from 'class-validator';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/principal';
import { NotificationsService } from './notifications.service';

class PollQueryDto {
  @IsOptional()
  @Matches(/^\d{1,15}\.\d{1,15}$/, { message: 'after must be the cursor of the last answer' })
  after?: string;
}

/** How often an open stream checks for news; the polling fallback suggests the same. */
export const STREAM_INTERVAL_MS = 5000;

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Notifications after a cursor (polling fallback); without one, a fresh cursor' })
  poll(@CurrentUser() user: AuthUser, @Query() q: PollQueryDto): Promise<NotificationPage> {
    return this.notifications.poll(user, q.after);
  }

  @Get('stream')
  @AnyRole()
  @ApiOperation({
    summary: 'Server-sent events: one `notification` event per item, `cursor` events to resume',
  })
  async stream(
    @CurrentUser() user: AuthUser,
    @Query() q: PollQueryDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${STREAM_INTERVAL_MS}\n\n`);
    let cursor = q.after;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    req.raw.on('close', () => {
      closed = true;
      if (timer) clearTimeout(timer);
    });
    const tick = async (): Promise<void> => {
      if (closed) return;
      try {
        const page = await this.notifications.poll(user, cursor);
        cursor = page.cursor;
        for (const n of page.items)
          res.write(`event: notification\nid: ${page.cursor}\ndata: ${JSON.stringify(n)}\n\n`);
        res.write(`event: cursor\ndata: ${JSON.stringify({ cursor })}\n\n`);
      } catch {
        res.write(`event: error\ndata: {"code":"NOTIFICATIONS.UNAVAILABLE"}\n\n`);
      }
      if (!closed) timer = setTimeout(() => void tick(), STREAM_INTERVAL_MS);
    };
    await tick();
  }
}
