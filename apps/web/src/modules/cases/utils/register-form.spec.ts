import { describe, expect, it } from 'vitest';
import { ApiRequestError, CLIENT_ERROR_CODES } from '../../map/api/http';
import {
  OPERATOR_SOURCES,
  SubmissionKeys,
  emptyDraft,
  isRetryable,
  newUuid,
  registerErrorKey,
  registerSourcesFor,
  stableJson,
  validateRegister,
  type RegisterDraft,
} from './register-form';

const filled = (over: Partial<RegisterDraft> = {}): RegisterDraft => ({
  ...emptyDraft('hotline_12345'),
  classCode: '0102',
  description: '  小区门口暴露垃圾约两平方米  ',
  position: [120.1551, 30.3052],
  ...over,
});

describe('registerSourcesFor', () => {
  it('gives the operator the six intake sources and a leader only 领导交办', () => {
    expect(registerSourcesFor('operator')).toEqual([
      'hotline_12345',
      'hotline_12319',
      'public_web',
      'video',
      'media',
      'sensor',
    ]);
    expect(registerSourcesFor('leader')).toEqual(['leader']);
    expect(registerSourcesFor('inspector')).toBeNull();
    expect(registerSourcesFor('dispatcher')).toBeNull();
  });
});

describe('validateRegister', () => {
  it('lists every missing field of an empty form', () => {
    const result = validateRegister(emptyDraft());
    expect(result).toEqual({
      ok: false,
      problems: ['sourceRequired', 'classRequired', 'descriptionRequired', 'positionRequired'],
    });
  });

  it('builds the CreateCaseRequest of a 12345 call with its reporter and photos', () => {
    const result = validateRegister(
      filled({ reporterName: ' 张先生 ', reporterPhone: '138 0000 0000', urgency: 'urgent' }),
      ['a1', 'a2'],
    );
    expect(result).toEqual({
      ok: true,
      body: {
        source: 'hotline_12345',
        kind: 'event',
        classCode: '0102',
        description: '小区门口暴露垃圾约两平方米',
        position: [120.1551, 30.3052],
        crs: 'wgs84',
        positionManual: true,
        urgency: 'urgent',
        publicReporter: { name: '张先生', phone: '138 0000 0000' },
        attachmentIds: ['a1', 'a2'],
      },
    });
  });

  it('leaves out an empty reporter, a normal urgency and no photos', () => {
    const result = validateRegister(filled());
    expect(result.ok && result.body).toEqual({
      source: 'hotline_12345',
      kind: 'event',
      classCode: '0102',
      description: '小区门口暴露垃圾约两平方米',
      position: [120.1551, 30.3052],
      crs: 'wgs84',
      positionManual: true,
    });
  });

  it('sends only the filled reporter field', () => {
    const result = validateRegister(filled({ reporterPhone: '12345678' }));
    expect(result.ok && result.body.publicReporter).toEqual({ phone: '12345678' });
  });

  it('drops a reporter typed before the source was switched to video (not a public source)', () => {
    const result = validateRegister(filled({ source: 'video', reporterName: '张先生', reporterPhone: 'abc' }));
    expect(result.ok && result.body.publicReporter).toBeUndefined();
  });

  it('refuses a phone the API would refuse and an overlong name', () => {
    const result = validateRegister(filled({ reporterPhone: '1234', reporterName: '名'.repeat(51) }));
    expect(result).toEqual({ ok: false, problems: ['reporterNameTooLong', 'reporterPhoneInvalid'] });
  });

  it('counts characters, not UTF-16 units: one CJK extension character is too short', () => {
    // "𠀀" is one character in two UTF-16 units; the API (class-validator MinLength 2) counts it as one.
    expect(validateRegister(filled({ description: ' 𠀀 ' }))).toEqual({ ok: false, problems: ['descriptionRequired'] });
    expect(validateRegister(filled({ description: 'x'.repeat(2001) }))).toEqual({
      ok: false,
      problems: ['descriptionTooLong'],
    });
  });

  it('takes the leader source as chosen', () => {
    const result = validateRegister(filled({ source: 'leader', reporterName: '不会发送' }));
    expect(result.ok && result.body.source).toBe('leader');
    expect(result.ok && result.body.publicReporter).toBeUndefined();
  });

  it('every operator source makes a valid body', () => {
    for (const source of OPERATOR_SOURCES) expect(validateRegister(filled({ source })).ok).toBe(true);
  });
});

