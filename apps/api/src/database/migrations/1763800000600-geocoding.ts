import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Basic place data of GB/T 30428.3 地理编码 (spec 02 §2): house-number ranges of 街巷 street
 * centrelines, their 别名 aliases and 曾用名 former names, 门(楼)牌 address points and 兴趣点 POIs.
 *
 * House-number ranges live in their own table (`road_house_range`, one row per side) rather than as
 * columns on `road`: a side may have no numbers at all, and the range is geocoding data that the
 * road layer does not need. Left and right are as seen walking from the first to the last vertex;
 * `from_number` is the number at the first vertex, `to_number` the one at the last (the domain's
 * `HouseNumberRange`).
 *
 * Name lookups use plain btree indexes with `text_pattern_ops` (equality and prefix `LIKE 'x%'`):
 * pg_trgm is not available in the PGlite build, and the same SQL must run on both databases.
 * Geometry is EPSG:4326.
 */
export class Geocoding1763800000600 implements MigrationInterface {
  name = 'Geocoding1763800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX road_name_idx ON road (name text_pattern_ops)`);

    await q.query(`
      CREATE TABLE road_house_range (
        road_id      uuid NOT NULL,
        side         text NOT NULL,
        from_number  integer NOT NULL,
        to_number    integer NOT NULL,
        parity       text NOT NULL,
        CONSTRAINT road_house_range_pk PRIMARY KEY (road_id, side),
        CONSTRAINT road_house_range_road_fk FOREIGN KEY (road_id) REFERENCES road (id) ON DELETE CASCADE,
        CONSTRAINT road_house_range_side_ck CHECK (side IN ('left', 'right')),
        CONSTRAINT road_house_range_parity_ck CHECK (parity IN ('odd', 'even', 'all')),
        CONSTRAINT road_house_range_numbers_ck CHECK (from_number > 0 AND to_number > 0)
      )`);

    await q.query(`
      CREATE TABLE road_alias (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        road_id    uuid NOT NULL,
        alias      text NOT NULL,
        kind       text NOT NULL,
        valid_from date NULL,
        valid_to   date NULL,
        CONSTRAINT road_alias_road_fk FOREIGN KEY (road_id) REFERENCES road (id) ON DELETE CASCADE,
        CONSTRAINT road_alias_kind_ck CHECK (kind IN ('alias', 'former')),
        CONSTRAINT road_alias_validity_ck CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
        CONSTRAINT road_alias_uq UNIQUE (road_id, alias, kind)
      )`);
    await q.query(`CREATE INDEX road_alias_alias_idx ON road_alias (alias text_pattern_ops)`);

    await q.query(`
      CREATE TABLE address_point (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code  text NOT NULL,
        road_id        uuid NULL,
        road_name      text NOT NULL,
        number         integer NOT NULL,
        suffix         text NOT NULL DEFAULT '',
        full_text      text NOT NULL,
        geom           geometry(Point, 4326) NOT NULL,
        grid_code      text NULL,
        community_code text NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT address_point_road_fk FOREIGN KEY (road_id) REFERENCES road (id) ON DELETE SET NULL,
        CONSTRAINT address_point_district_ck CHECK (district_code ~ '^[0-9]{6}$'),
        CONSTRAINT address_point_number_ck CHECK (number > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX address_point_uq ON address_point (district_code, road_name, number, suffix)`,
    );
    await q.query(`CREATE INDEX address_point_road_idx ON address_point (road_id, number)`);
    await q.query(`CREATE INDEX address_point_geom_gix ON address_point USING gist (geom)`);

    await q.query(`
      CREATE TABLE poi (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code  text NOT NULL,
        name           text NOT NULL,
        aliases        text[] NOT NULL DEFAULT '{}',
        category       text NOT NULL,
        geom           geometry(Point, 4326) NOT NULL,
        parent_id      uuid NULL,
        grid_code      text NULL,
        community_code text NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT poi_parent_fk FOREIGN KEY (parent_id) REFERENCES poi (id) ON DELETE CASCADE,
        CONSTRAINT poi_district_ck CHECK (district_code ~ '^[0-9]{6}$'),
        CONSTRAINT poi_category_ck CHECK (category IN ('park', 'school', 'hospital', 'bus-stop', 'mall',
          'government', 'landmark', 'residential', 'entrance'))
      )`);
    await q.query(`CREATE INDEX poi_name_idx ON poi (name text_pattern_ops)`);
    await q.query(`CREATE INDEX poi_aliases_gin ON poi USING gin (aliases)`);
    await q.query(`CREATE INDEX poi_parent_idx ON poi (parent_id)`);
    await q.query(`CREATE INDEX poi_geom_gix ON poi USING gist (geom)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE poi');
    await q.query('DROP TABLE address_point');
    await q.query('DROP TABLE road_alias');
    await q.query('DROP TABLE road_house_range');
    await q.query('DROP INDEX road_name_idx');
  }
}
