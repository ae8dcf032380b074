// Map interactions in a real browser: search (grid, component), click → info panel, grid quality.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, screenshotsDir, signIn, startApp } from './harness.mjs';

const DESK = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

async function api(app, path) {
  const res = await app.fetchApi('/api/v1' + path);
  return { status: res.status, body: await res.json() };
}

async function openMap(chrome, app, viewport) {
  const page = await chrome.newPage({ viewport, locale: 'zh-CN' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, app.url);
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
    // The grid outline is highlighted (its data may land a frame after the move ends).
    const highlighted = await page
      .waitForFunction(
        () => window.__URBANGRID_MAP__.queryRenderedFeatures({ layers: ['highlight-line'] }).length > 0,
        null,
        { timeout: 15_000 },
      )
      .then(
        () => true,
        () => false,
      );
    assert.ok(highlighted, 'highlight drawn');
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
    // Its candidates fit the phone's width; choosing one folds the search back to its icon.
    const near = (await api(app, `/geocode/reverse?lon=${lngLat[0]}&lat=${lngLat[1]}`)).body;
    const text = near.nearestAddress?.label ?? near.nearestRoad?.name;
    assert.ok(text, 'an address or road near the tapped point');
    await page.getByRole('combobox').fill(text);
    await page.keyboard.press('Enter');
    await page.getByRole('option').first().waitFor();
    const list = await page.getByRole('listbox').boundingBox();
    assert.ok(list.x >= 0 && list.x + list.width <= PHONE.width, `list ${JSON.stringify(list)} fits`);
    await page.screenshot({ path: join(screenshotsDir, 'map-search-phone.png') });
    await page.getByRole('option').first().click();
    await page.getByRole('combobox').waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('searches a component code: the panel shows its class', async (t) => {
    // The demo city may have no components yet: register one (a 上水井盖 style point class) inside
    // the test grid through the API, as a surveyor would.
    const list = await api(app, '/components?limit=1');
    let component = list.status === 200 ? list.body.items[0] : undefined;
    if (!component) {
      const classes = (await api(app, '/classes?kind=component')).body.items;
      const pointClass = classes.find((c) => c.level === 'small' && c.geometryType === 'point');
      if (!pointClass) {
        t.skip('no point component class is configured');
        return;
      }
      const outline = (await api(app, `/regions/grid/${grid.code}`)).body;
      const ring =
        outline.geometry.type === 'MultiPolygon'
          ? outline.geometry.coordinates[0][0]
          : outline.geometry.coordinates[0];
      const lon = ring.slice(0, -1).reduce((sum, p) => sum + p[0], 0) / (ring.length - 1);
      const lat = ring.slice(0, -1).reduce((sum, p) => sum + p[1], 0) / (ring.length - 1);
      const res = await app.fetchApi('/api/v1/components', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          classCode: pointClass.code,
          geometry: { type: 'Point', coordinates: [lon, lat] },
          maintainer: { code: null, name: '拱墅区市政养护所' },
          initialDate: '2026-01-05',
        }),
      });
      component = await res.json();
      assert.equal(res.status, 201, JSON.stringify(component));
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
    assert.equal(await fieldText(page, 'feature-info-component', 'state'), component.state);
    if (component.maintainer?.name) {
      assert.match(
        await fieldText(page, 'feature-info-component', 'maintainer'),
        new RegExp(component.maintainer.name),
      );
    }
    // Clicking the drawn point (within a few pixels) shows the same component.
    await page.keyboard.press('Escape');
    await settle(page);
    const at = await page.evaluate((p) => {
      const q = window.__URBANGRID_MAP__.project(p);
      return [q.x, q.y];
    }, component.geometry.coordinates);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    await page.mouse.click(box.x + at[0] + 3, box.y + at[1] - 2);
    assert.equal(await fieldText(page, 'feature-info-component', 'code'), component.code);
    await page.locator('[data-testid="feature-info-address"][aria-busy="false"]').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'map-component.png') });
    // In English the panel's labels, the state and (when the class has one) the class name switch.
    const STATES_EN = {
      完好: 'Intact',
      破损: 'Damaged',
      丢失: 'Missing',
      占用: 'Occupied',
      废弃: 'Abandoned',
      移除: 'Removed',
    };
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Location details' }).waitFor();
    assert.equal(await fieldText(page, 'feature-info-component', 'state'), STATES_EN[component.state]);
    assert.equal(
      await fieldText(page, 'feature-info-component', 'class'),
      `${cls?.nameEn ?? cls?.name ?? component.name} (${component.classCode})`,
    );
    assert.equal(
      await page.locator('[data-testid="feature-info-regions"] [data-field="grid"] dt').textContent(),
      'Unit grid',
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('searches an address: arrow keys pick a candidate and the panel opens there', async () => {
    const { page, errors } = await openMap(chrome, app, DESK);
    const input = page.getByRole('combobox');
    await input.fill('不存在的地方xyz路999号');
    await page.keyboard.press('Enter');
    await page.getByText(/没有匹配的地址|无法识别这段地址/).waitFor({ timeout: 30_000 });
    // The address nearest the test grid (or its road), as the reverse geocoder names it.
    const [lon, lat] = (await api(app, `/regions/grid/${grid.code}`)).body.geometry.coordinates.flat(3);
    const reverse = (await api(app, `/geocode/reverse?lon=${lon}&lat=${lat}`)).body;
    const text = reverse.nearestAddress?.label ?? reverse.nearestRoad?.name;
    assert.ok(text, 'the demo city has an address or a road near the grid');
    const candidates = (await api(app, `/geocode?q=${encodeURIComponent(text)}`)).body.candidates ?? [];
    assert.ok(candidates.length > 0, `the geocoder finds ${text}`);
    await input.fill(text);
    await page.keyboard.press('Enter');
    await page.getByRole('option').first().waitFor();
    assert.equal(await page.getByRole('option').count(), candidates.length);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByRole('option').first().getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="feature-info"]').waitFor();
    assert.equal(await input.inputValue(), candidates[0].label);
    // The panel locates the chosen point itself; the geocoder's own regions may name the grid on
    // the other side when the address point lies on a grid edge (along a road).
    const [clon, clat] = candidates[0].position;
    const located = (await api(app, `/regions/locate?lon=${clon.toFixed(7)}&lat=${clat.toFixed(7)}`)).body;
    assert.equal(await fieldText(page, 'feature-info-regions', 'grid'), located.grid.code);
    console.log(
      `address ${text}: geocoder grid ${candidates[0].regions?.grid.code}, locate ${located.grid.code}`,
    );
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

  it('draws findings as markers by severity and shows the clicked one (stubbed report)', async () => {
    // The demo city has no findings, so the marker path runs on a report served by the test: one
    // error and one warning at two points of the test grid.
    const { page, errors } = await openMap(chrome, app, DESK);
    const outline = (await api(app, `/regions/grid/${grid.code}`)).body;
    const ring =
      outline.geometry.type === 'MultiPolygon'
        ? outline.geometry.coordinates[0][0]
        : outline.geometry.coordinates[0];
    const [w, s, e, n] = [
      Math.min(...ring.map((p) => p[0])),
      Math.min(...ring.map((p) => p[1])),
      Math.max(...ring.map((p) => p[0])),
      Math.max(...ring.map((p) => p[1])),
    ];
    const finding = (check, severity, point, messageZh) => ({
      check,
      severity,
      messageKey: `gridQuality.${check}`,
      params: {},
      message: `${check} at ${grid.code}`,
      messageZh,
      codes: [grid.code],
      point,
    });
    const stub = {
      checkedAt: new Date().toISOString(),
      date: '2026-01-01',
      gridCount: 1,
      params: {},
      level: null,
      findings: [
        finding('overlap', 'error', [w + (e - w) * 0.3, (s + n) / 2], `网格 ${grid.code} 与相邻网格重叠`),
        finding(
          'area-out-of-bounds',
          'warning',
          [w + (e - w) * 0.7, (s + n) / 2],
          `网格 ${grid.code} 面积过小`,
        ),
      ],
      countsByCheck: {},
    };
    // Held back a moment, as a real run over a city takes seconds: the progress line shows meanwhile.
    await page.route('**/api/v1/regions/quality', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(stub) });
    });
    await page.getByRole('checkbox', { name: '网格质检' }).check();
    await page.getByRole('status').filter({ hasText: '正在检查单元网格' }).waitFor();
    await page.locator('[data-testid="quality-result"]').waitFor();
    assert.match(await page.locator('.quality__summary').textContent(), /错误 1 个，警告 1 个/);
    assert.deepEqual(
      await page.locator('.quality__group').evaluateAll((els) => els.map((el) => el.dataset.check)),
      ['area-out-of-bounds', 'overlap'],
    );
    assert.equal(await page.locator('[data-testid="quality-no-errors"]').count(), 0);
    await page.evaluate(
      (c) => window.__URBANGRID_MAP__.jumpTo({ center: c, zoom: 17 }),
      [(w + e) / 2, (s + n) / 2],
    );
    await settle(page);
    const colours = await page.evaluate(() =>
      window.__URBANGRID_MAP__
        .queryRenderedFeatures({ layers: ['quality-findings'] })
        .map((f) => [f.properties.severity, f.layer.paint['circle-color']]),
    );
    assert.equal(colours.length, 2);
    const colourOf = Object.fromEntries(colours.map(([sev, c]) => [sev, `${c.r},${c.g},${c.b}`]));
    assert.notEqual(colourOf.error, colourOf.warning);
    const at = await page.evaluate((p) => {
      const q = window.__URBANGRID_MAP__.project(p);
      return [q.x, q.y];
    }, stub.findings[0].point);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    await page.mouse.click(box.x + at[0], box.y + at[1]);
    const selected = page.locator('[data-testid="quality-selected"]');
    await selected.waitFor();
    assert.match(await selected.textContent(), new RegExp(`网格重叠网格 ${grid.code} 与相邻网格重叠`));
    // A marker click selects the finding and does not open the info panel.
    assert.equal(await page.locator('[data-testid="feature-info"]').count(), 0);
    await page.screenshot({ path: join(screenshotsDir, 'map-quality-findings.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows a failed quality run in the user's language with a retry", async () => {
    const page = await chrome.newPage({ viewport: DESK, locale: 'en' });
    await signIn(page, app.url);
    await page.waitForFunction(() => window.__URBANGRID_MAP_READY__ === true, null, { timeout: 90_000 });
    await page.getByRole('button', { name: /English/ }).click();
    await page.route('**/api/v1/regions/quality', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 503,
          code: 'DATABASE.UNAVAILABLE',
          message: 'database unavailable',
        }),
      }),
    );
    await page.getByRole('checkbox', { name: 'Grid quality' }).check();
    const alert = page.locator('.quality__error');
    await alert.waitFor();
    assert.match(await alert.textContent(), /The database is temporarily unavailable/);
    await page.unroute('**/api/v1/regions/quality');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="quality-result"]').waitFor({ timeout: 120_000 });
    await page.close();
  });
});
