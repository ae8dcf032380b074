import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { AuthUser } from '../../modules/auth/principal';
import {
  canonicalJson,
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  REPLAYED_HEADER,
  requestFingerprint,
} from './idempotency-key';
import { IdempotencyService } from './idempotency.service';

/**
 * Makes a JSON POST/PATCH route idempotent when the caller sends `Idempotency-Key` (use with
 * `@UseInterceptors(IdempotencyInterceptor)`). The fingerprint covers method, path and the
 * canonical JSON body. Without the header, or on a route without a signed-in user, the request
 * runs as usual. Guards run before interceptors, so `request.user` is set here.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined || !request.user) return next.handle();
    const key = parseIdempotencyKey(raw);
    const method = request.method.toUpperCase();
    const path = request.url.split('?')[0] ?? request.url;
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler()) ??
      (method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK);
    const run = this.idempotency.execute(
      {
        userId: request.user.id,
        key,
        method,
        path,
        fingerprint: requestFingerprint(method, path, canonicalJson(request.body)),
      },
      async () => ({ status, body: await lastValueFrom(next.handle(), { defaultValue: null }) }),
    );
    return from(run).pipe(
      map(({ response, replayed }) => {
        if (replayed) void http.getResponse<FastifyReply>().header(REPLAYED_HEADER, 'true');
        return response.body;
      }),
    );
  }
}
