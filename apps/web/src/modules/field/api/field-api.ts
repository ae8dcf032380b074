import type {
  AttachmentDto,
  AttachmentPurpose,
  CaseActionRequest,
  CaseDetail,
  CasePage,
  CaseSource,
  ClassListResponse,
  CreateCaseRequest,
  CreateCaseResponse,
  DuplicateCandidate,
  MeResponse,
  RegionVersion,
  ReverseGeocodeResponse,
} from '@urbangrid/contracts';
import { ApiRequestError, CLIENT_ERROR_CODES, apiFetch, getJson, isErrorResponse } from '../../map/api/http';

const API = '/api/v1';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const hasArray = (key: string) => (value: unknown) => isObject(value) && Array.isArray(value[key]);

const isMe = (value: unknown): value is MeResponse =>
  isObject(value) && isObject(value.user) && Array.isArray(value.gridCodes);
const isClassList = hasArray('items') as (value: unknown) => value is ClassListResponse;
const isCasePage = hasArray('items') as (value: unknown) => value is CasePage;
const isRegion = (value: unknown): value is RegionVersion =>
  isObject(value) && typeof value.code === 'string' && isObject(value.geometry);
const isReverse = (value: unknown): value is ReverseGeocodeResponse =>
  isObject(value) && 'description' in value;
const isCandidates = (value: unknown): value is DuplicateCandidate[] => Array.isArray(value);
const isCase = (value: unknown): value is CaseDetail =>
  isObject(value) &&
  typeof value.id === 'string' &&
  typeof value.caseNo === 'string' &&
  Array.isArray(value.timeline);
const isCreated = (value: unknown): value is CreateCaseResponse => isObject(value) && isCase(value.case);
const isAttachment = (value: unknown): value is AttachmentDto =>
  isObject(value) && typeof value.id === 'string' && typeof value.url === 'string';

export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return getJson(`${API}/auth/me`, isMe, signal);
}

/** The current class table, both kinds, flat (big → small → detail). */
export function fetchClasses(signal?: AbortSignal): Promise<ClassListResponse> {
  return getJson(`${API}/classes?view=flat`, isClassList, signal);
}

/** One unit grid in force today, with its outline. */
export function fetchGrid(code: string, signal?: AbortSignal): Promise<RegionVersion> {
  return getJson(`${API}/regions/grid/${encodeURIComponent(code)}`, isRegion, signal);
}

export function reverseGeocode(
  lon: number,
  lat: number,
  signal?: AbortSignal,
): Promise<ReverseGeocodeResponse> {
  const q = new URLSearchParams({ lon: String(lon), lat: String(lat), crs: 'wgs84' });
  return getJson(`${API}/geocode/reverse?${q}`, isReverse, signal);
}

/** Open cases of a small class near a point (spec 03 §5), shown before a report is sent. */
export function fetchNearbyCases(
  lon: number,
  lat: number,
  kind: 'component' | 'event',
  classCode: string,
  signal?: AbortSignal,
): Promise<DuplicateCandidate[]> {
  const q = new URLSearchParams({ lon: String(lon), lat: String(lat), kind, classCode });
  return getJson(`${API}/cases/nearby?${q}`, isCandidates, signal);
}

export interface FieldCaseQuery {
  mine?: boolean;
  source?: CaseSource;
  limit?: number;
}

/** Cases in the inspector's scope (its reports and tasks); `mine` = tasks waiting for it. */
export function fetchCases(query: FieldCaseQuery, signal?: AbortSignal): Promise<CasePage> {
  const q = new URLSearchParams();
  if (query.mine) q.set('mine', 'true');
  if (query.source) q.set('source', query.source);
  q.set('limit', String(query.limit ?? 50));
  return getJson(`${API}/cases?${q}`, isCasePage, signal);
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson(`${API}/cases/${encodeURIComponent(id)}`, isCase, signal);
}

/** Sends a creating request with its idempotency key and checks the answer's shape. */
async function send<T>(
  url: string,
  init: RequestInit,
  idempotencyKey: string,
  guard: (v: unknown) => v is T,
): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(url, {
      ...init,
      headers: {
        accept: 'application/json',
        'idempotency-key': idempotencyKey,
        ...(init.headers as Record<string, string>),
      },
    });
  } catch (error) {
    throw new ApiRequestError(
      0,
      CLIENT_ERROR_CODES.network,
      error instanceof Error ? error.message : String(error),
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorResponse(body))
      throw new ApiRequestError(body.statusCode, body.code, body.message, body.details);
    throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `HTTP ${response.status}`);
  }
  if (!guard(body))
    throw new ApiRequestError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      `unexpected response from ${url}`,
    );
  return body;
}

export function uploadAttachment(
  blob: Blob,
  name: string,
  purpose: AttachmentPurpose,
  idempotencyKey: string,
): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', blob, name);
  return send(`${API}/attachments`, { method: 'POST', body: form }, idempotencyKey, isAttachment);
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function createCase(body: CreateCaseRequest, idempotencyKey: string): Promise<CreateCaseResponse> {
  return send(`${API}/cases`, json(body), idempotencyKey, isCreated);
}

export function actOnCase(
  caseId: string,
  action: string,
  body: CaseActionRequest,
  idempotencyKey: string,
): Promise<CaseDetail> {
  return send(
    `${API}/cases/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(action)}`,
    json(body),
    idempotencyKey,
    isCase,
  );
}
