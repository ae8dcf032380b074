import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AccessClaims, signJwt, verifyJwt } from './jwt';

const SECRET = 'a'.repeat(48);
const claims: AccessClaims = {
  sub: '7d1c1d4e-0000-4000-8000-000000000001',
  role: 'dispatcher',
  departmentId: null,
  districtCode: '330105',
  name: '张三',
  sid: '7d1c1d4e-0000-4000-8000-000000000002',
  ver: 0,
  iat: 1_000,
  exp: 1_900, // iat + 900 s (15 min)
};

describe('HS256 JWT', () => {
  it('round-trips its claims while unexpired', () => {
    const token = signJwt(claims, SECRET);
    expect(token.split('.')).toHaveLength(3);
    expect(verifyJwt(token, SECRET, 1_899)).toEqual(claims);
  });

  it('refuses an expired token (exp is exclusive)', () => {
    expect(verifyJwt(signJwt(claims, SECRET), SECRET, 1_900)).toBeNull();
  });

  it('refuses another secret and a changed payload', () => {
    const token = signJwt(claims, SECRET);
    expect(verifyJwt(token, 'b'.repeat(48), 1_000)).toBeNull();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${s}`, SECRET, 1_000)).toBeNull();
  });

  it('refuses alg "none" and any header but its own', () => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${none}.${payload}.`, SECRET, 1_000)).toBeNull();
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    const sig = createHmac('sha512', SECRET).update(`${hs512}.${payload}`).digest('base64url');
    expect(verifyJwt(`${hs512}.${payload}.${sig}`, SECRET, 1_000)).toBeNull();
  });

  it('refuses garbage', () => {
    expect(verifyJwt('abc', SECRET, 0)).toBeNull();
    expect(verifyJwt('a.b.c', SECRET, 0)).toBeNull();
  });
});
