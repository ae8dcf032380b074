import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import type { Database } from './database/database';
import { CityModule } from './modules/city/city.module';
import { GeocodingModule } from './modules/geocoding/geocoding.module';
import { ClassesModule } from './modules/classes/classes.module';
import { ComponentsModule } from './modules/components/components.module';
import { ImportsModule } from './modules/imports/imports.module';
import { TilesModule } from './modules/tiles/tiles.module';
import { HealthController } from './modules/health/health.controller';
import { RegionsModule } from './modules/regions/regions.module';
import { AuthModule } from './modules/auth/auth.module';
import { TimeLimitsModule } from './modules/timelimits/time-limits.module';
import { CasesModule } from './modules/cases/cases.module';
import { AuditModule } from './modules/audit/audit.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { CaseStatsModule } from './modules/case-stats/case-stats.module';
import { Open311Module } from './modules/open311/open311.module';
import { EvaluationModule } from './modules/evaluation/evaluation.module';
import { HistoryImportModule } from './modules/history-import/history-import.module';
import { AcceptanceModule } from './modules/acceptance/acceptance.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, db: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, db),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // The id Fastify gave the request (see app.factory.ts), so log lines and replies agree.
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        RegionsModule,
        CityModule,
        ClassesModule,
        ComponentsModule,
        TilesModule,
        ImportsModule,
        GeocodingModule,
        AuthModule,
        TimeLimitsModule,
        CasesModule,
        AuditModule,
        NotificationsModule,
        AttachmentsModule,
        CaseStatsModule,
        Open311Module,
        EvaluationModule,
        HistoryImportModule,
        AcceptanceModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
