import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several SM3 chains per district (`chain` = `<district>:<k>`, k from the entity id), so that
 * concurrent intakes of one district do not all queue on one chain's lock until commit. Rows
 * written before this migration keep `chain` = their district code (their hashes stay valid).
 */
export class AuditChains1763800002000 implements MigrationInterface {
  name = 'AuditChains1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN chain text NULL`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`UPDATE audit_log SET chain = district_code`);
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN chain SET NOT NULL`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_seq_uq`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_seq_uq UNIQUE (chain, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_chain_seq_uq`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN chain`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_seq_uq UNIQUE (district_code, seq)`);
  }
}
