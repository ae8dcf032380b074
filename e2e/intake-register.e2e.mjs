// Registration at the intake desk (登记, issue 7 item 2): operator01 registers a 12345 call with a
// photo, an address search and a point clicked on the map, sees the new case in REPORTED in the
// side panel and sends it to verification. The first submission is cut off by the network; the
// form says so in Chinese and the retry carries the same Idempotency-Key, so one case is made.
// On a phone the form is a page of its own; a leader gets the same form fixed to 领导交办.
// Screenshots docs/screenshots/desk-register-{desk,phone}.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiLogin, demoDataset, launchBrowser, root, screenshotsDir, signIn, startApp } from './harness.mjs';

const PASSWORD = 'demo1234';
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1920, height: 1080 };
/** Demo cases kept: the newest scripts, so the desk is lived in but the seeding stays short. */
const DEMO_CASES_KEPT = 60;

function trimmedDataset() {
  const dataset = JSON.parse(readFileSync(demoDataset(), 'utf8'));
  if (Array.isArray(dataset.cases)) dataset.cases = dataset.cases.slice(-DEMO_CASES_KEPT);
  const file = join(root, 'tmp', 'e2e-demo-city-intake-register.json');
  writeFileSync(file, JSON.stringify(dataset));
  return file;
}

describe('registration at the intake desk', () => {
  let app;
  let chrome;
  const pageErrors = [];

  before(async () => {
    app = await startApp({ DEMO_DATASET: trimmedDataset() });
    chrome = await launchBrowser();
    mkdirSync(screenshotsDir, { recursive: true });
  });
  after(async () => {
    await chrome?.close();
    await app?.stop();
  });

  async function asUser(username) {
    const { accessToken } = await apiLogin(app.url, { username, password: PASSWORD });
    return async (path) => {
      const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${accessToken}` } });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
  }

  /** A small real JPEG drawn by chromium, as a citizen's WeChat photo would be. */
  async function photo(colour) {
    const page = await chrome.newPage({ viewport: { width: 320, height: 240 } });
    await page.setContent(`<body style="margin:0;background:${colour}"><h1 style="color:#fff">12345</h1></body>`);
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 80 });
    await page.close();
    return jpeg;
  }

  async function signedIn(username, viewport) {
    const page = await chrome.newPage({ viewport, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    await signIn(page, app.url, { user: { username, password: PASSWORD } });
    return page;
  }

  /** The point at the vertex average of inspector01's first grid (inside a small convex grid). */
  async function inspectorGridPoint() {
    const inspector = await asUser('inspector01');
    const me = await inspector('/api/v1/auth/me');
    const gridCode = me.gridCodes[0];
    const grid = await inspector(`/api/v1/regions/grid/${gridCode}`);
    const ring = grid.geometry.type === 'MultiPolygon' ? grid.geometry.coordinates[0][0] : grid.geometry.coordinates[0];
    const inner = ring.slice(0, -1);
    const point = [
      inner.reduce((s, p) => s + p[0], 0) / inner.length,
      inner.reduce((s, p) => s + p[1], 0) / inner.length,
    ];
    return { gridCode, point };
  }

  /** Waits until the form's map has loaded its style and tiles. */
  async function mapIdle(page) {
    await page.waitForFunction(() => window.__URBANGRID_MAP__?.loaded() === true, null, { timeout: 60_000 });
  }

  /** Centres the form's map on `point` (as panning would) and clicks its middle. */
  async function clickMapAt(page, point) {
    await mapIdle(page);
    await page.evaluate((p) => window.__URBANGRID_MAP__.jumpTo({ center: p, zoom: 18 }), point);
    await mapIdle(page);
    await page.locator('.register-map [data-testid="map"]').click(); // the middle of the map
  }

  /** Chooses the small class through the search box of the class picker. */
  async function chooseClass(form, word, code) {
    await form.getByLabel('搜索小类').fill(word);
    await form.locator('.field-class-result').filter({ hasText: code }).first().click();
    await form.getByTestId('chosen-class').waitFor();
  }

  const detail = (page, state) => page.locator(`article.case-detail${state ? `[data-state="${state}"]` : ''}`);

  it('operator01 registers a 12345 call with a photo and a map point, then sends it to verification', { timeout: 600_000 }, async () => {
    const { gridCode, point } = await inspectorGridPoint();
    const page = await signedIn('operator01', DESK);
    await page.waitForURL('**/desk/intake');

    // --- the form opens in the side panel --------------------------------------------------------
    await page.getByTestId('register-open').click();
    const form = page.getByTestId('register-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('register-open').getAttribute('aria-expanded'), 'true');

    // An empty form lists what is missing, in Chinese, and sends nothing.
    await form.getByTestId('register-submit').click();
    const problems = form.getByTestId('register-problems');
    await problems.waitFor();
    for (const text of ['请选择来源', '请选择小类', '请填写问题描述', '请在地图上点选位置']) {
      assert.match(await problems.textContent(), new RegExp(text));
    }

    await form.getByLabel('来源').selectOption('hotline_12345');
    await chooseClass(form, '垃圾', '0102');
    await form.getByLabel('问题描述').fill('市民来电：小区门口堆放生活垃圾约两平方米，已有异味（浏览器测试）');

    // The reporter block says the details are stored encrypted and shown only to the centre.
    assert.match(await form.locator('.register-form__privacy').textContent(), /加密保存，仅监督中心可见/);
    await form.getByLabel('姓名').fill('张先生');
    await form.getByLabel('联系电话').fill('13800001234');

    // --- address search: the nearest address of the grid point, found and picked ----------------
    const operatorApi = await asUser('operator01');
    const reverse = await operatorApi(`/api/v1/geocode/reverse?lon=${point[0]}&lat=${point[1]}`);
    const addressText = reverse.nearestAddress?.label ?? reverse.nearestPoi?.name;
    assert.ok(addressText, 'the demo city has an address or place near the grid point');
    await form.getByLabel('按地址查找').fill(addressText);
    await form.getByRole('button', { name: '查找', exact: true }).click();
    const candidates = form.getByTestId('register-candidates');
    await candidates.waitFor({ timeout: 15_000 });
    await candidates.locator('button').first().click();
    await candidates.waitFor({ state: 'detached' });
    assert.match(await form.getByTestId('register-picked').textContent(), /已选位置/);
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="register-place"]')?.textContent ?? '';
      return text !== '' && text !== '—' && !text.includes('正在获取');
    });

    // --- then the exact point clicked on the map, inside inspector01's grid ----------------------
    await clickMapAt(page, point);
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid="register-grid"]')?.textContent?.includes(code),
      gridCode,
      { timeout: 15_000 },
    );
    assert.notEqual(await form.getByTestId('register-place').textContent(), '—');
    await form.getByTestId('report-pin').waitFor(); // the draggable pin stands on the point

    // Photo from the file picker (no camera capture at the desk).
    await form.getByTestId('register-photos').setInputFiles({ name: 'wechat.jpg', mimeType: 'image/jpeg', buffer: await photo('#6d4c41') });
    await form.locator('.field-photos__item img').waitFor();

    // The open cases of the class nearby are looked up before sending.
    const nearby = form.getByTestId('register-nearby');
    await nearby.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="register-nearby"]')?.textContent?.includes('正在查找'));
    assert.match(await nearby.textContent(), /附近没有同类未结案件|不要重复登记/);

    // The problems listed after the empty submit went away as the fields were filled.
    assert.equal(await form.getByTestId('register-problems').count(), 0);
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotsDir, 'desk-register-desk.png'), fullPage: false });

    // --- the first submission is cut off; the retry carries the same Idempotency-Key --------------
    const keys = [];
    let cut = false;
    await page.route(
      (url) => url.pathname === '/api/v1/cases',
      async (route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.continue();
        keys.push(request.headers()['idempotency-key']);
        if (!cut) {
          cut = true;
          return route.abort('internetdisconnected');
        }
        return route.continue();
      },
    );
    await form.getByTestId('register-submit').click();
    const failure = form.getByTestId('register-error');
    await failure.waitFor({ timeout: 30_000 });
    assert.match(await failure.textContent(), /网络连接失败/);
    assert.match(await failure.textContent(), /不会重复登记/);
    assert.equal(await form.getByTestId('register-submit').textContent(), '重新提交');
    await form.getByTestId('register-submit').click();

    // The new case opens in the side panel, 已上报, with 发核实 offered.
    const reported = detail(page, 'REPORTED');
    await reported.waitFor({ timeout: 30_000 });
    await page.unroute((url) => url.pathname === '/api/v1/cases');
    assert.equal(keys.length, 2);
    assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(keys[1], keys[0], 'the retry reused the idempotency key');
    await form.waitFor({ state: 'detached' });
    const caseId = await reported.getAttribute('data-case-id');
    const caseNo = (await reported.locator('.case-detail__header').textContent()) ?? '';
    assert.match(await reported.locator('.case-detail__header .case-state').textContent(), /已上报/);
    await reported.locator('.case-actions button[data-action="sendVerify"]').waitFor();

    // Exactly one case of this call exists, with its source, grid, photo and reporter (seen by the centre).
    const page12345 = await operatorApi('/api/v1/cases?source=hotline_12345&limit=50');
    const mine = page12345.items.filter((c) => c.description.includes('浏览器测试'));
    assert.equal(mine.length, 1, `one registered case, not ${mine.length}`);
    const created = await operatorApi(`/api/v1/cases/${mine[0].id}`);
    assert.equal(caseId, created.id);
    assert.ok(caseNo.includes(created.caseNo), 'the panel shows the new case');
    assert.equal(created.state, 'REPORTED');
    assert.equal(created.gridCode, gridCode);
    assert.equal(created.urgency, 'normal');
    assert.deepEqual(created.publicReporter, { name: '张先生', phone: '13800001234' });
    assert.equal(created.timeline[0].action, 'register');
    assert.equal(created.timeline[0].attachments.length, 1);
    assert.ok(Math.abs(created.position[0] - point[0]) < 2e-4 && Math.abs(created.position[1] - point[1]) < 2e-4, `clicked ${point}, stored ${created.position}`);

    // The case is on the intake list too.
    await page.locator(`li.case-row[data-case-id="${created.id}"]`).waitFor({ timeout: 15_000 });

    // --- 发核实 on the case ------------------------------------------------------------------------
    await reported.locator('.case-actions button[data-action="sendVerify"]').click();
    const dialog = page.locator('dialog.action-dialog[data-action="sendVerify"]');
    await dialog.waitFor();
    await dialog.getByTestId('action-submit').click();
    await detail(page, 'VERIFYING').waitFor({ timeout: 30_000 });
    const verifying = await operatorApi(`/api/v1/cases/${created.id}`);
    assert.equal(verifying.state, 'VERIFYING');
    assert.ok(verifying.taskInspectorId, 'the verification went to the grid’s inspector');

    assert.deepEqual(pageErrors, []);
  });

  it('is a page of its own on a phone, with the same controls', { timeout: 300_000 }, async () => {
    const page = await signedIn('operator01', PHONE);
    await page.waitForURL('**/desk/intake');
    await page.getByTestId('register-open').click();
    await page.waitForURL('**/desk/register');
    const form = page.getByTestId('register-form');
    await form.waitFor();
    await form.getByLabel('来源').selectOption('public_web');
    await chooseClass(form, '垃圾', '0102');
    await form.getByLabel('问题描述').fill('微信反映：人行道井盖破损');
    await mapIdle(page);
    // Nothing is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await page.locator('.case-screen').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotsDir, 'desk-register-phone.png'), fullPage: false });
    assert.deepEqual(pageErrors, []);
  });

  it('gives a leader the same form fixed to 领导交办', { timeout: 300_000 }, async () => {
    const { point } = await inspectorGridPoint();
    const page = await signedIn('leader01', DESK);
    // From the city map (the leader's map page) through the 领导交办 link.
    await page.goto(`${app.url}/map`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('leader-assign').click();
    await page.waitForURL('**/desk/register');
    const form = page.getByTestId('register-form');
    await form.waitFor();
    assert.match(await form.getByTestId('register-source-fixed').textContent(), /领导交办/);
    assert.equal(await form.getByLabel('来源').count(), 0, 'no source to choose');
    assert.equal(await form.locator('.register-form__privacy').count(), 0, 'no public reporter for an assignment');
    await chooseClass(form, '垃圾', '0102');
    await form.getByLabel('问题描述').fill('领导交办：主干道沿线垃圾清理（浏览器测试）');
    await form.getByLabel('紧急', { exact: true }).check();
    await clickMapAt(page, point);
    await form.getByTestId('register-submit').click();
    await page.waitForURL('**/cases/**', { timeout: 30_000 });
    const reported = detail(page, 'REPORTED');
    await reported.waitFor();
    const id = new URL(page.url()).pathname.split('/').pop();
    const leaderApi = await asUser('leader01');
    const created = await leaderApi(`/api/v1/cases/${id}`);
    assert.equal(created.source, 'leader');
    assert.equal(created.urgency, 'urgent');
    assert.deepEqual(pageErrors, []);
  });
});
