import type { ChangePasswordRequest, LoginRequest, MeResponse, TokenResponse } from '@urbangrid/contracts';
import { ApiRequestError, CLIENT_ERROR_CODES, isErrorResponse } from '../../map/api/http';

export const AUTH_BASE = '/api/v1/auth';

/** Details of an `AUTH.LOCKED` answer: when the lock ends (ISO), if the API said. */
export function lockedUntil(error: unknown): string | null {
  return error instanceof ApiRequestError && error.code === 'AUTH.LOCKED' ? (error.details?.[0]?.message ?? null) : null;
}

function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof TokenResponse, unknown>>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresIn === 'number' &&
    typeof v.user === 'object' &&
    v.user !== null
  );
}

/** POST JSON without a bearer token (sign-in endpoints); rejects with ApiRequestError. */
async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${AUTH_BASE}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined;
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorResponse(json)) throw new ApiRequestError(json.statusCode, json.code, json.message, json.details);
    throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, `HTTP ${response.status}`);
  }
  return json;
}

async function tokens(path: string, body: unknown, headers?: Record<string, string>): Promise<TokenResponse> {
  const json = await postJson(path, body, headers);
  if (!isTokenResponse(json)) throw new ApiRequestError(200, CLIENT_ERROR_CODES.badResponse, 'unexpected token response');
  return json;
}

export function login(body: LoginRequest): Promise<TokenResponse> {
  return tokens('login', body);
}

export function refreshTokens(refreshToken: string): Promise<TokenResponse> {
  return tokens('refresh', { refreshToken });
}

export async function logoutSession(refreshToken: string): Promise<void> {
  await postJson('logout', { refreshToken });
}

export function changePassword(accessToken: string, body: ChangePasswordRequest): Promise<TokenResponse> {
  return tokens('password', body, { authorization: `Bearer ${accessToken}` });
}

export type { MeResponse };
