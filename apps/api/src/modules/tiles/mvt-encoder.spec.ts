import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeGeometry, encodeTile, ringArea2 } from './mvt-encoder';

// Decoded with the reference reader that maplibre itself uses.
const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes));

describe('MVT encoder', () => {
  it('writes a polygon with its properties that the reference reader reads back', () => {
    const bytes = encodeTile([
      {
        name: 'grids',
        features: [
          {
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [10, 10],
                  [110, 10],
                  [110, 60],
                  [10, 60],
                  [10, 10],
                ],
              ],
            },
            properties: {
              code: '330105001001001',
              areaM2: 10012.5,
              seq: 7,
              neg: -3,
              public: true,
              none: null,
            },
          },
        ],
      },
    ]);
    const tile = decode(bytes);
    const layer = tile.layers.grids;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(1);
    const feature = layer.feature(0);
    expect(feature.type).toBe(3);
    expect(feature.properties).toEqual({
      code: '330105001001001',
      areaM2: 10012.5,
      seq: 7,
      neg: -3,
      public: true,
    });
    const rings = feature.loadGeometry();
    expect(rings).toHaveLength(1);
    // Closed by ClosePath: the reader repeats the first point at the end.
    expect(rings[0].map((p) => [p.x, p.y])).toEqual([
      [10, 10],
      [110, 10],
      [110, 60],
      [10, 60],
      [10, 10],
    ]);
  });

  it('makes exterior rings clockwise on screen and holes counter-clockwise, whatever the input order', () => {
    // Exterior given counter-clockwise on screen (y down): (0,0) → (0,100) → (100,100) → (100,0).
    const exterior = [
      [0, 0],
      [0, 100],
      [100, 100],
      [100, 0],
      [0, 0],
    ];
    // Hole given clockwise on screen.
    const hole = [
      [20, 20],
      [80, 20],
      [80, 80],
      [20, 80],
      [20, 20],
    ];
    expect(ringArea2(exterior)).toBeLessThan(0);
    expect(ringArea2(hole)).toBeGreaterThan(0);
    const tile = decode(
      encodeTile([
        {
          name: 'p',
          features: [{ geometry: { type: 'Polygon', coordinates: [exterior, hole] }, properties: {} }],
        },
      ]),
    );
    const rings = tile.layers.p
      .feature(0)
      .loadGeometry()
      .map((r) => r.map((p) => [p.x, p.y]));
    expect(rings).toHaveLength(2);
    // Exterior area 100 × 100 = 10,000 (×2 = 20,000, positive); hole 60 × 60 = 3,600 (×2 = −7,200).
    expect(ringArea2(rings[0])).toBe(20_000);
    expect(ringArea2(rings[1])).toBe(-7_200);
  });

  it('encodes lines with delta-coded, zigzagged coordinates, including negative buffer coordinates', () => {
    const geometry = {
      type: 'LineString' as const,
      coordinates: [
        [-20, 5],
        [4000, 5],
        [4000, 4100],
      ],
    };
    // MoveTo(1) = 9; (−20, 5) → zigzag 39, 10; LineTo(2) = 18; (+4020, 0) → 8040, 0; (0, +4095) → 0, 8190.
    expect(encodeGeometry(geometry)).toEqual({ type: 2, commands: [9, 39, 10, 18, 8040, 0, 0, 8190] });
    const tile = decode(
      encodeTile([{ name: 'roads', features: [{ geometry, properties: { name: '文一路' } }] }]),
    );
    const f = tile.layers.roads.feature(0);
    expect(f.properties.name).toBe('文一路');
    expect(f.loadGeometry()[0].map((p) => [p.x, p.y])).toEqual([
      [-20, 5],
      [4000, 5],
      [4000, 4100],
    ]);
  });

  it('drops rings and lines that collapse after rounding, and layers left without features', () => {
    const sliver = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [5, 5],
          [5.2, 5.1],
          [5.1, 5.3],
          [5, 5],
        ],
      ],
    };
    const dot = {
      type: 'LineString' as const,
      coordinates: [
        [1, 1],
        [1.2, 0.9],
      ],
    };
    expect(encodeGeometry(sliver)).toBeNull();
    expect(encodeGeometry(dot)).toBeNull();
    expect(encodeTile([{ name: 'x', features: [{ geometry: sliver, properties: {} }] }])).toHaveLength(0);
  });

  it('keeps the polygons of a mixed collection left by clipping', () => {
    const enc = encodeGeometry({
      type: 'GeometryCollection',
      geometries: [
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [10, 0],
          ],
        },
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [10, 0],
              [10, 10],
              [0, 10],
              [0, 0],
            ],
          ],
        },
      ],
    });
    expect(enc?.type).toBe(3);
  });

  it('shares keys and values between features of a layer', () => {
    const pt = (x: number) => ({ type: 'Point' as const, coordinates: [x, 1] });
    const bytes = encodeTile([
      {
        name: 'labels',
        features: [
          { geometry: pt(1), properties: { level: 'grid', name: 'A' } },
          { geometry: pt(2), properties: { level: 'grid', name: 'B' } },
        ],
      },
    ]);
    const layer = decode(bytes).layers.labels;
    expect([layer.feature(0).properties, layer.feature(1).properties]).toEqual([
      { level: 'grid', name: 'A' },
      { level: 'grid', name: 'B' },
    ]);
    // 'level' and 'grid' are stored once: the tile holds "grid" a single time.
    expect(Buffer.from(bytes).toString('latin1').split('grid').length - 1).toBe(1);
  });
});
