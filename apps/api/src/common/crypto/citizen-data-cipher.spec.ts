import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CitizenDataCipher } from './citizen-data-cipher';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('citizen data cipher (SM4-CBC + HMAC-SM3)', () => {
  it('uses SM4: the GB/T 32907 single-block test vector', () => {
    // Key = plaintext = 0123456789abcdeffedcba9876543210 → 681edf34d206965e86b3e94f536e4246.
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('round-trips a reporter and never stores the plain text', () => {
    const cipher = new CitizenDataCipher(SECRET);
    const token = cipher.encrypt({ name: '张三', phone: '13800000000' });
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(token).not.toContain('13800000000');
    expect(cipher.decrypt(token)).toEqual({ name: '张三', phone: '13800000000' });
  });

  it('encrypts the same value differently each time (random IV)', () => {
    const cipher = new CitizenDataCipher(SECRET);
    expect(cipher.encrypt({ phone: '1' })).not.toBe(cipher.encrypt({ phone: '1' }));
  });

  it('refuses an altered token and another key’s token', () => {
    const cipher = new CitizenDataCipher(SECRET);
    const token = cipher.encrypt({ phone: '13800000000' });
    const parts = token.split('.');
    const body = Buffer.from(parts[2], 'base64url');
    body[0] = body[0] ^ 1;
    const altered = [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.');
    expect(() => cipher.decrypt(altered)).toThrow(/integrity/);
    expect(() => new CitizenDataCipher(`${SECRET}-other`).decrypt(token)).toThrow(/integrity/);
  });
});
