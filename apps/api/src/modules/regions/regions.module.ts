import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { RegionsController } from './regions.controller';
import { RegionsRepository } from './regions.repository';
import { RegionsService } from './regions.service';

@Module({
  controllers: [RegionsController],
  providers: [
    RegionsService,
    { provide: RegionsRepository, inject: [Database], useFactory: (db: Database) => new RegionsRepository(db) },
  ],
  exports: [RegionsService],
})
export class RegionsModule {}
