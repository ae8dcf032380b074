import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staged region rows of an import batch, checked by the grid quality checks before they are
 * applied to `region`. No unique index and no code checks: staging must hold bad rows so that
 * every problem can be reported at once. Geometry is EPSG:4326, like `region`.
 */
export class RegionStaging1763800000400 implements MigrationInterface {
  name = 'RegionStaging1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_staging (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id      uuid NOT NULL,
        line_no       integer NULL,
        level         text NOT NULL,
        code          text NOT NULL,
        code_scheme   text NOT NULL,
        name          text NOT NULL,
        parent_code   text NULL,
        geom          geometry(MultiPolygon, 4326) NOT NULL,
        valid_from    date NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT region_staging_level_ck CHECK (level IN ('district', 'street', 'community', 'grid'))
      )`);
    await q.query(`CREATE INDEX region_staging_batch_idx ON region_staging (batch_id, level, code)`);
    await q.query(`CREATE INDEX region_staging_geom_gix ON region_staging USING gist (geom)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE region_staging');
  }
}
