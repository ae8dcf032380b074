import type { BBox, Position } from './geojson';

export interface CityCounts {
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  roads: number;
}

/** GET /api/v1/city: what the web app needs to draw the city. */
export interface CityInfo {
  /** City (or district) name shown in the header, e.g. 杭州市拱墅区. */
  name: string;
  /** English name, when configured. */
  nameEn: string | null;
  timeZone: string;
  /** 单元网格编码 scheme: 'gbt30428-15' (6+3+3+3) or 'cjt213-14' (6+3+3+2). */
  gridCodeScheme: string;
  /** Configured extent; coordinates outside it are rejected by spatial endpoints. */
  extent: BBox;
  /** Where the map opens. */
  center: Position;
  /**
   * Bounding box of the regions in force today; the map opens fitted to it. null while no
   * region is loaded (the map then opens on `extent`).
   */
  dataExtent: BBox | null;
  /** How many regions of each level and roads are in force today. */
  counts: CityCounts;
  /** Optional raster basemap tile template (`{z}/{x}/{y}`); null = none (the default, works offline). */
  basemapUrl: string | null;
  /** Coordinate reference system of every geometry the API returns and stores. */
  crs: 'EPSG:4326';
}
