import type { DemoCityDataset } from '@urbangrid/contracts';
import type { AcceptanceProfile } from '@urbangrid/domain';
import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader } from '../../../../test/auth-helpers';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import type { AuthUser } from '../../auth/principal';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import type { HistoryImportJob } from '../../history-import/history-import.repository';
import { type AcceptanceReport, AcceptanceService } from '../acceptance.service';

const EXAMPLE = readFileSync(join(__dirname, '../../../../../../docs/examples/history-example.csv'), 'utf8');
/** Two days after the example's last case (2023-03-06 15:00 +08:00): the run goes on. */
const NOW = new Date('2023-03-08T04:00:00Z');

function city(): DemoCityDataset {
  const c = newSmallCity();
  const pw = 'demo1234';
  c.users.push(
    { username: 'operator01', displayName: '受理员', role: 'operator', departmentCode: null, password: pw },
    {
      username: 'shiftlead01',
      displayName: '值班长',
      role: 'shift_leader',
      departmentCode: null,
      password: pw,
    },
    {
      username: 'dispatcher01',
      displayName: '派遣员',
      role: 'dispatcher',
      departmentCode: null,
      password: pw,
    },
    { username: 'inspector01', displayName: '监督员', role: 'inspector', departmentCode: null, password: pw },
  );
  c.components = [
    {
      code: '3301050101000001',
      classCode: '0101',
      name: '上水井盖',
      geometry: { type: 'Point', coordinates: [120.1505, 30.3005] },
      state: '完好',
      deptCode: 'HW',
      maintainerCode: 'HW-01',
      initialDate: '2023-01-01',
    },
  ];
  return c;
}

/** Every text drawn with the embedded font maps back to Unicode through its ToUnicode CMap. */
function pdfUnicodeText(pdf: Buffer): string {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    try {
      const text = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (!text.includes('begincmap')) continue;
      // pdfkit writes `<first> <last> [<unicode> …]` ranges.
      for (const range of text.matchAll(/\[([^\]]*)\]/g))
        for (const hex of range[1].matchAll(/<([0-9a-f]{4,})>/gi))
          out.push(String.fromCodePoint(parseInt(hex[1], 16)));
    } catch {
      // Not a deflated stream (the font program is deflated too, and maps nothing).
    }
  }
  return out.join('');
}

