import { booleanPointInPolygon } from '@turf/turf';
import type {
  DemoCityDataset,
  ErrorResponse,
  Geometry,
  GridQualityCheck,
  GridQualityReport,
  RegionLevel,
} from '@urbangrid/contracts';
import type { MultiPolygon, Polygon } from 'geojson';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { openTestDatabase, type TestDatabase } from '../../../../test/test-database';
import { loadConfig } from '../../../config/app-config';
import { readDemoDataset } from '../../demo-seed/demo-seed';
import { RegionsRepository } from '../regions.repository';
import { GridQualityRepository } from './grid-quality.repository';
import { GridQualityService } from './grid-quality.service';

/**
 * Each broken fixture is the small city (4 × 3 grids of ≈100 m × 100 m, numbered 1–4 in the
 * northern row, 5–8 in the middle, 9–12 in the south) with one deliberate fault, stored as its own
 * layout version valid for one day in January 2025. The valid city is the layout in force from
 * 2026-01-01. So one database holds every fixture and each run picks its fixture by date.
 */
const LON0 = 120.15;
const LAT0 = 30.3;
const D_LON = 0.00104;
const D_LAT = 0.0009;
const COMMUNITY = '330105001001';
const g = (seq: number) => `${COMMUNITY}${String(seq).padStart(3, '0')}`;

/** The box of grid `seq` as [west, south, east, north]. */
function cell(seq: number): [number, number, number, number] {
  const r = Math.floor((seq - 1) / 4);
  const c = (seq - 1) % 4;
  const x0 = LON0 + c * D_LON;
  const y0 = LAT0 + (2 - r) * D_LAT;
  return [x0, y0, x0 + D_LON, y0 + D_LAT];
}

function box([x0, y0, x1, y1]: [number, number, number, number]): Geometry {
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  const [a, b, c, d] = [round(x0), round(y0), round(x1), round(y1)];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [a, b],
        [c, b],
        [c, d],
        [a, d],
        [a, b],
      ],
    ],
  };
}

const inside = (point: [number, number], geometry: Geometry) =>
  booleanPointInPolygon(point, geometry as Polygon | MultiPolygon);

const CODE_SCHEME: Record<RegionLevel, string> = {
  district: 'gbt2260-6',
  street: 'gbt10114-9',
  community: 'community-12',
  grid: 'gbt30428-15',
};

type Regions = DemoCityDataset['regions'];

const setGrid = (regions: Regions, code: string, change: Partial<Regions[number]>): Regions =>
  regions.map((r) => (r.level === 'grid' && r.code === code ? { ...r, ...change } : r));

/** The faults, one per check, each with the day its layout is in force. */
const FIXTURES: Record<string, { day: string; regions: (base: Regions) => Regions }> = {
  // A bow-tie: the ring runs SW → NE → SE → NW and crosses itself at the centre of grid 6.
  bowTie: {
    day: '2025-01-01',
    regions: (base) => {
      const [x0, y0, x1, y1] = cell(6);
      const ring = [
        [x0, y0],
        [x1, y1],
        [x1, y0],
        [x0, y1],
        [x0, y0],
      ] as [number, number][];
      return setGrid(base, g(6), { geometry: { type: 'Polygon', coordinates: [ring] } });
    },
  },
  // Grid 1 shrunk to its south-west tenth on each side: ≈10 m × 10 m.
  tiny: {
    day: '2025-01-02',
    regions: (base) => {
      const [x0, y0] = cell(1);
      return setGrid(base, g(1), { geometry: box([x0, y0, x0 + D_LON / 10, y0 + D_LAT / 10]) });
    },
  },
  // Grid 2 shifted west by half a width: it covers the eastern half of grid 1.
  overlap: {
    day: '2025-01-03',
    regions: (base) => {
      const [x0, y0, x1, y1] = cell(2);
      return setGrid(base, g(2), { geometry: box([x0 - D_LON / 2, y0, x1 - D_LON / 2, y1]) });
    },
  },
  // Grid 7 deleted.
  gap: {
    day: '2025-01-04',
    regions: (base) => base.filter((r) => r.code !== g(7)),
  },
  // Grid 4 (north-east corner) shifted east by half a width: half of it leaves the community.
  outside: {
    day: '2025-01-05',
    regions: (base) => {
      const [x0, y0, x1, y1] = cell(4);
      return setGrid(base, g(4), { geometry: box([x0 + D_LON / 2, y0, x1 + D_LON / 2, y1]) });
    },
  },
  // Grid 10 carries another community's prefix; grid 11 names a community that does not exist.
  codes: {
    day: '2025-01-06',
    regions: (base) =>
      setGrid(setGrid(base, g(10), { code: '330105001002010' }), g(11), {
        code: '330105001009011',
        parentCode: '330105001009',
      }),
  },
  // Grids 2 and 3 swap their sequence numbers.
  swapped: {
    day: '2025-01-07',
    regions: (base) =>
      base.map((r) => (r.code === g(2) ? { ...r, code: g(3) } : r.code === g(3) ? { ...r, code: g(2) } : r)),
  },
};

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function insertLayout(
  db: TestDatabase['db'],
  regions: Regions,
  validFrom: string,
  validTo: string | null,
) {
  await new RegionsRepository(db).insertRegions(
    regions.map((r) => ({
      level: r.level,
      code: r.code,
      codeScheme: CODE_SCHEME[r.level],
      name: r.name,
      parentCode: r.parentCode,
      districtCode: r.code.slice(0, 6),
      geometry: r.geometry,
      validFrom,
    })),
  );
  if (validTo) await db.query(`UPDATE region SET valid_to = $2 WHERE valid_from = $1`, [validFrom, validTo]);
}

