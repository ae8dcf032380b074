import type {
  ComponentDto,
  ComponentPage,
  ErrorResponse,
  NearestComponentResponse,
} from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCentre, newComponent, newComponentRows } from '../../../test/component-factories';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { openTestDatabase } from '../../../test/test-database';
import { loadConfig } from '../../config/app-config';
import { seedClassesIfEmpty } from '../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';
import { RegionsRepository } from '../regions/regions.repository';
import { ComponentsRepository } from './components.repository';
import { ComponentsService } from './components.service';

// 4 × 3 grids of about 100 m, numbered west to east, north to south: grid 1 is the north-west
// corner, grid 6 the second of the middle row, grid 12 the south-east corner.
const city = newSmallCity({ cols: 4, rows: 3 });
const grid = (k: number): string => composeGridCode('330105001001', k, 'gbt30428-15');
const URL = '/api/v1/components';

describe('components API', () => {
  let t: TestApp;
  const count = async (): Promise<number> => new ComponentsRepository(t.db).count();
  const post = (payload: unknown) => t.request({ method: 'POST', url: URL, payload });

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('registers a component with the next code of its district and class, and derives its grid', async () => {
    const a = await post(newComponent(gridCentre(city, 6)));
    expect(a.statusCode).toBe(201);
    const c = a.json<ComponentDto>();
    // 330105 (district) · 01 01 (上水井盖) · 000001 (first in this district and class)
    expect(c.code).toBe('3301050101000001');
    expect(c.codeScheme).toBe('gbt30428-2');
    expect(c.classCode).toBe('0101');
    expect(c.name).toBe('上水井盖');
    expect(c.districtCode).toBe('330105');
    expect(c.gridCode).toBe(grid(6));
    expect(c.communityCode).toBe('330105001001');
    expect(c.state).toBe('完好');
    expect(c.maintainer).toEqual({ code: 'GS', name: '区供水公司' });
    expect(c.competentDept).toBeNull();
    expect(c.changeDate).toBeNull();
    expect(c.initialDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.geometry).toEqual({
      type: 'Point',
      coordinates: gridCentre(city, 6).map((v) => Math.round(v * 1e7) / 1e7),
    });

    const b = (await post(newComponent(gridCentre(city, 1)))).json<ComponentDto>();
    expect(b.code).toBe('3301050101000002');
    expect(b.gridCode).toBe(grid(1));
    // Another class starts its own sequence.
    const lamp = (await post(newComponent(gridCentre(city, 12), { classCode: '0118' }))).json<ComponentDto>();
    expect(lamp.code).toBe('3301050118000001');
    expect(lamp.gridCode).toBe(grid(12));

    const got = await t.request({ url: `${URL}/3301050101000001` });
    expect(got.statusCode).toBe(200);
    expect(got.json<ComponentDto>()).toEqual(c);
  });

  it('gives concurrent creates distinct consecutive sequences', async () => {
    const results = await Promise.all(
      [2, 3, 4, 5].map((k) => post(newComponent(gridCentre(city, k), { classCode: '0103' }))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const codes = results.map((r) => r.json<ComponentDto>().code).sort();
    expect(codes).toEqual(['3301050103000001', '3301050103000002', '3301050103000003', '3301050103000004']);
  });

  it('accepts a given code with the right prefix and continues after it', async () => {
    const given = await post(
      newComponent(gridCentre(city, 7), { code: '3301050101000010', gridCode: grid(7) }),
    );
    expect(given.statusCode).toBe(201);
    expect(given.json<ComponentDto>().gridCode).toBe(grid(7));
    // The counter moved past 10, so the next automatic code is 11, not 3.
    expect((await post(newComponent(gridCentre(city, 7)))).json<ComponentDto>().code).toBe(
      '3301050101000011',
    );

    const before = await count();
    const taken = await post(newComponent(gridCentre(city, 8), { code: '3301050101000010' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json<ErrorResponse>().code).toBe('COMPONENT.CODE_TAKEN');
    // 330106 is not the district of the grid; 0102 is not the class.
    for (const code of ['3301060101000020', '3301050102000020']) {
      const bad = await post(newComponent(gridCentre(city, 8), { code }));
      expect(bad.statusCode).toBe(422);
      expect(bad.json<ErrorResponse>().code).toBe('COMPONENT.CODE_PREFIX_MISMATCH');
    }
    const malformed = await post(newComponent(gridCentre(city, 8), { code: '3301050101000000' }));
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json<ErrorResponse>().code).toBe('COMPONENT.CODE_MALFORMED');
    expect(await count()).toBe(before);
  });

  it('refuses a stated grid that is not the derived one, writing nothing and using no sequence', async () => {
    const before = await count();
    const res = await post(newComponent(gridCentre(city, 6), { classCode: '0111', gridCode: grid(5) }));
    expect(res.statusCode).toBe(422);
    const body = res.json<ErrorResponse>();
    expect(body.code).toBe('COMPONENT.GRID_MISMATCH');
    expect(body.details?.[0].field).toBe('gridCode');
    expect(await count()).toBe(before);
    expect(
      (await post(newComponent(gridCentre(city, 6), { classCode: '0111' }))).json<ComponentDto>().code,
    ).toBe('3301050111000001');
  });

  it('refuses an unknown class, a geometry of the wrong kind, and a point outside every grid with 422', async () => {
    const before = await count();
    const cases: [unknown, string][] = [
      [newComponent(gridCentre(city, 6), { classCode: '0199' }), 'COMPONENT.CLASS_UNKNOWN'],
      // 0101 上水井盖 is a point class.
      [
        newComponent(gridCentre(city, 6), {
          geometry: { type: 'LineString', coordinates: [gridCentre(city, 6), gridCentre(city, 7)] },
        }),
        'COMPONENT.GEOMETRY_TYPE_MISMATCH',
      ],
      [newComponent([121, 31]), 'COMPONENT.OUTSIDE_GRIDS'],
    ];
    for (const [payload, code] of cases) {
      const res = await post(payload);
      expect(res.statusCode).toBe(422);
      expect(res.json<ErrorResponse>().code).toBe(code);
    }
    expect(await count()).toBe(before);
  });

  it('refuses bad geometry with 400', async () => {
    const before = await count();
    const [x, y] = gridCentre(city, 6);
    const d = 0.0002;
    const bad: unknown[] = [
      { type: 'Point', coordinates: [x] },
      { type: 'Point', coordinates: [x, 95] },
      { type: 'Circle', coordinates: [x, y] },
      // A bow tie: closed and well-formed, but self-intersecting (PostGIS says invalid). 0113 消防设施
      // has no geometry kind, so only validity stops it.
      {
        type: 'Polygon',
        coordinates: [
          [
            [x - d, y - d],
            [x + d, y + d],
            [x + d, y - d],
            [x - d, y + d],
            [x - d, y - d],
          ],
        ],
      },
    ];
    for (const geometry of bad) {
      const res = await post(newComponent([x, y], { classCode: '0113', geometry: geometry as never }));
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorResponse>().code).toBe('COMPONENT.GEOMETRY_INVALID');
    }
    const notObject = await post({ ...newComponent([x, y]), geometry: 'POINT(120 30)' });
    expect(notObject.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('places a polygon component by its point on surface', async () => {
    // A square well inside grid 2 (0405 绿地 is a polygon class).
    const [x, y] = gridCentre(city, 2);
    const d = 0.0002;
    const res = await post({
      classCode: '0405',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x - d, y - d],
            [x + d, y - d],
            [x + d, y + d],
            [x - d, y + d],
            [x - d, y - d],
          ],
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<ComponentDto>().gridCode).toBe(grid(2));
    expect(res.json<ComponentDto>().code).toBe('3301050405000001');
  });

  it('changes state and attributes, and re-derives the grid when the geometry moves', async () => {
    const code = '3301050101000002';
    const res = await t.request({
      method: 'PATCH',
      url: `${URL}/${code}`,
      payload: {
        state: '破损',
        note: '井盖松动',
        owner: { code: 'GS', name: null },
      },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json<ComponentDto>();
    expect(c.state).toBe('破损');
    expect(c.note).toBe('井盖松动');
    // Registered today, changed today: 变更日期 defaults to today.
    expect(c.changeDate).toBe(c.initialDate);
    expect(c.owner).toEqual({ code: 'GS', name: null });
    expect(c.gridCode).toBe(grid(1));

    const moved = await t.request({
      method: 'PATCH',
      url: `${URL}/${code}`,
      payload: { geometry: { type: 'Point', coordinates: gridCentre(city, 10) } },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<ComponentDto>().gridCode).toBe(grid(10));
    expect(moved.json<ComponentDto>().state).toBe('破损');

    const outside = await t.request({
      method: 'PATCH',
      url: `${URL}/${code}`,
      payload: { geometry: { type: 'Point', coordinates: [121, 31] }, state: '丢失' },
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json<ErrorResponse>().code).toBe('COMPONENT.OUTSIDE_GRIDS');
    const after = (await t.request({ url: `${URL}/${code}` })).json<ComponentDto>();
    expect(after.state).toBe('破损');
    expect(after.gridCode).toBe(grid(10));

    const early = await t.request({
      method: 'PATCH',
      url: `${URL}/${code}`,
      payload: { state: '丢失', changeDate: '2000-01-01' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json<ErrorResponse>().code).toBe('COMPONENT.CHANGE_DATE_INVALID');

    const badState = await t.request({
      method: 'PATCH',
      url: `${URL}/${code}`,
      payload: { state: 'broken' },
    });
    expect(badState.statusCode).toBe(400);
    const missing = await t.request({
      method: 'PATCH',
      url: `${URL}/3301050101999999`,
      payload: { state: '破损' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorResponse>().code).toBe('COMPONENT.NOT_FOUND');
  });

  it('lists by class, grid and bbox in keyset pages', async () => {
    const all: string[] = [];
    let after: string | null = null;
    do {
      const page: ComponentPage = (
        await t.request({ url: `${URL}?class=0101&limit=2${after ? `&after=${after}` : ''}` })
      ).json<ComponentPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((i) => i.code));
      after = page.next;
    } while (after);
    // 0101 holds 000001, 000002, 000010, 000011 (see above), in code order, each once.
    expect(all).toEqual(['3301050101000001', '3301050101000002', '3301050101000010', '3301050101000011']);

    const inGrid = (await t.request({ url: `${URL}?grid=${grid(6)}` })).json<ComponentPage>();
    expect(inGrid.items.map((i) => i.code)).toEqual(['3301050101000001', '3301050111000001']);
    expect(inGrid.next).toBeNull();

    // The west column of grids (1, 5, 9): a bbox from the west edge to a quarter of the width.
    const [x0, y0, x1, y1] = city.city.extent;
    const west = (
      await t.request({ url: `${URL}?bbox=${x0},${y0},${x0 + (x1 - x0) / 4},${y1}` })
    ).json<ComponentPage>();
    const byGrid = await Promise.all(
      [1, 5, 9].map(
        async (k) => (await t.request({ url: `${URL}?grid=${grid(k)}` })).json<ComponentPage>().items,
      ),
    );
    const expected = byGrid
      .flat()
      .map((i) => i.code)
      .sort();
    // Grid 5 holds one of the four concurrent 0103 covers, so the column is not empty.
    expect(expected.length).toBeGreaterThan(0);
    expect(west.items.map((i) => i.code)).toEqual(expected);
    const bad = await t.request({ url: `${URL}?bbox=1,2,0,3` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorResponse>().code).toBe('COMPONENT.BBOX_INVALID');
  });

  it('finds the nearest component, optionally of one class', async () => {
    const [x, y] = gridCentre(city, 12);
    // 20 m east of the lamp 3301050118000001 at the centre of grid 12: 20 / (111195 · cos 30.3°) ≈ 0.000208°.
    const res = await t.request({ url: `${URL}/nearest?lon=${x + 0.000208}&lat=${y}` });
    expect(res.statusCode).toBe(200);
    const n = res.json<NearestComponentResponse>();
    expect(n.component.code).toBe('3301050118000001');
    expect(n.distanceM).toBeGreaterThan(19.5);
    expect(n.distanceM).toBeLessThan(20.5);
    const ofClass = (
      await t.request({ url: `${URL}/nearest?lon=${x}&lat=${y}&class=0405` })
    ).json<NearestComponentResponse>();
    expect(ofClass.component.code).toBe('3301050405000001');
    const none = await t.request({ url: `${URL}/nearest?lon=${x}&lat=${y}&class=0606` });
    expect(none.statusCode).toBe(404);
  });

  it('bulk-inserts 10,000 components in one call with consecutive codes and derived grids', async () => {
    const rows = newComponentRows(city, 10_000, '0305');
    const before = await count();
    const started = performance.now();
    const codes = await t.db.transaction((tx) => new ComponentsRepository(tx).insertMany(rows));
    const ms = performance.now() - started;
    console.log(
      `bulk insert of 10,000 components (${t.databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${Math.round(ms)} ms`,
    );
    expect(await count()).toBe(before + 10_000);
    expect(codes[0]).toBe('3301050305000001');
    expect(codes[9999]).toBe('3301050305010000');
    // Every 997th row: the stored grid is the one RegionsRepository.locate answers for the point.
    const regions = new RegionsRepository(t.db);
    const repo = new ComponentsRepository(t.db);
    for (let k = 0; k < rows.length; k += 997) {
      const [lon, lat] = rows[k].geometry.coordinates as [number, number];
      const stored = await repo.findByCode(codes[k]);
      const located = await regions.locate(lon, lat, new Date().toISOString().slice(0, 10));
      expect(stored?.gridCode).toBe(located?.grid.code);
    }
  });

  it('fails a bulk insert with a row outside every grid as a whole', async () => {
    const rows = newComponentRows(city, 50, '0212');
    rows[17] = { ...rows[17], geometry: { type: 'Point', coordinates: [121, 31] } };
    const before = await count();
    await expect(
      t.db.transaction((tx) => new ComponentsRepository(tx).insertMany(rows)),
    ).rejects.toMatchObject({
      code: 'COMPONENT.OUTSIDE_GRIDS',
      details: [{ field: 'rows[17].geometry' }],
    });
    expect(await count()).toBe(before);
  });
});

describe('demo seed with components', () => {
  it('loads the components of the dataset with their grids and department names, and later codes follow them', async () => {
    const t = await openTestDatabase();
    try {
      await seedClassesIfEmpty(t.db);
      const at = (k: number) => ({ type: 'Point' as const, coordinates: gridCentre(city, k) });
      const result = await seedDemoCityIfEmpty(t.db, {
        ...city,
        components: [
          {
            code: '3301050305000001',
            classCode: '0305',
            name: '垃圾箱',
            geometry: at(3),
            state: '完好',
            deptCode: 'HW',
            maintainerCode: 'HW-01',
            initialDate: '2024-02-26',
          },
          {
            code: '3301050305000007',
            classCode: '0305',
            name: '垃圾箱',
            geometry: at(11),
            state: '占用',
            deptCode: 'HW',
            maintainerCode: 'HW',
            initialDate: '2024-03-18',
          },
        ],
      });
      expect(result.components).toBe(2);
      const repo = new ComponentsRepository(t.db);
      const first = await repo.findByCode('3301050305000001');
      expect(first?.gridCode).toBe(grid(3));
      expect(first?.maintainer).toEqual({ code: 'HW-01', name: '环卫一所' });
      expect(first?.competentDept).toEqual({ code: 'HW', name: '环卫' });
      expect(first?.dataSource).toBe('实测');
      expect((await repo.findByCode('3301050305000007'))?.state).toBe('占用');
      // The demo used sequences up to 7, so the next automatic code of 0305 is 8.
      const service = new ComponentsService(
        t.db,
        repo,
        loadConfig({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, { webDir: '/nonexistent-web-dir' }),
      );
      const next = await service.create({ classCode: '0305', geometry: at(5) });
      expect(next.code).toBe('3301050305000008');
    } finally {
      await t.dispose();
    }
  });
});
