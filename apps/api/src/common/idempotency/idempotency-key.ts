import { createHash } from 'node:crypto';
import { ApiError } from '../errors/api-error';

/** Name of the request header (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set to `true` on a replayed response. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,100}$/;

/**
 * The key of an `Idempotency-Key` header. The draft makes the value a Structured Field string
 * (`"…"`); bare tokens are accepted too (spec 08 §1). 1–100 characters of `A-Z a-z 0-9 _ - : .`,
 * else 400 `IDEMPOTENCY.KEY_INVALID`.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  if (Array.isArray(raw)) {
    throw new ApiError('IDEMPOTENCY.KEY_INVALID', 'send one Idempotency-Key header');
  }
  const trimmed = raw.trim();
  const key =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(
      'IDEMPOTENCY.KEY_INVALID',
      'Idempotency-Key must be 1 to 100 characters of letters, digits, "_", "-", ":" or "."',
      [{ field: 'Idempotency-Key', message: 'e.g. a UUID' }],
    );
  }
  return key;
}

/** JSON with object keys sorted at every level and no whitespace; `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * Fingerprint of a request: SM3 (spec 08 §1, GB/T 32905) over method, path and a body digest,
 * lower-case hex. `body` is the canonical JSON of a JSON request or the bytes of an upload.
 */
export function requestFingerprint(method: string, path: string, body: string | Buffer): string {
  return createHash('sm3').update(`${method.toUpperCase()}\n${path}\n`).update(body).digest('hex');
}
