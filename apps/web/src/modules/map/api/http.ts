import type { ErrorDetail, ErrorResponse } from '@urbangrid/contracts';

/** Codes the web app assigns itself when there is no usable `ErrorResponse` from the API. */
export const CLIENT_ERROR_CODES = {
  network: 'CLIENT.NETWORK',
  badResponse: 'CLIENT.BAD_RESPONSE',
} as const;

/** A failed API call: the API's `ErrorResponse`, or one of {@link CLIENT_ERROR_CODES}. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isErrorResponse(value: unknown): value is ErrorResponse {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<Record<keyof ErrorResponse, unknown>>;
  return (
    typeof body.statusCode === 'number' && typeof body.code === 'string' && typeof body.message === 'string'
  );
}

/**
 * Who signs API requests: the auth module registers the session here at start (kept as a hook so
 * this helper does not import the auth module, which itself uses this helper).
 */
export interface RequestAuthorizer {
  /** The current access token, or null when signed out. */
  accessToken(): string | null;
  /** Gets a new access token; false when the session is over (the app then shows the login). */
  refresh(): Promise<boolean>;
}

let authorizer: RequestAuthorizer | null = null;

export function setRequestAuthorizer(next: RequestAuthorizer | null): void {
  authorizer = next;
}

/** `Authorization: Bearer …` for a request to the API, or nothing when signed out. */
export function authHeaders(): Record<string, string> {
  const token = authorizer?.accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** True for URLs of this app's API (same origin, under /api/): only those get the token. */
export function isApiUrl(url: string, origin: string): boolean {
  return url.startsWith('/api/') || url.startsWith(`${origin}/api/`);
}

/**
 * fetch for the API: adds the bearer token and, on a 401, refreshes the session once and
 * retries. Every api module goes through here (getJson below).
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const send = () => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...authHeaders() } });
  const response = await send();
  if (response.status !== 401 || !authorizer) return response;
  return (await authorizer.refresh()) ? send() : response;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * GET a JSON document and check its shape with `guard`. Rejects with {@link ApiRequestError};
 * an aborted request rejects with the fetch `AbortError` unchanged.
 */
export async function getJson<T>(
  url: string,
  guard: (value: unknown) => value is T,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(
      0,
      CLIENT_ERROR_CODES.network,
      error instanceof Error ? error.message : String(error),
    );
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isErrorResponse(body)) throw new ApiRequestError(body.statusCode, body.code, body.message, body.details);
    throw new ApiRequestError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      `HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  if (!guard(body)) {
    throw new ApiRequestError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      `unexpected response body from ${url}`,
    );
  }
  return body;
}
