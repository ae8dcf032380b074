// Sign-in in a real browser: the login page on a phone, wrong password, sign-out, reload.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, screenshotsDir, signIn, startApp } from './harness.mjs';

describe('sign-in', () => {
  let app;
  let chrome;
  before(async () => {
    app = await startApp();
    chrome = await launchBrowser();
  });
  after(async () => {
    await chrome?.close();
    await app?.stop();
  });

  it('sends an anonymous visitor to the login page and refuses a wrong password (360 px phone)', async () => {
    const page = await chrome.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url + '/', { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/login/);
    const form = await page.locator('form.login-form').boundingBox();
    assert.ok(form.x >= 0 && form.x + form.width <= 360, `the form fits a 360 px screen (${JSON.stringify(form)})`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('wrong1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: join(screenshotsDir, 'login-phone.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('signs in, survives a reload, and signs out', async () => {
    const page = await chrome.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // A leader lands on the dashboard (desk roles land on their desks: case-loop.e2e.mjs).
    await signIn(page, app.url, { user: { username: 'leader01', password: 'demo1234' } });
    await page.waitForFunction(() => window.__URBANGRID_MAP_READY__ === true, null, { timeout: 90_000 });
    assert.match(await page.getByTestId('user-menu').textContent(), /领导/);
    // The access token lives in memory only: a reload restores the session from the refresh token.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('user-menu').waitFor();
    assert.equal(new URL(page.url()).pathname, '/dashboard');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    assert.equal(await page.evaluate(() => localStorage.getItem('urbangrid.refreshToken')), null);
    await page.goto(app.url + '/', { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/login/);
    await page.close();
  });
});
