import type { CreateCaseResponse } from '@urbangrid/contracts';
import { CASE_ACTIONS } from '@urbangrid/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';

/**
 * Bad input (issue 5 item 7): 10,000 malformed bodies, parameters and headers across the case
 * endpoints. Every answer is a 4xx in the shared error shape, none a 5xx, and no row appears
 * or changes anywhere in the case tables.
 */
const city = newSmallCity({ cols: 4, rows: 3 });
const RUNS = { intake: 4000, actions: 4000, lists: 2000 };

const VALID_INTAKE = {
  source: 'patrol',
  kind: 'event',
  classCode: '0102',
  description: '路边堆放生活垃圾',
  position: gridCentre(city, 6),
};

/** Values of the wrong shape for any field. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'NaN', '1e309', '<script>', "'; DROP TABLE case_file; --", '\u0000', '北京'),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
  fc.string({ minLength: 2001, maxLength: 2100 }),
);

/** Whether a value would be a valid one for the field (the fuzzer must only send broken ones). */
function acceptable(field: string, value: unknown): boolean {
  switch (field) {
    case 'description':
      return typeof value === 'string' && value.trim().length >= 2 && value.trim().length <= 2000;
    case 'classCode':
      return typeof value === 'string' && /^\d{4,5}$/.test(value);
    case 'source':
      return value === 'patrol' || value === 'self_disposal';
    case 'kind':
      return value === 'event' || value === 'component';
    case 'position':
      return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number');
    default:
      return false;
  }
}

/** A valid intake body with at least one field broken, removed or added. */
const badIntake = fc.oneof(
  fc
    .record({ field: fc.constantFrom(...Object.keys(VALID_INTAKE)), value: junk })
    .filter(({ field, value }) => !acceptable(field, value))
    .map(({ field, value }) => ({ ...VALID_INTAKE, [field]: value })),
  fc.constantFrom(...Object.keys(VALID_INTAKE)).map((field) => {
    const body: Record<string, unknown> = { ...VALID_INTAKE };
    delete body[field];
    return body;
  }),
  fc
    .record({
      key: fc
        .string({ minLength: 1, maxLength: 10 })
        .filter(
          (k) =>
            !(k in VALID_INTAKE) &&
            ![
              'crs',
              'positionManual',
              'componentCode',
              'urgency',
              'publicReporter',
              'opinion',
              'attachmentIds',
              '__proto__',
            ].includes(k),
        ),
      value: fc.anything(),
    })
    .map(({ key, value }) => ({ ...VALID_INTAKE, [key]: value })),
  fc.tuple(junk, junk).map(([lon, lat]) => ({ ...VALID_INTAKE, position: [lon, lat] })),
  fc
    .tuple(
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.double({ min: -1000, max: 1000, noNaN: true }),
    )
    .filter(([lon, lat]) => !(lon > 120.15 && lon < 120.155 && lat > 30.3 && lat < 30.303))
    .map(([lon, lat]) => ({ ...VALID_INTAKE, position: [lon, lat] })),
  fc.anything(),
);

const badHeaders = fc.oneof(
  fc.constant({}),
  fc.record({
    'idempotency-key': fc
      .string({ maxLength: 120 })
      .filter((k) => !/^[A-Za-z0-9_\-:.]{1,100}$/.test(k) && !/^"[A-Za-z0-9_\-:.]{1,100}"$/.test(k)),
  }),
  fc.record({
    'content-type': fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1'),
  }),
);

