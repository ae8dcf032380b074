import type { ComponentDto, ErrorResponse, ImportJob } from '@urbangrid/contracts';
import { wgs84ToGcj02 } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import { ImportsService } from '../imports.service';
import { authHeader } from '../../../../test/auth-helpers';

// 10 × 10 grids of about 100 m from (120.15, 30.3): extent 120.15–120.1604, 30.3–30.309.
const city = newSmallCity({ cols: 10, rows: 10 });
const [X0, Y0, X1, Y1] = city.city.extent;

const HEADER = 'lon,lat,class_code,name,state,maintainer_code,maintainer_name,initial_date,data_source,note';

/** `count` 路灯 (0118) rows on a lattice strictly inside the small city; row k is on line k + 2. */
function lampsCsv(count: number, edit: (k: number, cells: string[]) => string[] = (_k, c) => c): string {
  const side = Math.ceil(Math.sqrt(count));
  const lines = [HEADER];
  for (let k = 0; k < count; k++) {
    const lon = X0 + ((X1 - X0) * ((k % side) + 0.5)) / side;
    const lat = Y0 + ((Y1 - Y0) * (Math.floor(k / side) + 0.5)) / side;
    const cells = [
      lon.toFixed(7),
      lat.toFixed(7),
      '0118',
      `路灯${k + 1}`,
      '完好',
      'SZ',
      '市政所',
      '2025-03-01',
      '实测',
      k % 7 === 0 ? '"东侧, 靠河"' : '',
    ];
    lines.push(edit(k, cells).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function importCsv(
  t: TestApp,
  csv: string,
  query = 'kind=components&format=csv',
): Promise<{ job: ImportJob; ms: number }> {
  const started = Date.now();
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    payload: csv,
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.statusCode, res.body).toBe(202);
  const job = await t.app.get(ImportsService).settled(res.json<ImportJob>().id);
  return { job, ms: Date.now() - started };
}

const componentCount = async (t: TestApp) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component'))[0].n;

describe('component import (CSV)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
  });
  afterAll(async () => t?.close());

  it('one bad row among 1,000: nothing written, its line reported', async () => {
    // Row 536 (0-based) sits on line 538: the header is line 1, row 0 is line 2.
    const csv = lampsCsv(1000, (k, c) => (k === 536 ? [c[0], c[1], '0999', ...c.slice(3)] : c));
    const { job } = await importCsv(t, csv);
    expect(job.status).toBe('invalid');
    expect(job.total).toBe(1000);
    expect(job.errors).toEqual([{ index: 538, reason: '0999 is not a current small component class' }]);
    expect(await componentCount(t)).toBe(0);
    expect(
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component_import_staging'))[0].n,
    ).toBe(0);
  });

  it('every kind of bad row is reported with its line, and several per row are joined', async () => {
    const csv = [
      HEADER,
      `${X0 + 0.0005},${Y0 + 0.0005},0118,ok,完好,,,,,`, // line 2: fine
      `abc,${Y0},0118,x,完好,,,,,`, // line 3
      `121.5,31.5,0118,far,完好,,,,,`, // line 4: outside the extent
      `${X0 + 0.0005},${Y0 + 0.0005},0118,x,坏了,,,2025-13-45,卫星,`, // line 5
      `${X0 + 0.0005},${Y0 + 0.0005},0118`, // line 6: short
      `120.2,30.2,0118,x,完好,,,,,`, // line 7: in the extent, in no grid
    ].join('\n');
    const { job } = await importCsv(t, csv);
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { index: 3, reason: 'lon/lat must be numbers, got "abc", "30.3"' },
      { index: 4, reason: 'outside the city extent' },
      {
        index: 5,
        reason:
          'state "坏了" is not one of 完好 破损 丢失 占用 废弃 移除; data_source "卫星" is not one of 实测 地形图 调绘 其它 基础地理数据; initial_date "2025-13-45" is not YYYY-MM-DD',
      },
      { index: 6, reason: 'has 3 fields, the header has 10' },
      { index: 7, reason: 'lies in no current unit grid' },
    ]);
    expect(await componentCount(t)).toBe(0);
  });

  it('the fixed file: 1,000 components with codes allocated per district and class', async () => {
    const { job } = await importCsv(t, lampsCsv(1000));
    expect(job.errors).toEqual([]);
    expect(job.status).toBe('done');
    expect(job.summary).toEqual({ read: 1000, inserted: 1000, replaced: 0 });
    expect(job.percent).toBe(100);
    expect(await componentCount(t)).toBe(1000);
    // District 330105 + class 0118 + sequence: rows in file order get 000001…001000.
    const first = (await t.request({ url: '/api/v1/components/3301050118000001' })).json<ComponentDto>();
    expect(first).toMatchObject({
      name: '路灯1',
      state: '完好',
      maintainer: { code: 'SZ', name: '市政所' },
      note: '东侧, 靠河',
      initialDate: '2025-03-01',
    });
    const last = (await t.request({ url: '/api/v1/components/3301050118001000' })).json<ComponentDto>();
    expect(last.name).toBe('路灯1000');
  });

  it('a given code already registered or given twice is reported', async () => {
    const at = `${X0 + 0.0005},${Y0 + 0.0005}`;
    const csv = [
      'code,lon,lat,class_code',
      `3301050118000005,${at},0118`,
      `3301050118009000,${at},0118`,
      `3301050118009000,${at},0118`,
    ].join('\n');
    const { job } = await importCsv(t, csv);
    expect(job.errors).toEqual([
      { index: 2, code: '3301050118000005', reason: 'code 3301050118000005 is already registered' },
      {
        index: 4,
        code: '3301050118009000',
        reason: 'code 3301050118009000 appears more than once (first at 3)',
      },
    ]);
  });

  it('GCJ-02 coordinates are converted before the grid is found', async () => {
    // A point of grid 45 given as a Chinese web map shows it: GCJ-02 moves it about 480 m (to
    // the south-east), outside this 1 km city, so only a converted point finds its grid.
    const wgs: [number, number] = [X0 + 0.0047, Y0 + 0.0049];
    const [gx, gy] = wgs84ToGcj02(wgs[0], wgs[1]);
    expect(Math.hypot((gx - wgs[0]) * 96_000, (gy - wgs[1]) * 111_000)).toBeGreaterThan(400);
    const csv = ['lon,lat,class_code,name', `${gx.toFixed(9)},${gy.toFixed(9)},0118,GCJ`].join('\n');
    const { job } = await importCsv(t, csv, 'kind=components&format=csv&crs=gcj02');
    expect(job.errors).toEqual([]);
    const rows = await t.db.query<{ lon: number; lat: number; grid_code: string }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, grid_code FROM component WHERE name = 'GCJ'`,
    );
    // 1e-6° ≈ 0.1 m: the inverse of the domain's conversion.
    expect(Math.abs(rows[0].lon - wgs[0])).toBeLessThan(1e-6);
    expect(Math.abs(rows[0].lat - wgs[1])).toBeLessThan(1e-6);
    // Column ⌊0.0047 / 0.00104⌋ = 4, row from the south ⌊0.0049 / 0.0009⌋ = 5, i.e. row 9 − 5 = 4
    // from the north: sequence 4 × 10 + 4 + 1 = 45.
    expect(rows[0].grid_code).toBe('330105001001045');
  });

  it('GeoJSON components: camelCase properties, the class decides the geometry kind', async () => {
    const at = (dx: number, dy: number): [number, number] => [X0 + dx, Y0 + dy];
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const lamp = (geometry: unknown, name: string) => ({
      type: 'Feature',
      properties: { classCode: '0118', name, maintainerName: '照明所' },
      geometry,
    });
    const bad = fc([
      lamp({ type: 'Point', coordinates: at(0.0002, 0.0002) }, 'G1'),
      // 0118 路灯 is drawn as a point: a line does not fit.
      lamp({ type: 'LineString', coordinates: [at(0.0002, 0.0002), at(0.0004, 0.0002)] }, 'G2'),
      { type: 'Feature', properties: {}, geometry: null },
    ]);
    const a = await importCsv(t, bad, 'kind=components&format=geojson');
    expect(a.job.status).toBe('invalid');
    expect(a.job.errors.map((e) => e.index)).toEqual([1, 2]);
    expect(a.job.errors[0].reason).toBe('class 0118 is drawn as a point; a LineString does not fit');
    expect(a.job.errors[1].reason).toMatch(/^no class_code; /);
    const b = await importCsv(
      t,
      fc([lamp({ type: 'Point', coordinates: at(0.0002, 0.0002) }, 'G1')]),
      'kind=components&format=geojson',
    );
    expect(b.job.summary).toEqual({ read: 1, inserted: 1, replaced: 0 });
    const rows = await t.db.query<{ maintainer_name: string; grid_code: string }>(
      `SELECT maintainer_name, grid_code FROM component WHERE name = 'G1'`,
    );
    // South-west corner: column 0, row 9 from the north → sequence 91.
    expect(rows).toEqual([{ maintainer_name: '照明所', grid_code: '330105001001091' }]);
  });

  it('a restart fails the jobs that were running and drops their staged rows', async () => {
    const id = '2f0c1e36-8a51-4f7e-9d7b-0c4b2a1d9e55';
    await t.db.query(
      `INSERT INTO import_job (id, kind, format, status) VALUES ($1, 'components', 'csv', 'validating')`,
      [id],
    );
    await t.db.query(
      `INSERT INTO component_import_staging (job_id, line_no, geom) VALUES ($1, 2, ST_SetSRID(ST_MakePoint(120.15, 30.3), 4326))`,
      [id],
    );
    await t.app.get(ImportsService).onModuleInit();
    const job = (await t.request({ url: `/api/v1/imports/${id}` })).json<ImportJob>();
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([{ index: -1, reason: 'the server restarted while the import was running' }]);
    const left = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component_import_staging');
    expect(left[0].n).toBe(0);
  });

  it('exports components as CSV and GeoJSON (bbox), streamed with file names', async () => {
    const csv = await t.app.inject({ headers: await authHeader(t, 'admin'), url: '/api/v1/exports/components?format=csv' });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="components.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // Header + 1,000 lamps + the GCJ-02 one + the GeoJSON one.
    expect(lines).toHaveLength(1 + 1002);
    expect(lines[1]).toMatch(
      /^3301050118000001,0118,路灯1,120\.15\d*,30\.30\d*,330105001001\d{3},完好,SZ,市政所,/,
    );
    // The south-west 100 m square holds the lattice points of grid 91 (10 rows down, first column).
    const geo = await t.request({
      url: `/api/v1/exports/components?format=geojson&bbox=${X0},${Y0},${X0 + 0.00104},${Y0 + 0.0009}`,
    });
    const fc = geo.json<{ features: { properties: { gridCode: string } }[] }>();
    expect(fc.features.length).toBeGreaterThan(0);
    expect(new Set(fc.features.map((f) => f.properties.gridCode))).toEqual(new Set(['330105001001091']));
    const bad = await t.request({ url: '/api/v1/exports/components?format=shapefile&bbox=1,2,3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorResponse>().details?.map((d) => d.field)).toEqual(['format', 'bbox']);
  });

  it('imports 100,000 components (timing)', async () => {
    await t.db.query('DELETE FROM component');
    const { job, ms } = await importCsv(t, lampsCsv(100_000));
    console.info(
      `[bench] 100,000 components imported in ${ms} ms (${t.databaseUrl ? 'PostgreSQL' : 'PGlite'})`,
    );
    expect(job.errors).toEqual([]);
    expect(job.summary).toEqual({ read: 100_000, inserted: 100_000, replaced: 0 });
    expect(await componentCount(t)).toBe(100_000);
  }, 600_000);
});
