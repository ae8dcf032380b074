import type { AuditChainReport, CreateCaseResponse } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCentre } from '../../../test/component-factories';
import { newSmallCity } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { seedClassesIfEmpty } from '../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../demo-seed/demo-seed';
import { AuditService } from './audit.service';

const city = newSmallCity({ cols: 4, rows: 3 });

describe('SM3 audit chain of the case loop', () => {
  let t: TestApp;
  const ids: string[] = [];
  const verify = async () =>
    (await t.request({ url: '/api/v1/audit/verify', as: 'admin' })).json<AuditChainReport>();

  beforeAll(async () => {
    t = await startTestApp();
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    for (let k = 0; k < 4; k++) {
      const r = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: { username: 'insp', role: 'inspector', gridCodes: [] },
        payload: {
          source: 'patrol',
          kind: 'event',
          classCode: '0102',
          description: `垃圾 ${k}`,
          position: gridCentre(city, 1 + k),
        },
      });
      ids.push(r.json<CreateCaseResponse>().case.id);
    }
    const r = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${ids[1]}/actions/accept`,
      as: 'operator',
      payload: { version: 1 },
    });
    expect(r.statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  it('appends one chained row per flow record, in the same transaction', async () => {
    const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    const flows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_flow`);
    expect(rows[0].n).toBe(5);
    expect(flows[0].n).toBe(5);
    const report = await verify();
    expect(report.intact).toBe(true);
    expect(report.chains.reduce((n, c) => n + c.checked, 0)).toBe(5);
    expect(report.chains.every((c) => c.districtCode === '330105' && /^330105:\d+$/.test(c.chain))).toBe(
      true,
    );
    // One case's rows stay in one chain, in order.
    const rowsOfCase = await t.db.query<{ chain: string; seq: number }>(
      `SELECT chain, seq::int AS seq FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [ids[1]],
    );
    expect(new Set(rowsOfCase.map((r) => r.chain)).size).toBe(1);
  });

  it('shows the case’s audit status on its detail', async () => {
    const r = await t.request({ url: `/api/v1/cases/${ids[3]}`, as: 'leader' });
    expect(r.json<{ audit: unknown }>().audit).toEqual({ entries: 1, intact: true, firstBreak: null });
  });

  it('a refused action writes neither a flow record nor an audit row', async () => {
    const r = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${ids[0]}/actions/close`,
      as: 'shift_leader',
      payload: { version: 1 },
    });
    expect(r.statusCode).toBe(409);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(5);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the log', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('finds a row changed behind the triggers’ back, and the case it belongs to', async () => {
    const [target] = await t.db.query<{ chain: string; seq: number }>(
      `SELECT chain, seq::int AS seq FROM audit_log WHERE entity_id = $1 AND action = 'accept'`,
      [ids[1]],
    );
    await t.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await t.db.query(
      `UPDATE audit_log SET data = jsonb_set(data, '{toState}', '"CLOSED"') WHERE entity_id = $1 AND action = 'accept'`,
      [ids[1]],
    );
    await t.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    const report = await verify();
    expect(report.intact).toBe(false);
    const broken = report.chains.filter((c) => !c.intact);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({
      chain: target.chain,
      checked: target.seq - 1,
      firstBreak: { seq: target.seq, reason: 'hash_mismatch' },
    });
    const service = t.app.get(AuditService);
    expect(await service.caseStatus(ids[1])).toMatchObject({
      intact: false,
      firstBreak: { seq: target.seq },
    });
    expect(await service.caseStatus(ids[0])).toMatchObject({ intact: true });
  });

  it('only admins and leaders may run the verifier', async () => {
    expect((await t.request({ url: '/api/v1/audit/verify', as: 'operator' })).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/audit/verify', as: 'leader' })).statusCode).toBe(200);
    expect((await t.request({ url: '/api/v1/audit/verify?districtCode=12', as: 'admin' })).statusCode).toBe(
      400,
    );
  });
});
