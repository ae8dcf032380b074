import type {
  Open311Area,
  Open311ErrorItem,
  Open311Media,
  Open311PostAnswer,
  Open311Request,
  Open311Service,
  Open311TokenAnswer,
} from '@urbangrid/contracts';

/** The GeoReport v2 endpoint of this server (spec 07). */
export const OPEN311_BASE = '/open311/v2';

/**
 * The key of the public web channel, set when the web app is built (`VITE_OPEN311_WEB_KEY`) and
 * registered by the API at boot (`OPEN311_WEB_KEY`, same value). A key in a public page is
 * visible to anyone: it names the channel (its reports are attributed to `public-web`, an
 * administrator can revoke it) and the API limits it per IP address, not as a whole.
 */
export const WEB_KEY: string | null =
  (import.meta.env['VITE_OPEN311_WEB_KEY'] as string | undefined)?.trim() || null;

/** An answer in the Open311 error shape: the descriptions are meant for the user. */
export class Open311RequestError extends Error {
  constructor(
    readonly status: number,
    readonly items: Open311ErrorItem[],
    readonly retryAfter: number | null,
  ) {
    super(items.map((i) => i.description).join('\n') || `HTTP ${status}`);
    this.name = 'Open311RequestError';
  }
}

async function read<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let items: Open311ErrorItem[] = [];
  try {
    const body = (await res.json()) as unknown;
    if (Array.isArray(body)) items = body as Open311ErrorItem[];
  } catch {
    // Not the Open311 shape (a proxy error page): the status alone.
  }
  const retry = Number(res.headers.get('retry-after'));
  throw new Open311RequestError(res.status, items, Number.isFinite(retry) && retry > 0 ? retry : null);
}

export async function fetchArea(signal?: AbortSignal): Promise<Open311Area> {
  return read(await fetch(`${OPEN311_BASE}/area.json`, { signal }));
}

export async function fetchServices(signal?: AbortSignal): Promise<Open311Service[]> {
  return read(await fetch(`${OPEN311_BASE}/services.json`, { signal }));
}

/** Uploads the photo first (media extension); its `media_url` goes into the request. */
export async function uploadPhoto(key: string, file: File): Promise<Open311Media> {
  const form = new FormData();
  form.append('file', file);
  const [media] = await read<Open311Media[]>(
    await fetch(`${OPEN311_BASE}/media.json?api_key=${encodeURIComponent(key)}`, {
      method: 'POST',
      body: form,
    }),
  );
  if (!media) throw new Open311RequestError(500, [], null);
  return media;
}

export interface NewReport {
  serviceCode: string;
  point: [number, number];
  description: string;
  mediaUrl: string | null;
  name: string;
  phone: string;
}

export async function postReport(key: string, report: NewReport): Promise<Open311PostAnswer> {
  const body = new URLSearchParams({
    api_key: key,
    service_code: report.serviceCode,
    long: String(report.point[0]),
    lat: String(report.point[1]),
    description: report.description,
  });
  if (report.mediaUrl) body.set('media_url', report.mediaUrl);
  if (report.name) body.set('first_name', report.name);
  if (report.phone) body.set('phone', report.phone);
  const [answer] = await read<Open311PostAnswer[]>(
    await fetch(`${OPEN311_BASE}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    }),
  );
  if (!answer) throw new Open311RequestError(500, [], null);
  return answer;
}

/**
 * The status of a tracking number: a case number (service_request_id) or a token, which is
 * exchanged for the case number first (spec 07 §7).
 */
export async function lookUp(trackingNumber: string, signal?: AbortSignal): Promise<Open311Request> {
  let id = trackingNumber.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    const [token] = await read<Open311TokenAnswer[]>(
      await fetch(`${OPEN311_BASE}/tokens/${encodeURIComponent(id.toLowerCase())}.json`, { signal }),
    );
    if (!token) throw new Open311RequestError(404, [], null);
    id = token.service_request_id;
  }
  const [request] = await read<Open311Request[]>(
    await fetch(`${OPEN311_BASE}/requests/${encodeURIComponent(id)}.json`, { signal }),
  );
  if (!request) throw new Open311RequestError(404, [], null);
  return request;
}
