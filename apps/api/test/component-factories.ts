import type { CreateComponentRequest, DemoCityDataset, Geometry } from '@urbangrid/contracts';
import type { NewComponent } from '../src/modules/components/components.repository';

/**
 * The centre of grid `k` (1-based, in code order) of a `newSmallCity` layout: grids are numbered
 * west to east, then north to south, each about 100 m square.
 */
export function gridCentre(city: DemoCityDataset, k: number): [number, number] {
  const grid = city.regions.filter((r) => r.level === 'grid')[k - 1];
  if (!grid || grid.geometry.type !== 'Polygon') throw new Error(`no grid ${k}`);
  const ring = grid.geometry.coordinates[0];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });

/** A POST /api/v1/components body: a 上水井盖 (0101) at the given point. */
export function newComponent(
  at: [number, number],
  overrides: Partial<CreateComponentRequest> = {},
): CreateComponentRequest {
  return {
    classCode: '0101',
    geometry: point(at[0], at[1]),
    maintainer: { code: 'GS', name: '区供水公司' },
    ...overrides,
  };
}

/** Rows for the bulk insert: `count` 路灯 (0118) spread over the extent of a small city, no codes. */
export function newComponentRows(city: DemoCityDataset, count: number, classCode = '0118'): NewComponent[] {
  const [x0, y0, x1, y1] = city.city.extent;
  const side = Math.ceil(Math.sqrt(count));
  const rows: NewComponent[] = [];
  for (let k = 0; k < count; k++) {
    // Cell centres of a side × side lattice strictly inside the extent.
    const lon = x0 + ((x1 - x0) * ((k % side) + 0.5)) / side;
    const lat = y0 + ((y1 - y0) * (Math.floor(k / side) + 0.5)) / side;
    rows.push({
      code: null,
      codeScheme: 'gbt30428-2',
      classCode,
      name: '路灯',
      districtCode: city.city.districtCode,
      geometry: point(Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7),
      competentDept: { code: 'SZ', name: null },
      owner: null,
      maintainer: { code: 'SZ', name: null },
      state: '完好',
      initialDate: '2025-01-01',
      changeDate: null,
      dataSource: '实测',
      note: null,
      photo: null,
    });
  }
  return rows;
}
