import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { GridQualityController } from './quality/grid-quality.controller';
import { GridQualityRepository } from './quality/grid-quality.repository';
import { GridQualityService } from './quality/grid-quality.service';
import { RegionsController } from './regions.controller';
import { RegionsRepository } from './regions.repository';
import { RegionsService } from './regions.service';

@Module({
  controllers: [RegionsController, GridQualityController],
  providers: [
    RegionsService,
    {
      provide: RegionsRepository,
      inject: [Database],
      useFactory: (db: Database) => new RegionsRepository(db),
    },
    GridQualityService,
    {
      provide: GridQualityRepository,
      inject: [Database],
      useFactory: (db: Database) => new GridQualityRepository(db),
    },
  ],
  exports: [RegionsService],
})
export class RegionsModule {}
