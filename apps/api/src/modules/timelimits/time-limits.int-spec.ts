import type { ErrorResponse } from '@urbangrid/contracts';
import type { FilingStandard, ResolvedFilingStandard, StageLimit } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDepartment } from '../../../test/auth-helpers';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { todayIn } from '../regions/regions.service';
import { seedTimeLimitsIfEmpty } from './time-limits-seed';
import type { CalendarView, DeadlineAnswer, SettingsView } from './time-limits.service';
import { TimeLimitsService } from './time-limits.service';

/** The default seed: 2026 has 33 holiday dates and 6 调休 working days; 2027 (provisional) 13 holiday dates. */
const SEEDED_DAYS_2026 = 39;
const SEEDED_DAYS = 39 + 13;

describe('time-limits API', () => {
  let t: TestApp;
  const expectError = async (pending: ReturnType<TestApp['request']>, status: number, code: string) => {
    const res = await pending;
    const body = res.json<ErrorResponse>();
    expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
    return body;
  };
  const deadline = async (query: string) => {
    const res = await t.request({ url: `/api/v1/time-limits/deadline?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DeadlineAnswer>();
  };

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('seeding', () => {
    it('fills the empty tables at start from the seed files', async () => {
      const [counts] = await t.db.query<Record<string, string | number>>(`
        SELECT (SELECT count(*) FROM work_calendar) AS calendars, (SELECT count(*) FROM calendar_day) AS days,
               (SELECT count(*) FROM stage_limit) AS stage_limits, (SELECT count(*) FROM filing_standard) AS standards,
               (SELECT count(*) FROM time_limit_settings) AS settings`);
      expect(Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)]))).toEqual({
        calendars: 1,
        days: SEEDED_DAYS,
        stage_limits: 10,
        standards: 26,
        settings: 1,
      });
    });

    it('leaves tables that hold rows alone (a city’s edits survive restarts)', async () => {
      await t.db.query(`UPDATE stage_limit SET value = 20 WHERE stage = 'file' AND urgency = 'normal'`);
      expect(await seedTimeLimitsIfEmpty(t.db)).toEqual({
        calendar: false,
        calendarDays: 0,
        settings: false,
        stageLimits: 0,
        filingStandards: 0,
      });
      const [row] = await t.db.query<{ value: string }>(
        `SELECT value FROM stage_limit WHERE stage = 'file' AND urgency = 'normal'`,
      );
      expect(Number(row?.value)).toBe(20);
      await t.db.query(`UPDATE stage_limit SET value = 15 WHERE stage = 'file' AND urgency = 'normal'`);
    });
  });

  describe('deadline', () => {
    it('walks the working windows: Fri 16:30 + 5 working hours = 60 + 210 + 30 → Mon 14:00', async () => {
      const a = await deadline('start=2026-11-27T16:30:00%2B08:00&value=5&unit=working_hour');
      expect(a).toMatchObject({
        deadline: '2026-11-30T06:00:00.000Z',
        localDeadline: '2026-11-30 14:00',
        duration: { value: 5, unit: 'working_hour', basis: 'working' },
        calendar: 'default',
        timeZone: 'Asia/Shanghai',
      });
    });

    it('skips the seeded National Day: Wed 09-30 16:00 + 1 working day = 90 + 210 + 150 → Thu 10-08 16:00', async () => {
      expect((await deadline('start=2026-09-30T08:00:00Z&value=1&unit=working_day')).localDeadline).toBe(
        '2026-10-08 16:00',
      );
    });

    it('adds natural time as is', async () => {
      expect((await deadline('start=2026-11-27T16:30:00%2B08:00&value=2&unit=hour')).deadline).toBe(
        '2026-11-27T10:30:00.000Z',
      );
    });

    it('refuses bad input with 4xx codes', async () => {
      const url = (q: string) => t.request({ url: `/api/v1/time-limits/deadline?${q}` });
      await expectError(
        url('start=2026-11-27T16:30:00&value=5&unit=working_hour'),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        url('start=2026-11-27T08:30:00Z&value=-1&unit=hour'),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        url('start=2026-11-27T08:30:00Z&value=1&unit=fortnight'),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        url('start=2026-11-27T08:30:00Z&value=1&unit=working_hour&basis=natural'),
        422,
        'TIMELIMIT.DURATION_INVALID',
      );
      await expectError(
        url('start=2026-11-27T08:30:00Z&value=1&unit=hour&calendar=nowhere'),
        404,
        'TIMELIMIT.CALENDAR_NOT_FOUND',
      );
    });
  });

  describe('calendar', () => {
    it('answers the city calendar with the days of a year', async () => {
      const res = await t.request({ url: '/api/v1/time-limits/calendar?year=2026' });
      expect(res.statusCode).toBe(200);
      const cal = res.json<CalendarView>();
      expect(cal).toMatchObject({
        code: 'default',
        timeZone: 'Asia/Shanghai',
        weekdays: [1, 2, 3, 4, 5],
        districtCode: null,
        departmentId: null,
      });
      expect(cal.windows).toEqual([
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]);
      expect(cal.days).toHaveLength(SEEDED_DAYS_2026);
      expect(cal.days).toContainEqual({ date: '2026-02-28', kind: 'adjusted_workday', name: '春节调休上班' });
    });

    it('imports a year’s arrangement, replacing that year only', async () => {
      const days = [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
        { date: '2027-01-09', kind: 'adjusted_workday', name: '元旦调休上班' },
      ];
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/time-limits/calendar/holidays',
        payload: { year: 2027, source: 'test arrangement', days },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        calendar: 'default',
        year: 2027,
        provisional: false,
        source: 'test arrangement',
        holidays: 3,
        adjustedWorkdays: 1,
      });
      const cal = (await t.request({ url: '/api/v1/time-limits/calendar?year=2027' })).json<CalendarView>();
      expect(cal.days).toEqual(days);
      expect(
        (await t.request({ url: '/api/v1/time-limits/calendar?year=2026' })).json<CalendarView>().days,
      ).toHaveLength(SEEDED_DAYS_2026);
      // Sat 2027-01-09 is now a working day: Fri 01-08 17:00 + 1 working hour → Sat 09:00.
      expect((await deadline('start=2027-01-08T09:00:00Z&value=1&unit=working_hour')).localDeadline).toBe(
        '2027-01-09 09:00',
      );
    });

    it('refuses a bad arrangement and writes nothing', async () => {
      const before = await t.db.query('SELECT * FROM calendar_day ORDER BY date');
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/calendar/holidays',
          payload: { year: 2027, days: [{ date: '2026-12-31', kind: 'holiday', name: 'x' }] },
        }),
        422,
        'TIMELIMIT.HOLIDAYS_INVALID',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/calendar/holidays',
          payload: { year: 2027, days: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }] },
        }),
        422,
        'TIMELIMIT.HOLIDAYS_INVALID',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/calendar/holidays',
          payload: { year: 2027, days: [{ date: '2027-01-01', kind: 'vacation', name: 'x' }] },
        }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/calendar/holidays?code=nowhere',
          payload: { year: 2027, days: [] },
        }),
        404,
        'TIMELIMIT.CALENDAR_NOT_FOUND',
      );
      expect(await t.db.query('SELECT * FROM calendar_day ORDER BY date')).toEqual(before);
    });

    it('changes the windows, and the deadlines follow', async () => {
      const body = {
        name: '默认工作日历',
        timeZone: 'Asia/Shanghai',
        windows: [
          { start: '09:00', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
        weekdays: [1, 2, 3, 4, 5],
      };
      const res = await t.request({ method: 'PUT', url: '/api/v1/time-limits/calendar', payload: body });
      expect(res.statusCode, res.body).toBe(200);
      // Mon 11-30 08:00 + 4 working hours: 09:00–12:00 = 180, 14:00 + 60 → 15:00.
      expect((await deadline('start=2026-11-30T00:00:00Z&value=4&unit=working_hour')).localDeadline).toBe(
        '2026-11-30 15:00',
      );
      await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/calendar',
        payload: {
          ...body,
          windows: [
            { start: '08:30', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
        },
      });
      expect((await deadline('start=2026-11-30T00:00:00Z&value=4&unit=working_hour')).localDeadline).toBe(
        '2026-11-30 14:00',
      );
    });

    it('refuses bad calendars with stable codes', async () => {
      const put = (payload: object) =>
        t.request({ method: 'PUT', url: '/api/v1/time-limits/calendar', payload });
      const ok = {
        name: 'x',
        timeZone: 'Asia/Shanghai',
        windows: [{ start: '08:30', end: '12:00' }],
        weekdays: [1, 2, 3, 4, 5],
      };
      await expectError(
        put({ ...ok, windows: [{ start: '12:00', end: '08:30' }] }),
        422,
        'TIMELIMIT.CALENDAR_INVALID',
      );
      await expectError(put({ ...ok, timeZone: 'Mars/Olympus' }), 422, 'TIMELIMIT.TIME_ZONE_INVALID');
      await expectError(put({ ...ok, weekdays: [8] }), 400, 'REQUEST.VALIDATION_FAILED');
      await expectError(put({ ...ok, districtCode: '330106' }), 422, 'TIMELIMIT.CALENDAR_INVALID');
    });

    it('serves a district calendar and a department calendar through loadContext', async () => {
      const service = t.app.get(TimeLimitsService);
      const district = await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/calendar?code=xihu',
        payload: {
          name: '西湖区日历',
          timeZone: 'Asia/Shanghai',
          windows: [{ start: '09:00', end: '17:00' }],
          weekdays: [1, 2, 3, 4, 5, 6],
          districtCode: '330106',
        },
      });
      expect(district.statusCode, district.body).toBe(200);
      expect((await service.loadContext('330106')).calendar.code).toBe('xihu');
      expect((await service.loadContext('330105')).calendar.code).toBe('default');
      // Saturday works in that district: Sat 11-28 09:00 + 2 h → 11:00.
      expect(
        (await deadline('start=2026-11-28T01:00:00Z&value=2&unit=working_hour&districtCode=330106'))
          .localDeadline,
      ).toBe('2026-11-28 11:00');
      await expectError(
        t.request({
          method: 'PUT',
          url: '/api/v1/time-limits/calendar?code=xihu2',
          payload: {
            name: 'dup',
            timeZone: 'Asia/Shanghai',
            windows: [{ start: '09:00', end: '17:00' }],
            weekdays: [1],
            districtCode: '330106',
          },
        }),
        409,
        'TIMELIMIT.CALENDAR_SCOPE_TAKEN',
      );
      const departmentId = await ensureDepartment(t, 'TL-ROADS');
      const dept = await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/calendar?code=roads',
        payload: {
          name: '道路养护',
          timeZone: 'Asia/Shanghai',
          windows: [{ start: '00:00', end: '24:00' }],
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          departmentId,
        },
      });
      expect(dept.statusCode, dept.body).toBe(200);
      expect((await service.loadContext('330106', departmentId)).calendar.code).toBe('roads');
      const list = await t.request({ url: '/api/v1/time-limits/calendars' });
      expect(list.json<{ items: { code: string }[] }>().items.map((c) => c.code)).toEqual([
        'default',
        'roads',
        'xihu',
      ]);
    });
  });

  describe('filing standards', () => {
    it('lists the current seeded standards and filters them', async () => {
      const all = (await t.request({ url: '/api/v1/time-limits/filing-standards' })).json<{
        items: FilingStandard[];
      }>().items;
      expect(all).toHaveLength(26);
      const lamp = (
        await t.request({ url: '/api/v1/time-limits/filing-standards?kind=component&smallClassCode=0118' })
      ).json<{ items: FilingStandard[] }>().items;
      expect(lamp).toEqual([
        expect.objectContaining({
          kind: 'component',
          smallClassCode: '0118',
          version: 1,
          validFrom: '2000-01-01',
          validTo: null,
          disposalLimit: { milestones: [{ name: '处置', value: 1, unit: 'working_day', basis: 'working' }] },
        }),
      ]);
    });

    it('resolves exact area → default area → kind default', async () => {
      const resolve = async (q: string) =>
        (await t.request({ url: `/api/v1/time-limits/filing-standards/resolve?${q}` })).json<{
          resolved: ResolvedFilingStandard;
        }>().resolved;
      const urban = await resolve('kind=component&smallClassCode=0102&areaClass=urban&at=2026-11-30');
      expect(urban.matchedBy).toBe('exact_area');
      expect(urban.standard.disposalLimit.milestones.at(-1)).toEqual({
        name: '处置',
        value: 2,
        unit: 'hour',
        basis: 'natural',
      });
      expect(
        (await resolve('kind=component&smallClassCode=0102&areaClass=fringe&at=2026-11-30')).matchedBy,
      ).toBe('default_area');
      const other = await resolve('kind=event&smallClassCode=0201&at=2026-11-30');
      expect(other).toMatchObject({
        matchedBy: 'kind_default',
        standard: { smallClassCode: null, conditionCode: 'DEFAULT' },
      });
    });

    it('adds a line, refuses a second current row of it', async () => {
      const payload = {
        kind: 'event',
        smallClassCode: '0201',
        areaClass: 'core',
        conditionCode: '020101',
        conditionText: '主干道乱张贴',
        closeConditionText: '已清除',
        disposalLimit: { milestones: [{ name: '处置', value: 4, unit: 'working_hour', basis: 'working' }] },
        responsibleUnitRule: 'territorial',
      };
      const res = await t.request({ method: 'POST', url: '/api/v1/time-limits/filing-standards', payload });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<FilingStandard>()).toMatchObject({
        ...payload,
        profileId: 'default',
        version: 1,
        urgency: 'normal',
        validFrom: todayIn(t.config.timeZone),
        validTo: null,
        responsibleDepartmentCode: null,
      });
      await expectError(
        t.request({ method: 'POST', url: '/api/v1/time-limits/filing-standards', payload }),
        409,
        'TIMELIMIT.FILING_STANDARD_EXISTS',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/filing-standards',
          payload: {
            ...payload,
            conditionCode: '020102',
            disposalLimit: { milestones: [{ name: 'x', value: 1, unit: 'working_day', basis: 'natural' }] },
          },
        }),
        422,
        'TIMELIMIT.FILING_STANDARD_INVALID',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/filing-standards',
          payload: { ...payload, conditionCode: '020103', responsibleUnitRule: 'fixed_department' },
        }),
        422,
        'TIMELIMIT.FILING_STANDARD_INVALID',
      );
      await expectError(
        t.request({
          method: 'POST',
          url: '/api/v1/time-limits/filing-standards',
          payload: { ...payload, smallClassCode: '12' },
        }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
    });

    it('changes a standard by a new version that retires the old one', async () => {
      const [road] = (
        await t.request({ url: '/api/v1/time-limits/filing-standards?kind=event&smallClassCode=0104' })
      ).json<{ items: FilingStandard[] }>().items;
      if (!road) throw new Error('seeded 0104 missing');
      const today = todayIn(t.config.timeZone);
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/time-limits/filing-standards/${road.id}`,
        payload: {
          disposalLimit: { milestones: [{ name: '处置', value: 4, unit: 'working_hour', basis: 'working' }] },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const v2 = res.json<FilingStandard>();
      expect(v2).toMatchObject({
        version: 2,
        validFrom: today,
        validTo: null,
        conditionCode: road.conditionCode,
        conditionText: road.conditionText,
      });
      expect(v2.id).not.toBe(road.id);
      const history = (
        await t.request({
          url: '/api/v1/time-limits/filing-standards?kind=event&smallClassCode=0104&includeRetired=true',
        })
      ).json<{ items: FilingStandard[] }>().items;
      expect(history.map((h) => [h.version, h.validFrom, h.validTo])).toEqual([
        [1, '2000-01-01', today],
        [2, today, null],
      ]);
      // A date before today still finds the old version.
      const before = (
        await t.request({
          url: '/api/v1/time-limits/filing-standards?kind=event&smallClassCode=0104&at=2026-01-05',
        })
      ).json<{ items: FilingStandard[] }>().items;
      expect(before.map((h) => h.version)).toEqual([1]);
      await expectError(
        t.request({
          method: 'PATCH',
          url: `/api/v1/time-limits/filing-standards/${road.id}`,
          payload: { conditionText: 'x' },
        }),
        409,
        'TIMELIMIT.FILING_STANDARD_RETIRED',
      );
      await expectError(
        t.request({
          method: 'PATCH',
          url: `/api/v1/time-limits/filing-standards/${v2.id}`,
          payload: { conditionText: 'x' },
        }),
        422,
        'TIMELIMIT.VALID_FROM_INVALID',
      );
      await expectError(
        t.request({ method: 'PATCH', url: `/api/v1/time-limits/filing-standards/${v2.id}`, payload: {} }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        t.request({ url: '/api/v1/time-limits/filing-standards/00000000-0000-4000-8000-000000000000' }),
        404,
        'TIMELIMIT.FILING_STANDARD_NOT_FOUND',
      );
    });

    it('refuses writes from roles other than admin', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/time-limits/filing-standards',
        payload: {},
        as: 'dispatcher',
      });
      expect(res.statusCode).toBe(403);
      expect(
        (await t.request({ url: '/api/v1/time-limits/stage-limits', as: 'dispatcher' })).statusCode,
      ).toBe(200);
    });
  });

  describe('stage limits and settings', () => {
    it('answers and replaces the stage limits', async () => {
      const items = (await t.request({ url: '/api/v1/time-limits/stage-limits' })).json<{
        items: StageLimit[];
      }>().items;
      expect(items).toHaveLength(10);
      expect(items[0]).toEqual({
        stage: 'accept',
        urgency: 'normal',
        value: 10,
        unit: 'minute',
        basis: 'natural',
      });
      const next = [
        ...items.filter((l) => l.stage !== 'close'),
        { stage: 'close', urgency: 'normal', value: 2, unit: 'working_hour', basis: 'working' },
      ];
      const res = await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/stage-limits',
        payload: { items: next },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: StageLimit[] }>().items).toContainEqual({
        stage: 'close',
        urgency: 'normal',
        value: 2,
        unit: 'working_hour',
        basis: 'working',
      });
      const service = t.app.get(TimeLimitsService);
      expect((await service.loadContext()).stageLimits).toContainEqual({
        stage: 'close',
        urgency: 'normal',
        value: 2,
        unit: 'working_hour',
        basis: 'working',
      });
      await expectError(
        t.request({
          method: 'PUT',
          url: '/api/v1/time-limits/stage-limits',
          payload: { items: [next[0], next[0]] },
        }),
        422,
        'TIMELIMIT.STAGE_LIMIT_INVALID',
      );
      await expectError(
        t.request({
          method: 'PUT',
          url: '/api/v1/time-limits/stage-limits',
          payload: {
            items: [{ stage: 'dispose', urgency: 'normal', value: 1, unit: 'hour', basis: 'natural' }],
          },
        }),
        422,
        'TIMELIMIT.STAGE_LIMIT_INVALID',
      );
    });

    it('answers and changes the settings; a district may have its own', async () => {
      const city = (await t.request({ url: '/api/v1/time-limits/settings' })).json<SettingsView>();
      expect(city).toEqual({
        scope: 'city',
        yellowThreshold: 0.8,
        workingDayMode: 'window_length',
        workingDayMinutes: null,
        reworkClock: 'restart',
        returnClock: 'restart',
        resumeClock: 'continue',
        clockRunsWhilePending: true,
        filingProfileId: 'default',
      });
      const service = t.app.get(TimeLimitsService);
      const cached = service.loadContext('330105');
      expect(service.loadContext('330105')).toBe(cached);
      const res = await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/settings',
        payload: { workingDayMode: 'same_clock_next_working_day', yellowThreshold: 0.9 },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<SettingsView>()).toMatchObject({
        scope: 'city',
        workingDayMode: 'same_clock_next_working_day',
        yellowThreshold: 0.9,
        reworkClock: 'restart',
      });
      // The write dropped the cache; the new context carries the new settings.
      expect(service.loadContext('330105')).not.toBe(cached);
      expect((await service.loadContext('330105')).settings.yellowThreshold).toBe(0.9);
      // Same clock: Fri 11-27 10:00 + 2 working days → Tue 12-01 10:00.
      expect((await deadline('start=2026-11-27T02:00:00Z&value=2&unit=working_day')).localDeadline).toBe(
        '2026-12-01 10:00',
      );
      const district = await t.request({
        method: 'PUT',
        url: '/api/v1/time-limits/settings?districtCode=330106',
        payload: { reworkClock: 'keep' },
      });
      expect(district.json<SettingsView>()).toMatchObject({
        scope: '330106',
        reworkClock: 'keep',
        yellowThreshold: 0.9,
      });
      expect((await service.loadContext('330106')).settings.reworkClock).toBe('keep');
      expect((await service.loadContext('330105')).settings.reworkClock).toBe('restart');
      await expectError(
        t.request({ method: 'PUT', url: '/api/v1/time-limits/settings', payload: { yellowThreshold: 2 } }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      await expectError(
        t.request({
          method: 'PUT',
          url: '/api/v1/time-limits/settings',
          payload: { reworkClock: 'sometimes' },
        }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
    });
  });
});
