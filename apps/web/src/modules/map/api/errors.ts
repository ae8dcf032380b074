import { ApiRequestError, CLIENT_ERROR_CODES } from './http';

/** Message keys (under `errors.`) the UI can show for a failure. */
export type ErrorMessageKey =
  | 'errors.generic'
  | 'errors.network'
  | 'errors.badResponse'
  | 'errors.webglUnavailable'
  | 'errors.codes.internalError'
  | 'errors.codes.databaseUnavailable'
  | 'errors.codes.mapUnknownLayer'
  | 'errors.codes.notFound'
  | 'errors.codes.tooManyRequests'
  | 'errors.codes.unauthenticated'
  | 'errors.codes.forbidden'
  | 'errors.codes.regionNotFound'
  | 'errors.codes.outOfExtent'
  | 'errors.codes.geocodeUnparseable'
  | 'errors.codes.componentNotFound'
  | 'errors.codes.componentCodeMalformed';

/** API error codes (see ErrorResponse.code) the web app has its own wording for. */
export const ERROR_CODE_MESSAGES: Readonly<Record<string, ErrorMessageKey>> = {
  'INTERNAL.ERROR': 'errors.codes.internalError',
  'DATABASE.UNAVAILABLE': 'errors.codes.databaseUnavailable',
  'MAP.UNKNOWN_LAYER': 'errors.codes.mapUnknownLayer',
  'REQUEST.NOT_FOUND': 'errors.codes.notFound',
  'REQUEST.TOO_MANY': 'errors.codes.tooManyRequests',
  'AUTH.UNAUTHENTICATED': 'errors.codes.unauthenticated',
  'AUTH.FORBIDDEN': 'errors.codes.forbidden',
  'REGION.NOT_FOUND': 'errors.codes.regionNotFound',
  'GEO.OUT_OF_EXTENT': 'errors.codes.outOfExtent',
  'GEOCODE.UNPARSEABLE': 'errors.codes.geocodeUnparseable',
  'COMPONENT.NOT_FOUND': 'errors.codes.componentNotFound',
  'COMPONENT.CODE_MALFORMED': 'errors.codes.componentCodeMalformed',
  [CLIENT_ERROR_CODES.network]: 'errors.network',
  [CLIENT_ERROR_CODES.badResponse]: 'errors.badResponse',
};

/** Raised when the map cannot be created (no WebGL). */
export class MapUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'MapUnavailableError';
  }
}

/** What to show for an error: a translated message, or the API's own text when the code is unknown. */
export type ErrorDescription =
  { kind: 'message'; key: ErrorMessageKey; values: { status: number } } | { kind: 'text'; text: string };

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof MapUnavailableError)
    return { kind: 'message', key: 'errors.webglUnavailable', values: { status: 0 } };
  if (error instanceof ApiRequestError) {
    const key = Object.hasOwn(ERROR_CODE_MESSAGES, error.code) ? ERROR_CODE_MESSAGES[error.code] : undefined;
    if (key) return { kind: 'message', key, values: { status: error.status } };
    if (error.message.trim()) return { kind: 'text', text: error.message };
  }
  return { kind: 'message', key: 'errors.generic', values: { status: 0 } };
}
