import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { TilesController } from './tiles.controller';
import { TilesRepository } from './tiles.repository';
import { TilesService } from './tiles.service';

@Module({
  controllers: [TilesController],
  providers: [
    TilesService,
    { provide: TilesRepository, inject: [Database], useFactory: (db: Database) => new TilesRepository(db) },
  ],
})
export class TilesModule {}
