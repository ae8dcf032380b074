import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { CitizenDataCipher } from '../../common/crypto/citizen-data-cipher';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { GeocodingModule } from '../geocoding/geocoding.module';
import { TimeLimitsModule } from '../timelimits/time-limits.module';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [AuditModule, GeocodingModule, TimeLimitsModule, IdempotencyModule],
  controllers: [CasesController],
  providers: [
    CasesService,
    {
      provide: CitizenDataCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new CitizenDataCipher(config.citizenDataSecret),
    },
    {
      provide: CasesRepository,
      inject: [Database],
      useFactory: (db: Database) => new CasesRepository(db),
    },
  ],
  exports: [CasesService],
})
export class CasesModule {}
