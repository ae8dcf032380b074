import type { CaseDetail } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPrincipal } from '../../../../test/auth-helpers';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import { seedTimeLimitsIfEmpty } from '../../timelimits/time-limits-seed';
import { asXmlText, type Format, SpecClient, text, type Transport, type Tree } from './spec-client';

const city = newSmallCity({ cols: 4, rows: 3 });
const allGrids = Array.from({ length: 12 }, (_, k) => composeGridCode('330105001001', k + 1, 'gbt30428-15'));
const INSPECTOR: TestPrincipal = { username: 'o311-insp', role: 'inspector', gridCodes: allGrids };
const BASE = '/open311/v2';

type Obj = Record<string, Tree>;
const obj = (t: Tree): Obj => t as Obj;
const list = (t: Tree): Tree[] => t as Tree[];

describe('Open311 GeoReport v2: a client written from the specification', () => {
  let t: TestApp;
  let apiKey: string;
  const http: Transport = (opts) => t.request({ ...opts, as: null });
  const client = (format: Format): SpecClient => new SpecClient(http, BASE, format);

  beforeAll(async () => {
    // Generous limits here; the rate-limit spec has its own app with small ones.
    process.env['OPEN311_POST_LIMIT_PER_IP'] = '100000/1000';
    process.env['OPEN311_READ_LIMIT_PER_IP'] = '100000/1000';
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    await seedTimeLimitsIfEmpty(t.db);
    // 暴露垃圾 stays realtime; 道路不洁 is switched to batch (token first, spec 07 §7).
    await t.db.query(
      `UPDATE classification SET open311_type = 'batch' WHERE kind = 'event' AND code = '0104'`,
    );
    const issued = await t.request({
      method: 'POST',
      url: '/api/v1/open311/keys',
      payload: { channel: 'partner-app', label: '市民通 App' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    apiKey = issued.json<{ key: string }>().key;
  });
  afterAll(async () => {
    delete process.env['OPEN311_POST_LIMIT_PER_IP'];
    delete process.env['OPEN311_READ_LIMIT_PER_IP'];
    await t?.close();
  });

  for (const format of ['json', 'xml'] as const) {
    it(`lists services, reads a definition, posts, follows a token and reads the status (${format})`, async () => {
      const c = client(format);
      const discovery = obj(await c.get(`discovery.${format}`, 'discovery'));
      const endpoint = obj(list(discovery['endpoints'])[0]);
      expect(endpoint['url']).toMatch(/\/open311\/v2$/);
      expect(list(endpoint['formats'])).toEqual(['text/xml', 'application/json']);

      const services = list(await c.get(`services.${format}`, 'services')).map(obj);
      const garbage = services.find((s) => s['service_code'] === 'E0102') as Obj;
      expect(garbage).toMatchObject({ service_name: '暴露垃圾', group: '市容环境', type: 'realtime' });
      expect(services.find((s) => s['service_code'] === 'C0101')).toMatchObject({
        service_name: '上水井盖',
        group: '公用设施',
      });
      // A class the city did not mark public is no service.
      expect(services.find((s) => s['service_code'] === 'E0101')).toBeUndefined();

      const def = obj(await c.get(`services/E0102.${format}`, 'definition'));
      expect(def['service_code']).toBe('E0102');
      const condition = obj(list(def['attributes'])[0]);
      expect(condition['code']).toBe('condition');
      const firstKey = obj(list(condition['values'])[0])['key'] as string;
      const componentDef = obj(await c.get(`services/C0101.${format}`, 'definition'));
      expect(list(componentDef['attributes']).map((a) => obj(a)['code'])).toContain('object_id');

      const [lon, lat] = gridCentre(city, 6);
      const posted = obj(
        list(
          await c.post(
            `requests.${format}`,
            {
              api_key: apiKey,
              service_code: 'E0102',
              lat: String(lat),
              long: String(lon),
              description: `路边堆放生活垃圾约2平方米 (${format})`,
              'attribute[condition]': firstKey,
              first_name: '小明',
              last_name: '王',
              phone: '13800001111',
              email: 'wang@example.org',
            },
            'postAnswer',
          ),
        )[0],
      );
      const id = posted['service_request_id'] as string;
      expect(id).toMatch(/^\d{12}$/);
      expect(posted['token']).toBeUndefined();

      const batch = obj(
        list(
          await c.post(
            `requests.${format}`,
            {
              api_key: apiKey,
              service_code: 'E0104',
              lat: String(lat),
              long: String(lon),
              description: '人行道满地落叶和纸屑',
            },
            'postAnswer',
          ),
        )[0],
      );
      expect(batch['service_request_id']).toBeUndefined();
      const token = batch['token'] as string;
      const resolved = obj(list(await c.get(`tokens/${token}.${format}`, 'token'))[0]);
      expect(resolved['token']).toBe(token);
      const batchId = resolved['service_request_id'] as string;

      for (const sid of [id, batchId]) {
        const req = obj(list(await c.get(`requests/${sid}.${format}`, 'request'))[0]);
        expect(req).toMatchObject({
          service_request_id: sid,
          status: 'open',
          status_notes: '已收到，待受理',
        });
      }
      const one = obj(list(await c.get(`requests/${id}.${format}`, 'request'))[0]);
      expect(one['service_name']).toBe('暴露垃圾');
      expect(text(one['lat'])).toBe(String(lat));
      // Contact data never appears in public output.
      const raw = await t.request({ url: `${BASE}/requests/${id}.${format}?extensions=true`, as: null });
      for (const secret of ['小明', '13800001111', 'wang@example.org'])
        expect(raw.body).not.toContain(secret);

      const listed = list(
        await c.get(`requests.${format}?service_request_id=${id},${batchId}`, 'requests'),
      ).map(obj);
      expect(listed.map((r) => r['service_request_id']).sort()).toEqual([id, batchId].sort());
    });
  }

  it('answers the same content in XML and JSON, field by field', async () => {
    const paths = [
      'discovery',
      'services',
      'services/E0102',
      'services/C0101',
      'requests',
      'requests?extensions=true',
      'requests?status=open&service_code=E0102,E0104&page=1&page_size=2',
      'services/E9999',
      'requests?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z',
    ];
    for (const path of paths) {
      const [name, query] = path.split('?');
      const suffix = (f: Format): string => `${BASE}/${name}.${f}${query ? `?${query}` : ''}`;
      const [json, xml] = await Promise.all([
        http({ method: 'GET', url: suffix('json') }),
        http({ method: 'GET', url: suffix('xml') }),
      ]);
      expect(xml.statusCode, path).toBe(json.statusCode);
      const fromXml = (await import('./spec-client')).parseXml(xml.body).value;
      expect(fromXml, path).toEqual(asXmlText(JSON.parse(json.body)));
    }
  });

  it('files the report as a public case that goes to 核实, and shows later states as open/closed', async () => {
    const [lon, lat] = gridCentre(city, 3);
    const c = client('json');
    const posted = obj(
      list(
        await c.post(
          'requests.json',
          {
            api_key: apiKey,
            service_code: 'E0201',
            lat: String(lat),
            long: String(lon),
            description: '电线杆上贴满小广告',
          },
          'postAnswer',
        ),
      )[0],
    );
    const caseNo = posted['service_request_id'] as string;
    const [row] = await t.db.query<{ id: string; source: string; state: string; username: string }>(
      `SELECT c.id, c.source, c.state, u.username FROM case_file c JOIN app_user u ON u.id = c.reporter_id WHERE c.case_no = $1`,
      [caseNo],
    );
    expect(row).toMatchObject({ source: 'public_web', state: 'REPORTED', username: 'open311-partner-app' });
    const id = (row as { id: string }).id;
    const detail = await t.request({ url: `/api/v1/cases/${id}`, as: 'operator' });
    const d = detail.json<CaseDetail>();
    // A public report must be verified (核实) before 受理: accepting it directly is refused.
    expect(d.allowedActions).toContain('sendVerify');
    const accept = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/accept`,
      as: 'operator',
      payload: { version: d.version },
    });
    expect(accept.statusCode).toBe(422);
    expect(accept.body).toContain('核实');
    const sent = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/sendVerify`,
      as: 'operator',
      payload: { version: d.version, inspectorId: undefined },
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    const after = obj(list(await c.get(`requests/${caseNo}.json?extensions=true`, 'request'))[0]);
    expect(after).toMatchObject({ status: 'open', status_notes: '核实中' });
    expect(obj(after['extended_attributes'])).toMatchObject({
      detailed_status: 'INVESTIGATING',
      channel: 'partner-app',
    });

    // 不属实, then rejected: closed with the template text.
    const v = (await t.request({ url: `/api/v1/cases/${id}`, as: 'operator' })).json<CaseDetail>();
    const verify = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/answerVerify`,
      as: INSPECTOR,
      payload: { version: v.version, yes: false, opinion: '现场未见小广告' },
    });
    expect(verify.statusCode, verify.body).toBeLessThan(300);
    const v2 = (await t.request({ url: `/api/v1/cases/${id}`, as: 'operator' })).json<CaseDetail>();
    const reject = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/reject`,
      as: 'operator',
      payload: { version: v2.version, reason: 'out_of_scope', opinion: '不属于城管受理范围' },
    });
    expect(reject.statusCode, reject.body).toBeLessThan(300);
    const closed = obj(list(await c.get(`requests/${caseNo}.json?extensions=true`, 'request'))[0]);
    expect(closed).toMatchObject({ status: 'closed', status_notes: '不属于受理范围' });
    expect(obj(closed['extended_attributes'])['detailed_status']).toBe('NOT_COUNCILS_RESPONSIBILITY');
    // The internal opinion is not published.
    const raw = await t.request({ url: `${BASE}/requests/${caseNo}.xml?extensions=true`, as: null });
    expect(raw.body).not.toContain('现场未见小广告');

    const closedOnly = list(await c.get('requests.json?status=closed', 'requests')).map(obj);
    expect(closedOnly.map((r) => r['service_request_id'])).toEqual([caseNo]);
    const openOnes = list(await c.get('requests.json?status=open', 'requests')).map(obj);
    expect(openOnes.map((r) => r['service_request_id'])).not.toContain(caseNo);
  });

  it('pages newest first and filters by service and dates', async () => {
    const c = client('json');
    const all = list(await c.get('requests.json', 'requests')).map(obj);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const dates = all.map((r) => r['requested_datetime'] as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const page1 = list(await c.get('requests.json?page_size=2&page=1', 'requests')).map(obj);
    const page2 = list(await c.get('requests.json?page_size=2&page=2', 'requests')).map(obj);
    expect([...page1, ...page2].map((r) => r['service_request_id'])).toEqual(
      all.slice(0, 4).map((r) => r['service_request_id']),
    );
    const batchOnly = list(await c.get('requests.json?service_code=E0104', 'requests')).map(obj);
    expect(batchOnly.length).toBe(2);
    expect(batchOnly.every((r) => r['service_code'] === 'E0104')).toBe(true);
    const old = list(
      await c.get(
        'requests.json?start_date=2020-01-01T00:00:00%2B08:00&end_date=2020-03-01T00:00:00Z',
        'requests',
      ),
    );
    expect(old).toEqual([]);
  });
});
