import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-case store of the evaluation (docs/evaluation-counts.md, "Per-case store"): the
 * contributions of each case of the days not rolled up, computed once and reused by every read
 * until the case changes or a deadline passes.
 * - `evaluation_case`: the contribution rows of one case (the columns of `evaluation_daily` plus
 *   `case_id` and its state's `as_of` and `valid_to`), one per scope and object it counts for.
 * - `evaluation_case_state`: per case, the cut-off its rows were computed at (`as_of`) and the
 *   instant they stop holding (`valid_to`: its disposal deadline while it is disposing, or its
 *   next flow record when one is stamped later than `as_of`); null for open-ended.
 * - `evaluation_dirty`: a flow record written since; statement triggers on `case_flow` (and on
 *   the case columns the counting reads) add one row per case in the writer's own transaction,
 *   so every writer marks its cases.
 * - `evaluation_store_generation`: one row per district that every refresh updates first, so two
 *   refreshes of a district take turns and the later one starts from the earlier one's result.
 */
export class EvaluationCaseStore1763800002500 implements MigrationInterface {
  name = 'EvaluationCaseStore1763800002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE evaluation_case (LIKE evaluation_daily INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    // as_of and valid_to repeat the case's state on each row, so a read filters its rows alone.
    await q.query(
      `ALTER TABLE evaluation_case ADD COLUMN case_id uuid NOT NULL, ADD COLUMN as_of timestamptz NOT NULL,
         ADD COLUMN valid_to timestamptz`,
    );
    await q.query(
      `ALTER TABLE evaluation_case ADD CONSTRAINT evaluation_case_pk PRIMARY KEY (case_id, scope, object_id)`,
    );
    await q.query(`CREATE INDEX evaluation_case_read_idx ON evaluation_case (district_code, scope, day)`);
    await q.query(`
      CREATE TABLE evaluation_case_state (
        case_id       uuid PRIMARY KEY,
        district_code text NOT NULL,
        day           date NOT NULL,
        as_of         timestamptz NOT NULL,
        valid_to      timestamptz,
        CONSTRAINT evaluation_case_state_valid_ck CHECK (valid_to IS NULL OR valid_to > as_of)
      )`);
    await q.query(`CREATE INDEX evaluation_case_state_day_idx ON evaluation_case_state (district_code, day)`);
    await q.query(`
      CREATE TABLE evaluation_dirty (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id       uuid NOT NULL,
        district_code text NOT NULL
      )`);
    await q.query(`CREATE INDEX evaluation_dirty_case_idx ON evaluation_dirty (case_id)`);
    await q.query(`
      CREATE TABLE evaluation_store_generation (
        district_code text PRIMARY KEY,
        generation    bigint NOT NULL DEFAULT 0,
        refreshed_at  timestamptz
      )`);
    // Flow records are only ever inserted by the application; updates and deletes (a repair by
    // hand) mark their cases too, and so does a change to a case column the counting reads.
    await q.query(`
      CREATE FUNCTION evaluation_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO evaluation_dirty (case_id, district_code)
        SELECT DISTINCT case_id, district_code FROM changed_rows;
        RETURN NULL;
      END $$`);
    for (const [event, rows] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const)
      await q.query(
        `CREATE TRIGGER case_flow_${event.toLowerCase()}_mark_dirty AFTER ${event} ON case_flow
         REFERENCING ${rows} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_mark_dirty()`,
      );
    await q.query(`
      CREATE FUNCTION evaluation_mark_case_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO evaluation_dirty (case_id, district_code) VALUES (NEW.id, NEW.district_code);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_file_update_mark_dirty
      AFTER UPDATE OF district_code, street_code, community_code, grid_code, source, urgency, reporter_id, reported_at
      ON case_file FOR EACH ROW
      WHEN ((OLD.district_code, OLD.street_code, OLD.community_code, OLD.grid_code, OLD.source, OLD.urgency,
             OLD.reporter_id, OLD.reported_at)
        IS DISTINCT FROM (NEW.district_code, NEW.street_code, NEW.community_code, NEW.grid_code, NEW.source,
             NEW.urgency, NEW.reporter_id, NEW.reported_at))
      EXECUTE FUNCTION evaluation_mark_case_dirty()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER case_flow_${t}_mark_dirty ON case_flow`);
    await q.query(`DROP TRIGGER case_file_update_mark_dirty ON case_file`);
    await q.query(`DROP FUNCTION evaluation_mark_case_dirty()`);
    await q.query(`DROP FUNCTION evaluation_mark_dirty()`);
    await q.query(`DROP TABLE evaluation_store_generation`);
    await q.query(`DROP TABLE evaluation_dirty`);
    await q.query(`DROP TABLE evaluation_case_state`);
    await q.query(`DROP TABLE evaluation_case`);
  }
}
