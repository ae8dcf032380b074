import type { ErrorResponse, Geometry, ImportJob, Position, RegionVersion } from '@urbangrid/contracts';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { RegionsRepository } from '../../regions/regions.repository';
import { ImportsService } from '../imports.service';
import { readDbf, readShp } from '../readers/shapefile-format';
import { readZip } from '../readers/zip-archive';
import {
  blockCity,
  bowTie,
  featureCollection,
  type FixtureRegion,
  PRJ_CGCS2000_GK_CM120,
  regionShapefileZip,
} from './import-fixtures';
import { authHeader } from '../../../../test/auth-helpers';

const post = (t: TestApp, query: string, body: string | Buffer, type = 'application/octet-stream') =>
  t.request({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    payload: body,
    headers: { 'content-type': type },
  });

/** Starts an import and waits for its background work, sampling the progress on the way. */
async function importAndWait(
  t: TestApp,
  query: string,
  body: string | Buffer,
): Promise<{ job: ImportJob; percents: number[]; ms: number }> {
  const started = Date.now();
  const res = await post(t, query, body);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json<ImportJob>();
  const percents: number[] = [];
  let done = false;
  const settled = t.app
    .get(ImportsService)
    .settled(id)
    .finally(() => (done = true));
  const sampler = (async () => {
    while (!done) {
      percents.push((await t.request({ url: `/api/v1/imports/${id}` })).json<ImportJob>().percent);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await settled;
  await sampler;
  const job = (await t.request({ url: `/api/v1/imports/${id}` })).json<ImportJob>();
  return { job, percents: [...percents, job.percent], ms: Date.now() - started };
}

async function seedAdmin(t: TestApp, admin: readonly FixtureRegion[]): Promise<void> {
  await new RegionsRepository(t.db).insertRegions(
    admin.map((r) => ({
      level: r.level,
      code: r.code,
      codeScheme: r.level === 'district' ? 'gbt2260-6' : r.level === 'street' ? 'gbt10114-9' : 'community-12',
      name: r.name,
      parentCode: r.parentCode,
      districtCode: r.code.slice(0, 6),
      geometry: r.geometry,
      validFrom: '2025-01-01',
    })),
  );
}

const gridCount = async (t: TestApp) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM region WHERE level = 'grid'`))[0].n;

describe('region import (GeoJSON, 10,000 unit grids)', () => {
  let t: TestApp;
  const { admin, grids } = blockCity(10);
  const GRIDS = 'kind=regions&format=geojson&level=grid&validFrom=2026-01-01';

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedAdmin(t, admin);
  });
  afterAll(async () => t?.close());

  it('one self-intersecting feature among 10,000: nothing imported, that feature reported', async () => {
    const bad = grids.map((g, i) => (i === 7342 ? { ...g, geometry: bowTie(g.geometry) } : g));
    const { job, ms } = await importAndWait(t, GRIDS, featureCollection(bad));
    console.info(
      `[bench] 10,000 grids with one bad feature → invalid in ${ms} ms (${t.databaseUrl ? 'PostgreSQL' : 'PGlite'})`,
    );
    expect(job.status).toBe('invalid');
    expect(job.total).toBe(10_000);
    expect(job.errorCount).toBe(1);
    // Feature 7342 = community 74 (index 73), grid 43: its two right-hand corners swapped.
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ index: 7342, code: grids[7342].code });
    expect(job.errors[0].reason).toMatch(/^invalid geometry: Self-intersection/);
    expect(job.summary).toBeNull();
    expect(await gridCount(t)).toBe(0);
    const staged = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM region_staging');
    expect(staged[0].n).toBe(0);
  });

  it('the same file fixed: 10,000 grids in force, progress climbs to 100 %', async () => {
    const { job, percents, ms } = await importAndWait(t, GRIDS, featureCollection(grids));
    console.info(`[bench] 10,000 grids imported in ${ms} ms (${t.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
    expect(job.errors).toEqual([]);
    expect(job.status).toBe('done');
    expect(job.total).toBe(10_000);
    expect(job.processed).toBe(10_000);
    expect(job.percent).toBe(100);
    expect(job.summary).toEqual({ read: 10_000, inserted: 10_000, replaced: 0 });
    for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]);
    expect(await gridCount(t)).toBe(10_000);
    const g = (await t.request({ url: `/api/v1/regions/grid/${grids[0].code}` })).json<RegionVersion>();
    expect(g).toMatchObject({
      name: '第1社区第1网格',
      parentCode: '330105001001',
      validFrom: '2026-01-01',
      validTo: null,
    });
    // 0.0015° × 0.0015° at 30.3435° N (the cell's centre): 166.3 m × 144.0 m ≈ 23,950 m².
    expect(g.areaM2).toBeGreaterThan(23_800);
    expect(g.areaM2).toBeLessThan(24_100);
  });

  it('a redraw by import retires the versions in force and adds new ones from validFrom', async () => {
    const redrawn = grids.slice(0, 3).map((g) => ({ ...g, name: `${g.name}（新）` }));
    const { job } = await importAndWait(
      t,
      'kind=regions&format=geojson&level=grid&validFrom=2026-06-01',
      featureCollection(redrawn),
    );
    expect(job.status).toBe('done');
    expect(job.summary).toEqual({ read: 3, inserted: 0, replaced: 3 });
    const history = (await t.request({ url: `/api/v1/regions/grid/${grids[0].code}/history` })).json<
      RegionVersion[]
    >();
    expect(history.map((v) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['第1社区第1网格', '2026-01-01', '2026-06-01'],
      ['第1社区第1网格（新）', '2026-06-01', null],
    ]);
    expect(await gridCount(t)).toBe(10_003);
  });

  it('a version date not after the one in force is reported per feature', async () => {
    const { job } = await importAndWait(
      t,
      'kind=regions&format=geojson&level=grid&validFrom=2026-06-01',
      featureCollection(grids.slice(1, 2)),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      {
        index: 0,
        code: grids[1].code,
        reason: 'the version in force took effect on 2026-06-01; validFrom 2026-06-01 must be later',
      },
    ]);
  });

  it('reports code, parent, name, extent and overlap problems with their indices', async () => {
    const far = { ...grids[5], code: '330105001101001', parentCode: '330105001101' };
    const file: FixtureRegion[] = [
      { ...grids[10], code: '33010500100', name: 'x' }, // 0: 11 digits
      { ...grids[11], name: '' }, // 1
      far, // 2: community 101 does not exist
      {
        ...grids[12],
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [121, 31],
              [121.001, 31],
              [121.001, 31.001],
              [121, 31],
            ],
          ],
        },
      }, // 3: outside the extent
      {
        ...grids[13],
        geometry: {
          type: 'LineString',
          coordinates: [
            [120, 30.2],
            [120.1, 30.2],
          ],
        },
      }, // 4
    ];
    const { job } = await importAndWait(
      t,
      'kind=regions&format=geojson&level=grid&validFrom=2026-07-01',
      featureCollection(file),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e) => [e.index, e.reason])).toEqual([
      [0, 'grid code must be 15 digits (gbt30428-15), got "33010500100"'],
      [1, 'no name'],
      [2, 'parent 330105001101 exists neither in the file nor in force'],
      [3, 'outside the city extent'],
      [4, 'geometry is LineString, not Polygon or MultiPolygon'],
    ]);

    // Layout check over the staged batch: grid 14 moved half a cell east overlaps grid 15.
    const moved = grids[14].geometry as { coordinates: Position[][] };
    const shifted: Geometry = {
      type: 'Polygon',
      coordinates: [moved.coordinates[0].map(([x, y]): Position => [x + 0.00075, y])],
    };
    const overlap = await importAndWait(
      t,
      'kind=regions&format=geojson&level=grid&validFrom=2026-07-01',
      featureCollection([{ ...grids[14], geometry: shifted }]),
    );
    expect(overlap.job.status).toBe('invalid');
    expect(overlap.job.errors.map((e) => e.index)).toEqual([0, 0]);
    expect(overlap.job.errors.map((e) => e.reason).join('\n')).toMatch(/overlap/);
    expect(await gridCount(t)).toBe(10_003);
  });

  it('exports grids as GeoJSON, CSV and zipped Shapefile with file names', async () => {
    const csv = await t.app.inject({ headers: await authHeader(t, 'admin'), url: '/api/v1/exports/regions?level=grid&format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="grids-current.csv"');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for spreadsheets
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('code,name,level,parent_code,area_m2,valid_from,geometry');
    expect(lines).toHaveLength(10_001);

    const shp = await t.app.inject({ headers: await authHeader(t, 'admin'),
      url: '/api/v1/exports/regions?level=grid&format=shapefile&date=2026-03-01',
    });
    expect(shp.headers['content-disposition']).toBe('attachment; filename="grids-2026-03-01.zip"');
    const files = readZip(shp.rawPayload);
    expect([...files.keys()].sort()).toEqual([
      'grids-2026-03-01.cpg',
      'grids-2026-03-01.dbf',
      'grids-2026-03-01.prj',
      'grids-2026-03-01.shp',
      'grids-2026-03-01.shx',
    ]);
    const dbf = readDbf(files.get('grids-2026-03-01.dbf') as Buffer, 'utf-8');
    expect(dbf.records).toHaveLength(10_000);
    // On 2026-03-01 the first grid still had its first name.
    expect(dbf.records[0]).toMatchObject({ CODE: grids[0].code, NAME: '第1社区第1网格' });
    expect(readShp(files.get('grids-2026-03-01.shp') as Buffer)).toHaveLength(10_000);

    const bad = await t.request({ url: '/api/v1/exports/regions?level=block&format=xml' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorResponse>().code).toBe('EXPORT.PARAMS_INVALID');
    expect(bad.json<ErrorResponse>().details?.map((d) => d.field)).toEqual(['format', 'level']);
  });

  it('round trip: the exported GeoJSON re-imported into an empty grid layer gives the same codes and areas', async () => {
    // PGlite is one embedded instance per process, so "a fresh database" is this one with every
    // grid version deleted (the administrative regions stay, as they would be loaded first).
    const exported = await t.request({ url: '/api/v1/exports/regions?level=grid&format=geojson' });
    expect(exported.headers['content-disposition']).toBe('attachment; filename="grids-current.geojson"');
    expect(exported.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const q = `SELECT code, name, round(area_m2::numeric, 1)::float8 AS a FROM region
               WHERE level = 'grid' AND valid_to IS NULL ORDER BY code`;
    const before = await t.db.query(q);
    await t.db.query(`DELETE FROM region WHERE level = 'grid'`);
    const { job } = await importAndWait(t, 'kind=regions&format=geojson&validFrom=2026-01-01', exported.body);
    expect(job.errors).toEqual([]);
    expect(job.summary).toEqual({ read: 10_000, inserted: 10_000, replaced: 0 });
    const after = await t.db.query(q);
    expect(after).toHaveLength(10_000);
    expect(after).toEqual(before);
  });

  it('answers 400 for bad parameters, 404 for an unknown job, 409 while an import of the kind runs', async () => {
    const bad = await post(t, 'kind=parcels&format=csv&validFrom=2099-01-01', '{}');
    expect(bad.statusCode).toBe(400);
    const body = bad.json<ErrorResponse>();
    expect(body.code).toBe('IMPORT.PARAMS_INVALID');
    expect(body.details?.map((d) => d.field)).toEqual(['kind', 'validFrom']);
    const csvRegions = await post(t, 'kind=regions&format=csv', 'a');
    expect(csvRegions.json<ErrorResponse>().details).toEqual([
      { field: 'format', message: 'regions are imported from geojson or shapefile' },
    ]);
    const json = await t.request({
      method: 'POST',
      url: '/api/v1/imports?kind=regions&format=geojson',
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);

    const missing = await t.request({ url: '/api/v1/imports/5b0c6f9e-2f7d-4c53-9d1c-6d3f1e0b9a11' });
    expect(missing.statusCode, missing.body).toBe(404);
    expect(missing.json<ErrorResponse>().code).toBe('IMPORT.NOT_FOUND');

    await t.db.query(
      `INSERT INTO import_job (id, kind, format, status) VALUES ('7d7c3d5e-0000-4000-8000-000000000001', 'regions', 'geojson', 'applying')`,
    );
    const busy = await post(t, GRIDS, featureCollection(grids.slice(0, 1)));
    expect(busy.statusCode).toBe(409);
    expect(busy.json<ErrorResponse>().code).toBe('IMPORT.BUSY');
    await t.db.query(`DELETE FROM import_job WHERE id = '7d7c3d5e-0000-4000-8000-000000000001'`);

    const list = (await t.request({ url: '/api/v1/imports' })).json<ImportJob[]>();
    expect(list.length).toBeGreaterThanOrEqual(7);
    expect(list[0].createdAt >= list[list.length - 1].createdAt).toBe(true);
  });
});

describe('region import (zipped Shapefile)', () => {
  let t: TestApp;
  const { admin, grids } = blockCity(1);
  // EPSG's own definition of EPSG:4549, independent of how the importer reads the .prj.
  const gk = proj4(
    '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    'EPSG:4326',
  );
  const toGk = (p: Position): Position => {
    const [x, y] = gk.inverse([p[0], p[1]]);
    return [x, y];
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { IMPORT_MAX_BYTES: '200000' }, as: 'admin' });
    await seedAdmin(t, admin);
  });
  afterAll(async () => t?.close());

  it('CGCS2000 3° Gauss-Kruger (.prj EPSG:4549) with GBK names lands on the right lon/lat', async () => {
    const zip = regionShapefileZip(grids, { project: toGk, prj: PRJ_CGCS2000_GK_CM120, gbk: true });
    const { job } = await importAndWait(t, 'kind=regions&format=shapefile&validFrom=2026-01-01', zip);
    expect(job.errors).toEqual([]);
    expect(job.status).toBe('done');
    expect(job.summary).toEqual({ read: 100, inserted: 100, replaced: 0 });
    const g = (await t.request({ url: `/api/v1/regions/grid/${grids[57].code}` })).json<RegionVersion>();
    expect(g.name).toBe('第1社区第58网格');
    const want = (grids[57].geometry as { coordinates: number[][][] }).coordinates[0];
    const got = (g.geometry as { coordinates: number[][][][] }).coordinates[0][0];
    // Same corners (the ring may start elsewhere and run the other way); 0.5 m ≈ 5e-6°.
    for (const [x, y] of want) {
      const nearest = Math.min(...got.map(([a, b]) => Math.hypot((a - x) * 96_000, (b - y) * 111_000)));
      expect(nearest).toBeLessThan(0.5);
    }
  });

  it('a .prj of an unsupported datum or no .prj and no crs: invalid, saying why; nothing written', async () => {
    const before = await gridCount(t);
    const xian = PRJ_CGCS2000_GK_CM120.replace('D_China_2000', 'D_Xian_1980').replace(
      /China_Geodetic_Coordinate_System_2000/,
      'Xian_1980',
    );
    const a = await importAndWait(
      t,
      'kind=regions&format=shapefile&validFrom=2026-02-01',
      regionShapefileZip(grids.slice(0, 2), { project: toGk, prj: xian }),
    );
    expect(a.job.status).toBe('invalid');
    expect(a.job.errors).toEqual([
      { index: -1, reason: '.prj datum "D_Xian_1980" is not supported (WGS84 or CGCS2000 only)' },
    ]);
    const b = await importAndWait(
      t,
      'kind=regions&format=shapefile&validFrom=2026-02-01',
      regionShapefileZip(grids.slice(0, 2), { project: toGk, prj: null }),
    );
    expect(b.job.errors).toEqual([
      { index: -1, reason: 'grids.shp has no .prj; give its coordinate system with ?crs=EPSG:…' },
    ]);
    // The same file with ?crs=EPSG:4549 is accepted (two redrawn grids).
    const c = await importAndWait(
      t,
      'kind=regions&format=shapefile&validFrom=2026-02-01&crs=EPSG:4549',
      regionShapefileZip(grids.slice(0, 2), { project: toGk, prj: null }),
    );
    expect(c.job.summary).toEqual({ read: 2, inserted: 0, replaced: 2 });
    expect(await gridCount(t)).toBe(before + 2);
  });

  it('refuses an upload above IMPORT_MAX_BYTES with 413', async () => {
    const res = await post(t, 'kind=regions&format=geojson', Buffer.alloc(200_001, 0x20));
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorResponse>().code).toBe('IMPORT.TOO_LARGE');
  });
});
