import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident trail (spec 08; issue 5 item 4): one SM3 hash chain per district. Each row's
 * `hash` = SM3(prev_hash ‖ canonical JSON of the row's fields); `seq` counts the chain without
 * gaps. Rows are appended in the same transaction as the change they record; UPDATE, DELETE
 * and TRUNCATE are refused by triggers, so only someone who disables them can alter the past,
 * and the verifier (`GET /api/v1/audit/verify`, `npm run audit:verify`) then finds the break.
 */
export class AuditLog1763800001500 implements MigrationInterface {
  name = 'AuditLog1763800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        district_code text NOT NULL,
        seq           bigint NOT NULL,
        entity        text NOT NULL,
        entity_id     text NOT NULL,
        action        text NOT NULL,
        actor_id      uuid NULL,
        actor_role    text NULL,
        occurred_at   timestamptz NOT NULL,
        data          jsonb NOT NULL,
        prev_hash     text NOT NULL,
        hash          text NOT NULL,
        CONSTRAINT audit_log_seq_uq UNIQUE (district_code, seq),
        CONSTRAINT audit_log_hash_ck CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, seq)`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_refuse_change()');
  }
}
