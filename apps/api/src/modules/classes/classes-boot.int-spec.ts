import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassificationDto } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_SEED_DIR, CLASS_SEED_FILES } from './classes-seed';

/** The built entry point; `npm test` builds the API first (the build copies the seed folder). */
const MAIN = join(process.cwd(), 'dist/api/apps/api/src/main.js');
const BUILT_SEED_DIR = join(process.cwd(), 'dist/api/apps/api/src/modules/classes/seed');

/** National rows of the component seed, counted from the CSV (see classes.int-spec.ts). */
function nationalComponentRows(): number {
  const [, ...lines] = readFileSync(join(CLASS_SEED_DIR, 'component-classes.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  return lines.map((l) => l.split(',')).filter(([, , , small, smallName]) => small === '' || smallName !== '')
    .length;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.runIf(existsSync(MAIN))('the built server finds the class seed files', () => {
  let server: ChildProcess | null = null;
  let dataDir = '';
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'urbangrid-classes-boot-'));
    const proc = spawn(process.execPath, [MAIN, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = proc;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready in')) resolve();
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    expect(output).toMatch(/classes loaded \(national\)/);
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the build copied both seed files unchanged', () => {
    for (const file of CLASS_SEED_FILES) {
      expect(readFileSync(join(BUILT_SEED_DIR, file), 'utf8')).toBe(
        readFileSync(join(CLASS_SEED_DIR, file), 'utf8'),
      );
    }
  });

  it('serves the seeded national component classes', async () => {
    // An empty database gets an `admin` whose password is written to DATA_DIR (initial-admin.ts).
    const password = readFileSync(join(dataDir, 'secrets', 'initial-admin-password'), 'utf8').trim();
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/classes?kind=component`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: ClassificationDto[] };
    expect(body.items).toHaveLength(nationalComponentRows());
    expect(body.items.find((c) => c.code === '0101')?.name).toBe('上水井盖');
  });
});
