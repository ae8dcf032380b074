import type {
  ClassTreeResponse,
  CreateDepartmentRequest,
  CreateUserRequest,
  DepartmentRecord,
  ImportJob,
  UserRecord,
} from '@urbangrid/contracts';
import type { CalendarDay, FilingStandard, WorkCalendar, WorkingWindow } from '@urbangrid/domain';
import { ApiRequestError, CLIENT_ERROR_CODES, apiFetch, getJson, isErrorResponse } from '../../map/api/http';
import { isRecord } from '../../map/api/guards';

const anyRecord = (v: unknown): v is Record<string, unknown> => isRecord(v);
const hasItems = <T>(v: unknown): v is { items: T[] } => isRecord(v) && Array.isArray(v.items);
const isArray = <T>(v: unknown): v is T[] => Array.isArray(v);

/** Sends a request through apiFetch and reads JSON; rejects with ApiRequestError. */
export async function send<T>(url: string, init: RequestInit, guard: (v: unknown) => v is T): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
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
    throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `unexpected body from ${url}`);
  return body;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

// ---- imports: grids and components (/imports), case history (/history-imports) -------------------

/** What an import loads: unit grids, components, or past cases. */
export type ImportTarget = 'grids' | 'components' | 'history';

/** One import job as both import APIs report it (problems carry a row index or a line). */
export interface ImportJobView {
  id: string;
  status: ImportJob['status'];
  fileName: string | null;
  total: number | null;
  processed: number;
  percent: number;
  errorCount: number;
  errors: { index?: number; line?: number; code?: string; caseNo?: string; reason: string }[];
  warnings?: { index: number; code?: string; reason: string }[];
  summary: Record<string, unknown> | null;
  createdAt: string;
}

const isJob = (v: unknown): v is ImportJobView =>
  isRecord(v) && typeof v.id === 'string' && typeof v.status === 'string';

function importUrl(target: ImportTarget): string {
  return target === 'history' ? '/api/v1/history-imports' : '/api/v1/imports';
}

export function startImport(target: ImportTarget, file: File, format: string): Promise<ImportJobView> {
  const params = new URLSearchParams({ format, fileName: file.name });
  if (target === 'grids') {
    params.set('kind', 'regions');
    params.set('level', 'grid');
  }
  if (target === 'components') params.set('kind', 'components');
  return send(
    `${importUrl(target)}?${params.toString()}`,
    { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file },
    isJob,
  );
}

export function getImport(target: ImportTarget, id: string, signal?: AbortSignal): Promise<ImportJobView> {
  return getJson(`${importUrl(target)}/${encodeURIComponent(id)}`, isJob, signal);
}

export function listImports(target: ImportTarget, signal?: AbortSignal): Promise<ImportJobView[]> {
  return getJson(importUrl(target), (v): v is ImportJobView[] => isArray(v), signal);
}

// ---- classes (部件/事件 class tree) ------------------------------------------------------------

export function fetchClassTree(signal?: AbortSignal): Promise<ClassTreeResponse> {
  return getJson('/api/v1/classes?view=tree', (v): v is ClassTreeResponse => hasItems(v), signal);
}

export function renameClass(kind: string, code: string, name: string): Promise<Record<string, unknown>> {
  return send(`/api/v1/classes/${kind}/${code}`, json('PATCH', { name }), anyRecord);
}

export function createClass(body: { kind: string; code: string; name: string; parentCode?: string }) {
  return send('/api/v1/classes', json('POST', body), anyRecord);
}

// ---- time limits: calendar and 立结案标准 -------------------------------------------------------

export interface CalendarView extends WorkCalendar {
  districtCode: string | null;
  departmentId: string | null;
}

const isCalendar = (v: unknown): v is CalendarView =>
  isRecord(v) && Array.isArray(v.days) && Array.isArray(v.windows);

export function fetchCalendar(year: number, signal?: AbortSignal): Promise<CalendarView> {
  return getJson(`/api/v1/time-limits/calendar?year=${year}`, isCalendar, signal);
}

export function putCalendar(body: {
  name: string;
  timeZone: string;
  windows: WorkingWindow[];
  weekdays: number[];
}) {
  return send('/api/v1/time-limits/calendar', json('PUT', body), isCalendar);
}

/** Replaces a year's holidays and 调休 working days. */
export function importHolidays(year: number, days: CalendarDay[], source: string) {
  return send('/api/v1/time-limits/calendar/holidays', json('POST', { year, days, source }), anyRecord);
}

export function fetchFilingStandards(signal?: AbortSignal): Promise<FilingStandard[]> {
  return getJson(
    '/api/v1/time-limits/filing-standards',
    (v): v is { items: FilingStandard[] } => hasItems(v),
    signal,
  ).then((r) => r.items);
}

export function updateFilingStandard(
  id: string,
  body: { conditionText?: string; closeConditionText?: string },
) {
  return send(`/api/v1/time-limits/filing-standards/${id}`, json('PATCH', body), anyRecord);
}

// ---- users, departments, evaluation profiles --------------------------------------------------

export function fetchUsers(signal?: AbortSignal): Promise<UserRecord[]> {
  return getJson(
    '/api/v1/users',
    (v): v is UserRecord[] | { items: UserRecord[] } => isArray(v) || hasItems(v),
    signal,
  ).then((r) => (Array.isArray(r) ? r : r.items));
}

export function createUser(body: CreateUserRequest) {
  return send('/api/v1/users', json('POST', body), anyRecord);
}

export function setUserActive(id: string, active: boolean) {
  return send(`/api/v1/users/${id}`, json('PATCH', { active }), anyRecord);
}

export function fetchDepartments(signal?: AbortSignal): Promise<DepartmentRecord[]> {
  return getJson(
    '/api/v1/departments',
    (v): v is DepartmentRecord[] | { items: DepartmentRecord[] } => isArray(v) || hasItems(v),
    signal,
  ).then((r) => (Array.isArray(r) ? r : r.items));
}

export function createDepartment(body: CreateDepartmentRequest) {
  return send('/api/v1/departments', json('POST', body), anyRecord);
}

export interface EvaluationProfileView {
  id: string;
  version: number;
  name: string;
  shipped: boolean;
  basedOn: string | null;
  createdAt: string;
}

export function fetchEvaluationProfiles(signal?: AbortSignal): Promise<EvaluationProfileView[]> {
  return getJson('/api/v1/evaluation/profiles', (v): v is EvaluationProfileView[] => isArray(v), signal);
}
