import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { Database } from './database/database';

/** Provides the validated config and the opened database to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, db: Database): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Database, useValue: db },
      ],
      exports: [APP_CONFIG, Database],
    };
  }
}
