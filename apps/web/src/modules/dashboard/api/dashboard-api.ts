import type {
  CaseStatsArea,
  CaseStatsByGrid,
  CaseStatsDrilldown,
  CaseStatsMeasure,
  CaseStatsMonthly,
  CaseStatsPoints,
  CaseStatsQuery,
  CaseStatsSummary,
} from '@urbangrid/contracts';
import type {
  EvaluationCounts,
  EvaluationObjectType,
  EvaluationResult,
  RegionLevel,
} from '@urbangrid/domain';
import { ApiRequestError, CLIENT_ERROR_CODES, apiFetch, getJson, isErrorResponse } from '../../map/api/http';
import { isRecord } from '../../map/api/guards';

const STATS = '/api/v1/cases/stats';

function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  return search.toString();
}

const statsQuery = (q: CaseStatsQuery) =>
  queryString({ from: q.from, to: q.to, regionCode: q.regionCode, classCode: q.classCode, kind: q.kind });

const hasItems = (v: unknown): v is { items: unknown[] } => isRecord(v) && Array.isArray(v.items);

export const isSummary = (v: unknown): v is CaseStatsSummary =>
  isRecord(v) && typeof v.reported === 'number' && typeof v.overdueNow === 'number';

export function fetchSummary(q: CaseStatsQuery, signal?: AbortSignal): Promise<CaseStatsSummary> {
  return getJson(`${STATS}/summary?${statsQuery(q)}`, isSummary, signal);
}

export function fetchByGrid(q: CaseStatsQuery, signal?: AbortSignal): Promise<CaseStatsByGrid> {
  return getJson(`${STATS}/by-grid?${statsQuery(q)}`, (v): v is CaseStatsByGrid => hasItems(v), signal);
}

export function fetchMonthly(q: CaseStatsQuery, signal?: AbortSignal): Promise<CaseStatsMonthly> {
  return getJson(`${STATS}/monthly?${statsQuery(q)}`, (v): v is CaseStatsMonthly => hasItems(v), signal);
}

export function fetchPoints(q: CaseStatsQuery, signal?: AbortSignal): Promise<CaseStatsPoints> {
  return getJson(
    `${STATS}/points?${statsQuery(q)}`,
    (v): v is CaseStatsPoints => isRecord(v) && Array.isArray(v.points),
    signal,
  );
}

export function fetchDrilldown(
  q: CaseStatsQuery & { measure: CaseStatsMeasure },
  signal?: AbortSignal,
): Promise<CaseStatsDrilldown> {
  return getJson(
    `${STATS}/drilldown?${statsQuery(q)}&measure=${q.measure}`,
    (v): v is CaseStatsDrilldown => hasItems(v),
    signal,
  );
}

export interface BigClass {
  kind: 'component' | 'event';
  code: string;
  name: string;
}

/** The big classes (大类) of both kinds, for the class filter. */
export async function fetchBigClasses(signal?: AbortSignal): Promise<BigClass[]> {
  const tree = await getJson(
    '/api/v1/classes?view=tree',
    (v): v is { items: BigClass[] } => hasItems(v),
    signal,
  );
  return tree.items.map(({ kind, code, name }) => ({ kind, code, name }));
}

export function fetchAreas(signal?: AbortSignal): Promise<CaseStatsArea[]> {
  return getJson(`${STATS}/areas`, (v): v is CaseStatsArea[] => Array.isArray(v), signal);
}

/** One row of `GET /api/v1/evaluation/results` (apps/api evaluation.types.ts). */
export interface EvaluationItemView {
  objectId: string;
  name: string;
  rank: number | null;
  counts: EvaluationCounts;
  result: EvaluationResult | null;
  error: { code: string; message: string } | null;
}

export interface EvaluationResultsView {
  objectType: EvaluationObjectType;
  level: RegionLevel | null;
  period: { kind: string; label: string; from: string; to: string; days: number };
  cutoff: string;
  profile: { id: string; version: number; name: string };
  items: EvaluationItemView[];
}

export function fetchEvaluation(
  params: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<EvaluationResultsView> {
  return getJson(
    `/api/v1/evaluation/results?${queryString(params)}`,
    (v): v is EvaluationResultsView => isRecord(v) && Array.isArray(v.items) && isRecord(v.period),
    signal,
  );
}

export interface EvaluationDrilldownView {
  items: { caseId: string; caseNo: string; reportedAt: string; n: number }[];
  nextCursor: string | null;
}

export function fetchEvaluationDrilldown(
  params: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<EvaluationDrilldownView> {
  return getJson(
    `/api/v1/evaluation/results/drilldown?${queryString(params)}`,
    (v): v is EvaluationDrilldownView => hasItems(v),
    signal,
  );
}

/** Downloads an API file (XLSX, PDF, CSV) with the session's token and saves it under its name. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await apiFetch(url);
  } catch (error) {
    throw new ApiRequestError(
      0,
      CLIENT_ERROR_CODES.network,
      error instanceof Error ? error.message : String(error),
    );
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    if (isErrorResponse(body))
      throw new ApiRequestError(body.statusCode, body.code, body.message, body.details);
    throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `HTTP ${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const named =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = named ? decodeURIComponent(named) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the blob before letting it go.
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function queryOf(params: Record<string, string | undefined>): string {
  return queryString(params);
}
