import { VectorTile } from '@mapbox/vector-tile';
import type { ErrorResponse } from '@urbangrid/contracts';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { newComponentRows } from '../../../test/component-factories';
import { ComponentsRepository } from '../components/components.repository';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';
import { authHeader } from '../../../test/auth-helpers';

/** The XYZ tile holding a point (Web Mercator, as maplibre asks for tiles). */
function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

describe('vector tiles', () => {
  let t: TestApp;
  // The small test city: 4 × 3 grids of ~100 m from (120.15, 30.3); its middle at (120.152, 30.301).
  const mid = { lon: 120.15208, lat: 30.30135 };

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    const city = newSmallCity();
    await seedDemoCityIfEmpty(t.db, city);
    // 100 street lamps on a 10 × 10 lattice over the city's 12 grids.
    await new ComponentsRepository(t.db).insertMany(newComponentRows(city, 100));
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.request({ url });
  const decode = (body: Buffer) => new VectorTile(new PbfReader(body));
  const fetchTile = async (layer: string, z: number, x: number, y: number) => {
    const res = await t.app.inject({ headers: await authHeader(t, 'admin'), method: 'GET', url: `/api/v1/tiles/${layer}/${z}/${x}/${y}.mvt` });
    return { res, tile: decode(res.rawPayload) };
  };

  it('serves the grids of a z16 tile with codes, as MVT with cache headers', async () => {
    const { x, y } = tileOf(mid.lon, mid.lat, 16);
    const { res, tile } = await fetchTile('grids', 16, x, y);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['cache-control']).toBe('private, max-age=300'); // tiles need a token, so no shared caches
    // A z16 tile is ~530 m wide at 30° N, larger than the 416 m × 270 m city: every grid in it
    // unless the city straddles a tile edge; the point's own grid (row 2, column 3 → 006 or 007) is there.
    const grids = tile.layers.grids;
    const codes = Array.from({ length: grids.length }, (_, i) => String(grids.feature(i).properties.code));
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^330105001001\d{3}$/);
    expect(grids.feature(0).type).toBe(3);
    const labels = tile.layers['grids-labels'];
    expect(labels.feature(0).type).toBe(1);
  });

  it('labels each region once across the tiles it spans', async () => {
    // At z18 (~130 m tiles) the 12 grids spread over several tiles; count labels over all of them.
    const a = tileOf(120.15, 30.3027, 18);
    const b = tileOf(120.15416, 30.3, 18);
    const seenPolygons = new Map<string, number>();
    const seenLabels = new Map<string, number>();
    for (let x = a.x; x <= b.x; x++) {
      for (let y = a.y; y <= b.y; y++) {
        const { tile } = await fetchTile('grids', 18, x, y);
        for (const [name, seen] of [
          ['grids', seenPolygons],
          ['grids-labels', seenLabels],
        ] as const) {
          const layer = tile.layers[name];
          for (let i = 0; layer && i < layer.length; i++) {
            const code = String(layer.feature(i).properties.code);
            seen.set(code, (seen.get(code) ?? 0) + 1);
          }
        }
      }
    }
    expect(seenLabels.size).toBe(12);
    expect([...seenLabels.values()].every((n) => n === 1)).toBe(true);
    // Polygons are cut at tile edges, so some grids appear in more than one tile.
    expect(seenPolygons.size).toBe(12);
    expect([...seenPolygons.values()].some((n) => n > 1)).toBe(true);
  });

  it('puts polygons in tile coordinates inside the buffered tile', async () => {
    const { x, y } = tileOf(mid.lon, mid.lat, 17);
    const { tile } = await fetchTile('communities', 17, x, y);
    const community = tile.layers.communities.feature(0);
    expect(community.properties.name).toBe('测试社区');
    for (const ring of community.loadGeometry()) {
      for (const p of ring) {
        expect(p.x).toBeGreaterThanOrEqual(-64);
        expect(p.x).toBeLessThanOrEqual(4096 + 64);
        expect(p.y).toBeGreaterThanOrEqual(-64);
        expect(p.y).toBeLessThanOrEqual(4096 + 64);
      }
    }
  });

  it('draws branch roads from z12 and leaves them out of lower zooms', async () => {
    const at = (z: number) => tileOf(mid.lon, mid.lat, z);
    const z14 = await fetchTile('roads', 14, at(14).x, at(14).y);
    const road = z14.tile.layers.roads.feature(0);
    expect(road.type).toBe(2);
    expect(road.properties).toMatchObject({ name: '测试路', roadClass: 'branch' });
    const z11 = await fetchTile('roads', 11, at(11).x, at(11).y);
    expect(z11.res.rawPayload).toHaveLength(0);
  });

  it('sends grid outlines from z13 and their label points only from z15', async () => {
    const at = (z: number) => tileOf(mid.lon, mid.lat, z);
    expect((await fetchTile('grids', 12, at(12).x, at(12).y)).res.rawPayload).toHaveLength(0);
    const z14 = (await fetchTile('grids', 14, at(14).x, at(14).y)).tile;
    expect(z14.layers.grids.length).toBeGreaterThan(0);
    expect(z14.layers['grids-labels']).toBeUndefined();
    const z15 = (await fetchTile('grids', 15, at(15).x, at(15).y)).tile;
    expect(z15.layers['grids-labels'].length).toBeGreaterThan(0);
  });

  it('draws components as points from z14, grouped by class and state', async () => {
    const at = tileOf(mid.lon, mid.lat, 14);
    const { tile } = await fetchTile('components', 14, at.x, at.y);
    const layer = tile.layers.components;
    // All 100 lamps share class and state: one MultiPoint feature. A z14 tile (~2 km) holds the
    // whole 416 m × 270 m city unless it straddles a tile edge.
    expect(layer.length).toBe(1);
    expect(layer.feature(0).type).toBe(1);
    expect(layer.feature(0).properties).toEqual({ classCode: '0118', state: '完好' });
    const points = layer.feature(0).loadGeometry().flat();
    expect(points.length).toBeGreaterThan(0);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(tile.layers['components-counts']).toBeUndefined();
  });

  it('aggregates components per grid at z13 and per community below, counting every one', async () => {
    const total = async (z: number, level: string) => {
      let sum = 0;
      const a = tileOf(120.15, 30.3027, z);
      const b = tileOf(120.15416, 30.3, z);
      for (let x = a.x; x <= b.x; x++) {
        for (let y = a.y; y <= b.y; y++) {
          const layer = (await fetchTile('components', z, x, y)).tile.layers['components-counts'];
          for (let i = 0; layer && i < layer.length; i++) {
            expect(layer.feature(i).properties.level).toBe(level);
            sum += Number(layer.feature(i).properties.count);
          }
        }
      }
      return sum;
    };
    // Each grid's label point lies in exactly one tile, so the counts add up to all 100 lamps.
    expect(await total(13, 'grid')).toBe(100);
    expect(await total(12, 'community')).toBe(100);
    expect(await total(11, 'community')).toBe(100);
  });

  it('answers an empty tile below the layer minimum zoom and outside the data', async () => {
    const low = tileOf(mid.lon, mid.lat, 10);
    const below = await fetchTile('grids', 10, low.x, low.y);
    expect(below.res.statusCode).toBe(200);
    expect(below.res.rawPayload).toHaveLength(0);
    const far = await fetchTile('grids', 16, 0, 0);
    expect(far.res.rawPayload).toHaveLength(0);
  });

  it('refuses impossible tile addresses and unknown layers in the shared error shape', async () => {
    for (const url of [
      '/api/v1/tiles/grids/23/0/0.mvt',
      '/api/v1/tiles/grids/2/4/0.mvt',
      '/api/v1/tiles/grids/a/0/0.mvt',
      '/api/v1/tiles/grids/1/-1/0.mvt',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorResponse>().code, url).toBe('TILE.ADDRESS_INVALID');
    }
    const res = await get('/api/v1/tiles/secret/1/0/0.mvt');
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorResponse>().code).toBe('MAP.UNKNOWN_LAYER');
  });
});
