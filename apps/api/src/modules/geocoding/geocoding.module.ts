import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { GeocodingController } from './geocoding.controller';
import { GeocodingRepository } from './geocoding.repository';
import { GeocodingService } from './geocoding.service';
import { SpatialIndexService } from './spatial-index/spatial-index.service';

@Module({
  controllers: [GeocodingController],
  providers: [
    GeocodingService,
    SpatialIndexService,
    {
      provide: GeocodingRepository,
      inject: [Database],
      useFactory: (db: Database) => new GeocodingRepository(db),
    },
  ],
  exports: [GeocodingService, SpatialIndexService],
})
export class GeocodingModule {}
