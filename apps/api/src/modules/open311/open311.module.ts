import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CitizenDataCipher } from '../../common/crypto/citizen-data-cipher';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { GeocodingModule } from '../geocoding/geocoding.module';
import { Open311KeysController } from './open311-keys.controller';
import { Open311KeysService } from './open311-keys.service';
import { limitsFromEnv } from './open311-rate-limit';
import { Open311Controller } from './open311.controller';
import { OPEN311_CIPHER, OPEN311_LIMITS, Open311Service } from './open311.service';

const FORM = 'application/x-www-form-urlencoded';

/**
 * Open311 GeoReport v2 (spec 07). Settings: the config's `open311WebKey` (OPEN311_WEB_KEY or a
 * generated one: the citizen page's key, registered at boot for the `public-web` channel),
 * OPEN311_POST_LIMIT_PER_KEY / _PER_IP and OPEN311_READ_LIMIT_PER_IP (`perHour/burst`),
 * OPEN311_JURISDICTION_ID (default: the host name the client used).
 */
@Module({
  imports: [CasesModule, GeocodingModule, AttachmentsModule, IdempotencyModule],
  controllers: [Open311Controller, Open311KeysController],
  providers: [
    Open311Service,
    Open311KeysService,
    { provide: OPEN311_LIMITS, useFactory: () => limitsFromEnv(process.env) },
    {
      provide: OPEN311_CIPHER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new CitizenDataCipher(config.citizenDataSecret),
    },
  ],
})
export class Open311Module implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Form bodies: the adapter's own parser when present (see formText in the controller), else ours. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser(FORM)) {
      fastify.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
        done(null, body),
      );
    }
  }
}
