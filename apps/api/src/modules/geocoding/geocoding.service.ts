import { Inject, Injectable } from '@nestjs/common';
import type {
  GeocodeCandidate,
  GeocodeNameMatch,
  GeocodeRegions,
  GeocodeResponse,
  ReverseGeocodeResponse,
} from '@urbangrid/contracts';
import {
  compassBearingDeg,
  describeLocation,
  fromStored,
  interpolateHouseNumber,
  offsetByMeters,
  parseAddress,
  parseCoordinateSystem,
  toStored,
  type AddressQuery,
  type AdminDivisions,
  type CoordinateSystem,
  type DescriptionReference,
  type DirectionOffset,
  type HouseNumber,
  type LonLat,
  type MatchLevel,
} from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { GeocodingRepository, type ReverseRow, type RoadMatch } from './geocoding.repository';
import { SpatialIndexService } from './spatial-index/spatial-index.service';

/** Base score per match level (ours): how far a call-taker can trust the point without looking. */
const LEVEL_SCORE: Partial<Record<MatchLevel, number>> = {
  DOORPLATE: 1,
  POI: 0.95,
  CROSSING: 0.9,
  STREET_INTERPOLATED: 0.8,
  STREET: 0.5,
};
/** An alias or a former name is a little less certain than the current name (spec 02 §6.2 order). */
const NAME_FACTOR: Record<GeocodeNameMatch, number> = { name: 1, alias: 0.95, former: 0.9 };
/** Text left unread ("附近", a shop name) lowers the score. */
const LEFTOVER_FACTOR = 0.9;
/** A POI found only by name prefix. */
const PREFIX_FACTOR = 0.7;
/** Interpolated numbers stand this far off the centreline, towards their side (the demo's 10–15 m). */
const INTERPOLATION_SIDE_OFFSET_M = 12;
/** Reverse geocoding: a 门(楼)牌 within this radius is the reference (spec 02 §7.3; a setting, ours). */
export const REVERSE_ADDRESS_RADIUS_M = 100;
/** Otherwise a POI within this radius. */
export const REVERSE_POI_RADIUS_M = 300;
const MAX_CANDIDATES = 10;
/** Candidates whose regions are looked up (one statement) before the best are kept. */
const MAX_REGION_LOOKUPS = 50;
/** Per administrative name in the text (district, street, community) that the point's region does not bear. */
const ADMIN_MISMATCH_FACTOR = 0.8;

interface Found {
  matchLevel: MatchLevel;
  matchedBy: GeocodeNameMatch;
  label: string;
  position: LonLat;
  factor?: number;
  /** Matched on the whole text, so nothing was left unread. */
  wholeText?: boolean;
}

