// The citizens' page /report (no login) on a 360 × 740 phone: choose a service, tap the spot on
// the map, describe, add a photo, send, get a tracking number and look its status up. The page
// talks only to the Open311 endpoint with the public web channel's key, which is given to the
// web build (VITE_OPEN311_WEB_KEY) and to the server at boot (OPEN311_WEB_KEY).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pointOnFeature } from '@turf/turf';
import exifr from 'exifr';
import sharp from 'sharp';
import { demoDataset, launchBrowser, root, screenshotsDir, startApp } from './harness.mjs';

const PHONE = { width: 360, height: 740 };
const WEB_KEY = `o311_e2e_${randomBytes(24).toString('base64url')}`;

/** The demo city with only its newest 20 scripted cases: the page needs the city, not a year of cases. */
function smallDataset() {
  const full = demoDataset();
  const file = join(root, 'tmp', 'e2e-public-demo-city.json');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(full).mtimeMs) {
    const data = JSON.parse(readFileSync(full, 'utf8'));
    data.cases = (data.cases ?? []).slice(-20);
    writeFileSync(file, JSON.stringify(data));
  }
  return file;
}

/** The web app built with the web channel key (the standard build has none: reporting stays closed). */
function buildWebWithKey() {
  const outDir = join(root, 'tmp', 'e2e-web-public');
  // E2E_WEB_SOURCE: another checkout of the sources to build from (e.g. a clean snapshot of HEAD).
  const source = process.env.E2E_WEB_SOURCE || root;
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: source, stdio: 'inherit', env: { ...process.env, VITE_OPEN311_WEB_KEY: WEB_KEY } },
  );
  if (res.status !== 0) throw new Error('web build with VITE_OPEN311_WEB_KEY failed');
  return outDir;
}

describe('public report page', () => {
  let app;
  let chrome;
  let dataset;

  before(async () => {
    const webDir = buildWebWithKey();
    const file = smallDataset();
    dataset = JSON.parse(readFileSync(file, 'utf8'));
    app = await startApp({ DEMO_DATASET: file, WEB_DIR: webDir, OPEN311_WEB_KEY: WEB_KEY });
    chrome = await launchBrowser();
  });
  after(async () => {
    await chrome?.close();
    await app?.stop();
  });

  it('reports with a photo on a phone, gives a tracking number and shows its status', async () => {
    const grid = dataset.regions.find((r) => r.level === 'grid');
    const [lon, lat] = pointOnFeature({ type: 'Feature', geometry: grid.geometry, properties: {} }).geometry
      .coordinates;

    const page = await chrome.newPage({ viewport: PHONE, locale: 'zh-CN' });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url + '/report', { waitUntil: 'domcontentloaded' });
    // No sign-in: the page itself, in Chinese first.
    assert.equal(new URL(page.url()).pathname, '/report');
    await page.getByRole('heading', { name: '市民问题上报' }).waitFor();
    const select = page.getByTestId('public-service');
    await select.locator('option[value="E0102"]').waitFor({ state: 'attached' });
    await select.selectOption('E0102');

    // Tap the map where the problem is: the pixel of a point inside a unit grid.
    await page.waitForFunction(() => Boolean(window.__URBANGRID_MAP__?.loaded()));
    const map = page.getByTestId('public-map');
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    // The citizen zooms in on the spot (the map opens on the whole city), then taps it.
    await page.evaluate(
      ([x, y]) => {
        const m = window.__URBANGRID_MAP__;
        m.resize();
        m.jumpTo({ center: [x, y], zoom: 16 });
      },
      [lon, lat],
    );
    const pixel = await page.evaluate(([x, y]) => window.__URBANGRID_MAP__.project([x, y]), [lon, lat]);
    const inside = pixel.x > 0 && pixel.y > 0 && pixel.x < box.width && pixel.y < box.height;
    assert.ok(
      inside,
      `the grid point shows on the map (${pixel.x}, ${pixel.y} in ${box.width} × ${box.height})`,
    );
    await page.mouse.click(box.x + pixel.x, box.y + pixel.y);
    await page.getByTestId('report-pin').waitFor();
    await page.getByTestId('public-position-status').filter({ hasText: '已选位置' }).waitFor();

    await page.getByTestId('public-description').fill('人行道上堆放生活垃圾约两平方米，有异味。');
    const photo = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 120, g: 140, b: 90 } },
    })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('public-photo')
      .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel('称呼').fill('李女士');
    await page.getByLabel('手机号').fill('13900002222');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `nothing overflows a 360 px screen (scrollWidth ${width})`);
    mkdirSync(screenshotsDir, { recursive: true });
    await page.getByTestId('public-service').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'public-report-phone.png') });

    await page.getByTestId('public-submit').click();
    const tracking = page.getByTestId('public-tracking-number');
    await tracking.waitFor({ timeout: 30_000 });
    const number = (await tracking.textContent()).trim();
    assert.match(number, /^\d{12}$/, 'the tracking number is the case number');
    await page.screenshot({ path: join(screenshotsDir, 'public-report-receipt-phone.png') });

    await page.getByTestId('public-look-up-now').click();
    await page.getByTestId('public-lookup-submit').click();
    await page.getByTestId('public-lookup-result').waitFor();
    assert.equal(await page.getByTestId('public-status').textContent(), '处理中');
    assert.equal(await page.getByTestId('public-status-notes').textContent(), '已收到，待受理');
    await page.waitForFunction(() => {
      const img = document.querySelector('.public-card__photo');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    await page.screenshot({ path: join(screenshotsDir, 'public-report-status-phone.png'), fullPage: true });
    assert.deepEqual(errors, []);

    // The server side: a public case waiting for 核实, its photo only as the stripped copy, no contact data public.
    const res = await fetch(`${app.url}/open311/v2/requests/${number}.json?extensions=true`);
    const [request] = await res.json();
    assert.equal(request.service_code, 'E0102');
    assert.equal(request.extended_attributes.channel, 'public-web');
    const text = JSON.stringify(request);
    assert.ok(!text.includes('李女士') && !text.includes('13900002222'), 'no reporter data in public output');
    const media = Buffer.from(await (await fetch(request.media_url)).arrayBuffer());
    assert.ok(media.length > 0);
    const exif = await exifr.parse(media, { gps: true }).catch(() => undefined);
    assert.equal(exif?.latitude, undefined, 'the public photo carries no position');

    // English works too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Report a city problem' }).waitFor();
  });
});
