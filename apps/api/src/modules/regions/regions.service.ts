import { Inject, Injectable } from '@nestjs/common';
import type { BBox, CityCounts, MapLayerName, RegionLevel } from '@urbangrid/contracts';
import { MAP_LAYERS } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RegionsRepository, type LocatedPoint } from './regions.repository';

const LAYER_LEVEL: Record<Exclude<MapLayerName, 'roads'>, RegionLevel> = {
  districts: 'district',
  streets: 'street',
  communities: 'community',
  grids: 'grid',
};

@Injectable()
export class RegionsService {
  constructor(
    private readonly regions: RegionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A map layer as GeoJSON text, ready to send. */
  layer(name: string): Promise<string> {
    if (!(MAP_LAYERS as readonly string[]).includes(name)) {
      throw new ApiError('MAP.UNKNOWN_LAYER', `unknown map layer "${name}"; known: ${MAP_LAYERS.join(', ')}`);
    }
    const layer = name as MapLayerName;
    return layer === 'roads'
      ? this.regions.roadLayerGeoJson()
      : this.regions.regionLayerGeoJson(LAYER_LEVEL[layer]);
  }

  /** Where the map should open: the extent of today's regions, null when none is loaded. */
  currentExtent(): Promise<BBox | null> {
    return this.regions.currentExtent();
  }

  currentCounts(): Promise<CityCounts> {
    return this.regions.currentCounts();
  }

  /** Point to unit grid, community, street and district, for today's layout or the one on `date`. */
  async locate(lon: number, lat: number, date: string | undefined): Promise<LocatedPoint> {
    const [minLon, minLat, maxLon, maxLat] = this.config.cityExtent;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) {
      throw new ApiError('GEO.OUT_OF_EXTENT', `point ${lon},${lat} is outside the city extent`);
    }
    const onDate = date ?? todayIn(this.config.timeZone);
    const found = await this.regions.locate(lon, lat, onDate);
    if (!found) throw new ApiError('REGION.NOT_FOUND', `no unit grid contains ${lon},${lat} on ${onDate}`);
    return found;
  }
}

/** Today's date (YYYY-MM-DD) in the city's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
