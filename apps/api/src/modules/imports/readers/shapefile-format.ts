import type { Geometry, Position } from '@urbangrid/contracts';

/**
 * ESRI Shapefile (.shp/.shx/.dbf) reading and writing for polygon layers (ESRI whitepaper, 1998).
 * Outer rings are clockwise and holes counter-clockwise in a .shp; GeoJSON (RFC 7946) wants the
 * opposite, and PostGIS accepts either, so rings are grouped by orientation and written back
 * clockwise-outer.
 */
export class ShapefileFormatError extends Error {
  override name = 'ShapefileFormatError';
}

const POLYGON_TYPES = new Set([5, 15, 25]);
const POINT_TYPES = new Set([1, 11, 21]);

/** Each record's geometry in file order (null for a null shape), coordinates as stored. */
export function readShp(buf: Buffer): (Geometry | null)[] {
  if (buf.length < 100 || buf.readInt32BE(0) !== 9994) throw new ShapefileFormatError('not a .shp file');
  const end = Math.min(buf.length, buf.readInt32BE(24) * 2);
  const out: (Geometry | null)[] = [];
  let at = 100;
  while (at + 8 <= end) {
    const len = buf.readInt32BE(at + 4) * 2;
    const rec = at + 8;
    if (rec + len > buf.length) throw new ShapefileFormatError(`record ${out.length} is truncated`);
    const type = len >= 4 ? buf.readInt32LE(rec) : 0;
    if (type === 0) out.push(null);
    else if (POINT_TYPES.has(type)) {
      out.push({ type: 'Point', coordinates: [buf.readDoubleLE(rec + 4), buf.readDoubleLE(rec + 12)] });
    } else if (POLYGON_TYPES.has(type)) out.push(readPolygon(buf, rec));
    else throw new ShapefileFormatError(`shape type ${type} is not supported (polygons and points are)`);
    at = rec + len;
  }
  return out;
}

