import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@urbangrid/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { ERROR_STATUS } from '../../common/errors/error-status';
import { errorDocument, Open311Error, type Open311ErrorItem } from './open311-error';
import { CONTENT_TYPES, formatOfUrl, render } from './open311-wire';

/**
 * Every error under /open311/v2 in the GeoReport v2 shape (spec 07 §12), in the format the URL
 * asks for: 404 for things that do not exist, 403 for the key, 429 for rate limits (with
 * Retry-After), 5xx kept, 400 for everything else — including our 409/413/415/422 codes.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const e = toOpen311Error(exception);
    if (e.status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const format = formatOfUrl(request.url);
    if (e.retryAfterSeconds !== null) void reply.header('retry-after', String(e.retryAfterSeconds));
    void reply
      .status(e.status)
      .header('content-type', CONTENT_TYPES[format])
      .send(render(errorDocument(e.items), format));
  }
}

export function toOpen311Error(exception: unknown): Open311Error {
  if (exception instanceof Open311Error) return exception;
  if (exception instanceof DomainError || exception instanceof ApiError) {
    const status = statusOf(ERROR_STATUS[exception.code] ?? 500);
    const details = exception.details ?? [];
    const items: Open311ErrorItem[] =
      details.length > 0
        ? details.map((d) => ({ code: status, description: `${d.field}: ${d.message} [${exception.code}]` }))
        : [
            {
              code: status,
              description: `${status >= 500 ? 'internal error' : exception.message} [${exception.code}]`,
            },
          ];
    return new Open311Error(status, exception.code, exception.message, items);
  }
  const httpStatus =
    exception instanceof HttpException
      ? exception.getStatus()
      : typeof (exception as { statusCode?: unknown }).statusCode === 'number'
        ? (exception as { statusCode: number }).statusCode
        : 500;
  const status = statusOf(httpStatus);
  const message = status >= 500 ? 'internal error' : (exception as Error).message || 'bad request';
  return new Open311Error(status, status >= 500 ? 'INTERNAL.ERROR' : 'OPEN311.BAD_REQUEST', message);
}

function statusOf(http: number): Open311Error['status'] {
  if (http === 404 || http === 403 || http === 429) return http;
  if (http === 401) return 403;
  if (http === 503) return 503;
  if (http >= 500) return 500;
  return 400;
}
