import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error';
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('Idempotency-Key parsing', () => {
  it('accepts a bare or a Structured Field (quoted) key', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"abc:1.2_3"')).toBe('abc:1.2_3');
  });

  it('refuses empty, too long, odd characters and repeated headers with IDEMPOTENCY.KEY_INVALID', () => {
    for (const bad of ['', '""', 'a'.repeat(101), 'has space', 'semi;colon', 'ключ']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(ApiError);
    }
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(/one Idempotency-Key/);
    expect(parseIdempotencyKey('a'.repeat(100))).toHaveLength(100);
  });
});

describe('request fingerprint', () => {
  it('ignores key order and whitespace but not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    const f = (body: unknown): string => requestFingerprint('POST', '/api/v1/cases', canonicalJson(body));
    expect(f({ a: 1, b: 2 })).toBe(f({ b: 2, a: 1 }));
    expect(f({ a: 1, b: 2 })).not.toBe(f({ a: 1, b: 3 }));
    expect(requestFingerprint('POST', '/x', '{}')).not.toBe(requestFingerprint('POST', '/y', '{}'));
  });

  it('is SM3 of "METHOD\\npath\\nbody", lower-case hex', () => {
    // The node:crypto SM3 itself, checked with the test vector of spec 08 §3.
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(requestFingerprint('post', '/a', 'x')).toBe(createHash('sm3').update('POST\n/a\nx').digest('hex'));
  });
});