const codesOf = (report: GridQualityReport, check: GridQualityCheck) =>
  report.findings.filter((f) => f.check === check).map((f) => f.codes);

const errorsOf = (report: GridQualityReport) => report.findings.filter((f) => f.severity === 'error');

describe('grid quality checks', () => {
  let t: TestDatabase;
  let service: GridQualityService;
  let repo: GridQualityRepository;
  const base = newSmallCity({ cols: 4, rows: 3, lon0: LON0, lat0: LAT0 }).regions;

  beforeAll(async () => {
    t = await openTestDatabase();
    // Past versions first: only rows in force (valid_to null) must have unique codes.
    for (const f of Object.values(FIXTURES)) await insertLayout(t.db, f.regions(base), f.day, nextDay(f.day));
    await insertLayout(t.db, base, '2026-01-01', null);
    repo = new GridQualityRepository(t.db);
    service = new GridQualityService(
      repo,
      loadConfig({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, { webDir: '/none' }),
    );
  });
  afterAll(async () => t?.dispose());

  it('finds nothing wrong with the valid small city', async () => {
    const report = await service.check({ date: '2026-06-01' });
    expect(report.gridCount).toBe(12);
    expect(report.findings).toEqual([]);
    expect(Object.values(report.countsByCheck)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('1. reports the bow-tie as invalid, at a point inside one of its two triangles', async () => {
    const report = await service.check({ date: FIXTURES.bowTie.day });
    const found = report.findings.filter((f) => f.check === 'invalid-geometry');
    expect(found.map((f) => f.codes)).toEqual([[g(6)]]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toMatch(/Self-intersection/);
    // ST_MakeValid splits the bow-tie at its crossing (the cell centre) into a west and an east triangle.
    const [x0, y0, x1, y1] = cell(6);
    const [mx, my] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const west: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [mx, my],
          [x0, y1],
          [x0, y0],
        ],
      ],
    };
    const east: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [x1, y0],
          [x1, y1],
          [mx, my],
          [x1, y0],
        ],
      ],
    };
    const point = found[0]?.point ?? [0, 0];
    expect(inside(point, west) || inside(point, east)).toBe(true);
  });

  it('2. warns about a 100 m² grid, and the bounds follow the request', async () => {
    const report = await service.check({ date: FIXTURES.tiny.day });
    const found = report.findings.filter((f) => f.check === 'area-out-of-bounds');
    expect(found.map((f) => f.codes)).toEqual([[g(1)]]);
    expect(found[0]?.severity).toBe('warning');
    // 0.000104° × 96,120 m/° (longitude at 30.3° N) ≈ 10.0 m; 0.00009° × 110,860 m/° ≈ 9.98 m → ≈ 99.7 m².
    expect(found[0]?.areaM2).toBeGreaterThan(99);
    expect(found[0]?.areaM2).toBeLessThan(100.5);
    const [x0, y0] = cell(1);
    expect(inside(found[0]?.point ?? [0, 0], box([x0, y0, x0 + D_LON / 10, y0 + D_LAT / 10]))).toBe(true);

    // A minimum of 50 m² accepts it; a maximum of 5,000 m² flags the eleven ≈10,000 m² grids instead.
    const relaxed = await service.check({
      date: FIXTURES.tiny.day,
      params: { minAreaM2: 50, maxAreaM2: 5_000 },
    });
    expect(codesOf(relaxed, 'area-out-of-bounds')).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((s) => [g(s)]),
    );
  });

  it('3. reports the overlapping pair with the overlap area, at a point inside the overlap', async () => {
    const report = await service.check({ date: FIXTURES.overlap.day });
    const found = report.findings.filter((f) => f.check === 'overlap');
    expect(found.map((f) => f.codes)).toEqual([[g(1), g(2)]]);
    // Half a grid: 0.00052° × 96,120 m/° ≈ 49.98 m by 0.0009° × 110,860 m/° ≈ 99.77 m → ≈ 4,987 m².
    expect(found[0]?.areaM2).toBeGreaterThan(4_950);
    expect(found[0]?.areaM2).toBeLessThan(5_020);
    const [, y0, x1, y1] = cell(1);
    expect(inside(found[0]?.point ?? [0, 0], box([x1 - D_LON / 2, y0, x1, y1]))).toBe(true);
    // A tolerance above the overlap silences it.
    const tolerant = await service.check({
      date: FIXTURES.overlap.day,
      params: { overlapToleranceM2: 6_000 },
    });
    expect(codesOf(tolerant, 'overlap')).toEqual([]);
  });

  it('4. reports the hole left by a deleted grid against its community, at a point inside the hole', async () => {
    const report = await service.check({ date: FIXTURES.gap.day });
    const found = report.findings.filter((f) => f.check === 'gap');
    expect(found.map((f) => f.codes)).toEqual([[COMMUNITY]]);
    // One whole grid: ≈99.7 m × 99.77 m ≈ 9,950 m².
    expect(found[0]?.areaM2).toBeGreaterThan(9_900);
    expect(found[0]?.areaM2).toBeLessThan(10_000);
    expect(inside(found[0]?.point ?? [0, 0], box(cell(7)))).toBe(true);
    expect(report.gridCount).toBe(11);
  });

  it('5. reports the grid that crosses its community boundary, at a point outside the community', async () => {
    const report = await service.check({ date: FIXTURES.outside.day });
    const found = report.findings.filter((f) => f.check === 'outside-community');
    expect(found.map((f) => f.codes)).toEqual([[g(4), COMMUNITY]]);
    // The eastern half of the shifted grid: ≈4,987 m² (as in 3).
    expect(found[0]?.areaM2).toBeGreaterThan(4_950);
    expect(found[0]?.areaM2).toBeLessThan(5_020);
    const [, y0, x1, y1] = cell(4);
    expect(inside(found[0]?.point ?? [0, 0], box([x1, y0, x1 + D_LON / 2, y1]))).toBe(true);
    // The western half it left behind is a gap of the community.
    expect(codesOf(report, 'gap')).toEqual([[COMMUNITY]]);
  });

  it('6. reports a code duplicated within a staged batch, laid over the current layout', async () => {
    const batchId = randomUUID();
    // The batch redraws grid 3 and, by mistake, also gives grid 5's replacement the code of grid 3.
    await repo.stageRegions(batchId, [
      {
        level: 'grid',
        code: g(3),
        codeScheme: 'gbt30428-15',
        name: '第3网格',
        parentCode: COMMUNITY,
        geometry: box(cell(3)),
        lineNo: 2,
      },
      {
        level: 'grid',
        code: g(3),
        codeScheme: 'gbt30428-15',
        name: '第5网格',
        parentCode: COMMUNITY,
        geometry: box(cell(5)),
        lineNo: 3,
      },
    ]);
    const report = await service.check({ date: '2026-06-01', stagingBatchId: batchId });
    const found = report.findings.filter((f) => f.check === 'duplicate-code');
    expect(found.map((f) => [f.codes, f.params.count])).toEqual([[[g(3)], 2]]);
    const point = found[0]?.point ?? [0, 0];
    expect(inside(point, box(cell(3))) || inside(point, box(cell(5)))).toBe(true);
    // 12 current grids with grid 3 replaced by the two staged rows.
    expect(report.gridCount).toBe(13);
    // The live layout itself is untouched and clean.
    expect((await service.check({ date: '2026-06-01' })).findings).toEqual([]);
  });

  it('refuses a staging batch id that is not a UUID, before touching the database', async () => {
    await expect(service.check({ stagingBatchId: 'batch-1' })).rejects.toMatchObject({
      code: 'GRID_QUALITY.PARAMS_INVALID',
      details: [{ field: 'stagingBatchId', message: 'must be a UUID' }],
    });
  });

  it('7. reports a grid with a foreign prefix and one whose community does not exist', async () => {
    const report = await service.check({ date: FIXTURES.codes.day });
    const found = report.findings.filter((f) => f.check === 'code-parent-mismatch');
    expect(found.map((f) => [f.codes, f.params.problem])).toEqual([
      [['330105001002010', COMMUNITY], 'prefix-mismatch'],
      [['330105001009011', '330105001009'], 'parent-missing'],
    ]);
    expect(inside(found[0]?.point ?? [0, 0], box(cell(10)))).toBe(true);
    expect(inside(found[1]?.point ?? [0, 0], box(cell(11)))).toBe(true);
  });

  it('8. warns that two swapped sequence numbers break west→east order', async () => {
    const report = await service.check({ date: FIXTURES.swapped.day });
    const found = report.findings.filter((f) => f.check === 'sequence-order');
    // By number: 1, 2 (third cell), 3 (second cell), 4… ; by position: cell 1, cell 2, cell 3.
    // Ranks 2 and 3 differ, so both codes are listed, number order first.
    expect(found.map((f) => f.codes)).toEqual([[g(2), g(3)]]);
    expect(found[0]?.severity).toBe('warning');
    // The point lies in grid 2, which now sits in the third cell.
    expect(inside(found[0]?.point ?? [0, 0], box(cell(3)))).toBe(true);
    expect(errorsOf(report)).toEqual([]);
  });

  it('filters by level: only community findings for level=community', async () => {
    const report = await service.check({ date: FIXTURES.outside.day, level: 'community' });
    expect(report.findings.map((f) => f.check)).toEqual(['gap']);
    expect(report.level).toBe('community');
  });

  it.runIf(Boolean(process.env.GRID_QUALITY_DEMO))(
    'runs on a generated demo city with zero findings (bench)',
    async () => {
      const dataset = readDemoDataset(process.env.GRID_QUALITY_DEMO ?? '');
      // The demo city replaces the small city from 2027 (same district, so its codes collide).
      await t.db.query(`UPDATE region SET valid_to = '2027-01-01' WHERE valid_to IS NULL`);
      await insertLayout(t.db, dataset.regions, '2027-01-01', null);
      const started = performance.now();
      const report = await service.check({ date: '2027-06-01' });
      const ms = Math.round(performance.now() - started);
      process.stdout.write(
        `grid quality on ${report.gridCount} grids (${t.databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${ms} ms; ` +
          `counts ${JSON.stringify(report.countsByCheck)}\n`,
      );
      // The generator draws a seamless, correctly numbered layout: no error and no warning either.
      expect(report.findings).toEqual([]);
    },
  );
});

