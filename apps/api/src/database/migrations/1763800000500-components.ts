import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 部件 component registry (GB/T 30428.2, spec 01 §2.7–2.10).
 * - `code` 部件标识码: 6-digit county admin code (= `district_code`) + small class + 6-digit
 *   sequence; 16 digits under `gbt30428-2`, 17 under `gbt47678-5`.
 * - `grid_code` / `community_code` are derived from the geometry (the current unit grid holding
 *   the point, or ST_PointOnSurface of a line or polygon) by the repository, never typed in.
 * - `state` lists the values of libs/domain/src/components/component-state.ts.
 * - `component_sequence` holds the last sequence used per (admin area, small class); allocating
 *   is one UPSERT that locks the counter row, so concurrent inserts never get the same code.
 * The class code is checked against `classification` by the service (a retired class keeps its
 * components, so no foreign key).
 */
export class Components1763800000500 implements MigrationInterface {
  name = 'Components1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE component (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code        text NOT NULL,
        code                 text NOT NULL,
        code_scheme          text NOT NULL,
        class_code           text NOT NULL,
        name                 text NOT NULL,
        geom                 geometry(Geometry, 4326) NOT NULL,
        grid_code            text NOT NULL,
        community_code       text NOT NULL,
        competent_dept_code  text NULL,
        competent_dept_name  text NULL,
        owner_code           text NULL,
        owner_name           text NULL,
        maintainer_code      text NULL,
        maintainer_name      text NULL,
        state                text NOT NULL DEFAULT '完好',
        initial_date         date NOT NULL DEFAULT CURRENT_DATE,
        change_date          date NULL,
        data_source          text NULL,
        note                 text NULL,
        photo                text NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT component_code_uq UNIQUE (code),
        CONSTRAINT component_scheme_ck CHECK (code_scheme IN ('gbt30428-2', 'gbt47678-5')),
        CONSTRAINT component_district_ck CHECK (district_code ~ '^[0-9]{6}$'),
        CONSTRAINT component_class_ck CHECK (
          class_code ~ '^[0-9]+$'
          AND char_length(class_code) = CASE code_scheme WHEN 'gbt30428-2' THEN 4 ELSE 5 END),
        CONSTRAINT component_code_ck CHECK (
          code ~ '^[0-9]+$'
          AND char_length(code) = 12 + char_length(class_code)
          AND left(code, 6) = district_code
          AND substr(code, 7, char_length(class_code)) = class_code
          AND right(code, 6) <> '000000'),
        CONSTRAINT component_geom_type_ck CHECK (GeometryType(geom) IN
          ('POINT', 'MULTIPOINT', 'LINESTRING', 'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON')),
        CONSTRAINT component_name_ck CHECK (btrim(name) <> ''),
        CONSTRAINT component_state_ck CHECK (state IN ('完好', '破损', '丢失', '占用', '废弃', '移除')),
        CONSTRAINT component_data_source_ck CHECK (
          data_source IS NULL OR data_source IN ('实测', '地形图', '调绘', '其它', '基础地理数据')),
        CONSTRAINT component_dates_ck CHECK (change_date IS NULL OR change_date >= initial_date)
      )`);
    await q.query(`CREATE INDEX component_geom_gix ON component USING gist (geom)`);
    await q.query(`CREATE INDEX component_district_class_idx ON component (district_code, class_code)`);
    await q.query(`CREATE INDEX component_grid_idx ON component (grid_code)`);

    await q.query(`
      CREATE TABLE component_sequence (
        admin_code  text NOT NULL,
        class_code  text NOT NULL,
        last_value  integer NOT NULL,
        CONSTRAINT component_sequence_pk PRIMARY KEY (admin_code, class_code),
        CONSTRAINT component_sequence_range_ck CHECK (last_value BETWEEN 0 AND 999999)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE component_sequence');
    await q.query('DROP TABLE component');
  }
}
