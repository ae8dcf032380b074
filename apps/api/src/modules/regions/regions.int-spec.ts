import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../test/factories';
import { openTestDatabase, type TestDatabase } from '../../../test/test-database';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';
import { RegionsRepository } from './regions.repository';

const city = newSmallCity({ cols: 4, rows: 3 });
const grids = city.regions.filter((r) => r.level === 'grid');

/** Points across the city: a lattice that hits interiors, shared edges, corners and the outside. */
function samplePoints(): [number, number][] {
  const [x0, y0, x1, y1] = city.city.extent;
  const pts: [number, number][] = [];
  for (let i = -1; i <= 17; i++) {
    for (let j = -1; j <= 13; j++) {
      pts.push([x0 + ((x1 - x0) * i) / 16, y0 + ((y1 - y0) * j) / 12]);
    }
  }
  return pts;
}

/** What the rule says: the grid containing the point (boundary included), lowest code on a tie. */
function expectedGrid([lon, lat]: [number, number]): string | null {
  const hits = grids
    .filter((g) => booleanPointInPolygon([lon, lat], g.geometry as Polygon))
    .map((g) => g.code)
    .sort();
  return hits[0] ?? null;
}

async function answers(t: TestDatabase): Promise<(string | null)[]> {
  const repo = new RegionsRepository(t.db);
  const out: (string | null)[] = [];
  for (const [lon, lat] of samplePoints()) {
    out.push((await repo.locate(lon, lat, '2026-06-01'))?.grid.code ?? null);
  }
  return out;
}

describe('point to unit grid', () => {
  let lite: TestDatabase;
  let server: TestDatabase | null = null;

  beforeAll(async () => {
    lite = await openTestDatabase('pglite');
    await seedDemoCityIfEmpty(lite.db, city);
    if (process.env.DATABASE_URL) {
      server = await openTestDatabase('postgres');
      await seedDemoCityIfEmpty(server.db, city);
    }
  });

  afterAll(async () => {
    await lite?.dispose();
    await server?.dispose();
  });

  it('PGlite answers what the geometry says, for interiors, edges, corners and outside', async () => {
    const got = await answers(lite);
    const want = samplePoints().map(expectedGrid);
    expect(got).toEqual(want);
    // The lattice really exercises both inside and outside.
    expect(want.filter((c) => c === null).length).toBeGreaterThan(20);
    expect(new Set(want.filter(Boolean)).size).toBe(grids.length);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'PostgreSQL/PostGIS gives the same answers as PGlite',
    async () => {
      expect(server).not.toBeNull();
      expect(await answers(server as TestDatabase)).toEqual(await answers(lite));
    },
  );

  it('returns the community, street and district of the grid', async () => {
    const repo = new RegionsRepository(lite.db);
    // Just north-east of the centre of a 4 × 3 layout: third column, middle row. Rows are numbered
    // from the north (1–4 top, 5–8 middle), so the grid is 5 + 2 = 7.
    const found = await repo.locate(city.city.center[0] + 0.0001, city.city.center[1] + 0.0001, '2026-06-01');
    expect(found).toEqual({
      grid: { code: '330105001001007', name: '测试社区第7网格' },
      community: { code: '330105001001', name: '测试社区' },
      street: { code: '330105001', name: '测试街道' },
      district: { code: '330105', name: '测试区' },
    });
  });

  it('finds nothing before the layout came into force', async () => {
    const repo = new RegionsRepository(lite.db);
    expect(await repo.locate(city.city.center[0], city.city.center[1], '2023-12-31')).toBeNull();
  });
});
