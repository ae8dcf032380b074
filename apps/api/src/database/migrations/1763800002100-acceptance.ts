import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 验收 acceptance (part 6) and 历史案卷导入 history import.
 * - `acceptance_profile`: versioned checklist-and-score profiles (the domain's JSON, validated by
 *   libs/domain before it is stored); a new version never overwrites an old one.
 * - `acceptance_answer`: a reviewer's answer to one manual item of a profile (score / met / value /
 *   present list, reviewer, note, evidence refs), keyed by profile id and item id so an edited
 *   profile version keeps the answers of the items it keeps.
 * - `history_import_job`: one uploaded history file through validation and write (progress,
 *   every bad row with its line).
 * - `history_case`: the old system's case number of each imported case (unique: a case is
 *   imported once).
 */
export class Acceptance1763800002100 implements MigrationInterface {
  name = 'Acceptance1763800002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE acceptance_profile (
        id          text NOT NULL,
        version     integer NOT NULL,
        body        jsonb NOT NULL,
        created_by  uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT acceptance_profile_pk PRIMARY KEY (id, version),
        CONSTRAINT acceptance_profile_version_ck CHECK (version >= 1)
      )`);
    await q.query(`
      CREATE TABLE acceptance_answer (
        profile_id  text NOT NULL,
        item_id     text NOT NULL,
        answer      jsonb NOT NULL,
        updated_by  uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT acceptance_answer_pk PRIMARY KEY (profile_id, item_id)
      )`);
    await q.query(`
      CREATE TABLE history_import_job (
        id           uuid PRIMARY KEY,
        format       text NOT NULL,
        status       text NOT NULL DEFAULT 'queued',
        file_name    text NULL,
        total        integer NULL,
        processed    integer NOT NULL DEFAULT 0,
        percent      real NOT NULL DEFAULT 0,
        errors       jsonb NOT NULL DEFAULT '[]'::jsonb,
        error_count  integer NOT NULL DEFAULT 0,
        summary      jsonb NULL,
        created_by   uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz NULL,
        CONSTRAINT history_import_job_format_ck CHECK (format IN ('csv', 'json')),
        CONSTRAINT history_import_job_status_ck
          CHECK (status IN ('queued', 'validating', 'invalid', 'applying', 'done', 'failed'))
      )`);
    await q.query(`CREATE INDEX history_import_job_created_idx ON history_import_job (created_at DESC)`);
    await q.query(`
      CREATE TABLE history_case (
        case_id    uuid PRIMARY KEY REFERENCES case_file (id) ON DELETE CASCADE,
        legacy_no  text NOT NULL,
        job_id     uuid NOT NULL REFERENCES history_import_job (id) ON DELETE RESTRICT,
        CONSTRAINT history_case_legacy_no_uq UNIQUE (legacy_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE history_case');
    await q.query('DROP TABLE history_import_job');
    await q.query('DROP TABLE acceptance_answer');
    await q.query('DROP TABLE acceptance_profile');
  }
}
