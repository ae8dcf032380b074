import type { Geometry, Position } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import { writeDbf, writePolygonShp } from '../readers/shapefile-format';
import { writeZip } from '../readers/zip-archive';

/**
 * Test worlds for imports. `blockCity`: district 330105, street 330105001 and `blocks`×`blocks`
 * communities, each cut into 10×10 square unit grids of 0.0015° (≈ 144 m × 167 m ≈ 24,000 m² at
 * 30.2° N, inside the default 2,000–50,000 m² bounds). Grids are numbered west→east, north→south
 * inside their community, as the sequencing check expects.
 */
export const LON0 = 120.0;
export const LAT0 = 30.2;
export const CELL = 0.0015;
const round = (v: number) => Math.round(v * 1e7) / 1e7;

export const box = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [round(x0), round(y0)],
      [round(x1), round(y0)],
      [round(x1), round(y1)],
      [round(x0), round(y1)],
      [round(x0), round(y0)],
    ],
  ],
});

export interface FixtureRegion {
  level: 'district' | 'street' | 'community' | 'grid';
  code: string;
  name: string;
  parentCode: string | null;
  geometry: Geometry;
}

export function communityCode(c: number): string {
  return `330105001${String(c + 1).padStart(3, '0')}`;
}

/** Admin regions (district, street, communities) and, separately, the unit grids in file order. */
export function blockCity(blocks: number): { admin: FixtureRegion[]; grids: FixtureRegion[] } {
  const size = blocks * 10 * CELL;
  const outer = box(LON0, LAT0, LON0 + size, LAT0 + size);
  const admin: FixtureRegion[] = [
    { level: 'district', code: '330105', name: '测试区', parentCode: null, geometry: outer },
    { level: 'street', code: '330105001', name: '测试街道', parentCode: '330105', geometry: outer },
  ];
  const grids: FixtureRegion[] = [];
  for (let c = 0; c < blocks * blocks; c++) {
    const bx = LON0 + (c % blocks) * 10 * CELL;
    const byTop = LAT0 + size - Math.floor(c / blocks) * 10 * CELL;
    const code = communityCode(c);
    admin.push({
      level: 'community',
      code,
      name: `第${c + 1}社区`,
      parentCode: '330105001',
      geometry: box(bx, byTop - 10 * CELL, bx + 10 * CELL, byTop),
    });
    for (let r = 0; r < 10; r++) {
      for (let k = 0; k < 10; k++) {
        const seq = r * 10 + k + 1;
        grids.push({
          level: 'grid',
          code: composeGridCode(code, seq, 'gbt30428-15'),
          name: `第${c + 1}社区第${seq}网格`,
          parentCode: code,
          geometry: box(bx + k * CELL, byTop - (r + 1) * CELL, bx + (k + 1) * CELL, byTop - r * CELL),
        });
      }
    }
  }
  return { admin, grids };
}

/** The same square drawn as a bow tie (two corners swapped): self-intersecting. */
export function bowTie(g: Geometry): Geometry {
  const [a, b, c, d] = (g as { coordinates: Position[][] }).coordinates[0];
  return { type: 'Polygon', coordinates: [[a, c, b, d, a]] };
}

export function featureCollection(regions: readonly FixtureRegion[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: regions.map((r) => ({
      type: 'Feature',
      properties: { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode },
      geometry: r.geometry,
    })),
  });
}

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes of a string, from the inverse of Node's GBK decoder (test fixtures only). */
export function encodeGbk(s: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(hi, lo));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/** A zipped shapefile of regions; `project` maps lon/lat to the file's coordinates. */
export function regionShapefileZip(
  regions: readonly FixtureRegion[],
  opts: { project: (p: Position) => Position; prj: string | null; gbk?: boolean },
): Buffer {
  const projected = regions.map((r) => {
    const g = r.geometry as { type: 'Polygon'; coordinates: Position[][] };
    return { type: 'Polygon' as const, coordinates: g.coordinates.map((ring) => ring.map(opts.project)) };
  });
  const { shp, shx } = writePolygonShp(projected);
  const dbf = writeDbf(
    ['CODE', 'NAME', 'LEVEL', 'PARENT'],
    regions.map((r) => ({ CODE: r.code, NAME: r.name, LEVEL: r.level, PARENT: r.parentCode })),
    opts.gbk ? encodeGbk : undefined,
  );
  const files = [
    { name: 'grids.shp', data: shp },
    { name: 'grids.shx', data: shx },
    { name: 'grids.dbf', data: dbf },
    { name: 'grids.cpg', data: Buffer.from(opts.gbk ? 'GBK' : 'UTF-8') },
  ];
  if (opts.prj) files.push({ name: 'grids.prj', data: Buffer.from(opts.prj) });
  return writeZip(files);
}

/** ESRI WKT of EPSG:4549, as ArcGIS writes it. */
export const PRJ_CGCS2000_GK_CM120 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",' +
  'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
