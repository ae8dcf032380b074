import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `import_job` tracks one uploaded file through validation and apply (progress, capped error
 * lists). `component_import_staging` holds the positions of a component import while they are
 * located in the unit grids; rows are deleted when the job ends. Geometry is EPSG:4326.
 */
export class Imports1763800000800 implements MigrationInterface {
  name = 'Imports1763800000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_job (
        id            uuid PRIMARY KEY,
        kind          text NOT NULL,
        format        text NOT NULL,
        status        text NOT NULL DEFAULT 'queued',
        file_name     text NULL,
        params        jsonb NOT NULL DEFAULT '{}'::jsonb,
        total         integer NULL,
        processed     integer NOT NULL DEFAULT 0,
        percent       real NOT NULL DEFAULT 0,
        errors        jsonb NOT NULL DEFAULT '[]'::jsonb,
        error_count   integer NOT NULL DEFAULT 0,
        warnings      jsonb NOT NULL DEFAULT '[]'::jsonb,
        summary       jsonb NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz NULL,
        CONSTRAINT import_job_kind_ck CHECK (kind IN ('regions', 'components')),
        CONSTRAINT import_job_format_ck CHECK (format IN ('geojson', 'shapefile', 'csv')),
        CONSTRAINT import_job_status_ck
          CHECK (status IN ('queued', 'validating', 'invalid', 'applying', 'done', 'failed'))
      )`);
    await q.query(`CREATE INDEX import_job_created_idx ON import_job (created_at DESC)`);
    await q.query(`
      CREATE TABLE component_import_staging (
        job_id    uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
        line_no   integer NOT NULL,
        geom      geometry(Geometry, 4326) NOT NULL,
        CONSTRAINT component_import_staging_pk PRIMARY KEY (job_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE component_import_staging');
    await q.query('DROP TABLE import_job');
  }
}
