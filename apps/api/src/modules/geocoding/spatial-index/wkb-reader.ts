import type { FlatCoords, FlatPolygon } from './planar-geometry';

/**
 * A 2D geometry read from WKB (`ST_AsBinary`): exact doubles, which the GeoJSON text of
 * `ST_AsGeoJSON` (9 decimals by default) would round.
 */
export type ParsedGeometry =
  | { kind: 'points'; points: FlatCoords }
  | { kind: 'lines'; lines: FlatCoords[] }
  | { kind: 'polygons'; polygons: FlatPolygon[] };

const POINT = 1;
const LINESTRING = 2;
const POLYGON = 3;
const MULTIPOINT = 4;
const MULTILINESTRING = 5;
const MULTIPOLYGON = 6;

/** Reads a 2D (Multi)Point, (Multi)LineString or (Multi)Polygon; anything else is an error. */
export function readWkb(bytes: Uint8Array): ParsedGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let little = true;
  const header = (): number => {
    little = view.getUint8(at) === 1;
    const type = view.getUint32(at + 1, little);
    at += 5;
    return type;
  };
  const u32 = (): number => {
    const v = view.getUint32(at, little);
    at += 4;
    return v;
  };
  const coords = (n: number): FlatCoords => {
    const out = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) out[i] = view.getFloat64(at + 8 * i, little);
    at += 16 * n;
    return out;
  };
  const polygon = (): FlatPolygon => Array.from({ length: u32() }, () => coords(u32()));

  const type = header();
  switch (type) {
    case POINT:
      return { kind: 'points', points: coords(1) };
    case MULTIPOINT: {
      const n = u32();
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        header();
        out.set(coords(1), 2 * i);
      }
      return { kind: 'points', points: out };
    }
    case LINESTRING:
      return { kind: 'lines', lines: [coords(u32())] };
    case MULTILINESTRING:
      return {
        kind: 'lines',
        lines: Array.from({ length: u32() }, () => {
          header();
          return coords(u32());
        }),
      };
    case POLYGON:
      return { kind: 'polygons', polygons: [polygon()] };
    case MULTIPOLYGON:
      return {
        kind: 'polygons',
        polygons: Array.from({ length: u32() }, () => {
          header();
          return polygon();
        }),
      };
    default:
      throw new Error(`WKB geometry type ${type} is not read by the reference index`);
  }
}
