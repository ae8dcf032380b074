import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnablePostgis1763800000000 implements MigrationInterface {
  name = 'EnablePostgis1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS postgis');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP EXTENSION IF EXISTS postgis');
  }
}
