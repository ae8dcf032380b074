import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, screenshotsDir, signIn, startApp } from './harness.mjs';

describe('map page', () => {
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

  for (const [name, viewport] of [
    ['desk', { width: 1920, height: 1080 }],
    ['phone', { width: 360, height: 740 }],
  ]) {
    it(`renders the demo grids at ${name} size`, async () => {
      const page = await chrome.newPage({ viewport, locale: 'zh-CN' });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page, app.url);
      await page.waitForFunction(() => window.__URBANGRID_MAP_READY__ === true, null, { timeout: 90_000 });
      const count = Number(await page.getAttribute('[data-testid="map"]', 'data-grid-count'));
      assert.ok(count >= 1000 && count <= 2000, `grid count ${count} should be 1,000–2,000`);
      // The header shows the city name from the API.
      const city = await (await app.fetchApi('/api/v1/city')).json();
      assert.ok((await page.textContent('header')).includes(city.name));
      mkdirSync(screenshotsDir, { recursive: true });
      await page.screenshot({ path: join(screenshotsDir, `map-${name}.png`) });
      // Zoomed in to street level (as a user would), the grids are actually drawn and labelled:
      // maplibre reports rendered grid features in the viewport.
      const rendered = await page.evaluate(async () => {
        const map = window.__URBANGRID_MAP__;
        const ids = map.getStyle().layers.map((l) => l.id).filter((id) => id.includes('grid'));
        map.jumpTo({ center: map.getCenter(), zoom: 16.5 });
        await new Promise((resolve) => map.once('idle', resolve));
        const features = map.queryRenderedFeatures({ layers: ids });
        return { lines: features.length, labels: features.filter((f) => f.layer.type === 'symbol').length };
      });
      assert.ok(rendered.lines > 0, 'some grid features are rendered');
      assert.ok(rendered.labels > 0, 'grid codes are labelled at high zoom');
      await page.screenshot({ path: join(screenshotsDir, `map-${name}-zoomed.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('switches the language to English', async () => {
    const page = await chrome.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, app.url);
    await page.waitForFunction(() => window.__URBANGRID_MAP_READY__ === true, null, { timeout: 90_000 });
    const before = await page.textContent('header');
    await page.getByRole('button', { name: /English/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const afterText = await page.textContent('header');
    assert.notEqual(afterText, before);
    await page.close();
  });
});
