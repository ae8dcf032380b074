import type { CreateCaseResponse, NotificationPage } from '@urbangrid/contracts';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeGridCode } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, ensureDepartment, type TestPrincipal } from '../../../test/auth-helpers';
import { gridCentre } from '../../../test/component-factories';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { seedClassesIfEmpty } from '../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';

const city = newSmallCity({ cols: 4, rows: 3 });
const INSPECTOR: TestPrincipal = {
  username: 'insp-n',
  role: 'inspector',
  gridCodes: [composeGridCode('330105001001', 6, 'gbt30428-15')],
};
const HW: TestPrincipal = { username: 'hw-n', role: 'department', departmentCode: 'HW' };
const SZ: TestPrincipal = { username: 'sz-n', role: 'department', departmentCode: 'SZ' };

describe('notifications', () => {
  let t: TestApp;
  let hwId = '';
  const poll = async (as: TestPrincipal | 'operator', after?: string): Promise<NotificationPage> => {
    const r = await t.request({ url: `/api/v1/notifications${after ? `?after=${after}` : ''}`, as });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<NotificationPage>();
  };
  const act = async (
    id: string,
    action: string,
    as: TestPrincipal | 'operator' | 'shift_leader' | 'dispatcher',
    body: object = {},
  ) => {
    const { version } = (await t.request({ url: `/api/v1/cases/${id}`, as: 'operator' })).json<{
      version: number;
    }>();
    const r = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      as,
      payload: { version, ...body },
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const newCase = async (source = 'patrol', as: TestPrincipal | 'operator' = INSPECTOR): Promise<string> => {
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      payload: {
        source,
        kind: 'event',
        classCode: '0102',
        description: '垃圾',
        position: gridCentre(city, 6),
      },
    });
    return r.json<CreateCaseResponse>().case.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    hwId = await ensureDepartment(t, 'HW');
    await ensureDepartment(t, 'SZ');
  }, 120_000);
  afterAll(async () => t?.close());

  it('tells a department about a new dispatch, and only that department', async () => {
    const hw0 = (await poll(HW)).cursor;
    const sz0 = (await poll(SZ)).cursor;
    const id = await newCase();
    await act(id, 'accept', 'operator');
    await act(id, 'file', 'shift_leader');
    await act(id, 'dispatch', 'dispatcher', { departmentId: hwId });
    const hw = await poll(HW, hw0);
    expect(hw.items).toEqual([expect.objectContaining({ kind: 'dispatched', caseId: id })]);
    expect(hw.items[0].deadline).not.toBeNull();
    expect((await poll(SZ, sz0)).items).toEqual([]);
    // Nothing new after the returned cursor.
    expect((await poll(HW, hw.cursor)).items).toEqual([]);
  });

  it('tells the grid’s inspector about a verify task', async () => {
    const c0 = (await poll(INSPECTOR)).cursor;
    const id = await newCase('hotline_12345', 'operator');
    await act(id, 'sendVerify', 'operator');
    const page = await poll(INSPECTOR, c0);
    expect(page.items).toEqual([expect.objectContaining({ kind: 'verify_task', caseId: id })]);
  });

  it('warns about a deadline that passed since the last poll, in scope only', async () => {
    const id = await newCase();
    await act(id, 'accept', 'operator');
    await act(id, 'file', 'shift_leader');
    await act(id, 'dispatch', 'dispatcher', { departmentId: hwId });
    const hw0 = (await poll(HW)).cursor;
    const sz0 = (await poll(SZ)).cursor;
    await t.db.query(
      `UPDATE case_file SET disposal_deadline = now() - interval '1 millisecond' WHERE id = $1`,
      [id],
    );
    const page = await poll(HW, hw0);
    expect(page.items.filter((n) => n.kind === 'overdue').map((n) => n.caseId)).toEqual([id]);
    expect((await poll(SZ, sz0)).items).toEqual([]);
  });

  it('rejects a malformed cursor with 400', async () => {
    const r = await t.request({ url: '/api/v1/notifications?after=abc', as: HW });
    expect(r.statusCode).toBe(400);
  });

  it('streams server-sent events to a signed-in user', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const headers = await authHeader(t, HW);
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/v1/notifications/stream', headers },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString('utf8');
            if (body.includes('event: cursor')) {
              req.destroy();
              resolve(body);
            }
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      req.end();
    });
    expect(text).toMatch(/^retry: \d+/);
    expect(text).toMatch(/event: cursor\ndata: \{"cursor":"\d+\.\d+"\}/);
  });
});