describe('cases: malformed input never breaks the API', () => {
  let t: TestApp;
  let caseId = '';
  const auth: Record<string, Record<string, string>> = {};
  const snapshot = async () =>
    t.db.query<{ cases: number; flows: number; audit: number; versions: number }>(
      `SELECT (SELECT count(*)::int FROM case_file) AS cases, (SELECT count(*)::int FROM case_flow) AS flows,
         (SELECT count(*)::int FROM audit_log) AS audit, (SELECT coalesce(sum(version), 0)::int FROM case_file) AS versions`,
    );
  const expectErrorShape = (status: number, body: string, what: string) => {
    expect(status, `${what} → ${status} ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(status, `${what} → ${status} ${body.slice(0, 300)}`).toBeLessThan(500);
    const json = JSON.parse(body) as { statusCode: unknown; code: unknown; message: unknown };
    expect(json.statusCode).toBe(status);
    expect(typeof json.code).toBe('string');
    expect(typeof json.message).toBe('string');
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    for (const role of [
      'inspector',
      'operator',
      'shift_leader',
      'dispatcher',
      'department',
      'leader',
    ] as const) {
      auth[role] = await authHeader(t, role);
    }
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: auth.inspector,
      payload: VALID_INTAKE,
    });
    caseId = r.json<CreateCaseResponse>().case.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it(`answers ${RUNS.intake} malformed intakes with a 4xx and writes nothing`, async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        badIntake,
        badHeaders,
        fc.constantFrom('inspector', 'operator', 'leader'),
        async (body, headers, role) => {
          const payload = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: { 'content-type': 'application/json', ...auth[role], ...headers },
            payload,
          });
          expectErrorShape(res.statusCode, res.body, `POST /cases ${payload.slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS.intake, seed: 20261128 },
    );
    expect(await snapshot()).toEqual(before);
  }, 600_000);

  it(`answers ${RUNS.actions} malformed actions with a 4xx and changes nothing`, async () => {
    const before = await snapshot();
    const id = fc.oneof(fc.constant(caseId), fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent));
    const action = fc.oneof(
      fc.constantFrom(...CASE_ACTIONS),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.record(
        { version: fc.oneof(fc.integer({ min: 2 }), fc.integer({ max: 0 }), junk) },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          version: fc.integer({ min: 2, max: 1_000_000 }),
          yes: junk,
          departmentId: junk,
          extension: junk,
          reason: junk,
          opinion: junk,
          attachmentIds: junk,
        },
        { requiredKeys: ['version'] },
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(
        id,
        action,
        body,
        badHeaders,
        fc.constantFrom('inspector', 'operator', 'shift_leader', 'dispatcher', 'department', 'leader'),
        async (i, a, b, headers, role) => {
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/v1/cases/${i}/actions/${a}`,
            headers: { 'content-type': 'application/json', ...auth[role], ...headers },
            payload: JSON.stringify(b) ?? 'null',
          });
          expectErrorShape(
            res.statusCode,
            res.body,
            `POST /cases/${i}/actions/${a} ${JSON.stringify(b)?.slice(0, 200)}`,
          );
        },
      ),
      { numRuns: RUNS.actions, seed: 20261129 },
    );
    expect(await snapshot()).toEqual(before);
  }, 600_000);

  it(`answers ${RUNS.lists} malformed list queries with a 4xx`, async () => {
    const param = fc.constantFrom(
      'state',
      'classCode',
      'kind',
      'departmentId',
      'regionCode',
      'source',
      'overdue',
      'from',
      'to',
      'q',
      'mine',
      'limit',
      'cursor',
      'bogus',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '-1',
        '0',
        '201',
        'NOPE',
        'true,false',
        '2026-13-45',
        'eyJhIjoxfQ',
        '%00',
        '9'.repeat(40),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        param,
        value,
        fc.constantFrom('/api/v1/cases', '/api/v1/cases/counts'),
        async (p, v, path) => {
          const res = await t.app.inject({
            method: 'GET',
            url: `${path}?${p}=${encodeURIComponent(v)}`,
            headers: auth.leader,
          });
          // A value may happen to be valid (a free-text q, a plain string class filter…): then 200.
          if (res.statusCode === 200) return;
          expectErrorShape(res.statusCode, res.body, `GET ${path}?${p}=${v}`);
        },
      ),
      { numRuns: RUNS.lists, seed: 20261130 },
    );
  }, 600_000);
});
