import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestUser, TEST_PASSWORD, type TestPrincipal } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { openTestDatabase, suiteDriver, type TestDatabase } from '../../../../test/test-database';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';

/**
 * Durability (issue 5 item 8), PostgreSQL only: the built API process is killed with SIGKILL in
 * the middle of an intake load. After a restart every case whose creation was acknowledged is
 * present exactly once, and resending the unanswered requests with their keys creates each
 * missing case once and duplicates none.
 */
const MAIN = join(__dirname, '../../../../../../dist/api/apps/api/src/main.js');
const city = newSmallCity({ cols: 4, rows: 3 });
const INSPECTOR: TestPrincipal = { username: 'durable-insp', role: 'inspector', gridCodes: [] };
const CLIENTS = 16;

describe.skipIf(suiteDriver() !== 'postgres')('intake survives SIGKILL (PostgreSQL)', () => {
  let tdb: TestDatabase;
  let port = 0;
  let api: ChildProcess | null = null;

  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: tdb.databaseUrl ?? '',
    DATA_DIR: tdb.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'durability-test-secret-of-at-least-32-chars',
    CITIZEN_DATA_SECRET: 'durability-test-citizen-secret-32-chars-long',
    IDEMPOTENCY_RUNNING_TIMEOUT_SECONDS: '1',
    DEMO_DATASET: '',
  });
  const start = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [MAIN, 'serve'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready in')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => reject(new Error(`API exited with ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`API not ready in 60 s: ${out}`)), 60_000);
    });
    return child;
  };
  const login = async (): Promise<string> => {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: INSPECTOR.username, password: TEST_PASSWORD }),
    });
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  const submit = (token: string, n: number): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `durable-${n}`,
      },
      body: JSON.stringify({
        source: 'patrol',
        kind: 'event',
        classCode: '0102',
        description: `durable ${n}`,
        position: gridCentre(city, 1 + (n % 12)),
      }),
    });
  const countsByDescription = async (): Promise<Map<string, number>> => {
    const rows = await tdb.db.query<{ d: string; n: number }>(
      `SELECT description AS d, count(*)::int AS n FROM case_file WHERE description LIKE 'durable %' GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.d, r.n]));
  };

  beforeAll(async () => {
    tdb = await openTestDatabase('postgres');
    await seedClassesIfEmpty(tdb.db);
    await seedDemoCityIfEmpty(tdb.db, city);
    await ensureTestUser(tdb, INSPECTOR);
    port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  }, 120_000);

  afterAll(async () => {
    api?.kill('SIGKILL');
    await tdb?.dispose();
  });

  it('keeps every acknowledged case exactly once, and resent requests create no duplicates', async () => {
    api = await start();
    const token = await login();
    const acknowledged = new Map<number, string>();
    const sent = new Set<number>();
    let next = 0;
    let killed = false;
    const client = async (): Promise<void> => {
      while (!killed) {
        const n = next++;
        sent.add(n);
        try {
          const r = await submit(token, n);
          if (r.status === 201) acknowledged.set(n, ((await r.json()) as { case: { id: string } }).case.id);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));
    // Kill in the middle of the load, once a fair number of intakes has been answered.
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 20));
    api.kill('SIGKILL');
    killed = true;
    await load;
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    api = await start();
    const counts = await countsByDescription();
    for (const [n, id] of acknowledged) {
      expect(counts.get(`durable ${n}`), `acknowledged case ${n}`).toBe(1);
      const [row] = await tdb.db.query<{ id: string }>(`SELECT id FROM case_file WHERE description = $1`, [
        `durable ${n}`,
      ]);
      expect(row?.id).toBe(id);
    }
    // Every case in the database was either acknowledged or in flight when the process died.
    for (const d of counts.keys()) expect(sent.has(Number(d.slice('durable '.length)))).toBe(true);

    // The client resends what it never got an answer for, with the same keys.
    await new Promise((r) => setTimeout(r, 1100)); // past the running timeout of the dead claims
    const token2 = await login();
    for (const n of sent) {
      if (acknowledged.has(n)) continue;
      const r = await submit(token2, n);
      expect(r.status, `resent ${n}`).toBe(201);
    }
    const after = await countsByDescription();
    expect(after.size).toBe(sent.size);
    for (const n of sent) expect(after.get(`durable ${n}`), `case ${n}`).toBe(1);

    // The audit chain survived the kill intact.
    const verify = await fetch(`http://127.0.0.1:${port}/api/v1/audit/verify`, {
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(verify.status).toBe(403); // an inspector may not run it; check the table instead
    const [{ flows, audit }] = await tdb.db.query<{ flows: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM case_flow) AS flows, (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    expect(audit).toBe(flows);
  }, 240_000);
});
