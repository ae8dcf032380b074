/**
 * A small Mapbox Vector Tile (MVT 2.1) encoder. PostGIS' ST_AsMVT needs protobuf-c, which the
 * embedded PGlite build lacks, so the database returns geometries already in tile coordinates
 * (integers in [−buffer, extent + buffer]) and this module writes the protobuf. The same code
 * serves both databases.
 */

/** A geometry in tile coordinates (x right, y down), as ST_AsGeoJSON prints it. */
export type TileGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: TileGeometry[] };

export type TileValue = string | number | boolean | null | undefined;

export interface TileFeature {
  geometry: TileGeometry;
  properties: Record<string, TileValue>;
}

export interface TileLayer {
  name: string;
  features: readonly TileFeature[];
  /** Tile extent (default 4096). */
  extent?: number;
}

const enum GeomType {
  Point = 1,
  LineString = 2,
  Polygon = 3,
}

const enum Command {
  MoveTo = 1,
  LineTo = 2,
  ClosePath = 7,
}

/** Growable protobuf writer: varints, length-delimited fields, doubles. */
class ProtoWriter {
  private buf = new Uint8Array(1024);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  varint(value: number): void {
    this.ensure(10);
    let v = value;
    // Values here stay below 2^53; split into 7-bit groups without 32-bit bitwise overflow.
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  tag(field: number, wireType: 0 | 1 | 2): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  string(field: number, value: string): void {
    this.bytes(field, new TextEncoder().encode(value));
  }

  /** Packed repeated varints, written in place: the length first (computed), then the values. */
  packed(field: number, values: readonly number[]): void {
    let length = 0;
    for (const v of values) length += varintSize(v);
    this.tag(field, 2);
    this.varint(length);
    for (const v of values) this.varint(v);
  }

  double(field: number, value: number): void {
    this.tag(field, 1);
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** The bytes written so far, without copying (valid until the next write or reset). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }
}

function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) size++;
  return size;
}

const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
const command = (id: Command, count: number): number => (count << 3) | id;

/** Twice the signed area in tile coordinates (y down): positive = clockwise on screen. */
export function ringArea2(ring: readonly number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum;
}

