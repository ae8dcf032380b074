import { afterEach, describe, expect, it, vi } from 'vitest';
import { lookUp, Open311RequestError, postReport } from './open311-api';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('open311-api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows a token to the case number, then reads the request', async () => {
    const token = '6c3f1e0e-1d7e-4c43-9f1e-1a2b3c4d5e6f';
    const fetchMock = vi.fn((url: string) =>
      Promise.resolve(
        url.includes('/tokens/')
          ? json([{ service_request_id: '202600000009', token }])
          : json([
              {
                service_request_id: '202600000009',
                status: 'open',
                service_code: 'E0102',
                requested_datetime: '2026-01-01T00:00:00Z',
              },
            ]),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const r = await lookUp(` ${token.toUpperCase()} `);
    expect(r.service_request_id).toBe('202600000009');
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      `/open311/v2/tokens/${token}.json`,
      '/open311/v2/requests/202600000009.json',
    ]);
  });

  it('posts a form and turns the Open311 error shape and Retry-After into an error', async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      Promise.resolve(
        json([{ code: 429, description: 'too many [OPEN311.RATE_LIMITED]' }], 429, { 'retry-after': '42' }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const sent = postReport('k', {
      serviceCode: 'E0102',
      point: [120.1, 30.3],
      description: '垃圾',
      mediaUrl: null,
      name: '',
      phone: '',
    });
    await expect(sent).rejects.toBeInstanceOf(Open311RequestError);
    await expect(sent).rejects.toMatchObject({ status: 429, retryAfter: 42 });
    const body = fetchMock.mock.calls[0]?.[1]?.body as URLSearchParams;
    // long before lat as GeoReport names them; no empty contact fields sent.
    expect(Object.fromEntries(body)).toEqual({
      api_key: 'k',
      service_code: 'E0102',
      long: '120.1',
      lat: '30.3',
      description: '垃圾',
    });
  });
});
