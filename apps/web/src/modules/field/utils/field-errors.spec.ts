import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../map/api/http';
import { fieldErrorKey } from './field-errors';

describe('fieldErrorKey', () => {
  it('maps known API codes and the stored outbox error shape', () => {
    expect(fieldErrorKey(new ApiRequestError(409, 'CASE.VERSION_CONFLICT', 'stale'))).toBe('versionConflict');
    expect(fieldErrorKey({ code: 'CLIENT.NETWORK', message: 'Failed to fetch' })).toBe('network');
  });

  it('falls back on the status, never on the server text', () => {
    expect(fieldErrorKey(new ApiRequestError(422, 'SOMETHING.NEW', 'english text'))).toBe('validation');
    expect(fieldErrorKey(new ApiRequestError(502, 'CLIENT.BAD_RESPONSE', ''))).toBe('server');
    expect(fieldErrorKey(new Error('boom'))).toBe('generic');
  });
});