/** Integer points with consecutive duplicates removed. */
function dedupe(points: readonly number[][]): number[][] {
  const out: number[][] = [];
  for (const [x, y] of points) {
    const p = [Math.round(x), Math.round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** A ring without its closing point (MVT closes rings with ClosePath). */
function openRing(ring: readonly number[][]): number[][] {
  const out = dedupe(ring);
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

class GeometryWriter {
  readonly commands: number[] = [];
  private x = 0;
  private y = 0;

  private point(p: readonly number[]): void {
    const x = Math.round(p[0]);
    const y = Math.round(p[1]);
    this.commands.push(zigzag(x - this.x), zigzag(y - this.y));
    this.x = x;
    this.y = y;
  }

  points(points: readonly number[][]): void {
    if (points.length === 0) return;
    this.commands.push(command(Command.MoveTo, points.length));
    for (const p of points) this.point(p);
  }

  line(line: readonly number[][]): void {
    const all = dedupe(line);
    if (all.length < 2) return;
    this.commands.push(command(Command.MoveTo, 1));
    this.point(all[0]);
    this.commands.push(command(Command.LineTo, all.length - 1));
    for (let i = 1; i < all.length; i++) this.point(all[i]);
  }

  /** One polygon: exterior first (made clockwise on screen), then holes (counter-clockwise). */
  polygon(rings: readonly number[][][]): void {
    rings.forEach((raw, index) => {
      const ring = openRing(raw);
      const area = ringArea2(ring);
      if (ring.length < 3 || area === 0) return;
      const wantPositive = index === 0;
      if (area > 0 !== wantPositive) ring.reverse();
      this.commands.push(command(Command.MoveTo, 1));
      this.point(ring[0]);
      this.commands.push(command(Command.LineTo, ring.length - 1));
      for (let i = 1; i < ring.length; i++) this.point(ring[i]);
      this.commands.push(command(Command.ClosePath, 1));
    });
  }
}

/** Splits a geometry into the MVT geometry type and its command stream; null when empty. */
export function encodeGeometry(geometry: TileGeometry): { type: GeomType; commands: number[] } | null {
  const w = new GeometryWriter();
  let type: GeomType;
  switch (geometry.type) {
    case 'Point':
      type = GeomType.Point;
      w.points([geometry.coordinates]);
      break;
    case 'MultiPoint':
      type = GeomType.Point;
      w.points(geometry.coordinates);
      break;
    case 'LineString':
      type = GeomType.LineString;
      w.line(geometry.coordinates);
      break;
    case 'MultiLineString':
      type = GeomType.LineString;
      for (const line of geometry.coordinates) w.line(line);
      break;
    case 'Polygon':
      type = GeomType.Polygon;
      w.polygon(geometry.coordinates);
      break;
    case 'MultiPolygon':
      type = GeomType.Polygon;
      for (const polygon of geometry.coordinates) w.polygon(polygon);
      break;
    case 'GeometryCollection': {
      // Clipping can leave mixed pieces; keep the polygons (or else the lines, or the points).
      const parts = geometry.geometries.map(encodeGeometry).filter((p) => p !== null);
      const best = Math.max(0, ...parts.map((p) => p.type));
      const kept = parts.filter((p) => Number(p.type) === best);
      if (kept.length === 0) return null;
      return { type: best as GeomType, commands: kept.flatMap((p) => p.commands) };
    }
  }
  return w.commands.length > 0 ? { type, commands: w.commands } : null;
}

function writeValue(value: string | number | boolean): Uint8Array {
  const v = new ProtoWriter();
  if (typeof value === 'string') v.string(1, value);
  else if (typeof value === 'boolean') {
    v.tag(7, 0);
    v.varint(value ? 1 : 0);
  } else if (Number.isInteger(value) && Math.abs(value) < 2 ** 52) {
    if (value >= 0) {
      v.tag(5, 0); // uint64
      v.varint(value);
    } else {
      v.tag(6, 0); // sint64
      v.varint(zigzag(value));
    }
  } else v.double(3, value);
  return v.finish();
}

function writeLayer(layer: TileLayer): Uint8Array | null {
  const w = new ProtoWriter();
  w.tag(15, 0);
  w.varint(2);
  w.string(1, layer.name);
  const keys = new Map<string, number>();
  const values = new Map<string, { index: number; value: string | number | boolean }>();
  let written = 0;
  // One scratch writer for every feature of the layer: dense point layers have tens of thousands.
  const f = new ProtoWriter();
  for (const feature of layer.features) {
    const geometry = encodeGeometry(feature.geometry);
    if (!geometry) continue;
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)))
        continue;
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      const valueKey = `${typeof value}:${String(value)}`;
      let entry = values.get(valueKey);
      if (!entry) values.set(valueKey, (entry = { index: values.size, value }));
      tags.push(k, entry.index);
    }
    f.reset();
    if (tags.length) f.packed(2, tags);
    f.tag(3, 0);
    f.varint(geometry.type);
    f.packed(4, geometry.commands);
    w.bytes(2, f.view());
    written++;
  }
  if (written === 0) return null;
  for (const key of keys.keys()) w.string(3, key);
  for (const { value } of values.values()) w.bytes(4, writeValue(value));
  w.tag(5, 0);
  w.varint(layer.extent ?? 4096);
  return w.finish();
}

/** Encodes layers into one tile; layers without features are left out (empty tile = 0 bytes). */
export function encodeTile(layers: readonly TileLayer[]): Uint8Array {
  const w = new ProtoWriter();
  for (const layer of layers) {
    const bytes = writeLayer(layer);
    if (bytes) w.bytes(3, bytes);
  }
  return w.finish();
}
