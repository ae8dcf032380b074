import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of an UrbanGrid access token. */
export interface AccessClaims {
  /** User id. */
  sub: string;
  role: string;
  departmentId: string | null;
  districtCode: string;
  name: string;
  /** Session id: logout revokes it, and the guard refuses tokens of a revoked session. */
  sid: string;
  /** `app_user.token_version` at issue: a password change or deactivation bumps it. */
  ver: number;
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * HS256 JSON Web Tokens with node:crypto only (RFC 7519 compact form). Only our own header is
 * accepted, so `alg: none` or RS/HS confusion cannot be smuggled in.
 */
export function signJwt(claims: AccessClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** The claims of a valid, unexpired token, or null. `nowSeconds` is the clock (Unix seconds). */
export function verifyJwt(token: string, secret: string, nowSeconds: number): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  if (header !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isAccessClaims(claims) || claims.exp <= nowSeconds) return null;
  return claims;
}

function isAccessClaims(v: unknown): v is AccessClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.role === 'string' &&
    (c.departmentId === null || typeof c.departmentId === 'string') &&
    typeof c.districtCode === 'string' &&
    typeof c.name === 'string' &&
    typeof c.sid === 'string' &&
    Number.isInteger(c.ver) &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp)
  );
}
