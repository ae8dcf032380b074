import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { TimeLimitsController } from './time-limits.controller';
import { TimeLimitsRepository } from './time-limits.repository';
import { TimeLimitsService } from './time-limits.service';

/** 时限 time limits; exports TimeLimitsService (`loadContext`) for the case loop. */
@Module({
  controllers: [TimeLimitsController],
  providers: [
    TimeLimitsService,
    {
      provide: TimeLimitsRepository,
      inject: [Database],
      useFactory: (db: Database) => new TimeLimitsRepository(db),
    },
  ],
  exports: [TimeLimitsService],
})
export class TimeLimitsModule {}
