import type { ErrorResponse, GeocodeResponse, Position, ReverseGeocodeResponse } from '@urbangrid/contracts';
import { composeGridCode, haversineMeters, wgs84ToGcj02 } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, newAddressCity } from '../../../test/address-factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';

const grid = (seq: number): string => composeGridCode('330105001001', seq, 'gbt30428-15');
const metres = (a: Position, b: Position): number => haversineMeters([a[0], a[1]], [b[0], b[1]]);

describe('geocoding API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedDemoCityIfEmpty(t.db, newAddressCity());
    // 部件: a manhole cover 5 m east of the reverse point (175, 112), and a removed one right on it.
    await t.db.query(
      `INSERT INTO component (district_code, code, code_scheme, class_code, name, geom, grid_code, community_code, state)
       VALUES ('330105', '3301050101000001', 'gbt30428-2', '0101', '上水井盖',
               ST_SetSRID(ST_MakePoint($1, $2), 4326), $5, '330105001001', '完好'),
              ('330105', '3301050101000002', 'gbt30428-2', '0101', '上水井盖',
               ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, '330105001001', '移除')`,
      [...at(175, 112), ...at(170, 112), grid(6)],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const geocode = async (q: string, crs?: string) =>
    t.request({ url: `/api/v1/geocode?q=${encodeURIComponent(q)}${crs ? `&crs=${crs}` : ''}` });
  const reverse = async (p: Position, crs?: string) =>
    t.request({ url: `/api/v1/geocode/reverse?lon=${p[0]}&lat=${p[1]}${crs ? `&crs=${crs}` : ''}` });

  it('derives the unit grid and community of each address point and POI when it is loaded', async () => {
    const rows = await t.db.query<{ full_text: string; grid_code: string; community_code: string }>(
      `SELECT full_text, grid_code, community_code FROM address_point WHERE number = 3 ORDER BY suffix`,
    );
    // 3号 at (140 m, 112 m): column 2 of 4, middle row; rows are numbered from the north, so 4 + 2 = 6.
    expect(rows).toEqual([
      { full_text: '测试路3号', grid_code: grid(6), community_code: '330105001001' },
      { full_text: '测试路3-1号', grid_code: grid(6), community_code: '330105001001' },
    ]);
    const [gate] = await t.db.query<{ grid_code: string; community_code: string }>(
      `SELECT grid_code, community_code FROM poi WHERE name = '测试公园东门'`,
    );
    // 东门 at (350 m, 220 m): last column, top row → grid 4.
    expect(gate).toEqual({ grid_code: grid(4), community_code: '330105001001' });
  });

  it('finds a stored house number exactly, with its regions', async () => {
    const res = await geocode('杭州市测试区测试路3号');
    expect(res.statusCode).toBe(200);
    const body = res.json<GeocodeResponse>();
    expect(body.parsedAs).toBe('house-number');
    expect(body.candidates).toHaveLength(1);
    expect(body.candidates[0]).toEqual({
      matchLevel: 'DOORPLATE',
      score: 1,
      label: '测试路3号',
      matchedBy: 'name',
      position: at(140, 112),
      regions: {
        grid: { code: grid(6), name: '测试社区第6网格' },
        community: { code: '330105001001', name: '测试社区' },
        street: { code: '330105001', name: '测试街道' },
        district: { code: '330105', name: '测试区' },
      },
    });
  });

  it('finds a split number (3-1号) and a number given under the former name', async () => {
    const split = (await geocode('测试路3-1号')).json<GeocodeResponse>().candidates[0];
    expect(split).toMatchObject({ matchLevel: 'DOORPLATE', label: '测试路3-1号', position: at(146, 112) });
    const former = (await geocode('旧测试路3号')).json<GeocodeResponse>().candidates[0];
    // DOORPLATE 1 × former name 0.9 = 0.9.
    expect(former).toMatchObject({
      matchLevel: 'DOORPLATE',
      matchedBy: 'former',
      score: 0.9,
      label: '测试路3号',
    });
  });

  it('ranks a candidate lower when the street office named in the text is not the one it lies in', async () => {
    const right = (await geocode('测试街道测试路3号')).json<GeocodeResponse>().candidates[0];
    expect(right).toMatchObject({ label: '测试路3号', score: 1 });
    // 3号 lies in 测试街道, not 别的街道: DOORPLATE 1 × mismatch 0.8 = 0.8.
    const wrong = (await geocode('别的街道测试路3号')).json<GeocodeResponse>().candidates[0];
    expect(wrong).toMatchObject({ label: '测试路3号', score: 0.8 });
  });

  it('interpolates a number that has no stored point along the side’s range', async () => {
    const body = (await geocode('测试路5号')).json<GeocodeResponse>();
    const c = body.candidates[0];
    expect(c).toMatchObject({ matchLevel: 'STREET_INTERPOLATED', label: '测试路5号', score: 0.8 });
    // Left range 1 → 11: (5 − 1) / (11 − 1) = 0.4 of the 400 m centreline = 160 m, then 12 m to the
    // left (north) of a west → east road: (160, 112), in grid 6 like 3号.
    expect(metres(c.position, at(160, 112))).toBeLessThan(0.5);
    expect(c.regions?.grid.code).toBe(grid(6));
  });

  it('answers a street with no numbers at its midpoint, at STREET level', async () => {
    const c = (await geocode('测试街8号')).json<GeocodeResponse>().candidates[0];
    // 测试街 runs from (208, 0) to (208, 270): its midpoint is (208, 135).
    expect(c).toMatchObject({ matchLevel: 'STREET', label: '测试街', score: 0.5 });
    expect(metres(c.position, at(208, 135))).toBeLessThan(0.5);
  });

  it('puts a crossing where the two centrelines meet', async () => {
    const c = (await geocode('测试路与测试街交叉口')).json<GeocodeResponse>().candidates[0];
    expect(c).toMatchObject({ matchLevel: 'CROSSING', label: '测试路与测试街交叉口', score: 0.9 });
    expect(metres(c.position, at(208, 100))).toBeLessThan(0.1);
  });

  it('finds a POI by name and by alias, and the gate of a park', async () => {
    const park = (await geocode('测试公园')).json<GeocodeResponse>().candidates[0];
    expect(park).toMatchObject({ matchLevel: 'POI', label: '测试公园', position: at(300, 220), score: 0.95 });
    const gate = (await geocode('测试公园东门')).json<GeocodeResponse>().candidates[0];
    // (350 m, 220 m): last column, top row → grid 4.
    expect(gate).toMatchObject({ matchLevel: 'POI', label: '测试公园东门', position: at(350, 220) });
    expect(gate.regions?.grid.code).toBe(grid(4));
    const school = (await geocode('测试一小')).json<GeocodeResponse>().candidates[0];
    // POI 0.95 × alias 0.95 = 0.9025 → 0.9.
    expect(school).toMatchObject({
      label: '测试小学',
      matchedBy: 'alias',
      score: 0.9,
      position: at(60, 250),
    });
  });

  it('prefers a POI whose whole name is the text over the address the text reads as', async () => {
    const body = (await geocode('测试路测试街口站')).json<GeocodeResponse>();
    expect(body.parsedAs).toBe('crossing');
    expect(body.candidates.map((c) => [c.matchLevel, c.label, c.score])).toEqual([
      ['POI', '测试路测试街口站', 0.95],
      // CROSSING 0.9 × 0.9 for the unread "站" = 0.81.
      ['CROSSING', '测试路与测试街交叉口', 0.81],
    ]);
    expect(body.candidates[0].position).toEqual(at(390, 82));
  });

  it('moves the point by a direction and distance in the text', async () => {
    const c = (await geocode('测试路3号东侧约30米')).json<GeocodeResponse>().candidates[0];
    // 30 m due east of 3号 (140, 112) is (170, 112).
    expect(c.label).toBe('测试路3号');
    expect(metres(c.position, at(170, 112))).toBeLessThan(0.2);
  });

  it('answers 404 GEOCODE.NOT_FOUND for an unknown road and 422 GEOCODE.UNPARSEABLE for a bare number', async () => {
    const missing = await geocode('不存在路12号');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorResponse>().code).toBe('GEOCODE.NOT_FOUND');
    const bare = await geocode('12号');
    expect(bare.statusCode).toBe(422);
    expect(bare.json<ErrorResponse>()).toMatchObject({
      code: 'GEOCODE.UNPARSEABLE',
      details: [{ field: 'q', message: 'number-without-road' }],
    });
    expect((await t.request({ url: '/api/v1/geocode' })).statusCode).toBe(400);
  });

  it('reverse-geocodes a point to its regions, nearest address, POI, road and a description', async () => {
    // 30 m east of 3号 (140, 112); 3-1号 at (146, 112) is nearer (24 m), so it is the reference.
    const res = await reverse(at(170, 112));
    expect(res.statusCode).toBe(200);
    const body = res.json<ReverseGeocodeResponse>();
    expect(body.regions).toEqual({
      grid: { code: grid(6), name: '测试社区第6网格' },
      community: { code: '330105001001', name: '测试社区' },
      street: { code: '330105001', name: '测试街道' },
      district: { code: '330105', name: '测试区' },
    });
    expect(body.nearestAddress).toMatchObject({
      label: '测试路3-1号',
      road: '测试路',
      number: 3,
      suffix: '-1',
    });
    expect(body.nearestAddress?.distanceM).toBeCloseTo(24, 0);
    expect(body.nearestRoad).toMatchObject({ name: '测试路', roadClass: 'branch' });
    expect(body.nearestRoad?.distanceM).toBeCloseTo(12, 0);
    // The gate 南门 (300, 180) is √(130² + 68²) ≈ 147 m away, nearer than the park or the school.
    expect(body.nearestPoi).toMatchObject({ name: '测试公园南门', category: 'entrance' });
    expect(body.nearestPoi?.distanceM).toBeCloseTo(146.7, 0);
    // The removed cover on the point itself is skipped; the one 5 m east is the nearest.
    expect(body.nearestComponent).toMatchObject({
      code: '3301050101000001',
      classCode: '0101',
      state: '完好',
    });
    expect(body.nearestComponent?.position).toEqual(at(175, 112));
    expect(body.nearestComponent?.distanceM).toBeCloseTo(5, 0);
    // 24 m rounds to 25 (5 m steps below 100 m); bearing 90° → 东.
    expect(body.description).toBe('测试路3-1号东侧约25米');
  });

  it('words the direction from the reference: a point 20 m north of 1号 is 北侧', async () => {
    const body = (await reverse(at(40, 132))).json<ReverseGeocodeResponse>();
    expect(body.nearestAddress?.label).toBe('测试路1号');
    expect(body.description).toBe('测试路1号北侧约20米');
  });

  it('gives the same answer for GCJ-02 input as for the equivalent WGS84 input', async () => {
    const wgs = at(170, 112);
    const gcj = wgs84ToGcj02(wgs[0], wgs[1]);
    const a = (await reverse(wgs)).json<ReverseGeocodeResponse>();
    const b = (await reverse(gcj, 'gcj02')).json<ReverseGeocodeResponse>();
    expect(b.crs).toBe('gcj02');
    expect(b.regions).toEqual(a.regions);
    expect(b.description).toBe(a.description);
    expect(b.nearestAddress?.label).toBe(a.nearestAddress?.label);
    expect(b.nearestAddress?.distanceM).toBeCloseTo(a.nearestAddress?.distanceM ?? NaN, 1);
    // Positions come back in GCJ-02 too.
    const stored = at(146, 112);
    const expected = wgs84ToGcj02(stored[0], stored[1]);
    expect(b.nearestAddress?.position[0]).toBeCloseTo(expected[0], 9);
    expect(b.nearestAddress?.position[1]).toBeCloseTo(expected[1], 9);
    const forward = (await geocode('测试路3号', 'gcj02')).json<GeocodeResponse>().candidates[0];
    const three = wgs84ToGcj02(...at(140, 112));
    expect(forward.position[0]).toBeCloseTo(three[0], 9);
    expect(forward.position[1]).toBeCloseTo(three[1], 9);
  });

  it('refuses bad coordinates with 422 GEO.OUT_OF_EXTENT and an unknown crs with 400', async () => {
    for (const url of [
      '/api/v1/geocode/reverse?lon=abc&lat=30.3',
      '/api/v1/geocode/reverse?lon=NaN&lat=30.3',
      '/api/v1/geocode/reverse?lon=100&lat=30.3',
      '/api/v1/geocode/reverse?lon=120.15&lat=95',
    ]) {
      const res = await t.request({ url });
      expect(res.statusCode, url).toBe(422);
      expect(res.json<ErrorResponse>().code, url).toBe('GEO.OUT_OF_EXTENT');
    }
    const crs = await reverse(at(170, 112), 'mars');
    expect(crs.statusCode).toBe(400);
    expect(crs.json<ErrorResponse>().code).toBe('GEO.UNKNOWN_CRS');
    expect((await geocode('测试路3号', 'mars')).statusCode).toBe(400);
    expect((await t.request({ url: '/api/v1/geocode/reverse?lon=120.15' })).statusCode).toBe(400);
  });
});
