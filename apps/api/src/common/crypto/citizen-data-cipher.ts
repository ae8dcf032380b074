import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * 公众信息 citizen data at rest (spec 08; issue 5 item 6): SM4-CBC with a random IV, then an
 * HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC), all with keys derived from one
 * secret (`CITIZEN_DATA_SECRET`, else a generated file under DATA_DIR/secrets). Stored as
 * `v1.<iv>.<ciphertext>.<mac>` (base64url parts).
 */
export class CitizenDataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the citizen-data secret must be at least 32 characters');
    this.encKey = createHash('sm3').update(`urbangrid:citizen:enc:${secret}`).digest().subarray(0, 16);
    this.macKey = createHash('sm3').update(`urbangrid:citizen:mac:${secret}`).digest();
  }

  encrypt(value: unknown): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const mac = this.mac(iv, body);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), mac.toString('base64url')].join('.');
  }

  /** The value back; throws when the text was not made by this key or was altered. */
  decrypt<T>(text: string): T {
    const [version, ivText, bodyText, macText] = text.split('.');
    if (version !== 'v1' || !ivText || !bodyText || !macText) throw new Error('not a v1 citizen-data token');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    const mac = Buffer.from(macText, 'base64url');
    const expected = this.mac(iv, body);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected))
      throw new Error('citizen data failed its integrity check');
    const decipher = createDecipheriv('sm4-cbc', this.encKey, iv);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
  }

  private mac(iv: Buffer, body: Buffer): Buffer {
    return createHmac('sm3', this.macKey).update('v1').update(iv).update(body).digest();
  }
}
