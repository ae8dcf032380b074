// The whole case loop through the desks (issue 7): an inspector reports with a photo, the operator
// accepts, the shift leader files, the dispatcher dispatches, the department takes the task on and
// feeds back with a photo, the operator sends the check, the inspector checks, the shift leader
// closes. The inspector's two steps are made in the phone app (/field, 360 px, GPS inside its
// grid); every desk step is clicked in the browser, and the state on screen is asserted after
// each. Screenshots of every desk at 360 px and 1920 px.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiLogin, demoDataset, launchBrowser, root, screenshotsDir, signIn, startApp } from './harness.mjs';

const PASSWORD = 'demo1234';
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1920, height: 1080 };
/** Demo cases kept: the newest scripts, so the desks are not empty but the seeding stays short. */
const DEMO_CASES_KEPT = 60;

/**
 * The shared demo dataset with only its newest case scripts: replaying a whole year of cases at
 * start takes minutes on a busy 2-core machine, and the loop needs only a lived-in desk.
 */
function trimmedDataset() {
  const dataset = JSON.parse(readFileSync(demoDataset(), 'utf8'));
  if (Array.isArray(dataset.cases)) dataset.cases = dataset.cases.slice(-DEMO_CASES_KEPT);
  const file = join(root, 'tmp', 'e2e-demo-city-case-loop.json');
  writeFileSync(file, JSON.stringify(dataset));
  return file;
}

