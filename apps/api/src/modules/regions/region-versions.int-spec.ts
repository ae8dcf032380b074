import type { ErrorResponse, Geometry, RegionLayer, RegionVersion } from '@urbangrid/contracts';
import type { LocatedPoint } from './regions.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';

// The small city: grid 001 is the north-west 100 m square, (120.15, 30.3018)–(120.15104, 30.3027).
const GRID = '330105001001001';
const [W, S, E, N] = [120.15, 30.3018, 120.15104, 30.3027];
const box = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
// Redrawn to its western half.
const HALF = box(W, S, (W + E) / 2, N);
// A point in the eastern half: inside grid 001 before the redraw, outside after.
const EAST = { lon: W + 0.0008, lat: S + 0.00045 };

describe('region versions', () => {
  let t: TestApp;
  let original: RegionVersion;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedDemoCityIfEmpty(t.db, newSmallCity());
    original = (await t.request({ url: `/api/v1/regions/grid/${GRID}` })).json<RegionVersion>();
  });
  afterAll(async () => t?.close());

  const put = (code: string, payload: unknown, level = 'grid') =>
    t.request({ method: 'PUT', url: `/api/v1/regions/${level}/${code}`, payload });
  const historyOf = async (code: string) =>
    (await t.request({ url: `/api/v1/regions/grid/${code}/history` })).json<RegionVersion[]>();

  it('serves the version in force with its outline and dates', () => {
    expect(original).toMatchObject({ level: 'grid', code: GRID, validFrom: '2024-01-01', validTo: null });
    expect(original.geometry.type).toBe('MultiPolygon');
    expect(original.areaM2).toBeGreaterThan(9_000);
  });

  it('refuses bad redraws with the shared error shape and changes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ geometry: HALF, validFrom: '2999-01-01' }, 422, 'REGION.VERSION_DATE_INVALID'],
      [{ geometry: HALF, validFrom: '2023-12-31' }, 422, 'REGION.VERSION_DATE_INVALID'],
      [{ geometry: HALF, validFrom: '2024-01-01' }, 422, 'REGION.VERSION_DATE_INVALID'],
      // A bow-tie: the ring crosses itself.
      [
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [W, S],
                [E, N],
                [E, S],
                [W, N],
                [W, S],
              ],
            ],
          },
          validFrom: '2025-06-01',
        },
        422,
        'REGION.GEOMETRY_INVALID',
      ],
      [
        { geometry: { type: 'Point', coordinates: [W, S] }, validFrom: '2025-06-01' },
        422,
        'REGION.GEOMETRY_INVALID',
      ],
      [
        { geometry: { type: 'Polygon', coordinates: [[[W, S]]] }, validFrom: '2025-06-01' },
        422,
        'REGION.GEOMETRY_INVALID',
      ],
      [
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [W, S],
                [E, S],
                [W, S],
                [W, S],
              ],
            ],
          },
          validFrom: '2025-06-01',
        },
        422,
        'REGION.GEOMETRY_INVALID',
      ],
      [{ geometry: box(0, 0, 0.001, 0.001), validFrom: '2025-06-01' }, 422, 'REGION.GEOMETRY_INVALID'],
      [{ validFrom: '2025-06-01' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ geometry: HALF, validFrom: '1 June' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ geometry: HALF, colour: 'red' }, 400, 'REQUEST.VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await put(GRID, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json<ErrorResponse>().code, JSON.stringify(payload)).toBe(code);
    }
    expect((await put('330105001001999', { geometry: HALF })).json<ErrorResponse>().code).toBe(
      'REGION.NOT_FOUND',
    );
    expect((await put(GRID, { geometry: HALF }, 'block')).statusCode).toBe(404);
    expect(await historyOf(GRID)).toEqual([original]);
  });

  it('redraws by retiring the old version and adding a new one, never overwriting', async () => {
    const res = await put(GRID, { geometry: HALF, validFrom: '2025-06-01', note: '道路拓宽' });
    expect(res.statusCode).toBe(200);
    const redrawn = res.json<RegionVersion>();
    expect(redrawn).toMatchObject({
      code: GRID,
      name: original.name,
      validFrom: '2025-06-01',
      validTo: null,
      note: '道路拓宽',
    });
    // Half of a ~100 m × 100 m square.
    expect(redrawn.areaM2).toBeCloseTo(original.areaM2 / 2, -1);
    expect(redrawn.id).not.toBe(original.id);

    const history = await historyOf(GRID);
    expect(history).toHaveLength(2);
    // The old row keeps its outline, name and start; only its termination date is set.
    expect(history[0]).toEqual({ ...original, validTo: '2025-06-01' });
    expect(history[1]).toEqual(redrawn);
  });

  it('answers for the layout in force on any date', async () => {
    const locate = (date: string) =>
      t.request({ url: `/api/v1/regions/locate?lon=${EAST.lon}&lat=${EAST.lat}&date=${date}` });
    expect((await locate('2025-05-31')).json<LocatedPoint>().grid.code).toBe(GRID);
    // After the redraw the eastern half belongs to no grid (a gap the quality checks report).
    expect((await locate('2025-06-01')).statusCode).toBe(404);

    const before = (
      await t.request({ url: `/api/v1/regions/grid/${GRID}?date=2025-05-31` })
    ).json<RegionVersion>();
    expect(before.id).toBe(original.id);
    const layer = async (date?: string) => {
      const res = await t.request({ url: `/api/v1/map/layers/grids${date ? `?date=${date}` : ''}` });
      const fc = JSON.parse(res.body) as RegionLayer;
      return fc.features.find((f) => f.properties.code === GRID)?.properties.areaM2 ?? 0;
    };
    expect(await layer('2025-05-31')).toBeCloseTo(original.areaM2, 0);
    expect(await layer()).toBeCloseTo(original.areaM2 / 2, -1);
    expect((await t.request({ url: `/api/v1/regions/grid/${GRID}?date=2023-01-01` })).statusCode).toBe(404);
  });

  it('redraws again only after the latest version took effect', async () => {
    const res = await put(GRID, { geometry: original.geometry, validFrom: '2025-03-01' });
    expect(res.json<ErrorResponse>().code).toBe('REGION.VERSION_DATE_INVALID');
    expect(await historyOf(GRID)).toHaveLength(2);
  });
});
