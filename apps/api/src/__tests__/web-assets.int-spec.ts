import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app';

// The built web app as the API serves it: hashed files under /assets/ are kept by the browser
// without revalidation; index.html (and the client routes answered with it) is always revalidated,
// so a new release is picked up on the next load.
describe('web app files', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'ug-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><script src="/assets/index-AbC123.js"></script>');
    writeFileSync(join(webDir, 'assets', 'index-AbC123.js'), 'console.log(1)');
    t = await startTestApp({ webDir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await t.request({ url: '/assets/index-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html and client routes revalidated', async () => {
    for (const url of ['/', '/dashboard']) {
      const res = await t.request({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('/assets/index-AbC123.js');
      expect(String(res.headers['cache-control'])).toMatch(/max-age=0|no-cache/);
    }
  });

  it('answers a missing asset with 404, not the app page', async () => {
    const res = await t.request({ url: '/assets/index-gone.js' });
    expect(res.statusCode).toBe(404);
  });
});
