import type { ClassificationDto, ClassificationTreeNode, ErrorResponse } from '@urbangrid/contracts';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { todayIn } from '../regions/regions.service';
import { CLASS_SEED_DIR, seedClassesIfEmpty } from './classes-seed';

/**
 * The national rows of a seed file, counted straight from the CSV (no quoted fields in these
 * files, so a plain split is enough): big-class rows (empty small_code) plus small classes with a
 * national name (an empty small_name is a Beijing-only code, spec 01 §2.6).
 */
function nationalRows(file: string): { code: string; name: string; bigCode: string }[] {
  const [, ...lines] = readFileSync(join(CLASS_SEED_DIR, file), 'utf8').trim().split(/\r?\n/);
  return lines
    .map((l) => l.split(','))
    .filter(([, , , small, smallName]) => small === '' || smallName !== '')
    .map(([, big, bigName, small, smallName]) => ({
      code: small === '' ? big : small,
      name: small === '' ? bigName : smallName,
      bigCode: big,
    }));
}

const componentRows = nationalRows('component-classes.csv');
const eventRows = nationalRows('event-classes.csv');

describe('classes API', () => {
  let t: TestApp;
  const snapshot = async () =>
    JSON.stringify(await t.db.query('SELECT * FROM classification ORDER BY kind, code, valid_from'));
  const post = (payload: unknown) => t.request({ method: 'POST', url: '/api/v1/classes', payload });
  const expectError = async (pending: ReturnType<TestApp['request']>, status: number, code: string) => {
    const res = await pending;
    const body = res.json<ErrorResponse>();
    expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
    expect(body.statusCode).toBe(status);
    return body;
  };

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a bad seed file before writing anything, naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urbangrid-class-seed-'));
    try {
      copyFileSync(join(CLASS_SEED_DIR, 'component-classes.csv'), join(dir, 'component-classes.csv'));
      const events = readFileSync(join(CLASS_SEED_DIR, 'event-classes.csv'), 'utf8');
      // Line 4 (header, 01, 0101, 0102) gets a small class outside its big class.
      writeFileSync(
        join(dir, 'event-classes.csv'),
        events.replace('event,01,市容环境,0102,', 'event,01,市容环境,0202,'),
      );
      const err = await seedClassesIfEmpty(t.db, { dir }).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe('CLASS.SEED_MALFORMED');
      expect(err?.message).toMatch(
        /^event-classes\.csv: .*line 4: small class 0202 does not start with its big class 01/,
      );
      expect(await t.db.query('SELECT count(*)::int AS n FROM classification')).toEqual([{ n: 0 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds the national profile into the empty table: as many rows as the CSV has national rows', async () => {
    const result = await seedClassesIfEmpty(t.db);
    expect(result).toEqual({
      seeded: true,
      profile: 'national',
      components: componentRows.length,
      events: eventRows.length,
    });
    const counts = await t.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM classification
       WHERE origin = 'national' AND profile = 'national' AND valid_to IS NULL GROUP BY kind ORDER BY kind`,
    );
    expect(counts).toEqual([
      { kind: 'component', n: componentRows.length },
      { kind: 'event', n: eventRows.length },
    ]);
  });

  it('seeds nothing a second time (the table is not empty)', async () => {
    const before = await snapshot();
    expect((await seedClassesIfEmpty(t.db)).seeded).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('lists every seeded class in code order, big → small, with its national name', async () => {
    const res = await t.request({ url: '/api/v1/classes?kind=component' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: ClassificationDto[] }>().items;
    expect(items.map((c) => [c.code, c.name])).toEqual(
      [...componentRows].sort((a, b) => a.code.localeCompare(b.code)).map((r) => [r.code, r.name]),
    );
    // 0139 exists only in the Beijing variant (empty small_name in the CSV).
    expect(items.find((c) => c.code === '0139')).toBeUndefined();
  });

  it('returns one class with its seed attributes', async () => {
    const res = await t.request({ url: '/api/v1/classes/component/0101' });
    expect(res.json()).toEqual({
      kind: 'component',
      code: '0101',
      codeScheme: 'gbt30428-2',
      level: 'small',
      parentCode: '01',
      name: '上水井盖',
      nameEn: null,
      confidence: 'H',
      origin: 'national',
      profile: 'national',
      validFrom: '2000-01-01',
      validTo: null,
      // Public by default (classes-seed.ts PUBLIC_BY_DEFAULT: citizens report manhole covers).
      isPublic: true,
      // A manhole cover is a point (spec 01 §2.10).
      geometryType: 'point',
    });
    expect(res.json<ClassificationDto>().geometryType).toBe('point');
    const green = await t.request({ url: '/api/v1/classes/component/0405' });
    expect(green.json<ClassificationDto>()).toMatchObject({ name: '绿地', geometryType: 'polygon' });
    const event = await t.request({ url: '/api/v1/classes/event/0102' });
    expect(event.json<ClassificationDto>()).toMatchObject({
      name: '暴露垃圾',
      level: 'small',
      geometryType: null,
    });
  });

  it('nests small classes under their big class in the tree view', async () => {
    const res = await t.request({ url: '/api/v1/classes?kind=event&view=tree' });
    const roots = res.json<{ items: ClassificationTreeNode[] }>().items;
    const bigRows = eventRows.filter((r) => r.code.length === 2);
    expect(roots.map((r) => r.code)).toEqual(bigRows.map((r) => r.code));
    for (const root of roots) {
      const smalls = eventRows
        .filter((r) => r.code.length === 4 && r.bigCode === root.code)
        .map((r) => r.code);
      expect(root.children.map((c) => c.code)).toEqual(smalls);
    }
  });

  it('answers 404 for an unknown class and 400 for a bad kind or code in the path', async () => {
    await expectError(t.request({ url: '/api/v1/classes/component/0199' }), 404, 'CLASS.NOT_FOUND');
    const badKind = await expectError(
      t.request({ url: '/api/v1/classes/thing/0101' }),
      400,
      'REQUEST.VALIDATION_FAILED',
    );
    expect(badKind.details?.map((d) => d.field)).toEqual(['kind']);
    await expectError(t.request({ url: '/api/v1/classes/component/01x' }), 400, 'REQUEST.VALIDATION_FAILED');
    await expectError(
      t.request({ url: '/api/v1/classes?includeRetired=yes' }),
      400,
      'REQUEST.VALIDATION_FAILED',
    );
  });

  describe('creating local classes', () => {
    it('refuses big class 21: the national profile already declares it (扩展部件)', async () => {
      const before = await snapshot();
      await expectError(post({ kind: 'component', code: '21', name: '本地扩展' }), 409, 'CLASS.DUPLICATE');
      expect(await snapshot()).toBe(before);
    });

    it('creates a local big class 22 and a small class 2201 under it', async () => {
      const big = await post({ kind: 'component', code: '22', name: '本地设施', nameEn: 'Local facilities' });
      expect(big.statusCode).toBe(201);
      expect(big.json()).toMatchObject({
        kind: 'component',
        code: '22',
        level: 'big',
        parentCode: null,
        origin: 'local',
        profile: null,
        confidence: null,
        nameEn: 'Local facilities',
        validFrom: todayIn(t.config.timeZone),
      });
      const small = await post({ kind: 'component', code: '2201', name: '蚊虫闸', geometryType: 'point' });
      expect(small.statusCode).toBe(201);
      expect(small.json()).toMatchObject({ level: 'small', parentCode: '22', geometryType: 'point' });
    });

    it('creates a small class inside the seeded extension class 21 (any code there is local)', async () => {
      const res = await post({ kind: 'event', code: '2101', name: '共享单车乱停放', isPublic: true });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        kind: 'event',
        parentCode: '21',
        isPublic: true,
        geometryType: null,
      });
    });

    it('creates a 9x small class 0191 inside national big class 01, and a detail class under 0101', async () => {
      const small = await post({ kind: 'component', code: '0191', parentCode: '01', name: '其他公用设施' });
      expect(small.statusCode).toBe(201);
      expect(small.json()).toMatchObject({ code: '0191', level: 'small', parentCode: '01', origin: 'local' });
      const detail = await post({ kind: 'component', code: '010101', name: '上水井盖（球墨铸铁）' });
      expect(detail.statusCode).toBe(201);
      // A detail class takes the geometry type of its small class: 0101 上水井盖 is a point.
      expect(detail.json()).toMatchObject({ level: 'detail', parentCode: '0101', geometryType: 'point' });
    });

    it.each([
      [{ kind: 'component', code: 'abc', name: 'x' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ kind: 'component', code: '0192' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ kind: 'component', code: '0192', name: '   ' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ kind: 'thing', code: '0192', name: 'x' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ kind: 'component', code: '0192', name: 'x', owner: 'me' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [
        { kind: 'component', code: '0192', name: 'x', validFrom: '2026-02-30' },
        400,
        'REQUEST.VALIDATION_FAILED',
      ],
      [{ kind: 'component', code: '011', name: 'x' }, 422, 'CLASS.CODE_MALFORMED'],
      [{ kind: 'component', code: '0100', name: 'x' }, 422, 'CLASS.CODE_MALFORMED'],
      [{ kind: 'component', code: '07', name: 'x' }, 422, 'CLASS.LOCAL_CODE_RANGE'],
      [{ kind: 'event', code: '06', name: 'x' }, 422, 'CLASS.LOCAL_CODE_RANGE'],
      [{ kind: 'component', code: '0141', name: 'x' }, 422, 'CLASS.LOCAL_CODE_RANGE'],
      [{ kind: 'component', code: '0192', parentCode: '02', name: 'x' }, 422, 'CLASS.PARENT_MISMATCH'],
      [{ kind: 'component', code: '2301', name: 'x' }, 422, 'CLASS.PARENT_NOT_FOUND'],
      [
        { kind: 'component', code: '019101', name: 'x', validFrom: '2020-01-01' },
        422,
        'CLASS.VALID_FROM_BEFORE_PARENT',
      ],
      [{ kind: 'component', code: '23', codeScheme: 'gbt47678-5', name: 'x' }, 422, 'CLASS.SCHEME_MISMATCH'],
      [
        { kind: 'event', code: '0591', name: 'x', geometryType: 'point' },
        422,
        'CLASS.GEOMETRY_NOT_APPLICABLE',
      ],
      [{ kind: 'component', code: '0191', name: '重复' }, 409, 'CLASS.DUPLICATE'],
    ])('refuses %j with %i %s and changes nothing', async (payload, status, code) => {
      const before = await snapshot();
      const body = await expectError(post(payload), status, code);
      expect(body.message).not.toMatch(/SQL|select|insert/i);
      expect(await snapshot()).toBe(before);
    });

    it('lists the field of each validation error', async () => {
      const body = await expectError(
        post({ kind: 'component', code: 'abc' }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect([...new Set(body.details?.map((d) => d.field))].sort()).toEqual(['code', 'name']);
    });
  });

  describe('changing and retiring', () => {
    it('renames, sets the English name and the public flag', async () => {
      const res = await t.request({
        method: 'PATCH',
        url: '/api/v1/classes/event/0102',
        payload: { name: '暴露垃圾（含桶外垃圾）', nameEn: 'Exposed garbage', isPublic: true },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: '暴露垃圾（含桶外垃圾）',
        nameEn: 'Exposed garbage',
        isPublic: true,
        origin: 'national',
      });
      const cleared = await t.request({
        method: 'PATCH',
        url: '/api/v1/classes/event/0102',
        payload: { nameEn: null },
      });
      expect(cleared.json()).toMatchObject({ nameEn: null, isPublic: true });
    });

    it('sets and clears the geometry type of a component class', async () => {
      const set = await t.request({
        method: 'PATCH',
        url: '/api/v1/classes/component/0606',
        payload: { geometryType: 'line' },
      });
      expect(set.json()).toMatchObject({ name: '防洪墙', geometryType: 'line' });
      const cleared = await t.request({
        method: 'PATCH',
        url: '/api/v1/classes/component/0606',
        payload: { geometryType: null },
      });
      expect(cleared.json()).toMatchObject({ geometryType: null });
    });

    it.each([
      ['/api/v1/classes/event/0102', { geometryType: 'point' }, 422, 'CLASS.GEOMETRY_NOT_APPLICABLE'],
      ['/api/v1/classes/event/0102', {}, 400, 'REQUEST.VALIDATION_FAILED'],
      ['/api/v1/classes/event/0102', { name: '' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['/api/v1/classes/event/0102', { code: '0103' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['/api/v1/classes/event/0198', { name: 'x' }, 404, 'CLASS.NOT_FOUND'],
    ])('PATCH %s %j → %i %s, nothing changed', async (url, payload, status, code) => {
      const before = await snapshot();
      await expectError(t.request({ method: 'PATCH', url, payload }), status, code);
      expect(await snapshot()).toBe(before);
    });

    it('refuses to retire a big class that still has current children', async () => {
      const before = await snapshot();
      await expectError(
        t.request({ method: 'POST', url: '/api/v1/classes/component/22/retire' }),
        422,
        'CLASS.HAS_CURRENT_CHILDREN',
      );
      expect(await snapshot()).toBe(before);
    });

    it.each([['1999-12-31'], ['2999-01-01']])(
      'refuses validTo %s outside [validFrom, today]',
      async (validTo) => {
        const before = await snapshot();
        await expectError(
          t.request({
            method: 'POST',
            url: '/api/v1/classes/component/0110/retire',
            payload: { validTo },
          }),
          422,
          'CLASS.RETIRE_DATE_INVALID',
        );
        expect(await snapshot()).toBe(before);
      },
    );

    it('retires a national class: the row stays with validTo, lists hide it unless asked', async () => {
      const res = await t.request({ method: 'POST', url: '/api/v1/classes/component/0110/retire' });
      expect(res.statusCode).toBe(200);
      const today = todayIn(t.config.timeZone);
      expect(res.json()).toMatchObject({
        code: '0110',
        name: '热力井盖',
        origin: 'national',
        validTo: today,
      });
      expect((await t.request({ url: '/api/v1/classes/component/0110' })).json()).toMatchObject({
        validTo: today,
      });
      const current = (await t.request({ url: '/api/v1/classes?kind=component' })).json<{
        items: ClassificationDto[];
      }>();
      expect(current.items.some((c) => c.code === '0110')).toBe(false);
      const all = (await t.request({ url: '/api/v1/classes?kind=component&includeRetired=true' })).json<{
        items: ClassificationDto[];
      }>();
      expect(all.items.filter((c) => c.code === '0110').map((c) => c.validTo)).toEqual([today]);
    });

    it('refuses to retire, rename or re-create a retired national class', async () => {
      const before = await snapshot();
      await expectError(
        t.request({ method: 'POST', url: '/api/v1/classes/component/0110/retire' }),
        409,
        'CLASS.ALREADY_RETIRED',
      );
      await expectError(
        t.request({ method: 'PATCH', url: '/api/v1/classes/component/0110', payload: { name: 'x' } }),
        409,
        'CLASS.ALREADY_RETIRED',
      );
      await expectError(post({ kind: 'component', code: '0110', name: 'x' }), 422, 'CLASS.LOCAL_CODE_RANGE');
      expect(await snapshot()).toBe(before);
    });

    it('has no way to delete a class', async () => {
      const before = await snapshot();
      const res = await t.request({ method: 'DELETE', url: '/api/v1/classes/component/0101' });
      expect(res.statusCode).toBe(404);
      expect(await snapshot()).toBe(before);
    });

    it('retires a child, then its local parent; a retired local code can be created again', async () => {
      expect(
        (await t.request({ method: 'POST', url: '/api/v1/classes/component/2201/retire' })).statusCode,
      ).toBe(200);
      expect(
        (await t.request({ method: 'POST', url: '/api/v1/classes/component/22/retire' })).statusCode,
      ).toBe(200);
      const again = await post({ kind: 'component', code: '22', name: '本地设施（新）' });
      expect(again.statusCode).toBe(201);
      const rows = await t.db.query<{ name: string; retired: boolean }>(
        `SELECT name, valid_to IS NOT NULL AS retired FROM classification
         WHERE kind = 'component' AND code = '22' ORDER BY retired`,
      );
      expect(rows).toEqual([
        { name: '本地设施（新）', retired: false },
        { name: '本地设施', retired: true },
      ]);
    });
  });

  describe('table constraints', () => {
    it.each([
      ["('component', '011', 'gbt30428-2', 'small', '01', 'x', 'local', NULL)", 'classification_code_ck'],
      ["('component', '0101', 'gbt30428-2', 'small', '02', 'x', 'local', NULL)", 'classification_parent_ck'],
      ["('component', '00', 'gbt30428-2', 'big', NULL, 'x', 'local', NULL)", 'classification_code_ck'],
      [
        "('component', '0195', 'gbt30428-2', 'small', '01', 'x', 'national', NULL)",
        'classification_profile_ck',
      ],
      ["('event', '0195', 'gbt30428-2', 'small', '01', 'x', 'local', NULL)", null],
    ])('rejects a bad row directly in SQL: %s', async (values, constraint) => {
      const sql = `INSERT INTO classification (kind, code, code_scheme, level, parent_code, name, origin, profile)
                   VALUES ${values}`;
      if (constraint === null) {
        // A well-formed row passes, inside a transaction rolled back so the table stays unchanged.
        await expect(
          t.db.transaction(async (tx) => {
            await tx.query(sql);
            throw new Error('rollback');
          }),
        ).rejects.toThrow('rollback');
        return;
      }
      await expect(t.db.query(sql)).rejects.toThrow(constraint);
    });
  });
});
