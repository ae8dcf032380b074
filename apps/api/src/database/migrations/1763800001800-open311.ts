import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 GeoReport v2 (spec 07): API keys per channel, the Open311 side of a case created through
 * it, and the per-class service type.
 * - `open311_api_key`: only an SM3 hash of each key is stored (keys are 32 random bytes, so a
 *   plain hash is enough); `user_id` is the channel's acting system user (role operator,
 *   `open311-<channel>`, no usable password) in whose name the cases are filed. `per_ip_only`
 *   marks a key that is public by nature (the citizen web page): it is limited per IP address,
 *   not as a whole.
 * - `open311_request`: one row per case created through Open311 — the `token` (batch services),
 *   the key and channel, the answers to the service definition, `media_url` as sent, and the
 *   contact fields Open311 has no case column for (e-mail, device and account ids), SM4-encrypted.
 * - `classification.open311_type`: `realtime` (default) or `batch` (spec 07 §7).
 * Public classes (`classification.is_public`) already exist; an existing database in which no
 * class is public yet gets the default set of classes-seed.ts.
 */
export class Open3111763800001800 implements MigrationInterface {
  name = 'Open3111763800001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open311_api_key (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_hash    text NOT NULL,
        key_prefix  text NOT NULL,
        channel     text NOT NULL,
        label       text NOT NULL,
        per_ip_only boolean NOT NULL DEFAULT false,
        user_id     uuid NOT NULL,
        created_by  uuid NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz NULL,
        revoked_by  uuid NULL,
        CONSTRAINT open311_api_key_hash_uq UNIQUE (key_hash),
        CONSTRAINT open311_api_key_channel_ck CHECK (channel ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
        CONSTRAINT open311_api_key_label_ck CHECK (btrim(label) <> ''),
        CONSTRAINT open311_api_key_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT open311_api_key_created_by_fk FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT open311_api_key_revoked_by_fk FOREIGN KEY (revoked_by) REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE open311_request (
        case_id        uuid PRIMARY KEY,
        token          text NOT NULL,
        api_key_id     uuid NOT NULL,
        channel        text NOT NULL,
        service_code   text NOT NULL,
        service_type   text NOT NULL,
        attributes     jsonb NOT NULL DEFAULT '{}',
        media_url      text NULL,
        address_string text NULL,
        contact_enc    jsonb NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT open311_request_token_uq UNIQUE (token),
        CONSTRAINT open311_request_case_fk FOREIGN KEY (case_id) REFERENCES case_file (id) ON DELETE RESTRICT,
        CONSTRAINT open311_request_key_fk FOREIGN KEY (api_key_id) REFERENCES open311_api_key (id) ON DELETE RESTRICT,
        CONSTRAINT open311_request_type_ck CHECK (service_type IN ('realtime', 'batch'))
      )`);
    await q.query(
      `CREATE INDEX case_file_source_reported_idx ON case_file (source, reported_at DESC, id DESC)`,
    );
    await q.query(`ALTER TABLE classification ADD COLUMN open311_type text NOT NULL DEFAULT 'realtime'`);
    await q.query(
      `ALTER TABLE classification ADD CONSTRAINT classification_open311_type_ck CHECK (open311_type IN ('realtime', 'batch'))`,
    );
    // The default public set (same list as classes-seed.ts), only where the city chose none yet.
    await q.query(
      `UPDATE classification SET is_public = true, updated_at = now()
        WHERE level = 'small' AND valid_to IS NULL
          AND ((kind = 'event' AND code = ANY($1)) OR (kind = 'component' AND code = ANY($2)))
          AND NOT EXISTS (SELECT 1 FROM classification c WHERE c.is_public)`,
      [
        [
          '0102',
          '0103',
          '0104',
          '0106',
          '0107',
          '0110',
          '0112',
          '0201',
          '0202',
          '0302',
          '0404',
          '0406',
          '0504',
          '0505',
          '0506',
          '0507',
        ],
        ['0101', '0102', '0103', '0104', '0105', '0106', '0107', '0111', '0114', '0118'],
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE classification DROP CONSTRAINT classification_open311_type_ck');
    await q.query('ALTER TABLE classification DROP COLUMN open311_type');
    await q.query('DROP INDEX case_file_source_reported_idx');
    await q.query('DROP TABLE open311_request');
    await q.query('DROP TABLE open311_api_key');
  }
}