describe('GET /api/v1/regions/quality', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ as: 'admin' });
    const regions = newSmallCity().regions;
    await insertLayout(app.db, regions, '2026-01-01', null);
  });
  afterAll(async () => app?.close());

  it('answers the report for the layout in force on the date', async () => {
    const res = await app.request({ url: '/api/v1/regions/quality?date=2026-06-01&minAreaM2=1000' });
    expect(res.statusCode).toBe(200);
    const body = res.json<GridQualityReport>();
    expect(body.gridCount).toBe(12);
    expect(body.findings).toEqual([]);
    expect(body.params.minAreaM2).toBe(1000);
    expect(body.params.maxAreaM2).toBe(50_000);
    expect(body.date).toBe('2026-06-01');
  });

  it('refuses a minimum area above the maximum with 400 GRID_QUALITY.PARAMS_INVALID', async () => {
    const res = await app.request({ url: '/api/v1/regions/quality?minAreaM2=60000' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.code).toBe('GRID_QUALITY.PARAMS_INVALID');
    expect(body.details?.map((d) => d.field)).toEqual(['minAreaM2']);
  });

  it('refuses an unknown level and a negative tolerance with a validation error', async () => {
    const res = await app.request({ url: '/api/v1/regions/quality?level=city&gapToleranceM2=-1' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(body.details?.map((d) => d.field).sort()).toEqual(['gapToleranceM2', 'level']);
  });
});
