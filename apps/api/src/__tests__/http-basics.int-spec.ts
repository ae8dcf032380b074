import type { ErrorResponse, HealthResponse, CityInfo } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/test-app';
import { seedDemoCityIfEmpty } from '../modules/demo-seed/demo-seed';

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedDemoCityIfEmpty(t.db, newSmallCity());
  });
  afterAll(async () => t?.close());

  it('reports health: database reachable, PostGIS version, migrations applied', async () => {
    const res = await t.request({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<HealthResponse>();
    expect(body.status).toBe('ok');
    expect(body.database.reachable).toBe(true);
    expect(body.database.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.database.postgisVersion).toMatch(/^3\.\d+/);
    expect(body.migrations.pending).toEqual([]);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(3);
  });

  it('answers an unknown API route with the shared error shape', async () => {
    const res = await t.request({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorResponse>()).toMatchObject({ statusCode: 404, code: 'REQUEST.NOT_FOUND' });
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('lists every bad query field in a validation error', async () => {
    const res = await t.request({ url: '/api/v1/regions/locate?lon=abc&lat=200&extra=1' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.code).toBe('REQUEST.VALIDATION_FAILED');
    const fields = new Set(body.details?.map((d) => d.field));
    expect(fields).toEqual(new Set(['lon', 'lat', 'extra']));
  });

  it('refuses a point outside the city extent with 422', async () => {
    const res = await t.request({ url: '/api/v1/regions/locate?lon=100&lat=20' });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorResponse>().code).toBe('GEO.OUT_OF_EXTENT');
  });

  it('locates a point to its grid over HTTP', async () => {
    const res = await t.request({ url: '/api/v1/regions/locate?lon=120.1505&lat=30.3005' });
    expect(res.statusCode).toBe(200);
    // South-west corner grid of the 4 × 3 test layout: bottom row (9–12), first column → 9.
    expect(res.json<{ grid: { code: string } }>().grid.code).toBe('330105001001009');
  });

  it('serves map layers as GeoJSON and rejects unknown layers', async () => {
    const grids = await t.request({ url: '/api/v1/map/layers/grids' });
    expect(grids.statusCode).toBe(200);
    expect(grids.headers['content-type']).toContain('application/geo+json');
    const fc = grids.json<{ type: string; features: { properties: { code: string; areaM2: number } }[] }>();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(12);
    // Each test grid is ≈ 100 m × 100 m.
    for (const f of fc.features) expect(f.properties.areaM2).toBeGreaterThan(9_000);
    const bad = await t.request({ url: '/api/v1/map/layers/secret' });
    expect(bad.statusCode).toBe(404);
    expect(bad.json<ErrorResponse>().code).toBe('MAP.UNKNOWN_LAYER');
  });

  it('serves the city description', async () => {
    const res = await t.request({ url: '/api/v1/city' });
    expect(res.statusCode).toBe(200);
    const city = res.json<CityInfo>();
    expect(city.timeZone).toBe('Asia/Shanghai');
    expect(city.gridCodeScheme).toBe('gbt30428-15');
    expect(city.crs).toBe('EPSG:4326');
    expect(city.basemapUrl).toBeNull();
    // The map opens on the loaded regions: the test city's 4 × 3 grids from (120.15, 30.3)
    // (to 5e-5°: ST_Extent works on the float bounding boxes of the geometries).
    const [minLon, minLat, maxLon, maxLat] = city.dataExtent ?? [];
    expect(minLon).toBeCloseTo(120.15, 4);
    expect(minLat).toBeCloseTo(30.3, 4);
    expect(maxLon).toBeCloseTo(120.15 + 4 * 0.00104, 4);
    expect(maxLat).toBeCloseTo(30.3 + 3 * 0.0009, 4);
    expect(city.center[0]).toBeCloseTo(120.15 + 2 * 0.00104, 4);
    expect(city.counts).toEqual({ districts: 1, streets: 1, communities: 1, grids: 12, roads: 1 });
  });

  it('sends security headers and a request id, and no CORS by default', async () => {
    const res = await t.request({ url: '/api/v1/city', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('publishes an OpenAPI document generated from the code', async () => {
    const res = await t.request({ url: '/api/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/city', '/api/v1/regions/locate', '/api/v1/map/layers/{layer}']),
    );
  });

  it('rejects a malformed JSON body with a 4xx in the shared shape', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/city',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json<ErrorResponse>()).toHaveProperty('code');
  });
});
