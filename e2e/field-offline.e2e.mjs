// The inspector app (城管通) on a 360 × 740 phone: report a problem with a photo, then report
// again without network (queued on the device with its grid shown), check that the queued
// report reaches the server exactly once when the network returns, and answer a check task.
// Also: the app is installable (manifest, service worker in control).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { pointOnFeature } from '@turf/turf';
import { apiLogin, demoDataset, launchBrowser, root, screenshotsDir, signIn, startApp } from './harness.mjs';

const INSPECTOR = { username: 'inspector01', password: 'demo1234' };
const PHONE = { width: 360, height: 740 };

/** A small real PNG (64 × 48, a two-colour split) so the server's content sniffing accepts it. */
function smallPng() {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [64, 48];
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = [0];
    for (let x = 0; x < w; x++) row.push(...(x < w / 2 ? [90, 120, 60] : [200, 190, 170]));
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The demo city with a slice of its year of cases: the newest 300 and every one left waiting for
 * an inspector's verify or check answer (so the task list has work). Booting the full 12,000
 * scripted cases takes minutes on a loaded 2-core machine; this test needs the city, the
 * inspectors and a few tasks.
 */
function fieldDataset() {
  const full = demoDataset();
  const file = join(root, 'tmp', 'e2e-field-demo-city.json');
  if (existsSync(file) && statSync(file).mtimeMs >= statSync(full).mtimeMs) return file;
  const data = JSON.parse(readFileSync(full, 'utf8'));
  const cases = data.cases ?? [];
  const waitsForInspector = (script) => ['sendVerify', 'sendCheck'].includes(script.steps.at(-1)?.[0]);
  data.cases = cases.filter((script, index) => index >= cases.length - 300 || waitsForInspector(script));
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('field app offline', () => {
  let app;
  let chrome;
  let token;
  const api = async (path) => {
    const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
    return res.json();
  };

  before(async () => {
    app = await startApp({ DEMO_DATASET: fieldDataset() });
    chrome = await launchBrowser();
    token = (await apiLogin(app.url, INSPECTOR)).accessToken;
  });
  after(async () => {
    await chrome?.close();
    await app?.stop();
  });

  it('reports online, queues a report offline with its grid, sends it exactly once, answers a task', async () => {
    // Stand inside the inspector's first responsibility grid.
    const me = await api('/api/v1/auth/me');
    assert.ok(me.gridCodes.length > 0, 'the demo inspector has responsibility grids');
    const grid = await api(`/api/v1/regions/grid/${me.gridCodes[0]}`);
    const [lon, lat] = pointOnFeature({ type: 'Feature', geometry: grid.geometry, properties: {} }).geometry
      .coordinates;

    const page = await chrome.newPage({ viewport: PHONE, locale: 'zh-CN' });
    const context = page.context();
    await context.grantPermissions(['geolocation'], { origin: app.url });
    await context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 8 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Inspectors land on the field app after signing in.
    await signIn(page, app.url, { user: INSPECTOR });
    await page.waitForURL(/\/field$/);
    await page.getByTestId('home-report').waitFor();
    await page.getByTestId('home-tasks').filter({ hasNotText: '正在加载' }).waitFor();
    await page.waitForTimeout(1500); // let the map draw the grids
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: join(screenshotsDir, 'field-home.png') });
    // Installable: a manifest that starts at /field and an active service worker.
    const manifest = await (await fetch(app.url + '/manifest.webmanifest')).json();
    assert.equal(manifest.start_url, '/field');
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
    assert.equal(
      await page.evaluate(() => navigator.serviceWorker.ready.then((r) => Boolean(r.active))),
      true,
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `nothing overflows a 360 px screen (scrollWidth ${width})`);

    const photo = { name: 'scene.png', mimeType: 'image/png', buffer: smallPng() };
    const fillReport = async (description) => {
      await page.getByLabel('搜索小类').fill('垃圾');
      await page.locator('.field-class-result').first().click();
      await page.getByTestId('chosen-class').waitFor();
      await page.getByLabel('问题描述').fill(description);
      await page.getByTestId('report-photos').setInputFiles(photo);
      await page.locator('.field-photos__item img').first().waitFor();
      // The grid comes from the device cache (point in polygon), online or not.
      await page.getByTestId('report-grid').filter({ hasText: grid.code }).waitFor();
    };

    // 1. Online: the report goes straight out and gets a case number.
    await page.getByTestId('home-report').click();
    const onlineText = `e2e 在线上报 ${Date.now()}`;
    await fillReport(onlineText);
    await page.getByTestId('report-address').filter({ hasNotText: '正在获取' }).waitFor();
    await page.getByTestId('nearby-cases').filter({ hasNotText: '正在查找' }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(screenshotsDir, 'field-report.png'), fullPage: true });
    await page.getByTestId('report-submit').click();
    const result = page.getByTestId('report-result').filter({ hasText: '已上报' });
    await result.waitFor({ timeout: 30_000 });
    const caseNo = (await result.locator('.field-success').textContent()).match(/案卷号\s*(\d+)/)?.[1];
    assert.ok(caseNo, `a case number is shown: ${await result.textContent()}`);

    // It is listed under my reports with its state.
    await page.getByRole('link', { name: '我的上报' }).first().click();
    const card = page.getByTestId('my-reports').locator(`[data-case-no="${caseNo}"]`);
    await card.waitFor({ timeout: 20_000 });
    assert.match(await card.textContent(), /已上报|已受理|已立案/);

    // 2. Offline: the report waits on the device with its grid.
    await context.setOffline(true);
    await page.getByTestId('network-status').filter({ hasText: '离线' }).waitFor();
    await page.locator('.field-nav').getByRole('link', { name: '上报', exact: true }).click();
    const offlineText = `e2e 离线上报 ${Date.now()}`;
    await fillReport(offlineText);
    assert.match(await page.getByTestId('report-address').textContent(), /离线/);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-result').filter({ hasText: '联网后自动发送' }).waitFor();
    await page.locator('.field-nav').getByRole('link', { name: '我的上报', exact: true }).click();
    const queued = page.getByTestId('outbox-item').filter({ hasText: offlineText });
    await queued.waitFor();
    assert.equal(await queued.getAttribute('data-status'), 'waiting');
    assert.match(await queued.textContent(), /等待网络/);
    assert.match(await queued.getByTestId('outbox-grid').textContent(), new RegExp(grid.code));
    await page.screenshot({ path: join(screenshotsDir, 'field-offline-queue.png') });

    // 3. Online again: the 'online' event sends the queue.
    await context.setOffline(false);
    await page
      .getByTestId('outbox-item')
      .filter({ hasText: offlineText })
      .and(page.locator('[data-status="sent"]'))
      .waitFor({ timeout: 30_000 });
    assert.match(
      await page.getByTestId('outbox-item').filter({ hasText: offlineText }).textContent(),
      /已发送/,
    );

    // Exactly one case with that description, with its photo and the grid the device showed.
    const page1 = await api('/api/v1/cases?source=patrol&limit=200');
    const arrived = page1.items.filter((c) => c.description === offlineText);
    assert.equal(arrived.length, 1, 'the queued report arrived exactly once');
    assert.equal(arrived[0].gridCode, grid.code);
    const detail = await api(`/api/v1/cases/${arrived[0].id}`);
    assert.equal(detail.timeline[0].attachments.length, 1, 'its photo arrived with it');
    // A further flush (interval or another 'online') sends nothing again.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(1500);
    const again = await api('/api/v1/cases?source=patrol&limit=200');
    assert.equal(again.items.filter((c) => c.description === offlineText).length, 1);
    assert.equal(again.items.filter((c) => c.description === onlineText).length, 1);

    // The task list at phone size.
    await page.locator('.field-nav').getByRole('link', { name: '任务', exact: true }).click();
    await page.locator('.field-main').filter({ hasNotText: '正在加载' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshotsDir, 'field-tasks.png') });

    // Answer a check task (已处理) with a photo: the answer goes through the same outbox.
    const task = page.getByTestId('tasks-check').getByTestId('case-card').first();
    const taskNo = await task.getAttribute('data-case-no');
    await task.getByRole('link').click();
    await page.getByText('问题是否已处理？').waitFor();
    await page.getByRole('radio', { name: '已处理', exact: true }).check();
    await page.getByLabel('说明').fill('e2e 核查：已清理');
    await page.getByTestId('task-photos').setInputFiles(photo);
    await page.getByRole('button', { name: '提交回复' }).click();
    await page.getByTestId('answer-result').filter({ hasText: '回复已提交' }).waitFor({ timeout: 30_000 });
    const checked = (await api('/api/v1/cases?limit=200')).items.find((c) => c.caseNo === taskNo);
    const checkedDetail = await api(`/api/v1/cases/${checked.id}`);
    assert.equal(checkedDetail.state, 'TO_CLOSE', '已处理 moves the case to 待结案');
    const answer = checkedDetail.timeline.at(-1);
    assert.equal(answer.action, 'answerCheck');
    assert.equal(answer.attachments.length, 1);

    assert.deepEqual(errors, []);
    await page.close();
  });
});
