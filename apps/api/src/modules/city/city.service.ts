import { Inject, Injectable } from '@nestjs/common';
import type { CityInfo } from '@urbangrid/contracts';
import { APP_CONFIG, type AppConfig, extentCenter } from '../../config/app-config';
import { RegionsService } from '../regions/regions.service';

@Injectable()
export class CityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly regions: RegionsService,
  ) {}

  /** The configured city plus the extent of its loaded regions (where the map opens). */
  async info(): Promise<CityInfo> {
    const [dataExtent, counts] = await Promise.all([
      this.regions.currentExtent(),
      this.regions.currentCounts(),
    ]);
    return {
      name: this.config.cityName,
      nameEn: this.config.cityNameEn,
      timeZone: this.config.timeZone,
      gridCodeScheme: this.config.gridCodeScheme,
      extent: this.config.cityExtent,
      dataExtent,
      counts,
      center: extentCenter(dataExtent ?? this.config.cityExtent),
      basemapUrl: this.config.basemapUrl,
      crs: 'EPSG:4326',
    };
  }
}
