import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCentre } from '../../../../test/component-factories';
import { newSmallCity } from '../../../../test/factories';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { seedClassesIfEmpty } from '../../classes/classes-seed';
import { seedDemoCityIfEmpty } from '../../demo-seed/demo-seed';
import { seedTimeLimitsIfEmpty } from '../../timelimits/time-limits-seed';
import { type Format, SpecClient, text, type Transport, type Tree } from './spec-client';

const city = newSmallCity({ cols: 4, rows: 3 });
const BASE = '/open311/v2';
type Obj = Record<string, Tree>;

/** Every item of an error body, for both formats (the spec client already checked the schema). */
const items = (t: Tree): Obj[] => (t as Tree[]).map((x) => x as Obj);

describe('Open311 errors: the spec shape and status for every refusal', () => {
  let t: TestApp;
  let key: string;
  let keyId: string;
  const [lon, lat] = gridCentre(city, 5);
  const form = (extra: Record<string, string> = {}): Record<string, string> => ({
    api_key: key,
    service_code: 'E0102',
    lat: String(lat),
    long: String(lon),
    description: '垃圾',
    ...extra,
  });

  beforeAll(async () => {
    // Per IP: 2 at once, then one a second (3600 an hour); reads 5 at once.
    process.env['OPEN311_POST_LIMIT_PER_IP'] = '3600/2';
    process.env['OPEN311_POST_LIMIT_PER_KEY'] = '3600/100';
    process.env['OPEN311_READ_LIMIT_PER_IP'] = '100000/1000';
    t = await startTestApp({ as: 'admin' });
    await seedClassesIfEmpty(t.db);
    await seedDemoCityIfEmpty(t.db, city);
    await seedTimeLimitsIfEmpty(t.db);
    const issued = (
      await t.request({
        method: 'POST',
        url: '/api/v1/open311/keys',
        payload: { channel: 'wechat', label: '微信小程序' },
      })
    ).json<{ key: string; view: { id: string } }>();
    key = issued.key;
    keyId = issued.view.id;
  });
  afterAll(async () => {
    delete process.env['OPEN311_POST_LIMIT_PER_IP'];
    delete process.env['OPEN311_POST_LIMIT_PER_KEY'];
    delete process.env['OPEN311_READ_LIMIT_PER_IP'];
    await t?.close();
  });

  /** Each POST from its own address, so the per-IP bucket of the rate-limit test stays apart. */
  let ipCounter = 10;
  const from =
    (ip: string): Transport =>
    (opts) =>
      t.request({ ...opts, as: null, headers: { ...opts.headers, 'x-forwarded-for': ip } });
  const fresh = (format: Format): SpecClient => new SpecClient(from(`10.0.0.${ipCounter++}`), BASE, format);

  it('answers a URL that is no GeoReport v2 resource with 400 in the spec shape, at any depth', async () => {
    for (const url of [`${BASE}/nonsense.json`, `${BASE}/a/b/c`]) {
      const r = await t.request({ url, as: null });
      expect(r.statusCode, url).toBe(400);
      expect(r.body, url).toContain('is not a GeoReport v2 resource');
    }
  });

  for (const format of ['json', 'xml'] as const) {
    it(`answers 403, 404 and 400 in the spec's shape (${format})`, async () => {
      const c = (): SpecClient => fresh(format);
      const missingKey = items(
        await c().post(`requests.${format}`, { ...form(), api_key: '' }, 'errors', 403),
      );
      expect(missingKey[0]?.['description']).toContain('[OPEN311.API_KEY_REQUIRED]');
      expect(text(missingKey[0]?.['code'])).toBe('403');
      const wrongKey = items(
        await c().post(`requests.${format}`, form({ api_key: 'o311_not-a-key' }), 'errors', 403),
      );
      expect(wrongKey[0]?.['description']).toContain('[OPEN311.API_KEY_INVALID]');

      expect(
        items(await c().post(`requests.${format}`, form({ service_code: 'E0199' }), 'errors', 404))[0]?.[
          'description'
        ],
      ).toContain('OPEN311.SERVICE_UNKNOWN');
      expect(items(await c().get(`services/E0101.${format}`, 'errors', 404))).toHaveLength(1);
      expect(items(await c().get(`requests/209900000001.${format}`, 'errors', 404))).toHaveLength(1);
      expect(
        items(await c().get(`tokens/6c3f1e0e-1d7e-4c43-9f1e-1a2b3c4d5e6f.${format}`, 'errors', 404)),
      ).toHaveLength(1);
      expect(
        items(await c().get(`services.${format}?jurisdiction_id=elsewhere.example`, 'errors', 404)),
      ).toHaveLength(1);

      const noCode = { ...form() } as Record<string, string>;
      delete noCode['service_code'];
      expect(
        items(await c().post(`requests.${format}`, noCode, 'errors', 400))[0]?.['description'],
      ).toContain('service_code');
      // One error per bad field.
      const bad = items(
        await c().post(
          `requests.${format}`,
          form({
            description: '<script>alert(1)</script>',
            phone: 'abc',
            lat: '',
            'attribute[condition]': 'nope',
          }),
          'errors',
          400,
        ),
      );
      const descriptions = bad.map((b) => text(b['description']));
      expect(descriptions.some((d) => d.startsWith('description: no HTML'))).toBe(true);
      expect(descriptions.some((d) => d.startsWith('phone:'))).toBe(true);
      expect(descriptions.some((d) => d.startsWith('attribute[condition]:'))).toBe(true);
      expect(descriptions.some((d) => d.startsWith('lat:'))).toBe(true);
      expect(bad.every((b) => text(b['code']) === '400')).toBe(true);
      expect(
        items(await c().post(`requests.${format}`, form({ description: '长'.repeat(4001) }), 'errors', 400)),
      ).toHaveLength(1);
      // Outside the city's grids.
      expect(
        items(await c().post(`requests.${format}`, form({ lat: '39.9', long: '116.4' }), 'errors', 400)),
      ).toHaveLength(1);
      expect(
        items(
          await c().get(
            `requests.${format}?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
            'errors',
            400,
          ),
        ),
      ).toHaveLength(1);
      expect(items(await c().get(`requests.${format}?start_date=2026-01-01`, 'errors', 400))).toHaveLength(1);
      expect(items(await c().get(`requests.${format}?page_size=1001`, 'errors', 400))).toHaveLength(1);
      expect(items(await c().get(`nothing-here.${format}`, 'errors', 400))).toHaveLength(1);
    });
  }

  it('refuses a body that is not a form (400 in the spec shape)', async () => {
    const res = await from('10.0.1.1')({
      method: 'POST',
      url: `${BASE}/requests.json`,
      payload: JSON.stringify(form()),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toEqual([
      { code: 400, description: expect.stringContaining('[OPEN311.MALFORMED]') as string },
    ]);
    const broken = await from('10.0.1.2')({
      method: 'POST',
      url: `${BASE}/requests.xml`,
      payload: 'service_code=E0102&service_code=E0103',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('<errors><error><code>400</code>');
  });

  it('honours an optional Idempotency-Key: a retry gets the first answer, another body with it is refused', async () => {
    const send = (ip: string, body: Record<string, string>) =>
      from(ip)({
        method: 'POST',
        url: `${BASE}/requests.json`,
        payload: new URLSearchParams(body).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'retry-7f3a' },
      });
    const count = async (): Promise<number> =>
      Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM open311_request'))[0]?.n);
    const before = await count();
    const first = await send('10.0.3.1', form({ description: '同一份上报，网络重试' }));
    const again = await send('10.0.3.2', form({ description: '同一份上报，网络重试' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await count()).toBe(before + 1);
    const other = await send('10.0.3.3', form({ description: '另一份上报' }));
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('[IDEMPOTENCY.KEY_REUSED]');
  });

  it('answers 429 with Retry-After per IP, and 403 once a key is revoked', async () => {
    const ip = '10.0.2.1';
    const c = new SpecClient(from(ip), BASE, 'json');
    await c.post('requests.json', form(), 'postAnswer');
    await c.post('requests.json', form(), 'postAnswer');
    const res = await from(ip)({
      method: 'POST',
      url: `${BASE}/requests.xml`,
      payload: new URLSearchParams(form()).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(429);
    // 3600 an hour = one a second: the empty bucket has a token back within 1 s.
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatch(
      /<errors><error><code>429<\/code><description>.*\[OPEN311\.RATE_LIMITED\]<\/description><\/error><\/errors>$/,
    );
    // Another address is not affected.
    await new SpecClient(from('10.0.2.2'), BASE, 'json').post('requests.json', form(), 'postAnswer');

    // Only administrators manage keys.
    expect((await t.request({ url: '/api/v1/open311/keys', as: 'operator' })).statusCode).toBe(403);
    const listed = (await t.request({ url: '/api/v1/open311/keys' })).json<
      { id: string; channel: string; actingUsername: string }[]
    >();
    expect(listed.find((k) => k.id === keyId)).toMatchObject({
      channel: 'wechat',
      actingUsername: 'open311-wechat',
    });
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoked = await t.request({ method: 'POST', url: `/api/v1/open311/keys/${keyId}/revoke` });
    expect(revoked.statusCode, revoked.body).toBe(201);
    const after = items(
      await new SpecClient(from('10.0.2.3'), BASE, 'xml').post('requests.xml', form(), 'errors', 403),
    );
    expect(after[0]?.['description']).toContain('[OPEN311.API_KEY_INVALID]');
  });
});
