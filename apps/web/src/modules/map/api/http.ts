import type { ErrorResponse } from '@urbangrid/contracts';

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
    response = await fetch(url, { headers: { accept: 'application/json' }, signal });
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
    if (isErrorResponse(body)) throw new ApiRequestError(body.statusCode, body.code, body.message);
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
