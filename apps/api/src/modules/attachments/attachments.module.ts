import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ATTACHMENT_STORAGE, LocalFolderStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/** Multipart bodies are kept a raw stream; the attachments service reads them with busboy. */
const MULTIPART = 'multipart/form-data';

@Module({
  imports: [IdempotencyModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    {
      provide: ATTACHMENT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalFolderStorage(join(config.dataDir, 'attachments')),
    },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Registers the pass-through parser for multipart bodies (like the imports module's upload
   * types in app.factory): Fastify has no multipart parser of its own, and the stream must reach
   * the controller unread so the size limit applies while reading. Runs before Fastify is ready.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser(MULTIPART)) {
      fastify.addContentTypeParser(MULTIPART, (_req, payload, done) => done(null, payload));
    }
  }
}
