import { readFile } from 'node:fs/promises';
import type { Position } from '@urbangrid/contracts';
import { streamGeoJsonFeatures } from './geojson-features';
import { dbfEncoding, readDbf, readShp, ShapefileFormatError } from './shapefile-format';
import { crsFromPrj, type SourceCrs } from './source-crs';
import { readZip } from './zip-archive';

/** One feature of an import file, before any check: properties as read, geometry untransformed. */
export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: unknown;
  /** Set when the feature could not even be read (bad JSON, not a Feature). */
  error?: string;
}

export interface FeatureSource {
  /** Coordinate system of the geometries (from the .prj, the `crs` parameter, or EPSG:4326). */
  crs: SourceCrs;
  /** Feature count when known before reading (shapefile), else null. */
  total: number | null;
  features: AsyncIterable<RawFeature>;
}

/** GeoJSON FeatureCollection, streamed; `onFraction` gets the share of bytes read (0–1). */
export function geoJsonSource(
  path: string,
  size: number,
  crs: SourceCrs,
  onFraction: (f: number) => void,
): FeatureSource {
  async function* features(): AsyncGenerator<RawFeature> {
    for await (const f of streamGeoJsonFeatures(path, (b) => onFraction(size > 0 ? b / size : 1))) {
      if (f.error) {
        yield { index: f.index, properties: {}, geometry: null, error: f.error };
        continue;
      }
      const v = f.value as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
      if (v === null || typeof v !== 'object' || v.type !== 'Feature') {
        yield { index: f.index, properties: {}, geometry: null, error: 'not a GeoJSON Feature' };
        continue;
      }
      const props =
        v.properties && typeof v.properties === 'object' ? (v.properties as Record<string, unknown>) : {};
      yield { index: f.index, properties: props, geometry: v.geometry ?? null };
    }
  }
  return { crs, total: null, features: features() };
}

/**
 * A zipped shapefile: one .shp with its .dbf, a .prj (else `fallbackCrs`, else refused) and an
 * optional .cpg naming the DBF encoding. The archive is read whole (the upload cap bounds it).
 */
export async function shapefileSource(
  path: string,
  fallbackCrs: SourceCrs | null,
  onFraction: (f: number) => void,
): Promise<FeatureSource> {
  const files = readZip(await readFile(path));
  const byExt = (ext: string) => [...files.entries()].filter(([name]) => name.toLowerCase().endsWith(ext));
  const shps = byExt('.shp');
  if (shps.length !== 1) {
    throw new ShapefileFormatError(`the ZIP must hold exactly one .shp file, it holds ${shps.length}`);
  }
  const [shpName, shp] = shps[0];
  const base = shpName.slice(0, -4).toLowerCase();
  const part = (ext: string) =>
    byExt(ext).find(([n]) => n.slice(0, -ext.length).toLowerCase() === base)?.[1] ?? null;
  const dbf = part('.dbf');
  if (!dbf) throw new ShapefileFormatError(`${shpName} has no .dbf beside it`);
  const prj = part('.prj');
  const cpg = part('.cpg');
  let crs: SourceCrs;
  if (prj) crs = crsFromPrj(prj.toString('utf8'));
  else if (fallbackCrs) crs = fallbackCrs;
  else throw new ShapefileFormatError(`${shpName} has no .prj; give its coordinate system with ?crs=EPSG:…`);
  const geometries = readShp(shp);
  const table = readDbf(dbf, dbfEncoding(dbf, cpg ? cpg.toString('latin1') : null));
  if (table.records.length !== geometries.length) {
    throw new ShapefileFormatError(
      `.shp has ${geometries.length} shapes but .dbf has ${table.records.length} rows`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable like the streamed sources
  async function* features(): AsyncGenerator<RawFeature> {
    for (let i = 0; i < geometries.length; i++) {
      if (i % 1000 === 0) onFraction(i / geometries.length);
      yield { index: i, properties: table.records[i], geometry: geometries[i] };
    }
    onFraction(1);
  }
  return { crs, total: geometries.length, features: features() };
}

/** Why a value is not a usable GeoJSON Polygon/MultiPolygon (structure only), or null. */
export function polygonShapeProblem(g: unknown): string | null {
  if (!g || typeof g !== 'object') return 'geometry is missing';
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return `geometry is ${String(type)}, not Polygon or MultiPolygon`;
  const polys = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polys) || polys.length === 0) return 'geometry has no coordinates';
  for (const rings of polys as unknown[]) {
    if (!Array.isArray(rings) || rings.length === 0) return 'a polygon has no rings';
    for (const ring of rings as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          return 'a position is not a pair of numbers';
        }
      }
      const a = ring[0] as Position;
      const b = ring[ring.length - 1] as Position;
      if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed';
    }
  }
  return null;
}

/** Applies `f` to every position of a Polygon/MultiPolygon already checked by polygonShapeProblem. */
export function mapPolygon(
  g: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] },
  f: (x: number, y: number) => Position,
): typeof g {
  const ring = (r: Position[]) => r.map((p) => f(p[0], p[1]));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}
