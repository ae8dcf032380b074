import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { CityController } from './city.controller';
import { CityService } from './city.service';

@Module({
  imports: [RegionsModule],
  controllers: [CityController],
  providers: [CityService],
})
export class CityModule {}
