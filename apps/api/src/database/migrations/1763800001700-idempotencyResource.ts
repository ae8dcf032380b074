import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `idempotency_key.resource_id`: written in the same transaction as the resource a creating
 * request makes (a case). A retry whose first attempt committed but never stored its response
 * (process killed in between) finds the resource instead of creating a second one.
 */
export class IdempotencyResource1763800001700 implements MigrationInterface {
  name = 'IdempotencyResource1763800001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_key ADD COLUMN resource_id text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_key DROP COLUMN resource_id`);
  }
}
