import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import {
  type BBox,
  type ErrorDetail,
  EXPORT_FORMATS,
  type ExportFormat,
  REGION_LEVELS,
  type RegionLevel,
} from '@urbangrid/contracts';
import { Readable } from 'node:stream';
import { ApiError } from '../../common/errors/api-error';
import { Database } from '../../database/database';
import type { ExportQueryDto } from './dto/import-queries.dto';
import { componentPage, ImportsRepository, type RegionRowRef } from './imports.repository';
import { writeDbf, writePolygonShp } from './readers/shapefile-format';
import { writeZip } from './readers/zip-archive';

/** Rows fetched per keyset page while streaming. */
const PAGE = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** WKT of EPSG:4326 written as the .prj of exported shapefiles (ESRI flavour, as GIS tools expect). */
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const REGION_CSV_COLUMNS = ['code', 'name', 'level', 'parent_code', 'area_m2', 'valid_from', 'geometry'];
const COMPONENT_CSV_COLUMNS = [
  'code',
  'class_code',
  'name',
  'lon',
  'lat',
  'grid_code',
  'state',
  'maintainer_code',
  'maintainer_name',
  'owner_code',
  'owner_name',
  'competent_dept_code',
  'competent_dept_name',
  'initial_date',
  'data_source',
  'note',
  'geometry',
];

/**
 * 数据导出 exports. GeoJSON and CSV are streamed from keyset pages of `PAGE` rows (never the whole
 * layer in memory); a zipped Shapefile needs the .shp offsets before the .shx, so it is built in
 * memory (regions only: a city's unit grids are tens of MB at most).
 */
@Injectable()
export class ExportsService {
  constructor(@Inject(Database) private readonly db: Database) {}

  async regions(q: ExportQueryDto): Promise<StreamableFile> {
    const bad: ErrorDetail[] = [];
    const format = (q.format ?? 'geojson') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format))
      bad.push({ field: 'format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` });
    const level = (q.level ?? 'grid') as RegionLevel;
    if (!REGION_LEVELS.includes(level))
      bad.push({ field: 'level', message: `must be one of ${REGION_LEVELS.join(', ')}` });
    const date = q.date ?? null;
    if (date !== null && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      bad.push({ field: 'date', message: 'must be a date YYYY-MM-DD' });
    }
    if (q.bbox !== undefined) bad.push({ field: 'bbox', message: 'applies to components only' });
    if (bad.length > 0) throw paramsInvalid(bad);
    const repo = new ImportsRepository(this.db);
    const base = `${level}s-${date ?? 'current'}`;
    const pages = () => keysetPages((after) => repo.regionPage(level, date, after, PAGE));
    if (format === 'geojson') {
      return file(
        geoJsonLines(pages(), (r) => ({
          type: 'Feature',
          id: r.code,
          geometry: r.geometry,
          properties: {
            code: r.code,
            name: r.name,
            level: r.level,
            parentCode: r.parent_code,
            areaM2: Number(r.area_m2),
            validFrom: r.valid_from,
          },
        })),
        'application/geo+json; charset=utf-8',
        `${base}.geojson`,
      );
    }
    if (format === 'csv') {
      return file(
        csvLines(pages(), REGION_CSV_COLUMNS, (r) => [
          r.code,
          r.name,
          r.level,
          r.parent_code,
          String(r.area_m2),
          r.valid_from,
          r.geometry,
        ]),
        'text/csv; charset=utf-8',
        `${base}.csv`,
      );
    }
    const rows: RegionRowRef[] = [];
    for await (const page of pages()) rows.push(...page);
    const { shp, shx } = writePolygonShp(
      rows.map((r) => JSON.parse(r.geometry) as Parameters<typeof writePolygonShp>[0][number]),
    );
    const dbf = writeDbf(
      ['CODE', 'NAME', 'LEVEL', 'PARENT', 'AREA_M2', 'VALID_FROM'],
      rows.map((r) => ({
        CODE: r.code,
        NAME: r.name,
        LEVEL: r.level,
        PARENT: r.parent_code,
        AREA_M2: Number(r.area_m2).toFixed(1),
        VALID_FROM: r.valid_from,
      })),
    );
    const zip = writeZip([
      { name: `${base}.shp`, data: shp },
      { name: `${base}.shx`, data: shx },
      { name: `${base}.dbf`, data: dbf },
      { name: `${base}.prj`, data: Buffer.from(WGS84_PRJ) },
      { name: `${base}.cpg`, data: Buffer.from('UTF-8') },
    ]);
    return file(Readable.from([zip]), 'application/zip', `${base}.zip`);
  }

  components(q: ExportQueryDto): StreamableFile {
    const bad: ErrorDetail[] = [];
    const format = q.format ?? 'geojson';
    if (format !== 'geojson' && format !== 'csv')
      bad.push({ field: 'format', message: 'must be geojson or csv' });
    let bbox: BBox | null = null;
    if (q.bbox !== undefined) {
      const parts = q.bbox.split(',').map((s) => Number(s.trim()));
      if (
        parts.length !== 4 ||
        parts.some((n) => !Number.isFinite(n)) ||
        parts[0] >= parts[2] ||
        parts[1] >= parts[3]
      ) {
        bad.push({ field: 'bbox', message: 'must be minLon,minLat,maxLon,maxLat with min < max' });
      } else bbox = parts as BBox;
    }
    if (q.level !== undefined) bad.push({ field: 'level', message: 'applies to regions only' });
    if (q.date !== undefined) bad.push({ field: 'date', message: 'applies to regions only' });
    if (bad.length > 0) throw paramsInvalid(bad);
    const db = this.db;
    const pages = () => keysetPages((after) => componentPage(db, bbox, after, PAGE));
    if (format === 'csv') {
      return file(
        csvLines(pages(), COMPONENT_CSV_COLUMNS, (r) => [
          r.code,
          r.class_code,
          r.name,
          r.lon === null ? '' : String(r.lon),
          r.lat === null ? '' : String(r.lat),
          r.grid_code,
          r.state,
          r.maintainer_code,
          r.maintainer_name,
          r.owner_code,
          r.owner_name,
          r.competent_dept_code,
          r.competent_dept_name,
          r.initial_date,
          r.data_source,
          r.note,
          r.lon === null ? r.geometry : '',
        ]),
        'text/csv; charset=utf-8',
        'components.csv',
      );
    }
    return file(
      geoJsonLines(pages(), (r) => ({
        type: 'Feature',
        id: r.code,
        geometry: r.geometry,
        properties: {
          code: r.code,
          classCode: r.class_code,
          name: r.name,
          gridCode: r.grid_code,
          state: r.state,
          maintainerCode: r.maintainer_code,
          maintainerName: r.maintainer_name,
          ownerCode: r.owner_code,
          ownerName: r.owner_name,
          competentDeptCode: r.competent_dept_code,
          competentDeptName: r.competent_dept_name,
          initialDate: r.initial_date,
          dataSource: r.data_source,
          note: r.note,
        },
      })),
      'application/geo+json; charset=utf-8',
      'components.geojson',
    );
  }
}

