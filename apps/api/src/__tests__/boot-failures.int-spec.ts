import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSmallCity } from '../../test/factories';

/** The built entry point; `npm test` builds the API first. */
const MAIN = join(process.cwd(), 'dist/api/apps/api/src/main.js');

function boot(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'urbangrid-boot-'));
  try {
    const res = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: res.status, stderr: res.stderr.trim(), stdout: res.stdout.trim() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One line, no stack trace. */
function expectOneClearLine(stderr: string, pattern: RegExp) {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^urbangrid: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe.runIf(existsSync(MAIN))('boot failures end with one clear line and a non-zero exit', () => {
  let blocker: Server;
  let busyPort = 0;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 1 to 65535/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ CITY_TIME_ZONE: 'Mars/Olympus' }, /CITY_TIME_ZONE "Mars\/Olympus" is not an IANA time zone/],
    [{ CITY_EXTENT: '120,30,119,31' }, /CITY_EXTENT must be/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ BASEMAP_URL: 'ftp://tiles' }, /BASEMAP_URL must be an http\(s\) tile template/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ GRID_CODE_SCHEME: 'gbt30428-16' }, /GRID_CODE_SCHEME must be one of cjt213-14, gbt30428-15/],
    [{ CLASS_PROFILE: 'shanghai' }, /CLASS_PROFILE must be one of national, beijing/],
  ])('bad configuration %o', (env, pattern) => {
    const res = boot(env);
    expect(res.status).not.toBe(0);
    expectOneClearLine(res.stderr, pattern);
  });

  it('a port in use', () => {
    const res = boot({ PORT: String(busyPort), HOST: '127.0.0.1' });
    expect(res.status).not.toBe(0);
    expectOneClearLine(res.stderr, new RegExp(`port ${busyPort} is already in use`));
  });

  it('an unreachable DATABASE_URL', () => {
    // Port 1 on loopback refuses outright. The app's own port is free (checked before the database).
    const res = boot({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/urbangrid',
      PORT: String(busyPort + 1),
      HOST: '127.0.0.1',
    });
    expect(res.status).not.toBe(0);
    expectOneClearLine(res.stderr, /cannot reach PostgreSQL at 127\.0\.0\.1:1\/urbangrid/);
  });

  it('a demo city whose grid codes do not fit GRID_CODE_SCHEME', () => {
    const dir = mkdtempSync(join(tmpdir(), 'urbangrid-demo-'));
    try {
      const file = join(dir, 'city.json');
      writeFileSync(file, JSON.stringify(newSmallCity()));
      const res = boot({
        DEMO_DATASET: file,
        GRID_CODE_SCHEME: 'cjt213-14',
        PORT: String(busyPort + 2),
        HOST: '127.0.0.1',
      });
      expect(res.status).not.toBe(0);
      expectOneClearLine(res.stderr, /15-digit grid codes but GRID_CODE_SCHEME=cjt213-14 expects 14 digits/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown command', () => {
    const res = spawnSync(process.execPath, [MAIN, 'frobnicate'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(res.status).not.toBe(0);
    expectOneClearLine(res.stderr.trim(), /unknown command "frobnicate"/);
  });
});