describe('case loop through the desks', () => {
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

  /** fetch of the API as a given demo user (token from a real login). */
  async function asUser(username) {
    const { accessToken } = await apiLogin(app.url, { username, password: PASSWORD });
    return async (path, init = {}) => {
      const res = await fetch(app.url + path, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${accessToken}` },
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
  }

  /** A small real JPEG (drawn by chromium), as a phone camera would give one. */
  async function photo(colour) {
    const page = await chrome.newPage({ viewport: { width: 320, height: 240 } });
    await page.setContent(`<body style="margin:0;background:${colour}"><h1 style="color:#fff">UrbanGrid</h1></body>`);
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 80 });
    await page.close();
    return jpeg;
  }

  /** A signed-in desk page at desk size, collecting page errors. */
  async function deskPage(username) {
    const page = await chrome.newPage({ viewport: DESK, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    await signIn(page, app.url, { user: { username, password: PASSWORD } });
    return page;
  }

  /** Both screenshots of what the page shows now (phone first, then back to desk size). */
  async function screenshots(page, name, waitFor) {
    await page.setViewportSize(PHONE);
    if (waitFor) await waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotsDir, `${name}-phone.png`), fullPage: false });
    await page.setViewportSize(DESK);
    if (waitFor) await waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotsDir, `${name}-desk.png`), fullPage: false });
  }

  /** Waits for the maplibre map of the page to have drawn its sources. */
  async function mapIdle(page) {
    await page.waitForFunction(() => window.__URBANGRID_MAP__?.loaded() === true, null, { timeout: 60_000 });
  }

  const row = (page, id) => page.locator(`li.case-row[data-case-id="${id}"]`);
  const detail = (page, state) => page.locator(`article.case-detail${state ? `[data-state="${state}"]` : ''}`);

  /** Opens the case from the desk list into the side panel. */
  async function openFromList(page, id) {
    await row(page, id).locator('a.case-row__link').click();
    await detail(page).waitFor();
  }

  /** Clicks an action button, fills the dialog with `fill`, submits and waits for the new state. */
  async function act(page, action, nextState, fill) {
    await page.locator(`.case-actions button[data-action="${action}"]`).click();
    const dialog = page.locator(`dialog.action-dialog[data-action="${action}"]`);
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByTestId('action-submit').click();
    await detail(page, nextState).waitFor({ timeout: 30_000 });
    await dialog.waitFor({ state: 'detached' });
  }

  it('walks report → accept → file → dispatch → feedback → check → close on screen', { timeout: 600_000 }, async () => {
    // --- the inspector reports with a photo in the phone app ------------------------------------
    const inspector = await asUser('inspector01'); // reads only: what the server stored
    const me = await inspector('/api/v1/auth/me');
    const gridCode = me.gridCodes[0];
    assert.ok(gridCode, 'inspector01 has a responsibility grid');
    const grid = await inspector(`/api/v1/regions/grid/${gridCode}`);
    const ring = grid.geometry.type === 'MultiPolygon' ? grid.geometry.coordinates[0][0] : grid.geometry.coordinates[0];
    const inner = ring.slice(0, -1);
    // The vertex average of a small convex grid lies inside it: the phone's GPS fix.
    const position = [
      inner.reduce((s, p) => s + p[0], 0) / inner.length,
      inner.reduce((s, p) => s + p[1], 0) / inner.length,
    ];
    const field = await chrome.newPage({ viewport: PHONE, locale: 'zh-CN' });
    field.on('pageerror', (e) => pageErrors.push(e.message));
    await field.context().grantPermissions(['geolocation'], { origin: app.url });
    await field.context().setGeolocation({ longitude: position[0], latitude: position[1], accuracy: 8 });
    await signIn(field, app.url, { user: { username: 'inspector01', password: PASSWORD } });
    await field.waitForURL(/\/field$/);
    await field.getByTestId('home-report').click();
    await field.getByLabel('搜索小类').fill('暴露垃圾');
    await field.locator('.field-class-result').first().click();
    await field.getByTestId('chosen-class').filter({ hasText: '暴露垃圾' }).waitFor();
    const description = `路边暴露垃圾约两平方米（浏览器测试 ${Date.now()}）`;
    await field.getByLabel('问题描述').fill(description);
    await field
      .getByTestId('report-photos')
      .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await photo('#8d6e63') });
    await field.locator('.field-photos__item img').first().waitFor();
    await field.getByTestId('report-grid').filter({ hasText: gridCode }).waitFor();
    await field.getByTestId('report-submit').click();
    await field.getByTestId('report-result').filter({ hasText: '已上报' }).waitFor({ timeout: 30_000 });
    const mine = await inspector('/api/v1/cases?source=patrol&limit=50');
    const reported = mine.items.find((c) => c.description === description);
    assert.ok(reported, 'the report reached the server');
    const caseId = reported.id;
    assert.equal(reported.state, 'REPORTED');
    assert.equal(reported.gridCode, gridCode);
    const reportedDetail = await inspector(`/api/v1/cases/${caseId}`);
    assert.equal(reportedDetail.timeline[0].attachments.length, 1, 'with its photo');

    // --- the operator accepts at the intake desk -----------------------------------------------
    const operator = await deskPage('operator01');
    await operator.waitForURL('**/desk/intake'); // the operator lands on the intake desk
    await row(operator, caseId).waitFor();
    assert.equal(await row(operator, caseId).locator('.case-state').textContent(), '已上报');
    assert.match(await row(operator, caseId).locator('.case-countdown').textContent(), /剩余|超时/);
    await openFromList(operator, caseId);
    // The report's photo is shown in the timeline (fetched with the token).
    await detail(operator).locator('.case-timeline img[alt="照片 1"]').waitFor({ timeout: 15_000 });
    await screenshots(operator, 'desk-intake');
    await act(operator, 'accept', 'ACCEPTED', (d) => d.getByLabel('意见').fill('情况属实，受理'));
    await row(operator, caseId).waitFor({ state: 'detached' }); // an accepted case leaves the intake list

    // --- the shift leader files with the computed deadline shown -------------------------------
    const leader = await deskPage('shiftlead01');
    await leader.waitForURL('**/desk/filing');
    await row(leader, caseId).waitFor();
    assert.equal(await row(leader, caseId).locator('.case-state').textContent(), '已受理');
    await openFromList(leader, caseId);
    await screenshots(leader, 'desk-filing');
    await act(leader, 'file', 'FILED', async (d) => {
      await d.getByTestId('filing-preview').waitFor({ timeout: 15_000 });
      assert.match(await d.getByTestId('filing-deadline').textContent(), /处置截止/);
      assert.match(await d.getByTestId('filing-preview').textContent(), /立案条件/);
    });
    assert.match(await detail(leader).locator('.case-standard').textContent(), /立案条件/);

    // --- the dispatcher dispatches to the suggested department ---------------------------------
    const dispatcher = await deskPage('dispatcher01');
    await dispatcher.waitForURL('**/desk/dispatch');
    await row(dispatcher, caseId).waitFor();
    await dispatcher.locator('.desk__map [data-testid="map"]').waitFor();
    await mapIdle(dispatcher);
    await screenshots(dispatcher, 'desk-dispatch', () => mapIdle(dispatcher));
    await openFromList(dispatcher, caseId);
    let departmentId = null;
    await act(dispatcher, 'dispatch', 'DISPATCHED', async (d) => {
      await d.getByTestId('dispatch-suggestion').waitFor({ timeout: 15_000 });
      assert.match(await d.getByTestId('dispatch-suggestion').textContent(), /建议派往/);
      const select = d.locator('select[name="departmentId"]');
      await dispatcher.waitForFunction(
        () => document.querySelector('dialog select[name="departmentId"]')?.value !== '',
      );
      departmentId = await select.inputValue();
    });
    assert.ok(departmentId, 'the suggested department was preselected');
    await row(dispatcher, caseId).waitFor({ state: 'detached' }); // a dispatched case leaves the queue

    // --- the department takes it on and feeds back with a photo --------------------------------
    const users = await (await app.fetchApi('/api/v1/users')).json();
    const handler = (Array.isArray(users) ? users : users.items).find(
      (u) => u.role === 'department' && u.departmentId === departmentId && u.active,
    );
    assert.ok(handler, `a demo handler of department ${departmentId}`);
    const department = await deskPage(handler.username);
    await department.waitForURL('**/desk/department');
    await row(department, caseId).waitFor();
    assert.equal(await row(department, caseId).locator('.case-state').textContent(), '已派遣');
    assert.match(await row(department, caseId).locator('.case-countdown').textContent(), /剩余/);
    await openFromList(department, caseId);
    await act(department, 'acceptTask', 'PROCESSING');
    await screenshots(department, 'desk-department');
    const afterPhoto = await photo('#43a047');
    await act(department, 'feedback', 'FEEDBACK', async (d) => {
      await d.getByLabel('意见').fill('已清运完毕');
      await d.locator('input[name="photos"]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: afterPhoto });
    });
    await detail(department).locator('.case-timeline__step[data-action="feedback"] img').waitFor({ timeout: 15_000 });

    // --- the operator sends the check; the inspector checks in the phone app -------------------
    await operator.reload({ waitUntil: 'domcontentloaded' });
    await row(operator, caseId).waitFor();
    assert.equal(await row(operator, caseId).locator('.case-state').textContent(), '已反馈');
    await openFromList(operator, caseId);
    await act(operator, 'sendCheck', 'CHECKING');
    const checking = await inspector(`/api/v1/cases/${caseId}`);
    assert.equal(checking.taskInspectorId, me.user.id, 'the check goes to the grid’s inspector');
    // The inspector answers it in the phone app: 已处理, with a photo from the same angle.
    await field.goto(`${app.url}/field/tasks`, { waitUntil: 'domcontentloaded' });
    const task = field.getByTestId('tasks-check').locator(`[data-case-no="${reported.caseNo}"]`);
    await task.waitFor({ timeout: 30_000 });
    await task.getByRole('link').click();
    await field.getByText('问题是否已处理？').waitFor();
    await field.getByRole('radio', { name: '已处理', exact: true }).check();
    await field.getByLabel('说明').fill('现场已清理');
    await field
      .getByTestId('task-photos')
      .setInputFiles({ name: 'check.jpg', mimeType: 'image/jpeg', buffer: await photo('#1e88e5') });
    await field.getByRole('button', { name: '提交回复' }).click();
    await field.getByTestId('answer-result').filter({ hasText: '回复已提交' }).waitFor({ timeout: 30_000 });
    const checked = await inspector(`/api/v1/cases/${caseId}`);
    assert.equal(checked.state, 'TO_CLOSE');
    assert.equal(checked.timeline.at(-1).attachments.length, 1, 'the check photo arrived');
    await field.close();

    // --- the shift leader closes on the case page ----------------------------------------------
    await leader.goto(`${app.url}/cases/${caseId}`, { waitUntil: 'domcontentloaded' });
    await detail(leader, 'TO_CLOSE').waitFor();
    await act(leader, 'close', 'CLOSED');
    const closed = detail(leader, 'CLOSED');
    assert.equal(await closed.locator('.case-detail__header .case-state').textContent(), '已结案');
    const steps = await closed.locator('.case-timeline__step').evaluateAll((els) => els.map((e) => e.dataset.action));
    assert.deepEqual(steps, ['report', 'accept', 'file', 'dispatch', 'acceptTask', 'feedback', 'sendCheck', 'answerCheck', 'close']);
    // Every stage judged on time (the loop ran in minutes), in words, not only colour.
    const onTime = await closed.locator('.timeline-ontime').evaluateAll((els) => els.map((e) => e.dataset.onTime));
    assert.ok(onTime.length >= 5 && onTime.every((v) => v === 'true'), `stage flags: ${onTime}`);
    assert.match(await closed.locator('.audit-status').textContent(), /完整/);
    assert.equal(await closed.locator('.case-actions button').count(), 0, 'nothing left to do');
    await screenshots(leader, 'case-detail', () => mapIdle(leader));

    assert.deepEqual(pageErrors, []);
  });

  it('tells the user in their language when the case changed under them (409) and reloads', { timeout: 120_000 }, async () => {
    const operatorApi = await asUser('operator01');
    const created = await operatorApi('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'video', kind: 'event', classCode: '0102', description: '视频巡查发现暴露垃圾', position: [120.13, 30.335] }),
    });
    const page = await deskPage('operator01');
    await page.goto(`${app.url}/cases/${created.case.id}`, { waitUntil: 'domcontentloaded' });
    await detail(page, 'REPORTED').waitFor();
    // Someone else accepts the case after the page loaded it.
    await operatorApi(`/api/v1/cases/${created.case.id}/actions/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: created.case.version }),
    });
    await page.locator('.case-actions button[data-action="accept"]').click();
    await page.locator('dialog.action-dialog').getByTestId('action-submit').click();
    await page.getByTestId('version-conflict').filter({ hasText: '被他人更新' }).waitFor();
    await detail(page, 'ACCEPTED').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