describe('SubmissionKeys', () => {
  const body = () => {
    const r = validateRegister(filled(), ['a1']);
    if (!r.ok) throw new Error('draft should be valid');
    return r.body;
  };

  it('reuses the key when the same form is sent again (retry after a network error)', () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `key-${++n}`);
    const first = keys.keyFor(body());
    const retry = keys.keyFor(body());
    expect(first).toBe('key-1');
    expect(retry).toBe('key-1');
  });

  it('takes a new key once the form changed, and after reset', () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `key-${++n}`);
    expect(keys.keyFor(body())).toBe('key-1');
    expect(keys.keyFor({ ...body(), description: '改过的描述' })).toBe('key-2');
    // Back to the first body: its key was given up, so another fresh one.
    expect(keys.keyFor(body())).toBe('key-3');
    keys.reset();
    expect(keys.keyFor(body())).toBe('key-4');
  });

  it('does not mind the order of the body keys', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(stableJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('newUuid', () => {
  it('formats 16 random bytes as a version 4 UUID', () => {
    // Bytes 0..15; byte 6 → (0x06 & 0x0f) | 0x40 = 0x46, byte 8 → (0x08 & 0x3f) | 0x80 = 0x88.
    const fixed = (b: Uint8Array) => b.map((_, i) => i);
    expect(newUuid(fixed)).toBe('00010203-0405-4607-8809-0a0b0c0d0e0f');
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('registerErrorKey', () => {
  it('maps the codes of a registration to their own wording', () => {
    expect(registerErrorKey(new ApiRequestError(422, 'GEO.OUT_OF_EXTENT', 'outside'))).toBe('outOfExtent');
    expect(registerErrorKey(new ApiRequestError(422, 'CASE.OUTSIDE_GRIDS', 'no grid'))).toBe('outsideGrids');
    expect(registerErrorKey(new ApiRequestError(422, 'CASE.CLASS_UNKNOWN', 'class'))).toBe('classUnknown');
    expect(registerErrorKey(new ApiRequestError(413, 'ATTACHMENT.TOO_LARGE', 'big'))).toBe('photoTooLarge');
    expect(registerErrorKey(new ApiRequestError(409, 'IDEMPOTENCY.IN_PROGRESS', 'busy'))).toBe('inProgress');
    expect(registerErrorKey(new ApiRequestError(403, 'CASE.ROLE_NOT_ALLOWED', 'no'))).toBe('forbidden');
    expect(registerErrorKey(new ApiRequestError(0, CLIENT_ERROR_CODES.network, 'offline'))).toBe('network');
  });

  it('falls back on the status for codes it does not know', () => {
    expect(registerErrorKey(new ApiRequestError(503, 'SOMETHING.NEW', 'x'))).toBe('server');
    expect(registerErrorKey(new ApiRequestError(422, 'SOMETHING.NEW', 'x'))).toBe('validation');
    expect(registerErrorKey(new ApiRequestError(418, 'SOMETHING.NEW', 'x'))).toBe('generic');
    expect(registerErrorKey(new Error('boom'))).toBe('generic');
  });

  it('retries only what may succeed unchanged', () => {
    expect(isRetryable('network')).toBe(true);
    expect(isRetryable('inProgress')).toBe(true);
    expect(isRetryable('validation')).toBe(false);
    expect(isRetryable('outOfExtent')).toBe(false);
  });
});
