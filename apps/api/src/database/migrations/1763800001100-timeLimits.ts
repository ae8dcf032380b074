import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 时限 time limits (spec 03 §7–§11): working calendars, the 立结案标准 filing standards, stage
 * limits and the clock settings. Rows are data a city edits through /api/v1/time-limits; the
 * defaults (libs/domain/src/time-limits/seed) are loaded into empty tables at start.
 * - `work_calendar`: the city calendar (`code` default, no district or department), optionally
 *   one per district and one per department. Windows are local `HH:MM` pairs in `time_zone`.
 * - `calendar_day`: per-date overrides; a holiday never works, an adjusted workday (调休) always does.
 * - `filing_standard`: versions of one line (profile, kind, class, area, condition, urgency); a new
 *   version sets `valid_to` on the old one (the first day it is out of force). Cases copy the row.
 * - `stage_limit`: one row per timed stage and urgency.
 * - `time_limit_settings`: one row per scope: `city`, or a 6-digit district code overriding it.
 */
export class TimeLimits1763800001100 implements MigrationInterface {
  name = 'TimeLimits1763800001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_calendar (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code          text NOT NULL,
        name          text NOT NULL,
        time_zone     text NOT NULL DEFAULT 'Asia/Shanghai',
        windows       jsonb NOT NULL,
        weekdays      smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
        district_code text NULL,
        department_id uuid NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT work_calendar_code_uq UNIQUE (code),
        CONSTRAINT work_calendar_code_ck CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
        CONSTRAINT work_calendar_name_ck CHECK (btrim(name) <> ''),
        CONSTRAINT work_calendar_windows_ck CHECK (jsonb_typeof(windows) = 'array' AND jsonb_array_length(windows) > 0),
        CONSTRAINT work_calendar_weekdays_ck CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
        CONSTRAINT work_calendar_district_ck CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
        CONSTRAINT work_calendar_scope_ck CHECK (district_code IS NULL OR department_id IS NULL),
        CONSTRAINT work_calendar_department_fk FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX work_calendar_district_uq ON work_calendar (district_code) WHERE district_code IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX work_calendar_department_uq ON work_calendar (department_id) WHERE department_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE calendar_day (
        calendar_id uuid NOT NULL,
        date        date NOT NULL,
        working     boolean NOT NULL,
        name        text NOT NULL,
        kind        text NOT NULL,
        CONSTRAINT calendar_day_pk PRIMARY KEY (calendar_id, date),
        CONSTRAINT calendar_day_calendar_fk FOREIGN KEY (calendar_id) REFERENCES work_calendar (id) ON DELETE CASCADE,
        CONSTRAINT calendar_day_kind_ck CHECK (
          (kind = 'holiday' AND NOT working) OR (kind = 'adjusted_workday' AND working)),
        CONSTRAINT calendar_day_name_ck CHECK (btrim(name) <> '')
      )`);
    await q.query(`
      CREATE TABLE filing_standard (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        profile_id                  text NOT NULL DEFAULT 'default',
        version                     integer NOT NULL DEFAULT 1,
        kind                        text NOT NULL,
        small_class_code            text NULL,
        area_class                  text NOT NULL DEFAULT 'default',
        condition_code              text NOT NULL,
        condition_text              text NOT NULL,
        close_condition_text        text NOT NULL DEFAULT '',
        urgency                     text NOT NULL DEFAULT 'normal',
        milestones                  jsonb NOT NULL,
        responsible_unit_rule       text NOT NULL,
        responsible_department_code text NULL,
        valid_from                  date NOT NULL,
        valid_to                    date NULL,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT filing_standard_profile_ck CHECK (profile_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
        CONSTRAINT filing_standard_version_ck CHECK (version >= 1),
        CONSTRAINT filing_standard_kind_ck CHECK (kind IN ('component', 'event')),
        CONSTRAINT filing_standard_class_ck CHECK (small_class_code IS NULL OR small_class_code ~ '^[0-9]{4,5}$'),
        CONSTRAINT filing_standard_default_area_ck CHECK (small_class_code IS NOT NULL OR area_class = 'default'),
        CONSTRAINT filing_standard_area_ck CHECK (area_class ~ '^[a-z0-9_-]{1,40}$'),
        CONSTRAINT filing_standard_condition_ck CHECK (btrim(condition_code) <> '' AND btrim(condition_text) <> ''),
        CONSTRAINT filing_standard_urgency_ck CHECK (urgency IN ('normal', 'urgent')),
        CONSTRAINT filing_standard_milestones_ck CHECK (jsonb_typeof(milestones) = 'array' AND jsonb_array_length(milestones) > 0),
        CONSTRAINT filing_standard_rule_ck CHECK (responsible_unit_rule IN
          ('component_authority', 'component_owner', 'component_maintainer', 'fixed_department', 'territorial')),
        CONSTRAINT filing_standard_department_ck CHECK (
          (responsible_unit_rule = 'fixed_department') = (responsible_department_code IS NOT NULL)),
        CONSTRAINT filing_standard_validity_ck CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    // One current row per line; versions unique per line. coalesce: the kind default has no class.
    await q.query(`
      CREATE UNIQUE INDEX filing_standard_current_uq ON filing_standard
        (profile_id, kind, coalesce(small_class_code, ''), area_class, condition_code, urgency) WHERE valid_to IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX filing_standard_version_uq ON filing_standard
        (profile_id, kind, coalesce(small_class_code, ''), area_class, condition_code, urgency, version)`);
    await q.query(
      `CREATE INDEX filing_standard_class_idx ON filing_standard (profile_id, kind, small_class_code)`,
    );
    await q.query(`
      CREATE TABLE stage_limit (
        stage      text NOT NULL,
        urgency    text NOT NULL,
        value      numeric NOT NULL,
        unit       text NOT NULL,
        basis      text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stage_limit_pk PRIMARY KEY (stage, urgency),
        CONSTRAINT stage_limit_stage_ck CHECK (stage IN
          ('accept', 'verify', 'file', 'dispatch', 'sendCheck', 'check', 'close', 'selfAudit')),
        CONSTRAINT stage_limit_urgency_ck CHECK (urgency IN ('normal', 'urgent')),
        CONSTRAINT stage_limit_value_ck CHECK (value >= 0),
        CONSTRAINT stage_limit_unit_ck CHECK (unit IN ('minute', 'hour', 'working_hour', 'working_day', 'day')),
        CONSTRAINT stage_limit_basis_ck CHECK (basis IN ('natural', 'working')
          AND NOT (unit IN ('working_hour', 'working_day') AND basis = 'natural')
          AND NOT (unit = 'day' AND basis = 'working'))
      )`);
    await q.query(`
      CREATE TABLE time_limit_settings (
        scope                    text PRIMARY KEY,
        yellow_threshold         numeric NOT NULL DEFAULT 0.8,
        working_day_mode         text NOT NULL DEFAULT 'window_length',
        working_day_minutes      integer NULL,
        rework_clock             text NOT NULL DEFAULT 'restart',
        return_clock             text NOT NULL DEFAULT 'restart',
        resume_clock             text NOT NULL DEFAULT 'continue',
        clock_runs_while_pending boolean NOT NULL DEFAULT true,
        filing_profile_id        text NOT NULL DEFAULT 'default',
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT time_limit_settings_scope_ck CHECK (scope = 'city' OR scope ~ '^[0-9]{6}$'),
        CONSTRAINT time_limit_settings_threshold_ck CHECK (yellow_threshold > 0 AND yellow_threshold <= 1),
        CONSTRAINT time_limit_settings_day_mode_ck CHECK (working_day_mode IN ('window_length', 'same_clock_next_working_day')),
        CONSTRAINT time_limit_settings_day_minutes_ck CHECK (working_day_minutes IS NULL OR working_day_minutes BETWEEN 1 AND 1440),
        CONSTRAINT time_limit_settings_rework_ck CHECK (rework_clock IN ('restart', 'keep')),
        CONSTRAINT time_limit_settings_return_ck CHECK (return_clock IN ('restart', 'continue')),
        CONSTRAINT time_limit_settings_resume_ck CHECK (resume_clock IN ('continue', 'restart')),
        CONSTRAINT time_limit_settings_profile_ck CHECK (filing_profile_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE time_limit_settings');
    await q.query('DROP TABLE stage_limit');
    await q.query('DROP TABLE filing_standard');
    await q.query('DROP TABLE calendar_day');
    await q.query('DROP TABLE work_calendar');
  }
}
