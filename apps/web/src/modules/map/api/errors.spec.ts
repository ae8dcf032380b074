import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/locales/zh-CN';
import { ERROR_CODE_MESSAGES, MapUnavailableError, describeError } from './errors';
import { ApiRequestError, CLIENT_ERROR_CODES, isErrorResponse } from './http';

/** Looks a dotted key up in the zh-CN messages. */
function lookup(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      zhCN,
    );
}

describe('describeError', () => {
  it('translates known API codes', () => {
    expect(describeError(new ApiRequestError(503, 'DATABASE.UNAVAILABLE', 'database unavailable'))).toEqual({
      kind: 'message',
      key: 'errors.codes.databaseUnavailable',
      values: { status: 503 },
    });
    expect(describeError(new ApiRequestError(404, 'MAP.UNKNOWN_LAYER', 'unknown layer'))).toMatchObject({
      key: 'errors.codes.mapUnknownLayer',
    });
  });

  it('falls back to the API message for unknown codes', () => {
    expect(describeError(new ApiRequestError(422, 'GEO.SOMETHING_NEW', 'point is outside the city'))).toEqual(
      {
        kind: 'text',
        text: 'point is outside the city',
      },
    );
  });

  it('maps client-side failures and anything else', () => {
    expect(
      describeError(new ApiRequestError(0, CLIENT_ERROR_CODES.network, 'Failed to fetch')),
    ).toMatchObject({ key: 'errors.network' });
    expect(describeError(new ApiRequestError(502, CLIENT_ERROR_CODES.badResponse, 'HTTP 502'))).toEqual({
      kind: 'message',
      key: 'errors.badResponse',
      values: { status: 502 },
    });
    expect(describeError(new MapUnavailableError(new Error('no webgl')))).toMatchObject({
      key: 'errors.webglUnavailable',
    });
    expect(describeError(new TypeError('boom'))).toMatchObject({ key: 'errors.generic' });
    expect(describeError(new ApiRequestError(500, 'ODD.CODE', '  '))).toMatchObject({
      key: 'errors.generic',
    });
    // Inherited object keys are not error codes.
    expect(describeError(new ApiRequestError(500, 'toString', 'weird'))).toEqual({
      kind: 'text',
      text: 'weird',
    });
  });

  it('points every mapped code at an existing message', () => {
    for (const key of Object.values(ERROR_CODE_MESSAGES)) expect(typeof lookup(key), key).toBe('string');
  });
});

describe('isErrorResponse', () => {
  it('accepts the shared error shape only', () => {
    expect(isErrorResponse({ statusCode: 404, code: 'REQUEST.NOT_FOUND', message: 'not found' })).toBe(true);
    expect(isErrorResponse({ statusCode: '404', code: 'X', message: 'm' })).toBe(false);
    expect(isErrorResponse({ error: 'Not Found' })).toBe(false);
    expect(isErrorResponse(null)).toBe(false);
  });
});
