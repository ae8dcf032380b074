import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case loop (spec 03): cases (案卷), their flow records (流转记录) and dispatch rules.
 * - `case_file` holds the current snapshot of the workflow aggregate (libs/domain/src/workflow)
 *   and its clock (libs/domain/src/time-limits) as jsonb, with the columns desks filter on
 *   copied out of them (state, department, deadlines, colour inputs).
 * - `case_flow` is append-only: one row per transition, with the stage deadline and whether it
 *   was met, which evaluation (part 4) counts. See docs/workflow.md.
 * - `dispatch_rule` suggests the 专业部门 for a small class and a region (spec 03 §4).
 * - Case numbers: year + an 8-digit number from the sequence `case_no_<year>`, created on first
 *   use (repository). A sequence takes no row lock, so concurrent intakes never queue on it; a
 *   rolled-back intake leaves a gap in the numbers.
 * Every table carries `district_code`, the future Citus distribution column.
 */
export class Cases1763800001200 implements MigrationInterface {
  name = 'Cases1763800001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_file (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no             text NOT NULL,
        district_code       text NOT NULL,
        street_code         text NULL,
        community_code      text NULL,
        grid_code           text NULL,
        source              text NOT NULL,
        kind                text NOT NULL,
        class_code          text NOT NULL,
        state               text NOT NULL,
        description         text NOT NULL,
        address             text NULL,
        geom                geometry(Point, 4326) NOT NULL,
        position_manual     boolean NOT NULL DEFAULT false,
        component_code      text NULL,
        reporter_id         uuid NULL,
        public_reporter     jsonb NULL,
        task_inspector_id   uuid NULL,
        department_id       uuid NULL,
        first_department_id uuid NULL,
        duplicate_of        uuid NULL,
        urgency             text NOT NULL DEFAULT 'normal',
        area_class          text NULL,
        snapshot            jsonb NOT NULL,
        clock               jsonb NOT NULL,
        filing_standard     jsonb NULL,
        stage               text NULL,
        stage_started_at    timestamptz NULL,
        stage_deadline      timestamptz NULL,
        disposal_deadline   timestamptz NULL,
        disposal_paused     boolean NOT NULL DEFAULT false,
        supervision_count   integer NOT NULL DEFAULT 0,
        reported_at         timestamptz NOT NULL,
        filed_at            timestamptz NULL,
        closed_at           timestamptz NULL,
        updated_at          timestamptz NOT NULL,
        version             integer NOT NULL DEFAULT 1,
        CONSTRAINT case_file_no_uq UNIQUE (case_no),
        CONSTRAINT case_file_district_ck CHECK (district_code ~ '^[0-9]{6}$'),
        CONSTRAINT case_file_kind_ck CHECK (kind IN ('component', 'event')),
        CONSTRAINT case_file_state_ck CHECK (state IN ('REPORTED', 'VERIFYING', 'SELF_AUDIT', 'ACCEPTED',
          'FILED', 'DISPATCHED', 'PROCESSING', 'RETURN_PENDING', 'EXTENSION_PENDING', 'PARK_PENDING', 'PARKED',
          'FEEDBACK', 'CHECKING', 'TO_CLOSE', 'REWORK', 'VOID_PENDING', 'CLOSED', 'REJECTED', 'VOID')),
        CONSTRAINT case_file_department_fk FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE RESTRICT,
        CONSTRAINT case_file_first_department_fk FOREIGN KEY (first_department_id) REFERENCES department (id) ON DELETE RESTRICT,
        CONSTRAINT case_file_reporter_fk FOREIGN KEY (reporter_id) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT case_file_inspector_fk FOREIGN KEY (task_inspector_id) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT case_file_duplicate_fk FOREIGN KEY (duplicate_of) REFERENCES case_file (id) ON DELETE RESTRICT,
        CONSTRAINT case_file_version_ck CHECK (version >= 1)
      )`);
    // Desk lists: newest first with keyset (reported_at, id); open cases get partial indexes.
    await q.query(`CREATE INDEX case_file_reported_idx ON case_file (reported_at DESC, id DESC)`);
    await q.query(`CREATE INDEX case_file_state_idx ON case_file (state, reported_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX case_file_department_open_idx ON case_file (department_id, state)
       WHERE state NOT IN ('CLOSED', 'REJECTED', 'VOID')`,
    );
    await q.query(
      `CREATE INDEX case_file_inspector_open_idx ON case_file (task_inspector_id)
       WHERE state IN ('VERIFYING', 'CHECKING')`,
    );
    await q.query(`CREATE INDEX case_file_reporter_idx ON case_file (reporter_id, reported_at DESC)`);
    await q.query(`CREATE INDEX case_file_grid_idx ON case_file (grid_code, reported_at DESC)`);
    await q.query(`CREATE INDEX case_file_class_idx ON case_file (class_code, reported_at DESC)`);
    // Duplicate search: open cases of a class near a point.
    await q.query(
      `CREATE INDEX case_file_open_geom_gix ON case_file USING gist (geom)
       WHERE state NOT IN ('CLOSED', 'REJECTED', 'VOID')`,
    );

    await q.query(`
      CREATE TABLE case_flow (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id           uuid NOT NULL,
        district_code     text NOT NULL,
        seq               integer NOT NULL,
        action            text NOT NULL,
        from_state        text NULL,
        to_state          text NOT NULL,
        actor_id          uuid NULL,
        actor_role        text NOT NULL,
        department_id     uuid NULL,
        opinion           text NULL,
        payload           jsonb NOT NULL DEFAULT '{}',
        attachments       jsonb NOT NULL DEFAULT '[]',
        stage             text NULL,
        stage_started_at  timestamptz NULL,
        stage_deadline    timestamptz NULL,
        stage_on_time     boolean NULL,
        disposal_deadline timestamptz NULL,
        disposal_on_time  boolean NULL,
        occurred_at       timestamptz NOT NULL,
        CONSTRAINT case_flow_case_fk FOREIGN KEY (case_id) REFERENCES case_file (id) ON DELETE RESTRICT,
        CONSTRAINT case_flow_seq_uq UNIQUE (case_id, seq),
        CONSTRAINT case_flow_department_fk FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX case_flow_occurred_idx ON case_flow (occurred_at)`);
    await q.query(`CREATE INDEX case_flow_action_idx ON case_flow (action, occurred_at)`);


    await q.query(`
      CREATE TABLE dispatch_rule (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code text NOT NULL,
        kind          text NOT NULL DEFAULT '',
        class_prefix  text NOT NULL DEFAULT '',
        region_code   text NOT NULL DEFAULT '',
        department_id uuid NOT NULL,
        note          text NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dispatch_rule_department_fk FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE CASCADE,
        CONSTRAINT dispatch_rule_kind_ck CHECK (kind IN ('', 'component', 'event')),
        CONSTRAINT dispatch_rule_class_ck CHECK (class_prefix ~ '^([0-9]{2}){0,3}$'),
        CONSTRAINT dispatch_rule_region_ck CHECK (region_code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{14,15})?$'),
        CONSTRAINT dispatch_rule_uq UNIQUE (district_code, kind, class_prefix, region_code)
      )`);

    // 属地兜底: the street or district a territorial government department answers for.
    await q.query(`ALTER TABLE department ADD COLUMN territory_code text NULL`);
    await q.query(`CREATE INDEX department_territory_idx ON department (territory_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX department_territory_idx');
    await q.query('ALTER TABLE department DROP COLUMN territory_code');
    await q.query('DROP TABLE dispatch_rule');
    const seqs = (await q.query(
      `SELECT sequencename FROM pg_sequences WHERE sequencename LIKE 'case\\_no\\_%' AND schemaname = current_schema()`,
    )) as { sequencename: string }[];
    for (const { sequencename } of seqs) await q.query(`DROP SEQUENCE ${sequencename}`);
    await q.query('DROP TABLE case_flow');
    await q.query('DROP TABLE case_file');
  }
}
