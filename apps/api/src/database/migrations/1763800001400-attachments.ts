import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments and idempotency keys (spec 08 §1, §9; spec 04 §6; issue 5 items 1 and 2).
 * - `attachment`: one uploaded photo or audio clip. Three storage keys: the original (private,
 *   never served: it keeps the EXIF position), the public copy (EXIF stripped) and a JPEG
 *   thumbnail. Capture time and position read from EXIF are kept as columns. `case_id` and
 *   `flow_seq` are set when an intake or an action names the attachment; until then only the
 *   uploader may read it.
 * - `idempotency_key`: the first response of a creating POST per (user, key), replayed for a
 *   retry with the same request fingerprint. `running` while the first request works; failed
 *   requests delete their row (their `claim_id` proves the row is still theirs). Purged after IDEMPOTENCY_RETENTION_HOURS (default 168).
 */
export class Attachments1763800001400 implements MigrationInterface {
  name = 'Attachments1763800001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment (
        id              uuid PRIMARY KEY,
        district_code   text NOT NULL,
        uploaded_by     uuid NOT NULL,
        purpose         text NOT NULL,
        content_type    text NOT NULL,
        size            integer NOT NULL,
        width           integer NULL,
        height          integer NULL,
        sha256          text NOT NULL,
        original_key    text NOT NULL,
        public_key      text NOT NULL,
        thumbnail_key   text NULL,
        taken_at        timestamptz NULL,
        location        geometry(Point, 4326) NULL,
        case_id         uuid NULL,
        flow_seq        integer NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attachment_purpose_ck CHECK (purpose IN ('report', 'before', 'after', 'verify', 'check', 'feedback', 'evidence')),
        CONSTRAINT attachment_size_ck CHECK (size > 0),
        CONSTRAINT attachment_link_ck CHECK ((case_id IS NULL) = (flow_seq IS NULL)),
        CONSTRAINT attachment_uploader_fk FOREIGN KEY (uploaded_by) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT attachment_case_fk FOREIGN KEY (case_id) REFERENCES case_file (id) ON DELETE RESTRICT
      )`);
    await q.query(
      `CREATE INDEX attachment_case_ix ON attachment (case_id, flow_seq) WHERE case_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX attachment_unlinked_ix ON attachment (uploaded_by, created_at) WHERE case_id IS NULL`,
    );
    await q.query(`CREATE INDEX attachment_location_gix ON attachment USING gist (location)`);

    await q.query(`
      CREATE TABLE idempotency_key (
        user_id          uuid NOT NULL,
        key              text NOT NULL,
        method           text NOT NULL,
        path             text NOT NULL,
        request_hash     text NOT NULL,
        state            text NOT NULL,
        response_status  integer NULL,
        response_body    jsonb NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        claim_id         uuid NOT NULL,
        claimed_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz NULL,
        CONSTRAINT idempotency_key_pk PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_key_state_ck CHECK (state IN ('running', 'done')),
        CONSTRAINT idempotency_key_done_ck CHECK (state = 'running' OR response_status IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_ix ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_key`);
    await q.query(`DROP TABLE IF EXISTS attachment`);
  }
}
