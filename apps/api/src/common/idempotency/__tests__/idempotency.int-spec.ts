import type { CaseDetail, CreateCaseResponse, ErrorResponse } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, ensureTestUser, type TestPrincipal } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../../modules/classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../../modules/demo-seed/demo-seed';
import { canonicalJson, requestFingerprint } from '../idempotency-key';
import { IdempotencyService } from '../idempotency.service';

const city = newSmallCity({ cols: 4, rows: 3 });
const allGrids = Array.from({ length: 12 }, (_, k) => composeGridCode('330105001001', k + 1, 'gbt30428-15'));
const INSPECTOR: TestPrincipal = { username: 'idem-insp', role: 'inspector', gridCodes: allGrids };
const OTHER: TestPrincipal = { username: 'idem-insp-2', role: 'inspector', gridCodes: allGrids };

/**
 * Submissions in the concurrency test: spec 08 T3's 10,000 × 3 on PostgreSQL (the server suite,
 * `npm run test:pg`); 300 × 3 on the embedded PGlite, which answers one query at a time.
 */
const N = process.env.DATABASE_URL ? 10_000 : 300;
/** Keys in flight at once (each sent 3 times concurrently), so 10,000 keys go in waves. */
const WAVE = 250;

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;
  const body = (description: string): Record<string, unknown> => ({
    source: 'patrol',
    kind: 'event',
    classCode: '0102',
    description,
    position: gridCentre(city, 6),
  });
  const submit = (payload: Record<string, unknown>, key: string | null, as: TestPrincipal = INSPECTOR) =>
    t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      payload,
      headers: key === null ? {} : { 'idempotency-key': key },
    });
  const casesWith = async (description: string): Promise<number> =>
    Number(
      (
        await t.db.query<{ n: string }>('SELECT count(*) AS n FROM case_file WHERE description = $1', [
          description,
        ])
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('replays the first response for the same key and body, with Idempotent-Replayed: true', async () => {
    const first = await submit(body('重放 replay'), 'replay-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body with keys in another order: the canonical fingerprint is the same.
    const reordered = Object.fromEntries(Object.entries(body('重放 replay')).reverse());
    const again = await submit(reordered, '"replay-1"');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.json<CreateCaseResponse>().case.id).toBe(first.json<CreateCaseResponse>().case.id);
    expect(await casesWith('重放 replay')).toBe(1);
    // The key belongs to its user: another user with the same key makes its own case.
    const other = await submit(body('重放 replay'), 'replay-1', OTHER);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesWith('重放 replay')).toBe(2);
    // Without a key nothing is remembered.
    expect((await submit(body('重放 replay'), null)).statusCode).toBe(201);
    expect(await casesWith('重放 replay')).toBe(3);
  });

  it('a retry after a crash between commit and answer gets the committed case, not a second one', async () => {
    const first = await submit(body('崩溃 crash'), 'crash-1');
    expect(first.statusCode).toBe(201);
    const id = first.json<CreateCaseResponse>().case.id;
    // What a SIGKILL right after the intake's COMMIT leaves: the key still running, no response
    // stored, but the case bound to it in the same transaction.
    await t.db.query(
      `UPDATE idempotency_key SET state = 'running', response_status = NULL, response_body = NULL, claimed_at = now()
       WHERE key = 'crash-1'`,
    );
    const [bound] = await t.db.query<{ resource_id: string }>(
      `SELECT resource_id FROM idempotency_key WHERE key = 'crash-1'`,
    );
    expect(bound?.resource_id).toBe(id);
    const retry = await submit(body('崩溃 crash'), 'crash-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<CreateCaseResponse>().case.id).toBe(id);
    expect(await casesWith('崩溃 crash')).toBe(1);
    // And the key is done now: a third send is a plain replay.
    expect((await submit(body('崩溃 crash'), 'crash-1')).json<CreateCaseResponse>().case.id).toBe(id);
  });

  it('answers 422 IDEMPOTENCY.KEY_REUSED for the same key with another body', async () => {
    expect((await submit(body('key reuse A'), 'reuse-1')).statusCode).toBe(201);
    const r = await submit(body('key reuse B'), 'reuse-1');
    expect(r.statusCode).toBe(422);
    expect(r.json<ErrorResponse>().code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await casesWith('key reuse B')).toBe(0);
  });

  it('answers 409 IDEMPOTENCY.IN_PROGRESS while the first request runs, then replays it', async () => {
    // The "slow first request": the service claims the key for exactly the fingerprint the HTTP
    // request will have, and holds it until released.
    const service = t.app.get(IdempotencyService);
    const userId = await ensureTestUser(t, INSPECTOR);
    const payload = body('slow first');
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const slow = service.execute(
      {
        userId,
        key: 'slow-1',
        method: 'POST',
        path: '/api/v1/cases',
        fingerprint: requestFingerprint('POST', '/api/v1/cases', canonicalJson(payload)),
      },
      async () => {
        await held;
        return { status: 201, body: { from: 'the first request' } };
      },
    );
    const during = await submit(payload, 'slow-1');
    expect(during.statusCode).toBe(409);
    expect(during.json<ErrorResponse>().code).toBe('IDEMPOTENCY.IN_PROGRESS');
    // A different body under a running key is still a misuse of the key: 422 before 409.
    expect((await submit(body('slow other'), 'slow-1')).statusCode).toBe(422);
    finish();
    expect((await slow).replayed).toBe(false);
    const after = await submit(payload, 'slow-1');
    expect(after.statusCode).toBe(201);
    expect(after.json()).toEqual({ from: 'the first request' });
    expect(await casesWith('slow first')).toBe(0);
  });

  it('frees the key when the first request fails, so a corrected retry runs', async () => {
    const wrong = { ...body('corrected retry'), classCode: '9999' };
    const failed = await submit(wrong, 'retry-1');
    expect(failed.statusCode).toBe(422);
    expect(failed.json<ErrorResponse>().code).toBe('CASE.CLASS_UNKNOWN');
    const ok = await submit(body('corrected retry'), 'retry-1');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    // Validation errors (400, before the handler) free it too.
    const invalid = await submit({ ...body('x'), kind: 'nonsense' }, 'retry-2');
    expect(invalid.statusCode).toBe(400);
    expect((await submit(body('corrected retry 2'), 'retry-2')).statusCode).toBe(201);
    const rows = await t.db.query<{ state: string; response_status: number }>(
      `SELECT state, response_status FROM idempotency_key WHERE key IN ('retry-1', 'retry-2') ORDER BY key`,
    );
    expect(rows).toEqual([
      { state: 'done', response_status: 201 },
      { state: 'done', response_status: 201 },
    ]);
  });

  it('refuses malformed keys with 400 IDEMPOTENCY.KEY_INVALID', async () => {
    for (const key of ['has space', 'x'.repeat(101), 'ä']) {
      const r = await submit(body('bad key'), key);
      expect(r.statusCode).toBe(400);
      expect(r.json<ErrorResponse>().code).toBe('IDEMPOTENCY.KEY_INVALID');
    }
    expect(await casesWith('bad key')).toBe(0);
  });

  it('makes workflow actions idempotent: a resent action replays instead of failing on the version', async () => {
    const c = (await submit(body('action replay'), 'action-case')).json<CreateCaseResponse>().case;
    const act = () =>
      t.request({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/actions/accept`,
        as: 'operator',
        payload: { version: c.version },
        headers: { 'idempotency-key': `accept-${c.id}` },
      });
    const first = await act();
    expect(first.statusCode, first.body).toBe(200);
    const second = await act();
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<CaseDetail>().version).toBe(first.json<CaseDetail>().version);
    expect(second.json<CaseDetail>().timeline).toHaveLength(2);
  });

  it(`${N} submissions, each sent 3 times concurrently with the same key, create exactly ${N} cases`, async () => {
    const auth = await authHeader(t, INSPECTOR);
    const send = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { ...auth, 'idempotency-key': `burst-${i}` },
        payload: body(`burst ${i}`),
      });
    const all: { i: number; r: Awaited<ReturnType<typeof send>> }[] = [];
    for (let from = 0; from < N; from += WAVE) {
      const keys = Math.min(WAVE, N - from);
      all.push(
        ...(await Promise.all(
          Array.from({ length: keys * 3 }, (_, j) => from + (j % keys)).map((i) =>
            send(i).then((r) => ({ i, r })),
          ),
        )),
      );
    }
    expect(all).toHaveLength(N * 3);
    const byKey = new Map<number, { status: number; caseId: string | null }[]>();
    for (const { i, r } of all) {
      const list = byKey.get(i) ?? [];
      list.push({
        status: r.statusCode,
        caseId: r.statusCode === 201 ? r.json<CreateCaseResponse>().case.id : null,
      });
      byKey.set(i, list);
    }
    // Every attempt is the first (201), a replay (201, same case) or met the first still running (409).
    const other = all.filter(({ r }) => r.statusCode !== 201 && r.statusCode !== 409);
    expect(other.slice(0, 3).map(({ r }) => `${r.statusCode} ${r.body}`)).toEqual([]);
    for (const [, list] of byKey) {
      const ids = new Set(list.filter((x) => x.caseId !== null).map((x) => x.caseId));
      expect(ids.size).toBe(1);
    }
    const [{ n }] = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM case_file WHERE description LIKE 'burst %'`,
    );
    expect(Number(n)).toBe(N);
    // A late resend of each (the app's offline queue) replays the original case.
    const late = await send(7);
    expect(late.statusCode).toBe(201);
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect(late.json<CreateCaseResponse>().case.id).toBe(byKey.get(7)?.find((x) => x.caseId)?.caseId);
  }, 900_000);

  it('purges keys older than the retention', async () => {
    await t.db.query(
      `UPDATE idempotency_key SET created_at = now() - make_interval(hours => $1 + 1) WHERE key = 'reuse-1'`,
      [t.config.idempotency.retentionHours],
    );
    const purged = await t.app.get(IdempotencyService).purge();
    expect(purged).toBe(1);
    // The key is free again: the "other" body is now a first request.
    expect((await submit(body('key reuse B'), 'reuse-1')).statusCode).toBe(201);
  });
});
