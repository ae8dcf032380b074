import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The raw counts of the roll-up, one integer column each (modules/evaluation/evaluation-count-columns.ts). */
const COUNT_COLUMNS = [
  'reported',
  'inspector_reported',
  'self_reported',
  'valid_reported',
  'valid_self_reported',
  'filed',
  'filed_on_time',
  'filed_accurately',
  'voided',
  'parked',
  'deferred',
  'public_reports_verified',
  'due_to_dispatch',
  'dispatched',
  'dispatched_on_time',
  'dispatched_accurately',
  'due_to_dispose',
  'disposed',
  'disposed_on_time',
  'through_disposal',
  'overdue_undisposed',
  'extended',
  'returned',
  'due_to_close',
  'closed',
  'closed_on_time',
  'close_step_on_time',
  'rework',
  'rework_events',
  'rework_repeated',
  'due_to_verify',
  'verified_on_time',
  'due_to_check',
  'checked_on_time',
  'accepted',
  'verify_send_due',
  'verify_sent_on_time',
  'check_send_due',
  'check_sent_on_time',
  'urgent_due_to_close',
  'urgent_closed',
  'urgent_closed_on_time',
];

/**
 * 绩效评价 part 4 storage (docs/evaluation-counts.md):
 * - `evaluation_profile`: every version of every profile (the shipped ones seeded at start, a
 *   city's own added through the API); a result names the id and version it used.
 * - `evaluation_daily`: the daily roll-up of the counts per (district, local day of report,
 *   scope, object) where scope is a region level or a post / department object type.
 * - `evaluation_rollup_day`: which days are rolled up, and from which instant on (`settled_at`,
 *   the last flow record of the day's cases) the roll-up equals a raw count at a cut-off.
 * - `evaluation_snapshot`: a published monthly evaluation, frozen: inputs, results, cut-off and
 *   profile version, returned as published.
 */
export class Evaluation1763800001900 implements MigrationInterface {
  name = 'Evaluation1763800001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_profile (
        id          text NOT NULL,
        version     integer NOT NULL,
        name        text NOT NULL,
        body        jsonb NOT NULL,
        shipped     boolean NOT NULL DEFAULT false,
        created_by  uuid NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_profile_pk PRIMARY KEY (id, version),
        CONSTRAINT evaluation_profile_version_ck CHECK (version >= 1),
        CONSTRAINT evaluation_profile_id_ck CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$'),
        CONSTRAINT evaluation_profile_user_fk FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL
      )`);

    await q.query(`
      CREATE TABLE evaluation_daily (
        district_code text NOT NULL,
        day           date NOT NULL,
        scope         text NOT NULL,
        object_id     text NOT NULL,
        ${COUNT_COLUMNS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        CONSTRAINT evaluation_daily_pk PRIMARY KEY (district_code, day, scope, object_id),
        CONSTRAINT evaluation_daily_scope_ck CHECK (scope IN ('district', 'street', 'community', 'unitGrid',
          'department', 'inspector', 'acceptor', 'shiftLeader', 'dispatcher'))
      )`);
    // Reads sum one scope over a day range.
    await q.query(`CREATE INDEX evaluation_daily_scope_idx ON evaluation_daily (district_code, scope, day)`);

    await q.query(`
      CREATE TABLE evaluation_rollup_day (
        district_code text NOT NULL,
        day           date NOT NULL,
        cases         integer NOT NULL,
        settled_at    timestamptz NOT NULL,
        refreshed_at  timestamptz NOT NULL,
        CONSTRAINT evaluation_rollup_day_pk PRIMARY KEY (district_code, day)
      )`);

    await q.query(`
      CREATE TABLE evaluation_snapshot (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code   text NOT NULL,
        object_type     text NOT NULL,
        region_level    text NOT NULL DEFAULT '',
        period_kind     text NOT NULL,
        period_label    text NOT NULL,
        period_from     date NOT NULL,
        period_to       date NOT NULL,
        cutoff          timestamptz NOT NULL,
        profile_id      text NOT NULL,
        profile_version integer NOT NULL,
        inputs          jsonb NOT NULL,
        results         jsonb NOT NULL,
        published_by    uuid NULL,
        published_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_snapshot_uq UNIQUE (district_code, object_type, region_level, period_label, profile_id),
        CONSTRAINT evaluation_snapshot_profile_fk FOREIGN KEY (profile_id, profile_version)
          REFERENCES evaluation_profile (id, version) ON DELETE RESTRICT,
        CONSTRAINT evaluation_snapshot_user_fk FOREIGN KEY (published_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT evaluation_snapshot_period_ck CHECK (period_to > period_from)
      )`);
    await q.query(
      `CREATE INDEX evaluation_snapshot_list_idx ON evaluation_snapshot (district_code, published_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evaluation_snapshot');
    await q.query('DROP TABLE evaluation_rollup_day');
    await q.query('DROP TABLE evaluation_daily');
    await q.query('DROP TABLE evaluation_profile');
  }
}
