import type { DemoCityDataset, DemoGeocodingData, Position } from '@urbangrid/contracts';
import { newSmallCity } from './factories';

/** The small city's south-west corner and its grid step (see newSmallCity). */
export const ADDRESS_CITY_ORIGIN: Position = [120.15, 30.3];
const D_LON_PER_M = 0.00104 / 100;
const D_LAT_PER_M = 0.0009 / 100;

/** A point `x` m east and `y` m north of the small city's south-west corner (grid steps of 100 m). */
export function at(x: number, y: number): Position {
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return [round(ADDRESS_CITY_ORIGIN[0] + x * D_LON_PER_M), round(ADDRESS_CITY_ORIGIN[1] + y * D_LAT_PER_M)];
}

/**
 * newSmallCity (4 × 3 grids of 100 m, one community) with geocoding data:
 * - 测试路 runs west → east at y = 100 m over the full 400 m width; 门牌 on its left (north) side at
 *   y = 112 m: 1号 x = 40, 3号 x = 140, 7号 x = 300, 9号 x = 380 (5号 is missing: interpolated),
 *   and 3-1号 at x = 146; on its right (south) side at y = 88 m: 2号 x = 60, 4号 x = 160.
 *   Ranges: left 1→11 odd (11号 not yet placed), right 2→4 even. Former name 旧测试路, alias 测试大街.
 * - 测试街 runs south → north at x = 208 m from y = 0 to 270 m and crosses 测试路 at (208, 100).
 *   It has no numbers.
 * - POIs: 测试公园 at (300, 220) with 东门 at (350, 220) and 南门 at (300, 180); 测试小学 (alias
 *   测试一小) at (60, 250); bus stop 测试路测试街口站 at (390, 82), a name that also reads as a crossing.
 */
export function newAddressCity(): DemoCityDataset {
  const city = newSmallCity({ cols: 4, rows: 3 });
  const geocoding: DemoGeocodingData = {
    roadRanges: [
      { road: '测试路', side: 'left', from: 1, to: 11, parity: 'odd' },
      { road: '测试路', side: 'right', from: 2, to: 4, parity: 'even' },
    ],
    roadAliases: [
      { road: '测试路', alias: '旧测试路', kind: 'former', validFrom: '1966-01-01', validTo: '1980-01-01' },
      { road: '测试路', alias: '测试大街', kind: 'alias', validFrom: null, validTo: null },
    ],
    addressPoints: [
      { road: '测试路', number: 1, suffix: '', position: at(40, 112) },
      { road: '测试路', number: 3, suffix: '', position: at(140, 112) },
      { road: '测试路', number: 3, suffix: '-1', position: at(146, 112) },
      { road: '测试路', number: 7, suffix: '', position: at(300, 112) },
      { road: '测试路', number: 9, suffix: '', position: at(380, 112) },
      { road: '测试路', number: 2, suffix: '', position: at(60, 88) },
      { road: '测试路', number: 4, suffix: '', position: at(160, 88) },
    ],
    pois: [
      {
        key: 'park',
        name: '测试公园',
        aliases: [],
        category: 'park',
        position: at(300, 220),
        parentKey: null,
      },
      {
        key: 'park-e',
        name: '测试公园东门',
        aliases: [],
        category: 'entrance',
        position: at(350, 220),
        parentKey: 'park',
      },
      {
        key: 'park-s',
        name: '测试公园南门',
        aliases: [],
        category: 'entrance',
        position: at(300, 180),
        parentKey: 'park',
      },
      {
        key: 'school',
        name: '测试小学',
        aliases: ['测试一小'],
        category: 'school',
        position: at(60, 250),
        parentKey: null,
      },
      {
        key: 'stop',
        name: '测试路测试街口站',
        aliases: [],
        category: 'bus-stop',
        position: at(390, 82),
        parentKey: null,
      },
    ],
  };
  return {
    ...city,
    roads: [
      ...city.roads,
      {
        name: '测试街',
        roadClass: 'branch',
        geometry: { type: 'LineString', coordinates: [at(208, 0), at(208, 270)] },
      },
    ],
    geocoding,
  };
}
