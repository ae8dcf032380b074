import { Inject, Injectable } from '@nestjs/common';
import type { Open311ApiKeyView } from '@urbangrid/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database, type SqlRunner } from '../../database/database';

/** An issued API key as administrators see it (never the key itself after issue). */
export type ApiKeyView = Open311ApiKeyView;

/** The key a POST presented, once verified. */
export interface VerifiedKey {
  id: string;
  channel: string;
  perIpOnly: boolean;
  userId: string;
  username: string;
  displayName: string;
  districtCode: string;
}

/** The channel of the citizen web page (apps/web /report); its key comes from OPEN311_WEB_KEY. */
export const WEB_CHANNEL = 'public-web';

const CHANNEL_RE = /^[a-z0-9][a-z0-9_-]{1,39}$/;

/** SM3 of the key: keys are 32 random bytes, so no salt or slow hash is needed. */
export function hashApiKey(key: string): string {
  return createHash('sm3').update(key, 'utf8').digest('hex');
}

/**
 * API keys per channel (spec 07 §2, POST only): issued and revoked by administrators. Each channel
 * has an acting system user (`open311-<channel>`, role operator, no usable password) in whose name
 * its cases are registered, so flow records and audit rows name the channel.
 */
@Injectable()
export class Open311KeysService {
  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    adminId: string | null,
    req: { channel: string; label: string; perIpOnly?: boolean },
    key: string = `o311_${randomBytes(32).toString('base64url')}`,
  ): Promise<{ key: string; view: ApiKeyView }> {
    if (!CHANNEL_RE.test(req.channel)) {
      throw new ApiError(
        'REQUEST.VALIDATION_FAILED',
        'channel must be 2–40 lower-case letters, digits, - or _',
        [{ field: 'channel', message: 'lower-case letters, digits, - or _' }],
      );
    }
    const label = req.label.trim();
    if (label === '' || label.length > 100) {
      throw new ApiError('REQUEST.VALIDATION_FAILED', 'label must have 1 to 100 characters', [
        { field: 'label', message: '1 to 100 characters' },
      ]);
    }
    const id = await this.db.transaction(async (tx) => {
      const userId = await this.actingUser(tx, req.channel, adminId);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO open311_api_key (key_hash, key_prefix, channel, label, per_ip_only, user_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [hashApiKey(key), key.slice(0, 9), req.channel, label, req.perIpOnly ?? false, userId, adminId],
      );
      return row.id;
    });
    return { key, view: (await this.list()).find((k) => k.id === id) as ApiKeyView };
  }

  /**
   * The web page's key from the boot configuration: registered once for the web channel (limited
   * per IP only); a key already known is left as it is, so a revoked one stays revoked.
   */
  async ensureWebKey(key: string): Promise<void> {
    const [found] = await this.db.query<{ id: string }>(
      'SELECT id FROM open311_api_key WHERE key_hash = $1',
      [hashApiKey(key)],
    );
    if (found) return;
    await this.issue(
      null,
      { channel: WEB_CHANNEL, label: 'public web page (OPEN311_WEB_KEY)', perIpOnly: true },
      key,
    );
  }

  async list(): Promise<ApiKeyView[]> {
    const rows = await this.db.query<{
      id: string;
      key_prefix: string;
      channel: string;
      label: string;
      per_ip_only: boolean;
      username: string;
      created_at: Date;
      created_by: string | null;
      revoked_at: Date | null;
    }>(
      `SELECT k.id, k.key_prefix, k.channel, k.label, k.per_ip_only, u.username, k.created_at,
              c.username AS created_by, k.revoked_at
         FROM open311_api_key k JOIN app_user u ON u.id = k.user_id
         LEFT JOIN app_user c ON c.id = k.created_by
        ORDER BY k.created_at, k.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      keyPrefix: r.key_prefix,
      channel: r.channel,
      label: r.label,
      perIpOnly: r.per_ip_only,
      actingUsername: r.username,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    }));
  }

  async revoke(adminId: string, id: string): Promise<ApiKeyView> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE open311_api_key SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2)
        WHERE id = $1 RETURNING id`,
      [id, adminId],
    );
    if (rows.length === 0) throw new ApiError('OPEN311.KEY_NOT_FOUND', `no API key ${id}`);
    return (await this.list()).find((k) => k.id === id) as ApiKeyView;
  }

  /**
   * The key's row when it exists and is not revoked; null otherwise (→ 403). The citizen page's
   * key (config `open311WebKey`) is registered on its first use, not at boot, so an empty
   * database stays empty until someone reports.
   */
  async verify(key: string): Promise<VerifiedKey | null> {
    const found = await this.find(key);
    if (found || key !== this.config.open311WebKey) return found;
    await this.ensureWebKey(key);
    return this.find(key);
  }

  private async find(key: string): Promise<VerifiedKey | null> {
    const [row] = await this.db.query<{
      id: string;
      channel: string;
      per_ip_only: boolean;
      user_id: string;
      username: string;
      display_name: string;
      district_code: string;
    }>(
      `SELECT k.id, k.channel, k.per_ip_only, k.user_id, u.username, u.display_name, u.district_code
         FROM open311_api_key k JOIN app_user u ON u.id = k.user_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hashApiKey(key)],
    );
    return row
      ? {
          id: row.id,
          channel: row.channel,
          perIpOnly: row.per_ip_only,
          userId: row.user_id,
          username: row.username,
          displayName: row.display_name,
          districtCode: row.district_code,
        }
      : null;
  }

  /** The channel's system user, created on its first key. */
  private async actingUser(tx: SqlRunner, channel: string, adminId: string | null): Promise<string> {
    const username = `open311-${channel}`;
    const [found] = await tx.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username]);
    if (found) return found.id;
    // The acting user's district: the admin's, else the city's first (one city per deployment).
    const [district] = await tx.query<{ code: string }>(
      `SELECT coalesce((SELECT district_code FROM app_user WHERE id = $1),
                       (SELECT district_code FROM app_user ORDER BY created_at LIMIT 1), '000000') AS code`,
      [adminId],
    );
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, role, password_hash, district_code)
       VALUES ($1, $2, 'operator', '!open311-system-user', $3) RETURNING id`,
      [username, `Open311 ${channel}`, district.code],
    );
    return row.id;
  }
}
