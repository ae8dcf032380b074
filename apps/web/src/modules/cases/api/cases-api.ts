import type {
  AttachmentDto,
  CaseAction,
  CaseActionRequest,
  CaseCounts,
  CaseDetail,
  CaseListQuery,
  CasePage,
  DepartmentRecord,
  DispatchSuggestion,
  TimeUnit,
} from '@urbangrid/contracts';
import { ApiRequestError, CLIENT_ERROR_CODES, apiFetch, getJson, isErrorResponse } from '../../map/api/http';

export const CASES_BASE = '/api/v1/cases';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCasePage = (v: unknown): v is CasePage => isRecord(v) && Array.isArray(v.items);
const isCaseDetail = (v: unknown): v is CaseDetail =>
  isRecord(v) && typeof v.id === 'string' && Array.isArray(v.timeline) && Array.isArray(v.allowedActions);
const isCounts = (v: unknown): v is CaseCounts => isRecord(v) && typeof v.total === 'number';
const isSuggestion = (v: unknown): v is DispatchSuggestion | null =>
  v === null || (isRecord(v) && typeof v.departmentId === 'string');
const isDepartments = (v: unknown): v is DepartmentRecord[] => Array.isArray(v);
const isAttachment = (v: unknown): v is AttachmentDto => isRecord(v) && typeof v.id === 'string';

/** The query string of a desk list (states as a comma list, as the API reads them). */
export function listQueryString(q: CaseListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q) as [string, string | number | boolean | string[] | undefined][]) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function listCases(q: CaseListQuery, signal?: AbortSignal): Promise<CasePage> {
  return getJson(`${CASES_BASE}${listQueryString(q)}`, isCasePage, signal);
}

export function countCases(q: CaseListQuery, signal?: AbortSignal): Promise<CaseCounts> {
  return getJson(`${CASES_BASE}/counts${listQueryString(q)}`, isCounts, signal);
}

export function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson(`${CASES_BASE}/${encodeURIComponent(id)}`, isCaseDetail, signal);
}

export function getDispatchSuggestion(id: string, signal?: AbortSignal): Promise<DispatchSuggestion | null> {
  return getJson(`${CASES_BASE}/${encodeURIComponent(id)}/dispatch-suggestion`, isSuggestion, signal);
}

export function listDepartments(signal?: AbortSignal): Promise<DepartmentRecord[]> {
  return getJson('/api/v1/departments', isDepartments, signal);
}

/** 立结案标准 a case would be filed under (shown with its deadline before filing). */
export interface ResolvedStandardView {
  resolved: {
    matchedBy: string;
    standard: {
      id: string;
      conditionCode: string;
      conditionText: string;
      closeConditionText: string;
      urgency: string;
      disposalLimit: { milestones: { name: string; value: number; unit: TimeUnit; basis: string }[] };
    };
  };
}
const isResolved = (v: unknown): v is ResolvedStandardView =>
  isRecord(v) && isRecord(v.resolved) && isRecord(v.resolved.standard);

export function resolveFilingStandard(
  q: { kind: string; smallClassCode: string; urgency?: string; districtCode?: string },
  signal?: AbortSignal,
): Promise<ResolvedStandardView> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, v);
  return getJson(`/api/v1/time-limits/filing-standards/resolve?${params.toString()}`, isResolved, signal);
}

export interface DeadlineView {
  deadline: string;
  localDeadline: string;
}
const isDeadline = (v: unknown): v is DeadlineView => isRecord(v) && typeof v.deadline === 'string';

export function computeDeadline(
  q: { start: string; value: number; unit: TimeUnit; basis?: string; districtCode?: string },
  signal?: AbortSignal,
): Promise<DeadlineView> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  return getJson(`/api/v1/time-limits/deadline?${params.toString()}`, isDeadline, signal);
}

/** Sends a request through apiFetch and reads JSON; rejects with ApiRequestError. */
async function send<T>(url: string, init: RequestInit, guard: (v: unknown) => v is T): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(url, init);
  } catch (error) {
    throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorResponse(body)) throw new ApiRequestError(body.statusCode, body.code, body.message, body.details);
    throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `HTTP ${response.status}`);
  }
  if (!guard(body)) throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `unexpected body from ${url}`);
  return body;
}

/** POST /cases/:id/actions/:action; a stale `version` answers 409 CASE.VERSION_CONFLICT. */
export function actOnCase(id: string, action: CaseAction, body: CaseActionRequest): Promise<CaseDetail> {
  return send(
    `${CASES_BASE}/${encodeURIComponent(id)}/actions/${action}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    },
    isCaseDetail,
  );
}

/** POST /attachments (multipart `file`): one photo of a step. */
export function uploadAttachment(file: File, purpose: string): Promise<AttachmentDto> {
  const form = new FormData();
  form.set('purpose', purpose);
  form.set('file', file);
  return send('/api/v1/attachments', { method: 'POST', body: form, headers: { accept: 'application/json' } }, isAttachment);
}
