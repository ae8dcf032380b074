import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { ErrorDetail, ErrorResponse } from '@urbangrid/contracts';
import { DomainError } from '@urbangrid/domain';
import type {} from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApiError } from './api-error';
import { ERROR_STATUS, STATUS_CODE_FALLBACK } from './error-status';

/** Turns every thrown thing into the shared error shape. No stack traces or SQL leave the API. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    if (body.statusCode === 404 && this.isWebAppRoute(request)) {
      // A client-side route of the web app (e.g. /desk/cases): answer its index.html.
      void reply.header('cache-control', 'no-cache').sendFile('index.html');
      return;
    }
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private isWebAppRoute(request: FastifyRequest): boolean {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path.startsWith('/api') || path.startsWith('/open311');
    return this.config.webDir !== null && request.method === 'GET' && !isApi && !/\.\w+$/.test(path);
  }

  toBody(exception: unknown): ErrorResponse {
    if (exception instanceof DomainError || exception instanceof ApiError) {
      const statusCode = ERROR_STATUS[exception.code] ?? 500;
      return withDetails({ statusCode, code: exception.code, message: exception.message }, exception.details);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const fromBody = typeof response === 'object' && response !== null ? (response as Partial<ErrorResponse>) : {};
      const code = typeof fromBody.code === 'string' ? fromBody.code : (STATUS_CODE_FALLBACK[statusCode] ?? 'REQUEST.MALFORMED');
      const message = typeof fromBody.message === 'string' ? fromBody.message : exception.message;
      return withDetails({ statusCode, code, message }, fromBody.details);
    }
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = STATUS_CODE_FALLBACK[fastifyStatus] ?? 'REQUEST.MALFORMED';
      return { statusCode: fastifyStatus, code, message: (exception as Error).message || 'bad request' };
    }
    return { statusCode: 500, code: 'INTERNAL.ERROR', message: 'internal error' };
  }
}

function withDetails(body: ErrorResponse, details: ErrorDetail[] | undefined): ErrorResponse {
  return details && details.length > 0 ? { ...body, details } : body;
}
