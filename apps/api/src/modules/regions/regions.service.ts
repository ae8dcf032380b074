import { Inject, Injectable } from '@nestjs/common';
import type {
  BBox,
  CityCounts,
  MapLayerName,
  RedrawRegionRequest,
  RegionLevel,
  RegionVersion,
} from '@urbangrid/contracts';
import { MAP_LAYERS, REGION_LEVELS } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { geoJsonGeometryProblem } from '@urbangrid/domain';
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
    @Inject(Database) private readonly db: Database,
  ) {}

  /** A map layer as GeoJSON text, ready to send: today's layout, or the one in force on `date`. */
  layer(name: string, date?: string): Promise<string> {
    if (!(MAP_LAYERS as readonly string[]).includes(name)) {
      throw new ApiError('MAP.UNKNOWN_LAYER', `unknown map layer "${name}"; known: ${MAP_LAYERS.join(', ')}`);
    }
    const layer = name as MapLayerName;
    return layer === 'roads'
      ? this.regions.roadLayerGeoJson()
      : this.regions.regionLayerGeoJson(LAYER_LEVEL[layer], date ?? null);
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

  /** The version of a region in force on `date` (default today). */
  async version(levelName: string, code: string, date: string | undefined): Promise<RegionVersion> {
    const level = parseLevel(levelName);
    const onDate = date ?? todayIn(this.config.timeZone);
    const found = await this.regions.version(level, code, onDate);
    if (!found) throw new ApiError('REGION.NOT_FOUND', `no ${level} ${code} is in force on ${onDate}`);
    return found;
  }

  /** Every version of a region, oldest first. */
  async history(levelName: string, code: string): Promise<RegionVersion[]> {
    const level = parseLevel(levelName);
    const versions = await this.regions.history(level, code);
    if (versions.length === 0) throw new ApiError('REGION.NOT_FOUND', `no ${level} ${code} has ever existed`);
    return versions;
  }

  /**
   * Redraws a region: the version in force is retired on `validFrom` and the new outline takes
   * over from that date, in one transaction. Future dates are refused so that "in force today"
   * stays "not retired".
   */
  async redraw(levelName: string, code: string, change: RedrawRegionRequest): Promise<RegionVersion> {
    const level = parseLevel(levelName);
    const today = todayIn(this.config.timeZone);
    const validFrom = change.validFrom ?? today;
    if (validFrom > today) {
      throw new ApiError(
        'REGION.VERSION_DATE_INVALID',
        `validFrom ${validFrom} is in the future (today is ${today})`,
      );
    }
    const shape = geoJsonGeometryProblem(change.geometry, ['Polygon', 'MultiPolygon']);
    if (shape) throw new ApiError('REGION.GEOMETRY_INVALID', `the new outline is unusable: ${shape}`);
    return this.db.transaction(async (tx) => {
      const repo = new RegionsRepository(tx);
      const problem = await repo.polygonProblem(change.geometry, this.config.cityExtent);
      if (problem) throw new ApiError('REGION.GEOMETRY_INVALID', `the new outline is unusable: ${problem}`);
      const current = await repo.lockCurrent(level, code);
      if (!current) throw new ApiError('REGION.NOT_FOUND', `no ${level} ${code} is in force`);
      if (validFrom <= current.validFrom) {
        throw new ApiError(
          'REGION.VERSION_DATE_INVALID',
          `validFrom ${validFrom} must be after ${current.validFrom}, when the current version took effect`,
        );
      }
      return repo.redraw(current, {
        geometry: change.geometry,
        name: change.name ?? current.name,
        validFrom,
        note: change.note ?? null,
      });
    });
  }
}

function parseLevel(name: string): RegionLevel {
  if (!(REGION_LEVELS as readonly string[]).includes(name)) {
    throw new ApiError(
      'REGION.LEVEL_UNKNOWN',
      `unknown region level "${name}"; known: ${REGION_LEVELS.join(', ')}`,
    );
  }
  return name as RegionLevel;
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