function paramsInvalid(bad: ErrorDetail[]): ApiError {
  return new ApiError('EXPORT.PARAMS_INVALID', bad.map((b) => `${b.field} ${b.message}`).join('; '), bad);
}

function file(stream: Readable, type: string, name: string): StreamableFile {
  return new StreamableFile(stream, { type, disposition: `attachment; filename="${name}"` });
}

/** A FeatureCollection written feature by feature; `geometry` arrives as GeoJSON text and is spliced in as is. */
function geoJsonLines<R>(
  pages: AsyncIterable<R[]>,
  feature: (r: R) => { type: 'Feature'; id: string; geometry: string; properties: Record<string, unknown> },
): Readable {
  return Readable.from(
    (async function* () {
      yield '{"type":"FeatureCollection","features":[\n';
      let first = true;
      for await (const page of pages) {
        const parts: string[] = [];
        for (const r of page) {
          const f = feature(r);
          parts.push(
            `${first ? '' : ',\n'}{"type":"Feature","id":${JSON.stringify(f.id)},"geometry":${f.geometry},"properties":${JSON.stringify(f.properties)}}`,
          );
          first = false;
        }
        yield parts.join('');
      }
      yield '\n]}\n';
    })(),
  );
}

/** CSV with a header row, RFC 4180 quoting, UTF-8 with BOM (so spreadsheet programs read Chinese right). */
function csvLines<R>(
  pages: AsyncIterable<R[]>,
  columns: readonly string[],
  values: (r: R) => (string | null)[],
): Readable {
  const cell = (v: string | null) =>
    v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return Readable.from(
    (async function* () {
      yield `\uFEFF${columns.join(',')}\r\n`;
      for await (const page of pages) yield page.map((r) => `${values(r).map(cell).join(',')}\r\n`).join('');
    })(),
  );
}

/** Pages of at most PAGE rows ordered by `code`, each asked for after the last code of the one before. */
async function* keysetPages<T extends { code: string }>(
  page: (after: string | null) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].code;
    if (rows.length < PAGE) return;
  }
}
