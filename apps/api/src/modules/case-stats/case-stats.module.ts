import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { CaseStatsController } from './case-stats.controller';
import { CaseStatsRepository } from './case-stats.repository';
import { CaseStatsService } from './case-stats.service';

/** 统计 case statistics (leader dashboard): KPIs, per grid, per month, points, drill-down. */
@Module({
  controllers: [CaseStatsController],
  providers: [
    CaseStatsService,
    {
      provide: CaseStatsRepository,
      inject: [Database],
      useFactory: (db: Database) => new CaseStatsRepository(db),
    },
  ],
})
export class CaseStatsModule {}
