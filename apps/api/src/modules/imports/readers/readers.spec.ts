import type { Position } from '@urbangrid/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGbk, PRJ_CGCS2000_GK_CM120 } from '../__tests__/import-fixtures';
import { streamCsvRows } from './csv-rows';
import { streamGeoJsonFeatures } from './geojson-features';
import { dbfEncoding, readDbf, readShp, writeDbf, writePolygonShp } from './shapefile-format';
import { crsFromPrj, CrsError, parseCrsName } from './source-crs';
import { readZip, writeZip } from './zip-archive';

const dir = mkdtempSync(join(tmpdir(), 'imports-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('GeoJSON feature stream', () => {
  it('cuts out each feature, including across 1 MiB chunk boundaries and with brackets in strings', async () => {
    const long = 'x'.repeat(1_200_000); // forces a feature to span two read chunks
    const fc = {
      type: 'FeatureCollection',
      name: 'features [not] {this}',
      features: [
        { type: 'Feature', properties: { name: 'a"]}[{' }, geometry: null },
        { type: 'Feature', properties: { name: long }, geometry: null },
        { type: 'Feature', properties: { name: 'c' }, geometry: null },
      ],
    };
    const got = await collect(streamGeoJsonFeatures(file('a.geojson', JSON.stringify(fc))));
    expect(got.map((f) => f.index)).toEqual([0, 1, 2]);
    expect(got.map((f) => (f.value as { properties: { name: string } }).properties.name)).toEqual([
      'a"]}[{',
      long,
      'c',
    ]);
  });

  it('reports a feature that is not valid JSON by its index and goes on', async () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature","x":tru},{"a":1}]}';
    const got = await collect(streamGeoJsonFeatures(file('b.geojson', text)));
    expect(got.map((f) => [f.index, f.error === undefined])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
  });

  it('refuses a truncated file', async () => {
    await expect(
      collect(streamGeoJsonFeatures(file('c.geojson', '{"type":"FeatureCollection","features":[{"a":'))),
    ).rejects.toThrow(/truncated/);
  });
});

describe('CSV row stream', () => {
  it('keys rows by header, keeps quoted commas and newlines, and numbers rows by their first line', async () => {
    const csv = '\uFEFFlon,Lat,name\r\n120.1,30.2,"井盖, 北"\r\n\r\n120.2,30.3,"两行\n名称"\n120.3,30.4\n';
    const rows = await collect(streamCsvRows(file('a.csv', csv)));
    expect(rows).toEqual([
      { line: 2, values: { lon: '120.1', lat: '30.2', name: '井盖, 北' } },
      { line: 4, values: { lon: '120.2', lat: '30.3', name: '两行\n名称' } },
      // Line 6: one field short.
      { line: 6, values: { lon: '120.3', lat: '30.4', name: '' }, error: 'has 2 fields, the header has 3' },
    ]);
  });
});

describe('shapefile and ZIP', () => {
  it('round-trips a polygon with a hole and a multipolygon through .shp, GeoJSON orientation restored', () => {
    const outer: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole: Position[] = [
      [2, 2],
      [4, 2],
      [4, 4],
      [2, 4],
      [2, 2],
    ]; // counter-clockwise: holes are written so
    const other: Position[] = [
      [20, 0],
      [21, 0],
      [21, 1],
      [20, 1],
      [20, 0],
    ];
    const { shp } = writePolygonShp([
      { type: 'Polygon', coordinates: [outer, hole] },
      { type: 'MultiPolygon', coordinates: [[outer], [other]] },
    ]);
    const [a, b] = readShp(shp);
    // Read back: outer rings clockwise (as stored in .shp), hole kept with its polygon.
    expect(a).toEqual({ type: 'Polygon', coordinates: [[...outer].reverse(), hole] });
    expect(b?.type).toBe('MultiPolygon');
    expect((b as { coordinates: unknown[] }).coordinates).toHaveLength(2);
  });

  it('decodes GBK names of a .dbf named by its .cpg or by the language driver byte', () => {
    const dbf = writeDbf(['NAME'], [{ NAME: '米市巷街道' }], encodeGbk);
    expect(readDbf(dbf, dbfEncoding(dbf, 'GBK')).records).toEqual([{ NAME: '米市巷街道' }]);
    expect(dbfEncoding(dbf, '936')).toBe('gbk');
    dbf[29] = 0x4d; // language driver 0x4D = code page 936
    expect(dbfEncoding(dbf, null)).toBe('gbk');
  });

  it('reads back what it zips', () => {
    const zip = writeZip([
      { name: 'a.txt', data: Buffer.from('hello '.repeat(100)) },
      { name: '网格.prj', data: Buffer.from('x') },
    ]);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['a.txt', '网格.prj']);
    expect(files.get('a.txt')?.toString()).toBe('hello '.repeat(100));
  });
});

