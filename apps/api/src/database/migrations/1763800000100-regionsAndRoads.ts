import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions of GB/T 30428.1: district (6-digit code), street (9), community (12) and unit grid
 * (14 or 15 digits, per `code_scheme`), in one versioned table. A redrawn region gets a new row;
 * the old one is retired by setting `valid_to`, never overwritten. Geometry is EPSG:4326.
 */
export class RegionsAndRoads1763800000100 implements MigrationInterface {
  name = 'RegionsAndRoads1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        level         text NOT NULL,
        code          text NOT NULL,
        code_scheme   text NOT NULL,
        name          text NOT NULL,
        parent_code   text NULL,
        district_code text NOT NULL,
        geom          geometry(MultiPolygon, 4326) NOT NULL,
        area_m2       double precision NOT NULL,
        valid_from    date NOT NULL DEFAULT CURRENT_DATE,
        valid_to      date NULL,
        note          text NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT region_level_ck CHECK (level IN ('district', 'street', 'community', 'grid')),
        CONSTRAINT region_code_ck CHECK (
          code ~ '^[0-9]+$' AND char_length(code) = CASE level
            WHEN 'district' THEN 6 WHEN 'street' THEN 9 WHEN 'community' THEN 12
            ELSE CASE WHEN char_length(code) IN (14, 15) THEN char_length(code) ELSE -1 END END),
        CONSTRAINT region_parent_ck CHECK ((level = 'district') = (parent_code IS NULL)),
        CONSTRAINT region_district_ck CHECK (left(code, 6) = district_code),
        CONSTRAINT region_validity_ck CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX region_current_code_uq ON region (level, code) WHERE valid_to IS NULL`,
    );
    await q.query(`CREATE INDEX region_geom_gix ON region USING gist (geom)`);
    await q.query(
      `CREATE INDEX region_current_grid_gix ON region USING gist (geom) WHERE level = 'grid' AND valid_to IS NULL`,
    );
    await q.query(`CREATE INDEX region_parent_idx ON region (parent_code)`);
    await q.query(`CREATE INDEX region_district_idx ON region (district_code, level)`);

    await q.query(`
      CREATE TABLE road (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code text NOT NULL,
        name          text NOT NULL,
        road_class    text NOT NULL,
        geom          geometry(LineString, 4326) NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT road_class_ck CHECK (road_class IN ('arterial', 'secondary', 'branch', 'lane')),
        CONSTRAINT road_district_ck CHECK (district_code ~ '^[0-9]{6}$')
      )`);
    await q.query(`CREATE INDEX road_geom_gix ON road USING gist (geom)`);
    await q.query(`CREATE INDEX road_district_idx ON road (district_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE road');
    await q.query('DROP TABLE region');
  }
}
