import { Module } from '@nestjs/common';
import { Database } from '../../database/database';
import { GeocodingController } from './geocoding.controller';
import { GeocodingRepository } from './geocoding.repository';
import { GeocodingService } from './geocoding.service';

@Module({
  controllers: [GeocodingController],
  providers: [
    GeocodingService,
    {
      provide: GeocodingRepository,
      inject: [Database],
      useFactory: (db: Database) => new GeocodingRepository(db),
    },
  ],
  exports: [GeocodingService],
})
export class GeocodingModule {}
