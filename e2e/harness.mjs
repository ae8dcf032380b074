// Shared by the browser tests: start the built app on a free port with its own data folder,
// and launch Debian's chromium through playwright-core (never a downloaded browser).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const root = resolve(import.meta.dirname, '..');
export const screenshotsDir = join(root, 'docs', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebGL for maplibre through the software rasteriser.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Newest modification time of the files under a folder. */
function newestMtime(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((newest, e) => Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

/** A demo-city dataset shared by the browser tests, generated again whenever the generator changed. */
export function demoDataset() {
  const file = join(root, 'tmp', 'e2e-demo-city.json');
  const generator = [join(root, 'tools/demo-city'), join(root, 'libs/contracts/src')];
  if (!existsSync(file) || generator.some((dir) => newestMtime(dir) > statSync(file).mtimeMs)) {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/demo-city/cli.ts', '--out', file], {
      cwd: root,
      stdio: 'inherit',
    });
    if (res.status !== 0) throw new Error('demo city generation failed');
  }
  return file;
}

/** Starts dist/api with a fresh data folder and the demo city; resolves once it listens. */
export async function startApp(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'urbangrid-e2e-'));
  const child = spawn(process.execPath, [join(root, 'dist/api/apps/api/src/main.js'), 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATASET: demoDataset(),
      LOG_LEVEL: 'warn',
      ...(process.env.DATABASE_URL_E2E ? { DATABASE_URL: process.env.DATABASE_URL_E2E } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`app did not start in 180 s:\n${output}`)), 180_000);
    const onData = (d) => {
      output += d;
      if (output.includes('UrbanGrid is running at')) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`app exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  let token = null;
  return {
    url,
    /** fetch of an API path (e.g. `/api/v1/city`) signed in as the demo admin. */
    async fetchApi(path, init = {}) {
      token ??= (await apiLogin(url, DEMO_ADMIN)).accessToken;
      return fetch(url + path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
    },
    async stop() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo city's administrator (tools/demo-city/src/organization.ts: every demo user has demo1234). */
export const DEMO_ADMIN = { username: 'admin', password: 'demo1234' };

/** POST /api/v1/auth/login; resolves the token pair. */
export async function apiLogin(appUrl, { username, password }) {
  const res = await fetch(appUrl + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Opens `path` of the app in the page and signs in through the login form (the app sends an
 * anonymous visitor to /login?next=…), as the demo admin unless another user is given.
 */
export async function signIn(page, appUrl, { path = '/', user = DEMO_ADMIN } = {}) {
  await page.goto(appUrl + path, { waitUntil: 'domcontentloaded' });
  await page.waitForURL(/\/login/);
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
}

/**
 * Debian chromium with a fresh profile per page: each page gets its own persistent context in a
 * new --user-data-dir (playwright takes that folder as launchPersistentContext's first argument),
 * so nothing (language choice, storage) leaks from one page to the next.
 */
export async function launchBrowser() {
  const contexts = [];
  return {
    /** @param {{ viewport?: { width: number, height: number }, locale?: string }} options */
    async newPage(options = {}) {
      const userDataDir = mkdtempSync(join(tmpdir(), 'urbangrid-chromium-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: options.locale ?? 'zh-CN',
      });
      contexts.push({ context, userDataDir });
      const [first] = context.pages();
      return first ?? context.newPage();
    },
    async close() {
      for (const { context, userDataDir } of contexts.splice(0)) {
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
