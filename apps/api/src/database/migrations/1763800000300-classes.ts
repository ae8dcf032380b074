import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 部件/事件分类 component and event classes (GB/T 30428.2, spec 01 §2.2–2.6) in one table.
 * - `kind` separates the two code spaces; `code_scheme` says how the code is cut (2+2 national or
 *   2+3 successor) and fixes the code length of each `level` (big 2; small 4 or 5; detail 6 or 7).
 * - `origin` national rows come from a seed profile (`profile`: the national baseline or the
 *   Beijing variant, chosen by the city when the table is seeded); local rows are the city's own.
 * - A retired class keeps its row with `valid_to` (the first day it is no longer in force): old
 *   cases refer to it. Only one current row per (kind, code); a national class is never deleted.
 * - Parents are checked by the service (the parent key is unique among current rows only).
 */
export class Classes1763800000300 implements MigrationInterface {
  name = 'Classes1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE classification (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind          text NOT NULL,
        code          text NOT NULL,
        code_scheme   text NOT NULL,
        level         text NOT NULL,
        parent_code   text NULL,
        name          text NOT NULL,
        name_en       text NULL,
        confidence    text NULL,
        origin        text NOT NULL,
        profile       text NULL,
        valid_from    date NOT NULL DEFAULT CURRENT_DATE,
        valid_to      date NULL,
        is_public     boolean NOT NULL DEFAULT false,
        geometry_type text NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT classification_kind_ck CHECK (kind IN ('component', 'event')),
        CONSTRAINT classification_scheme_ck CHECK (code_scheme IN ('gbt30428-2', 'gbt47678-5')),
        CONSTRAINT classification_level_ck CHECK (level IN ('big', 'small', 'detail')),
        CONSTRAINT classification_code_ck CHECK (
          code ~ '^[0-9]+$'
          AND left(code, 2) <> '00'
          AND char_length(code) = CASE level
            WHEN 'big' THEN 2
            WHEN 'small' THEN CASE code_scheme WHEN 'gbt30428-2' THEN 4 ELSE 5 END
            ELSE CASE code_scheme WHEN 'gbt30428-2' THEN 6 ELSE 7 END END),
        CONSTRAINT classification_parent_ck CHECK (CASE level
          WHEN 'big' THEN parent_code IS NULL
          ELSE parent_code IS NOT NULL
            AND char_length(parent_code) = CASE level
              WHEN 'small' THEN 2
              ELSE CASE code_scheme WHEN 'gbt30428-2' THEN 4 ELSE 5 END END
            AND left(code, char_length(parent_code)) = parent_code END),
        CONSTRAINT classification_name_ck CHECK (btrim(name) <> ''),
        CONSTRAINT classification_confidence_ck CHECK (confidence IS NULL OR confidence IN ('H', 'M', 'L')),
        CONSTRAINT classification_origin_ck CHECK (origin IN ('national', 'local')),
        CONSTRAINT classification_profile_ck CHECK (CASE origin
          WHEN 'national' THEN profile IS NOT NULL AND profile IN ('national', 'beijing')
          ELSE profile IS NULL END),
        CONSTRAINT classification_geometry_type_ck CHECK (
          geometry_type IS NULL OR (kind = 'component' AND geometry_type IN ('point', 'line', 'polygon'))),
        CONSTRAINT classification_validity_ck CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX classification_current_code_uq ON classification (kind, code) WHERE valid_to IS NULL`,
    );
    await q.query(`CREATE INDEX classification_parent_idx ON classification (kind, parent_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE classification');
  }
}