describe('coordinate systems', () => {
  it('EPSG:4549 .prj: the central meridian at 30° N lies at the published northing', () => {
    // Meridian arc of GRS80/CGCS2000 from the equator to 30° N is 3,320,113.40 m (UTM zone
    // 50N puts 120° E, 30° N at northing 3,318,785.35 = 0.9996 × 3,320,113.40). Gauss-Kruger 3°
    // zones use scale 1 and false easting 500 km, so (500000, 3320113.40) is (120° E, 30° N).
    const [lon, lat] = crsFromPrj(PRJ_CGCS2000_GK_CM120).toLonLat(500000, 3320113.4);
    // 0.5 m ≈ 4.5e-6° of latitude.
    expect(Math.abs(lon - 120)).toBeLessThan(5e-6);
    expect(Math.abs(lat - 30)).toBeLessThan(4.5e-6);
  });

  it('the crs parameter EPSG:4549 and the .prj give the same point', () => {
    const a = parseCrsName('EPSG:4549').toLonLat(512345.6, 3356789.1);
    const b = crsFromPrj(PRJ_CGCS2000_GK_CM120).toLonLat(512345.6, 3356789.1);
    expect(a[0]).toBeCloseTo(b[0], 9);
    expect(a[1]).toBeCloseTo(b[1], 9);
  });

  it('EPSG:4527 (zone 39, zone number in the false easting) equals EPSG:4549 shifted by 39,000 km', () => {
    // Zone 39 has its central meridian at 39 × 3° = 117° E; EPSG:4548 is CM 117E without prefix.
    const a = parseCrsName('EPSG:4527').toLonLat(39_512_345.6, 3_356_789.1);
    const b = parseCrsName('EPSG:4548').toLonLat(512_345.6, 3_356_789.1);
    expect(a[0]).toBeCloseTo(b[0], 9);
    expect(a[1]).toBeCloseTo(b[1], 9);
    expect(parseCrsName('EPSG:4548').name).toBe('EPSG:4548 CGCS2000 / 3-degree Gauss-Kruger CM 117E');
  });

  it('Web Mercator and geographic .prj files', () => {
    const merc =
      'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
    // x = R·λ = 6378137 × 120° in radians = 13,358,338.895 m.
    const [lon] = crsFromPrj(merc).toLonLat(13358338.895, 0);
    expect(lon).toBeCloseTo(120, 7);
    const cgcs =
      'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]';
    expect(crsFromPrj(cgcs).toLonLat(120.1, 30.2)).toEqual([120.1, 30.2]);
  });

  it('refuses a datum it cannot shift (Xian 1980) and an unknown crs name, saying why', () => {
    const xian =
      'PROJCS["Xian_1980_3_Degree_GK_CM_120E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",120.0],UNIT["Meter",1.0]]';
    expect(() => crsFromPrj(xian)).toThrow(CrsError);
    expect(() => crsFromPrj(xian)).toThrow(/D_Xian_1980/);
    expect(() => parseCrsName('EPSG:2385')).toThrow(/unknown coordinate system "EPSG:2385"/);
  });
});
