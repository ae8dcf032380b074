import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public reporters' names and phones are stored only encrypted (SM4 + HMAC-SM3, see
 * common/crypto/citizen-data-cipher.ts): the plain jsonb column becomes a token column.
 */
export class CitizenDataEncrypted1763800001600 implements MigrationInterface {
  name = 'CitizenDataEncrypted1763800001600';

  async up(q: QueryRunner): Promise<void> {
    const [row] = (await q.query(
      `SELECT count(*)::int AS n FROM case_file WHERE public_reporter IS NOT NULL`,
    )) as { n: number }[];
    if ((row?.n ?? 0) > 0) {
      throw new Error(
        'case_file.public_reporter holds plain citizen data: re-register or clear it before upgrading',
      );
    }
    await q.query(`ALTER TABLE case_file DROP COLUMN public_reporter`);
    await q.query(`ALTER TABLE case_file ADD COLUMN public_reporter_enc text NULL`);
    await q.query(
      `ALTER TABLE case_file ADD CONSTRAINT case_file_public_reporter_enc_ck CHECK (public_reporter_enc ~ '^v1\\.')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file DROP COLUMN public_reporter_enc`);
    await q.query(`ALTER TABLE case_file ADD COLUMN public_reporter jsonb NULL`);
  }
}