function readPolygon(buf: Buffer, rec: number): Geometry {
  const numParts = buf.readInt32LE(rec + 36);
  const numPoints = buf.readInt32LE(rec + 40);
  const partsAt = rec + 44;
  const pointsAt = partsAt + 4 * numParts;
  const rings: Position[][] = [];
  for (let p = 0; p < numParts; p++) {
    const from = buf.readInt32LE(partsAt + 4 * p);
    const to = p + 1 < numParts ? buf.readInt32LE(partsAt + 4 * (p + 1)) : numPoints;
    const ring: Position[] = [];
    for (let i = from; i < to; i++) {
      ring.push([buf.readDoubleLE(pointsAt + 16 * i), buf.readDoubleLE(pointsAt + 16 * i + 8)]);
    }
    rings.push(ring);
  }
  const polygons: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    if (signedArea(ring) < 0) polygons.push([ring]);
    else holes.push(ring);
  }
  for (const hole of holes) {
    const owner = polygons.find((poly) => insideRing(hole[0], poly[0])) ?? polygons[polygons.length - 1];
    // A lone counter-clockwise ring (some writers ignore the rule) is taken as an outer ring.
    if (owner) owner.push(hole);
    else polygons.push([hole]);
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Shoelace sum: positive counter-clockwise, negative clockwise (y up). */
export function signedArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function insideRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface DbfTable {
  fields: string[];
  records: Record<string, string>[];
}

/** dBASE III records as trimmed text, decoded with `encoding` (a WHATWG label: utf-8, gbk…). */
export function readDbf(buf: Buffer, encoding: string): DbfTable {
  if (buf.length < 32) throw new ShapefileFormatError('.dbf file is truncated');
  const decoder = new TextDecoder(encoding);
  const count = buf.readUInt32LE(4);
  const headerLen = buf.readUInt16LE(8);
  const recordLen = buf.readUInt16LE(10);
  const fields: { name: string; length: number }[] = [];
  for (let at = 32; at + 32 <= headerLen && buf[at] !== 0x0d; at += 32) {
    const raw = buf.subarray(at, at + 11);
    const nul = raw.indexOf(0);
    fields.push({ name: decoder.decode(nul >= 0 ? raw.subarray(0, nul) : raw).trim(), length: buf[at + 16] });
  }
  const records: Record<string, string>[] = [];
  for (let r = 0; r < count; r++) {
    let at = headerLen + r * recordLen;
    if (at + recordLen > buf.length) throw new ShapefileFormatError(`.dbf record ${r} is truncated`);
    at += 1; // deletion flag; deleted rows still pair with their shape, so they are kept
    const rec: Record<string, string> = {};
    for (const f of fields) {
      rec[f.name] = decoder
        .decode(buf.subarray(at, at + f.length))
        .replace(/\0/g, '')
        .trim();
      at += f.length;
    }
    records.push(rec);
  }
  return { fields: fields.map((f) => f.name), records };
}

/** The DBF text encoding: the .cpg when present, else the language driver byte, else UTF-8. */
export function dbfEncoding(dbf: Buffer, cpg: string | null): string {
  const label = cpg?.trim().toLowerCase();
  if (label) {
    if (/^(936|cp936|gbk|gb2312|gb18030|ansi 936)$/.test(label)) return 'gbk';
    if (/^(utf-?8|65001)$/.test(label)) return 'utf-8';
    return label;
  }
  return dbf[29] === 0x4d ? 'gbk' : 'utf-8';
}

// ---------------------------------------------------------------------------------------------
// Writing (export, and the fixtures of the tests)

type PolygonGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** .shp and .shx bytes of a polygon layer. */
export function writePolygonShp(geometries: readonly PolygonGeometry[]): { shp: Buffer; shx: Buffer } {
  const records: Buffer[] = [];
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geometries) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const rings = polys.flatMap((rs) =>
      rs.map((ring, i) => {
        const cw = signedArea(ring) < 0;
        // Outer rings clockwise, holes counter-clockwise.
        return (i === 0) === cw ? ring : [...ring].reverse();
      }),
    );
    const points = rings.flat();
    const rb = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of points) {
      rb[0] = Math.min(rb[0], x);
      rb[1] = Math.min(rb[1], y);
      rb[2] = Math.max(rb[2], x);
      rb[3] = Math.max(rb[3], y);
    }
    for (let k = 0; k < 4; k++) box[k] = k < 2 ? Math.min(box[k], rb[k]) : Math.max(box[k], rb[k]);
    const rec = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    rec.writeInt32LE(5, 0);
    rb.forEach((v, k) => rec.writeDoubleLE(v, 4 + 8 * k));
    rec.writeInt32LE(rings.length, 36);
    rec.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, k) => {
      rec.writeInt32LE(start, 44 + 4 * k);
      start += ring.length;
    });
    const pointsAt = 44 + 4 * rings.length;
    points.forEach(([x, y], k) => {
      rec.writeDoubleLE(x, pointsAt + 16 * k);
      rec.writeDoubleLE(y, pointsAt + 16 * k + 8);
    });
    records.push(rec);
  }
  if (geometries.length === 0) box.fill(0);
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    box.forEach((v, k) => h.writeDoubleLE(v, 36 + 8 * k));
    return h;
  };
  const shpLen = 100 + records.reduce((s, r) => s + 8 + r.length, 0);
  const shpParts: Buffer[] = [header(shpLen)];
  const shx = Buffer.alloc(100 + 8 * records.length);
  header(shx.length).copy(shx);
  let offset = 100;
  records.forEach((rec, k) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(k + 1, 0);
    rh.writeInt32BE(rec.length / 2, 4);
    shpParts.push(rh, rec);
    shx.writeInt32BE(offset / 2, 100 + 8 * k);
    shx.writeInt32BE(rec.length / 2, 104 + 8 * k);
    offset += 8 + rec.length;
  });
  return { shp: Buffer.concat(shpParts), shx };
}

/**
 * A dBASE III table of text fields. `encode` turns text into bytes (UTF-8 by default; the tests
 * pass a GBK encoder). Field widths fit the longest value, at most 254 bytes.
 */
export function writeDbf(
  fields: readonly string[],
  rows: readonly Record<string, string | number | null>[],
  encode: (s: string) => Buffer = (s) => Buffer.from(s, 'utf8'),
): Buffer {
  const cells = rows.map((r) =>
    fields.map((f) => encode(r[f] === null || r[f] === undefined ? '' : String(r[f]))),
  );
  const widths = fields.map((_, k) => Math.min(254, Math.max(1, ...cells.map((c) => c[k].length))));
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + widths.reduce((s, w) => s + w, 0);
  const buf = Buffer.alloc(headerLen + recordLen * rows.length + 1, 0x20);
  buf.fill(0, 0, headerLen);
  buf[0] = 0x03;
  buf.writeUInt8(125, 1);
  buf.writeUInt8(1, 2);
  buf.writeUInt8(1, 3);
  buf.writeUInt32LE(rows.length, 4);
  buf.writeUInt16LE(headerLen, 8);
  buf.writeUInt16LE(recordLen, 10);
  fields.forEach((f, k) => {
    const at = 32 + 32 * k;
    Buffer.from(f.slice(0, 10), 'ascii').copy(buf, at);
    buf[at + 11] = 0x43; // 'C'
    buf[at + 16] = widths[k];
  });
  buf[headerLen - 1] = 0x0d;
  cells.forEach((row, r) => {
    let at = headerLen + r * recordLen + 1;
    row.forEach((cell, k) => {
      cell.subarray(0, widths[k]).copy(buf, at);
      at += widths[k];
    });
  });
  buf[buf.length - 1] = 0x1a;
  return buf;
}
