import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CityInfo } from '@urbangrid/contracts';
import { APP_CONFIG, type AppConfig, extentCenter } from '../../config/app-config';

@ApiTags('city')
@Controller('city')
export class CityController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'City name, extent, time zone and optional basemap for the web map' })
  city(): CityInfo {
    return {
      name: this.config.cityName,
      nameEn: this.config.cityNameEn,
      timeZone: this.config.timeZone,
      extent: this.config.cityExtent,
      center: extentCenter(this.config.cityExtent),
      basemapUrl: this.config.basemapUrl,
      crs: 'EPSG:4326',
    };
  }
}
