import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Component tiles below the point zoom count components per community
 * (apps/api/src/modules/tiles/tiles.repository.ts), which needs this index beside the grid one.
 */
export class ComponentTileIndexes1763800000900 implements MigrationInterface {
  name = 'ComponentTileIndexes1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX component_community_idx ON component (community_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX component_community_idx');
  }
}
