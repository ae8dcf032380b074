// Map interactions in a real browser: search (grid, component), click → info panel, grid quality.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, screenshotsDir, startApp } from './harness.mjs';

const DESK = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

async function api(app, path) {
  const res = await fetch(app.url + '/api/v1' + path);
  return { status: res.status, body: await res.json() };
}

async function openMap(chrome, app, viewport) {
  const page = await chrome.newPage({ viewport, locale: 'zh-CN' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url + '/', { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__URBANGRID_MAP_READY__ === true, null, { timeout: 90_000 });
  return { page, errors };
}

/** Waits until the map stops moving and has drawn everything. */
async function settle(page) {
  await page.evaluate(async () => {
    const map = window.__URBANGRID_MAP__;
    if (map.isMoving() || !map.loaded()) await new Promise((resolve) => map.once('idle', resolve));
    await new Promise((resolve) => map.once('idle', resolve) && map.triggerRepaint());
  });
}

async function fieldText(page, section, field) {
  const locator = page.locator(`[data-testid="${section}"] [data-field="${field}"] dd`);
  await locator.waitFor({ timeout: 30_000 });
  return locator.textContent();
}

describe('map interactions', () => {
  let app;
  let chrome;
  let grid;
  before(async () => {
    app = await startApp();
    chrome = await launchBrowser();
    mkdirSync(screenshotsDir, { recursive: true });
    // A grid to search for: the one at the city's centre (any grid would do).
    const city = (await api(app, '/city')).body;
    const [w, s, e, n] = city.dataExtent;
    const located = await api(app, `/regions/locate?lon=${(w + e) / 2}&lat=${(s + n) / 2}`);
    assert.equal(located.status, 200, JSON.stringify(located.body));
    grid = located.body.grid;
  });
  after(async () => {
    await chrome?.close();
    await app?.stop();
  });

  it('searches a grid code: the map flies to the grid and the panel shows it', async () => {
    const { page, errors } = await openMap(chrome, app, DESK);
    const zoomBefore = await page.evaluate(() => window.__URBANGRID_MAP__.getZoom());
    await page.getByRole('combobox', { name: '搜索网格编码、部件编码或地址' }).fill(grid.code);
    await page.keyboard.press('Enter');
    assert.equal(await fieldText(page, 'feature-info-regions', 'grid'), grid.code);
    const outline = (await api(app, `/regions/grid/${grid.code}`)).body;
    await settle(page);
    const view = await page.evaluate(() => {
      const map = window.__URBANGRID_MAP__;
      const c = map.getCenter();
      const b = map.getBounds();
      return {
        zoom: map.getZoom(),
        center: [c.lng, c.lat],
        bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      };
    });
    assert.ok(view.zoom > zoomBefore + 1, `zoomed in from ${zoomBefore} to ${view.zoom}`);
    // Every vertex of the grid's outline is in view.
    const vertices = outline.geometry.coordinates.flat(outline.geometry.type === 'MultiPolygon' ? 2 : 1);
    assert.ok(vertices.length >= 4);
    for (const [lon, lat] of vertices) {
      assert.ok(
        lon >= view.bounds[0] && lon <= view.bounds[2] && lat >= view.bounds[1] && lat <= view.bounds[3],
        `vertex ${lon},${lat} in view`,
      );
    }
    // The grid outline is highlighted.
    const highlighted = await page.evaluate(
      () => window.__URBANGRID_MAP__.queryRenderedFeatures({ layers: ['highlight-line'] }).length,
    );
    assert.ok(highlighted > 0, 'highlight drawn');
    // Focus moved into the panel; Escape closes it.
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('[data-testid="feature-info"]') !== null),
      true,
    );
    await page.screenshot({ path: join(screenshotsDir, 'map-search.png') });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="feature-info"]').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('clicks a point on a phone: the bottom sheet shows its grid and community', async () => {
    const { page, errors } = await openMap(chrome, app, PHONE);
    // Zoom to street level on the known grid, then tap the map's centre.
    const outline = (await api(app, `/regions/grid/${grid.code}`)).body;
    const ring =
      outline.geometry.type === 'MultiPolygon'
        ? outline.geometry.coordinates[0][0]
        : outline.geometry.coordinates[0];
    const lon = ring.reduce((sum, p) => sum + p[0], 0) / ring.length;
    const lat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
    await page.evaluate(
      ([lon, lat]) => window.__URBANGRID_MAP__.jumpTo({ center: [lon, lat], zoom: 16 }),
      [lon, lat],
    );
    await settle(page);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 3;
    const lngLat = await page.evaluate(
      ([px, py]) => {
        const p = window.__URBANGRID_MAP__.unproject([px, py]);
        return [p.lng, p.lat];
      },
      [x - box.x, y - box.y],
    );
    const expected = (await api(app, `/regions/locate?lon=${lngLat[0]}&lat=${lngLat[1]}`)).body;
    await page.mouse.click(x, y);
    assert.equal(await fieldText(page, 'feature-info-regions', 'grid'), expected.grid.code);
    assert.equal(
      await fieldText(page, 'feature-info-regions', 'community'),
      `${expected.community.name} (${expected.community.code})`,
    );
    // A bottom sheet: full width, anchored at the bottom of the screen.
    const sheet = await page.locator('[data-testid="feature-info"]').boundingBox();
    assert.equal(Math.round(sheet.width), PHONE.width);
    assert.equal(Math.round(sheet.y + sheet.height), PHONE.height);
    // The address part settles (description or its empty state), in Chinese.
    await page.locator('[data-testid="feature-info-address"][aria-busy="false"]').waitFor();
    await settle(page);
    await page.screenshot({ path: join(screenshotsDir, 'map-info-phone.png') });
    // The search collapses to an icon on a phone and opens on tap.
    assert.equal(await page.getByRole('combobox').isVisible(), false);
    await page.getByRole('button', { name: '打开搜索' }).click();
    assert.equal(await page.getByRole('combobox').isVisible(), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('searches a component code: the panel shows its class', async (t) => {
    const list = await api(app, '/components?limit=1');
    const component = list.status === 200 ? list.body.items[0] : undefined;
    if (!component) {
      t.skip('the demo city has no components');
      return;
    }
    const classes = (await api(app, '/classes?kind=component')).body.items;
    const cls = classes.find((c) => c.code === component.classCode);
    const { page, errors } = await openMap(chrome, app, DESK);
    await page.getByRole('combobox').fill(component.code);
    await page.keyboard.press('Enter');
    assert.equal(await fieldText(page, 'feature-info-component', 'code'), component.code);
    assert.equal(
      await fieldText(page, 'feature-info-component', 'class'),
      `${cls?.name ?? component.name} (${component.classCode})`,
    );
    assert.equal(await fieldText(page, 'feature-info-regions', 'grid'), component.gridCode);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('searches an address: arrow keys pick a candidate and the panel opens there', async () => {
    const { page, errors } = await openMap(chrome, app, DESK);
    const input = page.getByRole('combobox');
    await input.fill('不存在的地方xyz路999号');
    await page.keyboard.press('Enter');
    await page.getByText(/没有匹配的地址|无法识别这段地址/).waitFor({ timeout: 30_000 });
    // A road near the test grid, as the reverse geocoder names it.
    const [lon, lat] = (await api(app, `/regions/grid/${grid.code}`)).body.geometry.coordinates.flat(3);
    const reverse = (await api(app, `/geocode/reverse?lon=${lon}&lat=${lat}`)).body;
    const road = reverse.nearestRoad?.name ?? reverse.nearestAddress?.road;
    assert.ok(road, 'the demo city has a road near the grid');
    {
      const candidates = (await api(app, `/geocode?q=${encodeURIComponent(road)}`)).body.candidates ?? [];
      await input.fill(road);
      await page.keyboard.press('Enter');
      if (candidates.length > 0) {
        await page.getByRole('option').first().waitFor();
        assert.equal(await page.getByRole('option').count(), candidates.length);
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.getByRole('option').first().getAttribute('aria-selected'), 'true');
        await page.keyboard.press('Enter');
        await page.locator('[data-testid="feature-info"]').waitFor();
        assert.equal(await input.inputValue(), candidates[0].label);
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('toggles grid quality: progress, then the findings list with no errors', async () => {
    const { page, errors } = await openMap(chrome, app, DESK);
    const report = (await api(app, '/regions/quality')).body;
    const errorsInReport = report.findings.filter((f) => f.severity === 'error').length;
    assert.equal(errorsInReport, 0, 'the demo city has no grid errors');
    await page.getByRole('checkbox', { name: '网格质检' }).check();
    const result = page.locator('[data-testid="quality-result"]');
    await result.waitFor({ timeout: 120_000 });
    assert.equal(
      await page.locator('[data-testid="quality-no-errors"]').textContent(),
      report.findings.length === 0 ? '未发现问题。' : '未发现错误。',
    );
    const groups = await page.locator('.quality__group').count();
    assert.equal(groups, new Set(report.findings.map((f) => f.check)).size);
    if (report.findings.length > 0) {
      // Markers are drawn; clicking one shows its message.
      const first = report.findings[0];
      await page.evaluate(
        (point) => window.__URBANGRID_MAP__.jumpTo({ center: point, zoom: 15 }),
        first.point,
      );
      await settle(page);
      const at = await page.evaluate((point) => {
        const p = window.__URBANGRID_MAP__.project(point);
        return [p.x, p.y];
      }, first.point);
      const box = await page.locator('[data-testid="map"]').boundingBox();
      await page.mouse.click(box.x + at[0], box.y + at[1]);
      const selected = await page.locator('[data-testid="quality-selected"]').textContent();
      const messages = report.findings
        .filter((f) => Math.abs(f.point[0] - first.point[0]) < 1e-4)
        .map((f) => f.messageZh);
      assert.ok(
        messages.some((m) => selected.includes(m)),
        `${selected} shows a finding's message`,
      );
    }
    await page.screenshot({ path: join(screenshotsDir, 'map-quality.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
