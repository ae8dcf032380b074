import helmet from '@fastify/helmet';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/http/validation.pipe';
import type { AppConfig } from './config/app-config';
import type { Database } from './database/database';
import { IMPORT_UPLOAD_TYPES } from './modules/imports/imports.upload';
import { APP_VERSION } from './version';

export const API_PREFIX = 'api/v1';

/** Builds the Nest application (not yet listening). Used by main and by the integration tests. */
export async function createApp(config: AppConfig, db: Database): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1 << 20,
    trustProxy: true,
    // A caller's x-request-id is kept (when sane) so logs join across services.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  // Import uploads: the raw body stays a stream (the imports module writes it to a file, capped).
  adapter
    .getInstance()
    .addContentTypeParser(IMPORT_UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, db), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'api/health', method: RequestMethod.GET },
      // Open311 GeoReport v2 keeps its own stable endpoint (spec 07 §2).
      { path: 'open311/v2/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });

  const basemapOrigin = config.basemapUrl ? new URL(config.basemapUrl.replace(/[{}]/g, '')).origin : null;
  const external = basemapOrigin ? [basemapOrigin] : [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // maplibre and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...external],
        connectSrc: ["'self'", ...external],
        // maplibre runs its workers from blob: URLs.
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });

  if (config.webDir) {
    app.useStaticAssets({
      root: config.webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // Files under /assets/ carry a content hash in their names: the browser keeps them without
      // asking again (no revalidation round trip holding one of its six connections).
      // @fastify/static passes its FastifyReply here (Nest's type still names the raw response).
      setHeaders: (reply, path) => {
        if (/[\\/]assets[\\/]/.test(path))
          (reply as unknown as FastifyReply).header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  const openapi = new DocumentBuilder()
    .setTitle('UrbanGrid API')
    .setDescription('数字化城市管理信息系统 (GB/T 30428). Errors: { statusCode, code, message, details? }.')
    .setVersion(APP_VERSION)
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}
