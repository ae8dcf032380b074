import { ApiRequestError, CLIENT_ERROR_CODES } from '../../map/api/http';

/** Message keys under `field.errors` the inspector app shows. */
export type FieldErrorKey =
  | 'generic'
  | 'network'
  | 'photoMissing'
  | 'versionConflict'
  | 'taskAnswered'
  | 'notAssigned'
  | 'outsideGrids'
  | 'classUnknown'
  | 'outOfExtent'
  | 'invalidTransition'
  | 'validation'
  | 'tooLarge'
  | 'unsupportedType'
  | 'forbidden'
  | 'notFound'
  | 'unauthenticated'
  | 'server';

/** API error codes with their own wording in the inspector's language. */
const BY_CODE: Readonly<Record<string, FieldErrorKey>> = {
  [CLIENT_ERROR_CODES.network]: 'network',
  'CLIENT.PHOTO_MISSING': 'photoMissing',
  'CASE.VERSION_CONFLICT': 'versionConflict',
  'CASE.TASK_ALREADY_ANSWERED': 'taskAnswered',
  'CASE.NOT_ASSIGNED': 'notAssigned',
  'CASE.OUTSIDE_GRIDS': 'outsideGrids',
  'CASE.CLASS_UNKNOWN': 'classUnknown',
  'GEO.OUT_OF_EXTENT': 'outOfExtent',
  'CASE.INVALID_TRANSITION': 'invalidTransition',
  'CASE.PAYLOAD_INVALID': 'validation',
  'REQUEST.VALIDATION_FAILED': 'validation',
  'REQUEST.MALFORMED': 'validation',
  'REQUEST.PAYLOAD_TOO_LARGE': 'tooLarge',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'unsupportedType',
  'ATTACHMENT.TOO_LARGE': 'tooLarge',
  'ATTACHMENT.UNSUPPORTED_TYPE': 'unsupportedType',
  'ATTACHMENT.CONTENT_INVALID': 'unsupportedType',
  'IDEMPOTENCY.IN_PROGRESS': 'server',
  'AUTH.FORBIDDEN': 'forbidden',
  'CASE.ROLE_NOT_ALLOWED': 'forbidden',
  'CASE.NOT_FOUND': 'notFound',
  'REQUEST.NOT_FOUND': 'notFound',
  'AUTH.UNAUTHENTICATED': 'unauthenticated',
  'DATABASE.UNAVAILABLE': 'server',
  'INTERNAL.ERROR': 'server',
};

/**
 * The `field.errors.*` key for a failure: by the API's code, else by its status; never the
 * server's English text, so an error always reads in the inspector's language.
 */
export function fieldErrorKey(error: unknown): FieldErrorKey {
  const code =
    error instanceof ApiRequestError
      ? error.code
      : typeof error === 'object' && error && 'code' in error
        ? String(error.code)
        : null;
  if (code && Object.hasOwn(BY_CODE, code)) return BY_CODE[code];
  if (error instanceof ApiRequestError) {
    if (error.status === 0) return 'network';
    if (error.status >= 500) return 'server';
    if (error.status === 404) return 'notFound';
    if (error.status === 403) return 'forbidden';
    if (error.status === 400 || error.status === 422) return 'validation';
  }
  return 'generic';
}