@Injectable()
export class GeocodingService {
  constructor(
    private readonly repo: GeocodingRepository,
    private readonly spatialIndex: SpatialIndexService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Forward geocoding (spec 02 §6): address text → candidate points, best first. */
  async geocode(text: string, crsName: string | undefined): Promise<GeocodeResponse> {
    const crs = this.crs(crsName);
    const query = parseAddress(text);
    if (query.kind === 'unparsed') {
      throw new ApiError('GEOCODE.UNPARSEABLE', `cannot read "${text}" as an address: ${query.reason}`, [
        { field: 'q', message: query.reason },
      ]);
    }
    // A POI may be named like an address ("文一路学院路口站" reads as a crossing): its exact name wins.
    const named =
      query.kind === 'place'
        ? []
        : (await this.repo.findPois(query.normalized)).map((p): Found => ({
            matchLevel: 'POI',
            matchedBy: p.matchedBy,
            label: p.label,
            position: p.position,
            wholeText: true,
          }));
    const found = [...named, ...(await this.match(query))];
    if (found.length === 0) throw new ApiError('GEOCODE.NOT_FOUND', `no place matches "${query.normalized}"`);

    const leftover = query.leftover.length > 0 ? LEFTOVER_FACTOR : 1;
    const positioned = found
      .slice(0, MAX_REGION_LOOKUPS)
      .map((f) => ({ ...f, position: query.offset ? applyOffset(f.position, query.offset) : f.position }));
    const regions = await this.repo.regionsAt(positioned.map((f) => f.position));
    const candidates: GeocodeCandidate[] = positioned
      .map((f, k) => ({
        matchLevel: f.matchLevel,
        score: round2(
          (LEVEL_SCORE[f.matchLevel] ?? 0) *
            NAME_FACTOR[f.matchedBy] *
            (f.factor ?? 1) *
            (f.wholeText ? 1 : leftover) *
            adminFactor(query.admin, regions[k] ?? null),
        ),
        label: f.label,
        matchedBy: f.matchedBy,
        position: fromStored(f.position[0], f.position[1], crs),
        regions: regions[k] ?? null,
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_CANDIDATES);
    return { query: text, crs: crs, parsedAs: query.kind, candidates };
  }

  /** Reverse geocoding (spec 02 §7): a point → regions, nearest places and a 位置描述. */
  async reverse(
    lonText: string,
    latText: string,
    crsName: string | undefined,
  ): Promise<ReverseGeocodeResponse> {
    const crs = this.crs(crsName);
    const lon = Number(lonText);
    const lat = Number(latText);
    const outside = (): ApiError =>
      new ApiError('GEO.OUT_OF_EXTENT', `point ${lonText},${latText} is outside the city extent`, [
        { field: 'lon,lat', message: `must lie inside ${this.config.cityExtent.join(',')}` },
      ]);
    if (lonText.trim() === '' || latText.trim() === '' || !Number.isFinite(lon) || !Number.isFinite(lat))
      throw outside();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw outside();
    const [x, y] = toStored(lon, lat, crs);
    const [minLon, minLat, maxLon, maxLat] = this.config.cityExtent;
    if (x < minLon || x > maxLon || y < minLat || y > maxLat) throw outside();

    const row = await this.spatialIndex.resolvePoint(x, y);
    const out = (p: LonLat): LonLat => fromStored(p[0], p[1], crs);
    return {
      crs: crs,
      position: [lon, lat],
      regions: row.regions,
      nearestAddress: row.address && { ...row.address, position: out(row.address.position) },
      nearestPoi: row.poi && { ...row.poi, position: out(row.poi.position) },
      nearestRoad: row.road,
      nearestComponent: row.component && { ...row.component, position: out(row.component.position) },
      description: describe([x, y], row),
    };
  }

  private crs(name: string | undefined): CoordinateSystem {
    return name === undefined ? 'wgs84' : parseCoordinateSystem(name);
  }

  private async match(query: Exclude<AddressQuery, { kind: 'unparsed' }>): Promise<Found[]> {
    switch (query.kind) {
      case 'house-number':
        return this.matchHouseNumber(query.road, query.houseNumber);
      case 'crossing':
        return this.matchCrossing(query.roads);
      case 'place':
        return this.matchPlace(query.name, query.part);
      case 'road':
        return this.matchRoad(await this.repo.findRoads(query.road));
    }
  }

  /** Stored 门(楼)牌 first; else interpolated on the road's range; else the road itself. */
  private async matchHouseNumber(roadName: string, house: HouseNumber): Promise<Found[]> {
    const roads = await this.repo.findRoads(roadName);
    if (roads.length === 0) return [];
    const suffix = house.sub !== undefined ? `-${house.sub}` : (house.prefix ?? '');
    const exact = await this.repo.findAddressPoint(
      roads.map((r) => r.id),
      house.number,
      suffix,
    );
    if (exact.length > 0) {
      return exact.map((a) => {
        const road = roads.find((r) => r.id === a.roadId) as RoadMatch;
        return { matchLevel: 'DOORPLATE', matchedBy: road.matchedBy, label: a.label, position: a.position };
      });
    }
    const interpolated: Found[] = [];
    for (const road of roads) {
      const numbering = {
        centreline: road.centreline,
        left: road.ranges.find((r) => r.side === 'left'),
        right: road.ranges.find((r) => r.side === 'right'),
      };
      const hit = interpolateHouseNumber(numbering, house.number, {
        sideOffsetMeters: INTERPOLATION_SIDE_OFFSET_M,
      });
      if (hit) {
        interpolated.push({
          matchLevel: 'STREET_INTERPOLATED',
          matchedBy: road.matchedBy,
          label: `${road.name}${house.label}`,
          position: hit.position,
        });
      }
    }
    return interpolated.length > 0 ? interpolated : this.matchRoad(roads);
  }

  private async matchCrossing([first, second]: [string, string]): Promise<Found[]> {
    const [a, b] = await Promise.all([this.repo.findRoads(first), this.repo.findRoads(second)]);
    if (a.length === 0 || b.length === 0) return [];
    const crossings = await this.repo.findCrossings(
      a.map((r) => r.id),
      b.map((r) => r.id),
    );
    return crossings.map((c) => {
      const ra = a.find((r) => r.id === c.firstId) as RoadMatch;
      const rb = b.find((r) => r.id === c.secondId) as RoadMatch;
      // The weaker of the two names decides how the crossing was matched.
      const matchedBy = NAME_FACTOR[ra.matchedBy] <= NAME_FACTOR[rb.matchedBy] ? ra.matchedBy : rb.matchedBy;
      return {
        matchLevel: 'CROSSING',
        matchedBy,
        label: `${ra.name}与${rb.name}交叉口`,
        position: c.position,
        // Centrelines that only come near each other give a less certain point.
        factor: c.distanceM > 1 ? 0.9 : 1,
      };
    });
  }

  /** A POI by name or alias; with a part ("东门") its gate; a road named like the place as a fallback. */
  private async matchPlace(name: string, part: string | undefined): Promise<Found[]> {
    const poi = (
      p: { label: string; position: LonLat; matchedBy: GeocodeNameMatch },
      factor?: number,
    ): Found => ({
      matchLevel: 'POI',
      matchedBy: p.matchedBy,
      label: p.label,
      position: p.position,
      ...(factor === undefined ? {} : { factor }),
    });
    if (part !== undefined) {
      const whole = await this.repo.findPois(`${name}${part}`);
      if (whole.length > 0) return whole.map((p) => poi(p));
    }
    const parents = await this.repo.findPois(name);
    if (parents.length > 0) {
      if (part === undefined) return parents.map((p) => poi(p));
      const parts = await this.repo.findPoiParts(
        parents.map((p) => p.id),
        part,
      );
      if (parts.length > 0) {
        return parts.map((g) =>
          poi({ ...g, matchedBy: parents.find((p) => p.id === g.parentId)?.matchedBy ?? 'name' }),
        );
      }
      // The place is known, its gate is not: the place itself, a little less sure.
      return parents.map((p) => poi(p, 0.9));
    }
    const prefixed = await this.repo.findPoisByPrefix(name, MAX_CANDIDATES);
    return prefixed.map((p) => poi(p, PREFIX_FACTOR));
  }

  private async matchRoad(roads: RoadMatch[]): Promise<Found[]> {
    const out: Found[] = [];
    for (const road of roads) {
      const mid = await this.repo.roadMidpoint(road.id);
      if (mid) out.push({ matchLevel: 'STREET', matchedBy: road.matchedBy, label: road.name, position: mid });
    }
    return out;
  }
}

/**
 * Lowers the score once per 行政区域 named in the text that the candidate's region does not bear
 * ("石桥街道东文路12号" found in 潮鸣街道): the text may be wrong, so the candidate stays, ranked lower.
 */
function adminFactor(admin: AdminDivisions, regions: GeocodeRegions | null): number {
  const pairs: [string | undefined, string | undefined][] = [
    [admin.district, regions?.district.name],
    [admin.street, regions?.street.name],
    [admin.community, regions?.community.name],
  ];
  return pairs.reduce(
    (f, [named, actual]) => (named !== undefined && named !== actual ? f * ADMIN_MISMATCH_FACTOR : f),
    1,
  );
}

/** Moves a point by a 方位描述 ("东侧约30米" → 30 m on bearing 90°). */
function applyOffset(p: LonLat, offset: DirectionOffset): LonLat {
  const rad = (compassBearingDeg(offset.direction) * Math.PI) / 180;
  return offsetByMeters(p, offset.meters * Math.sin(rad), offset.meters * Math.cos(rad));
}

/** Prefer the 门(楼)牌 within its radius, then a POI (spec 02 §5), then "<road>附近". */
export function describe(point: LonLat, row: ReverseRow): string | null {
  let reference: DescriptionReference | null = null;
  if (row.address && row.address.distanceM <= REVERSE_ADDRESS_RADIUS_M) {
    reference = {
      kind: 'house-number',
      road: row.address.road,
      houseNumber: row.address.label.slice(row.address.road.length),
      position: row.address.position,
    };
  } else if (row.poi && row.poi.distanceM <= REVERSE_POI_RADIUS_M) {
    reference = { kind: 'poi', name: row.poi.name, position: row.poi.position };
  }
  if (reference) return describeLocation(point, reference).text;
  return row.road ? `${row.road.name}附近` : null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
