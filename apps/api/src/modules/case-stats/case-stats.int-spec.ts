import type {
  CaseStatsByGrid,
  CaseStatsDrilldown,
  CaseStatsMonthly,
  CaseStatsPoints,
  CaseStatsSummary,
  CreateCaseResponse,
  ErrorResponse,
} from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCentre } from '../../../test/component-factories';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { seedClassesIfEmpty } from '../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';

const city = newSmallCity({ cols: 4, rows: 3 });
const PERIOD = 'from=2026-01-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00';

describe('case statistics API', () => {
  let t: TestApp;
  const ids: string[] = [];
  const grids: string[] = [];

  const newCase = async (gridIndex: number, classCode: string): Promise<string> => {
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as: 'operator',
      payload: {
        source: 'hotline_12345',
        kind: 'event',
        classCode,
        description: '统计',
        position: gridCentre(city, gridIndex),
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json<CreateCaseResponse>().case;
    grids.push(created.gridCode ?? '');
    return created.id;
  };
  const set = (id: string, sql: string, params: unknown[] = []) =>
    t.db.query(`UPDATE case_file SET ${sql} WHERE id = $1`, [id, ...params]);
  const close = (id: string, at: string, onTime: boolean) =>
    t.db.query(
      `INSERT INTO case_flow (case_id, district_code, seq, action, from_state, to_state, actor_role, disposal_on_time, occurred_at)
       SELECT $1, district_code, (SELECT coalesce(max(seq), 0) + 1 FROM case_flow WHERE case_id = $1), 'close', 'TO_CLOSE',
              'CLOSED', 'shift_leader', $2, $3
         FROM case_file WHERE id = $1`,
      [id, onTime, at],
    );
  const get = async <T>(path: string): Promise<T> => {
    const r = await t.request({ url: `/api/v1/cases/stats/${path}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<T>();
  };

  beforeAll(async () => {
    t = await startTestApp({ as: 'leader' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    // Four cases: a, b, c in grids 1, 1, 6 (class 0102, 0102, 0201) in the period; d before it.
    ids.push(
      await newCase(1, '0102'),
      await newCase(1, '0102'),
      await newCase(6, '0201'),
      await newCase(6, '0102'),
    );
    const [a, b, c, d] = ids as [string, string, string, string];
    // 2026-01-31T17:00Z is 1 February 01:00 in Shanghai: February in the city's months.
    await set(a, `reported_at = '2026-01-31T17:00:00Z', filed_at = '2026-02-01T02:00:00Z'`);
    await set(b, `reported_at = '2026-02-10T02:00:00Z', filed_at = '2026-02-10T03:00:00Z'`);
    await set(c, `reported_at = '2026-03-05T02:00:00Z', filed_at = '2026-03-05T04:00:00Z'`);
    await set(d, `reported_at = '2025-12-20T02:00:00Z'`);
    await close(a, '2026-02-05T02:00:00Z', true);
    await close(c, '2026-03-20T02:00:00Z', false);
    await set(
      a,
      `state = 'CLOSED', closed_at = '2026-02-05T02:00:00Z', stage_deadline = NULL, disposal_deadline = NULL`,
    );
    await set(
      c,
      `state = 'CLOSED', closed_at = '2026-03-20T02:00:00Z', stage_deadline = NULL, disposal_deadline = NULL`,
    );
    // b is open and past its stage deadline; d is open and on time.
    await set(b, `stage_deadline = now() - interval '1 hour'`);
    await set(d, `stage_deadline = now() + interval '1 day', disposal_deadline = NULL`);
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts the period’s KPIs: reported, filed, closed, closed on time, and overdue/open now', async () => {
    const s = await get<CaseStatsSummary>(`summary?${PERIOD}`);
    // reported a, b, c (d is before the period); filed a, b, c; closed a (on time) and c (late).
    expect(s).toMatchObject({ reported: 3, filed: 3, closed: 2, closedOnTime: 1, overdueNow: 1, openNow: 2 });
    expect(s.from).toBe('2025-12-31T16:00:00.000Z');
  });

  it('filters by class prefix and by area', async () => {
    // Major class 02 holds only c.
    expect(await get<CaseStatsSummary>(`summary?${PERIOD}&classCode=02`)).toMatchObject({
      reported: 1,
      closed: 1,
    });
    const grid0 = grids[0] ?? '';
    expect(await get<CaseStatsSummary>(`summary?${PERIOD}&regionCode=${grid0}`)).toMatchObject({
      reported: 2,
      filed: 2,
    });
  });

  it('counts reported cases per grid for the choropleth', async () => {
    const { items } = await get<CaseStatsByGrid>(`by-grid?${PERIOD}`);
    const expected = [
      { gridCode: grids[0], count: 2 },
      { gridCode: grids[2], count: 1 },
    ].sort((x, y) => String(x.gridCode).localeCompare(String(y.gridCode)));
    expect(items).toEqual(expected);
  });

  it('groups by month of the city’s time zone', async () => {
    const { items } = await get<CaseStatsMonthly>(`monthly?${PERIOD}`);
    expect(items).toEqual([
      // a (1 Feb local) and b reported and filed in February; a closed on time there.
      { month: '2026-02', reported: 2, filed: 2, closed: 1, closedOnTime: 1 },
      { month: '2026-03', reported: 1, filed: 1, closed: 1, closedOnTime: 0 },
    ]);
  });

  it('gives the positions of the period’s cases', async () => {
    const p = await get<CaseStatsPoints>(`points?${PERIOD}`);
    expect({ total: p.total, truncated: p.truncated, n: p.points.length }).toEqual({
      total: 3,
      truncated: false,
      n: 3,
    });
    const [lon, lat] = gridCentre(city, 6);
    expect(p.points).toContainEqual([Number(lon.toFixed(6)), Number(lat.toFixed(6))]);
  });

  it('drills down to the cases behind a number', async () => {
    const onTime = await get<CaseStatsDrilldown>(`drilldown?${PERIOD}&measure=closedOnTime`);
    expect(onTime.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(onTime.items[0]?.at).toBe('2026-02-05T02:00:00.000Z');
    const overdue = await get<CaseStatsDrilldown>(`drilldown?${PERIOD}&measure=overdueNow`);
    expect({ total: overdue.total, ids: overdue.items.map((r) => r.id) }).toEqual({
      total: 1,
      ids: [ids[1]],
    });
    const reported = await get<CaseStatsDrilldown>(`drilldown?${PERIOD}&measure=reported`);
    // Newest report first: c (March), b, a.
    expect(reported.items.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('lists the district, streets and communities for the area picker', async () => {
    const areas = await get<{ code: string; level: string }[]>('areas');
    expect(areas[0]).toMatchObject({ code: '330105', level: 'district' });
    expect(areas.some((a) => a.level === 'community')).toBe(true);
    expect(areas.some((a) => a.level === 'grid')).toBe(false);
  });

  it('refuses an empty period, and callers outside the centre and leaders', async () => {
    const bad = await t.request({
      url: '/api/v1/cases/stats/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    });
    expect({ status: bad.statusCode, code: bad.json<ErrorResponse>().code }).toEqual({
      status: 400,
      code: 'CASE_STATS.INVALID_PERIOD',
    });
    const inspector = await t.request({ url: `/api/v1/cases/stats/summary?${PERIOD}`, as: 'inspector' });
    expect(inspector.statusCode).toBe(403);
    const dept = await t.request({ url: `/api/v1/cases/stats/by-grid?${PERIOD}`, as: 'department' });
    expect(dept.statusCode).toBe(403);
  });
});