describe('acceptance (GET /api/v1/acceptance/…)', () => {
  let t: TestApp;
  let service: AcceptanceService;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db, { profile: 'national' });
    await seedDemoCityIfEmpty(t.db, city());
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/history-imports?format=csv',
      payload: EXAMPLE,
      headers: { 'content-type': 'text/csv' },
    });
    const { id } = res.json<HistoryImportJob>();
    for (let i = 0; i < 200; i++) {
      const j = (await t.request({ url: `/api/v1/history-imports/${id}` })).json<HistoryImportJob>();
      if (j.status === 'done') break;
      if (j.status === 'invalid' || j.status === 'failed') throw new Error(JSON.stringify(j.errors));
      await new Promise((ok) => setTimeout(ok, 50));
    }
    service = t.app.get(AcceptanceService);
    const [u] = await t.db.query<{ id: string; districtCode: string }>(
      `SELECT id, district_code AS "districtCode" FROM app_user WHERE username = 'test-admin'`,
    );
    admin = {
      id: u.id,
      username: 'test-admin',
      name: 'test-admin',
      role: 'admin',
      departmentId: null,
      departmentIds: [],
      districtCode: u.districtCode,
      gridCodes: [],
    } as unknown as AuthUser;
  });
  afterAll(async () => t?.close());

  it('computes every measurable metric from the system data', async () => {
    const r = await service.result(admin, {}, NOW);
    const m = r.metrics;
    // 12 grids of 100 m × 100 m exactly tile the one community: coverage 1.
    expect(m.builtUpAreaCoverage).toMatchObject({ available: true });
    expect((m.builtUpAreaCoverage as { value: number }).value).toBeCloseTo(1, 6);
    expect(m.gridQualityFindings).toMatchObject({ available: true, value: 0 });
    // One road with no house-number ranges, no address points: 0 of 12 grids geocoded.
    expect(m.geocodingCoverage).toMatchObject({ available: true, value: 0 });
    // One surveyed small class (0101) among the national component small classes.
    const cc = m.componentClassCoverage as unknown as {
      value: number;
      details: { smallClasses: number; surveyed: number };
    };
    expect(cc.details.surveyed).toBe(1);
    expect(cc.value).toBeCloseTo(1 / cc.details.smallClasses, 10);
    // Report days 03-01, 03-02, 03-05, 03-06; longest pause 2 days (03-03, 03-04) ≤ 7: the run
    // starts at the first filed case, 2023-03-01; to 2023-03-08 is 0 whole months.
    expect(m.trialRunMonths).toMatchObject({
      available: true,
      value: 0,
      window: { from: '2023-03-01', to: '2023-03-08' },
    });
    expect(r.window).toEqual({ from: '2023-03-01', to: '2023-03-08' });
    expect(m.dataRetentionMonths).toMatchObject({ available: true, value: 0 });
    // HW received dispatches; HW is the only top-level department: 1 / 1.
    expect(m.departmentsWithCaseFlowShare).toMatchObject({ available: true, value: 1 });
    // Part 4 over the window: 结案数 2 (cases 1 and 2).
    const close = m.closeRate as unknown as {
      available: true;
      value: number;
      details: { numerator: number; denominator: number };
    };
    expect(close.available).toBe(true);
    expect(close.details.numerator).toBe(2);
    expect(close.value).toBeCloseTo(2 / close.details.denominator, 10);
    // 监督员上报数 3 (patrol cases 1, 3, 4); 有效上报数 2 (filed and not voided: 1 and 4).
    expect(m.validReportRate).toMatchObject({ available: true, details: { numerator: 2, denominator: 3 } });
    // 作废 1 (case 3) of 立案数 4 (all four were filed).
    expect(m.processExceptionShare).toMatchObject({
      available: true,
      details: { numerator: 1, denominator: 4 },
    });
  });

  it('scores computed items, leaves manual items open and gives no conclusion while items are missing', async () => {
    const r = (await t.request({ url: '/api/v1/acceptance/result', as: 'leader' })).json<AcceptanceReport>();
    expect(r.profile.id).toBe('GBT30428.6-framework');
    expect(r.result.conclusion).toBeNull();
    expect(r.result.missingItems).toContain('A1');
    const e2 = r.result.items.find((i) => i.id === 'E2')!;
    expect(e2).toMatchObject({ source: 'computed', passed: true, score: 4 });
    const c1 = r.result.items.find((i) => i.id === 'C1')!;
    expect(c1).toMatchObject({ source: 'computed', score: 5 }); // 5 − 0 findings × 0.5
  });

  it('stores manual answers with reviewer, note and evidence; refuses bad ones', async () => {
    const bad = await t.request({
      method: 'PUT',
      url: '/api/v1/acceptance/items/C4',
      payload: { score: 9, evidence: [{ kind: 'link', ref: '/api/v1/geocode' }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ code: string }>().code).toBe('ACCEPTANCE.INPUT_INVALID');
    const missingFile = await t.request({
      method: 'PUT',
      url: '/api/v1/acceptance/items/A1',
      payload: { met: true, evidence: [{ kind: 'document', ref: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(missingFile.statusCode).toBe(422);
    expect(missingFile.json<{ code: string }>().code).toBe('ACCEPTANCE.EVIDENCE_NOT_FOUND');
    const leader = await t.request({
      method: 'PUT',
      url: '/api/v1/acceptance/items/A1',
      payload: { met: true, evidence: [{ kind: 'link', ref: 'https://example.org/a1' }] },
      as: 'leader',
    });
    expect(leader.statusCode).toBe(403);

    const ok = await t.request({
      method: 'PUT',
      url: '/api/v1/acceptance/items/C4',
      payload: { score: 3, note: '地址库覆盖主城区', evidence: [{ kind: 'link', ref: '/api/v1/geocode' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const c4 = ok.json<AcceptanceReport>().result.items.find((i) => i.id === 'C4')!;
    expect(c4).toMatchObject({
      source: 'manual',
      score: 3,
      data: { reviewer: 'test-admin', note: '地址库覆盖主城区' },
    });
  });

  it('reaches a conclusion once every item is answered: a failed mandatory item makes it 不通过', async () => {
    // An uploaded document (the upload itself is the attachments module's; its row is enough here).
    const [file] = await t.db.query<{ id: string }>(
      `INSERT INTO attachment (id, district_code, uploaded_by, purpose, content_type, size, sha256, original_key, public_key)
       VALUES (gen_random_uuid(), '330105', $1, 'evidence', 'application/pdf', 1024, repeat('a', 64), 'k', 'k')
       RETURNING id::text`,
      [admin.id],
    );
    const profile = await service.profile();
    for (const cat of profile.categories)
      for (const item of cat.items) {
        if (item.id === 'C4') continue;
        const kind = item.evidenceKinds?.[0] ?? 'link';
        const ref = kind === 'document' || kind === 'photo' ? file.id : `https://example.org/${item.id}`;
        const evidence = [{ kind, ref }];
        const body =
          item.rule.type === 'binary'
            ? { met: true, evidence }
            : item.rule.type === 'manualScore'
              ? { score: item.maxPoints, evidence }
              : item.rule.type === 'countMissing'
                ? { present: item.rule.list, evidence }
                : null;
        if (!body) continue; // computed
        const res = await t.request({
          method: 'PUT',
          url: `/api/v1/acceptance/items/${item.id}`,
          payload: body,
        });
        expect(res.statusCode, `${item.id}: ${res.body}`).toBe(200);
      }
    const r = await service.result(admin, {}, NOW);
    expect(r.result.missingItems).toEqual([]);
    // E1: 0 months of trial run < 6 → the mandatory item fails, whatever the total.
    expect(r.result.failedMandatory).toEqual(['E1']);
    expect(r.result.conclusion).toEqual({ id: 'fail', name: '不通过' });
    expect(r.result.categories.map((c) => c.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('stores a profile version validated by the domain; a bad one is refused with its fields', async () => {
    const p = (
      await t.request({ url: '/api/v1/acceptance/profiles/GBT30428.6-framework' })
    ).json<AcceptanceProfile>();
    p.name = '省验收标准（试用）';
    p.conclusionBands = p.conclusionBands.map((b) => (b.id === 'pass' ? { ...b, minTotal: 75 } : b));
    const saved = await t.request({ method: 'POST', url: '/api/v1/acceptance/profiles', payload: p });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json<AcceptanceProfile>().version).toBe(2);
    const list = (await t.request({ url: '/api/v1/acceptance/profiles' })).json<AcceptanceProfile[]>();
    expect(list.find((x) => x.id === p.id)?.version).toBe(2);

    const broken = await t.request({
      method: 'POST',
      url: '/api/v1/acceptance/profiles',
      payload: { ...p, categories: [] },
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ code: string; details: { field: string }[] }>()).toMatchObject({
      code: 'ACCEPTANCE.PROFILE_INVALID',
      details: [{ field: 'categories' }],
    });
  });

  /** The raw bytes of a download. */
  async function download(
    url: string,
    as: 'admin' | 'leader' = 'leader',
  ): Promise<{ status: number; type: string; body: Buffer }> {
    const res = await t.app.inject({ method: 'GET', url, headers: await authHeader(t, as) });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.rawPayload };
  }

  it('exports the report as XLSX and CSV with the right cells', async () => {
    const x = await download('/api/v1/acceptance/report.xlsx');
    expect(x.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '分类得分', '检查项', '系统指标']);
    const summary = wb.getWorksheet('总览')!;
    expect(summary.getCell('A5').value).toBe('总分 total');
    expect(summary.getCell('A7').value).toBe('结论 conclusion');
    // Today the example's run (March 2023) is long interrupted: no trial window, so the part-4
    // items E3–E6 have no value and the conclusion stays open.
    expect(summary.getCell('B7').value).toBe('未定（尚有未填项）');
    expect(summary.getCell('A9').value).toBe('未填项 missing items');
    expect(summary.getCell('B9').value).toBe('E3、E4、E5、E6');
    const items = wb.getWorksheet('检查项')!;
    expect(items.getCell('B2').value).toBe('A1');
    expect(items.getCell('C2').value).toBe('监督中心与指挥中心（或监督指挥中心）设立，职责明确');
    const profile = await service.profile();
    const itemCount = profile.categories.reduce((n, cat) => n + cat.items.length, 0);
    expect(items.rowCount).toBe(1 + itemCount); // header + one row per item

    const c = await download('/api/v1/acceptance/report.csv');
    expect(c.type).toMatch(/^text\/csv/);
    const text = c.body.toString('utf8');
    expect(text.startsWith('\uFEFF验收方案 profile,')).toBe(true);
    expect(text).toContain('结论 conclusion,未定（尚有未填项）');
    expect(text).toContain('closeRate,,,不可用: no trial window: no continuous operation up to today');
  });

  it('exports the report as PDF with Noto Sans SC embedded and the Chinese text mapped', async () => {
    const p = await download('/api/v1/acceptance/report.pdf');
    expect(p.status).toBe(200);
    expect(p.type).toBe('application/pdf');
    const raw = p.body.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    // The subset font is embedded (FontFile2 = TrueType program) under its PostScript name.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toContain('/FontFile2');
    // Every character of the title and of a conclusion is in the embedded font's ToUnicode map.
    const mapped = new Set(pdfUnicodeText(p.body));
    for (const ch of '数字化城市管理信息系统验收结果未定尚有填项监督中心')
      expect(mapped.has(ch), ch).toBe(true);
    expect(p.body.length).toBeLessThan(600_000); // a subset, not the 10 MB font
  });

  it('exports the evaluation table as XLSX and CSV', async () => {
    const q = 'objectType=region&level=district&period=custom&from=2023-03-01&to=2023-03-08';
    const x = await download(`/api/v1/evaluation/export.xlsx?${q}`);
    expect(x.status, x.body.toString()).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').text).toMatch(/^绩效评价 region district/);
    expect(ws.getCell('A2').value).toBe('对象 object');
    expect(ws.getCell('D2').value).toBe('综合指标值 composite');
    expect(ws.getCell('A3').value).toBe('330105');
    expect(ws.getCell('B3').value).toBe('测试区');
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const filedCol = header.indexOf('filed');
    expect(filedCol).toBeGreaterThan(0);
    expect(ws.getRow(3).getCell(filedCol).value).toBe(4); // 立案数: all four example cases were filed

    const c = await download(`/api/v1/evaluation/export.csv?${q}`);
    expect(c.status).toBe(200);
    const lines = c.body.toString('utf8').split('\r\n');
    expect(lines[1].startsWith('对象 object,名称 name,排名 rank')).toBe(true);
    expect(lines[2].startsWith('330105,测试区,')).toBe(true);
  });
});
