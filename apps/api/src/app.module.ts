import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import type { Database } from './database/database';
import { CityController } from './modules/city/city.controller';
import { HealthController } from './modules/health/health.controller';
import { RegionsModule } from './modules/regions/regions.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, db: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, db),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // A caller's x-request-id is kept (when sane) so logs join across services.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        RegionsModule,
      ],
      controllers: [HealthController, CityController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
