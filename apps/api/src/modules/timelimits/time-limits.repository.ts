import type {
  CalendarDay,
  FilingStandard,
  FilingStandardFields,
  LimitMilestone,
  StageLimit,
  TimeLimitSettings,
  WorkingWindow,
} from '@urbangrid/domain';
import type { SqlRunner } from '../../database/database';

/** A stored calendar without its days. */
export interface CalendarRow {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  windows: WorkingWindow[];
  weekdays: number[];
  districtCode: string | null;
  departmentId: string | null;
}

export interface NewCalendar {
  code: string;
  name: string;
  timeZone: string;
  windows: WorkingWindow[];
  weekdays: number[];
  districtCode: string | null;
  departmentId: string | null;
}

export interface NewFilingStandard extends FilingStandardFields {
  profileId: string;
  version: number;
  validFrom: string;
}

/** Settings with the filing profile their scope uses. */
export interface SettingsRow extends TimeLimitSettings {
  scope: string;
  filingProfileId: string;
}

interface CalendarDbRow {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  windows: WorkingWindow[];
  weekdays: number[];
  district_code: string | null;
  department_id: string | null;
}

interface FilingDbRow {
  id: string;
  profile_id: string;
  version: number;
  kind: FilingStandard['kind'];
  small_class_code: string | null;
  area_class: string;
  condition_code: string;
  condition_text: string;
  close_condition_text: string;
  urgency: FilingStandard['urgency'];
  milestones: LimitMilestone[];
  responsible_unit_rule: FilingStandard['responsibleUnitRule'];
  responsible_department_code: string | null;
  valid_from: string;
  valid_to: string | null;
}

interface SettingsDbRow {
  scope: string;
  yellow_threshold: string | number;
  working_day_mode: TimeLimitSettings['workingDayMode'];
  working_day_minutes: number | null;
  rework_clock: TimeLimitSettings['reworkClock'];
  return_clock: TimeLimitSettings['returnClock'];
  resume_clock: TimeLimitSettings['resumeClock'];
  clock_runs_while_pending: boolean;
  filing_profile_id: string;
}

/** Raised when an insert hits a unique index (a concurrent write of the same line or code). */
export class DuplicateTimeLimitRowError extends Error {
  override name = 'DuplicateTimeLimitRowError';
}

const CALENDAR_COLUMNS = `id, code, name, time_zone, windows, weekdays::int[] AS weekdays, district_code, department_id`;
/** Dates leave the database as text so no time zone shifts them. */
const FILING_COLUMNS = `id, profile_id, version, kind, small_class_code, area_class, condition_code, condition_text,
  close_condition_text, urgency, milestones, responsible_unit_rule, responsible_department_code,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to`;

function toCalendar(r: CalendarDbRow): CalendarRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    timeZone: r.time_zone,
    windows: r.windows,
    weekdays: r.weekdays.map(Number),
    districtCode: r.district_code,
    departmentId: r.department_id,
  };
}

function toFiling(r: FilingDbRow): FilingStandard {
  return {
    id: r.id,
    profileId: r.profile_id,
    version: Number(r.version),
    kind: r.kind,
    smallClassCode: r.small_class_code,
    areaClass: r.area_class,
    conditionCode: r.condition_code,
    conditionText: r.condition_text,
    closeConditionText: r.close_condition_text,
    urgency: r.urgency,
    disposalLimit: { milestones: r.milestones },
    responsibleUnitRule: r.responsible_unit_rule,
    responsibleDepartmentCode: r.responsible_department_code,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

function toSettings(r: SettingsDbRow): SettingsRow {
  return {
    scope: r.scope,
    yellowThreshold: Number(r.yellow_threshold),
    workingDayMode: r.working_day_mode,
    workingDayMinutes: r.working_day_minutes === null ? null : Number(r.working_day_minutes),
    reworkClock: r.rework_clock,
    returnClock: r.return_clock,
    resumeClock: r.resume_clock,
    clockRunsWhilePending: r.clock_runs_while_pending,
    filingProfileId: r.filing_profile_id,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e.code === '23505' || e.driverError?.code === '23505';
}

async function mapDuplicate<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateTimeLimitRowError((err as Error).message);
    throw err;
  }
}

/** All SQL of the time-limit tables. */
export class TimeLimitsRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Inside a transaction: a second process seeding at the same time waits, then sees rows. */
  async lockForSeed(): Promise<void> {
    await this.db.query(
      'LOCK TABLE work_calendar, stage_limit, filing_standard, time_limit_settings IN EXCLUSIVE MODE',
    );
  }

  // --- calendars -------------------------------------------------------------------------------

  async listCalendars(): Promise<CalendarRow[]> {
    const rows = await this.db.query<CalendarDbRow>(
      `SELECT ${CALENDAR_COLUMNS} FROM work_calendar ORDER BY code`,
    );
    return rows.map(toCalendar);
  }

  async findCalendar(
    by: { code: string } | { districtCode: string } | { departmentId: string },
    opts: { lock?: boolean } = {},
  ): Promise<CalendarRow | null> {
    const [column, value] =
      'code' in by
        ? ['code', by.code]
        : 'districtCode' in by
          ? ['district_code', by.districtCode]
          : ['department_id', by.departmentId];
    const rows = await this.db.query<CalendarDbRow>(
      `SELECT ${CALENDAR_COLUMNS} FROM work_calendar WHERE ${column} = $1${opts.lock ? ' FOR UPDATE' : ''}`,
      [value],
    );
    return rows[0] ? toCalendar(rows[0]) : null;
  }

  async insertCalendar(c: NewCalendar): Promise<string> {
    const rows = await mapDuplicate(
      this.db.query<{ id: string }>(
        `INSERT INTO work_calendar (code, name, time_zone, windows, weekdays, district_code, department_id)
         VALUES ($1, $2, $3, $4::jsonb, $5::smallint[], $6, $7) RETURNING id`,
        [c.code, c.name, c.timeZone, JSON.stringify(c.windows), c.weekdays, c.districtCode, c.departmentId],
      ),
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('insert into work_calendar returned no id');
    return id;
  }

  async updateCalendar(id: string, c: Omit<NewCalendar, 'code'>): Promise<void> {
    await mapDuplicate(
      this.db.query(
        `UPDATE work_calendar SET name = $2, time_zone = $3, windows = $4::jsonb, weekdays = $5::smallint[],
           district_code = $6, department_id = $7, updated_at = now() WHERE id = $1`,
        [id, c.name, c.timeZone, JSON.stringify(c.windows), c.weekdays, c.districtCode, c.departmentId],
      ),
    );
  }

  async departmentExists(id: string): Promise<boolean> {
    const rows = await this.db.query<{ one: number }>('SELECT 1 AS one FROM department WHERE id = $1', [id]);
    return rows.length > 0;
  }

  /** Days of a calendar, optionally of one year, in date order. */
  async listDays(calendarId: string, year?: number): Promise<CalendarDay[]> {
    const params: unknown[] = [calendarId];
    let where = 'calendar_id = $1';
    if (year !== undefined) {
      params.push(`${year}-01-01`, `${year + 1}-01-01`);
      where += ' AND date >= $2::date AND date < $3::date';
    }
    return this.db.query<CalendarDay>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_day WHERE ${where} ORDER BY date`,
      params,
    );
  }

  /** Replaces one year's days of a calendar with the given list. */
  async replaceYear(calendarId: string, year: number, days: readonly CalendarDay[]): Promise<void> {
    await this.db.query(
      `DELETE FROM calendar_day WHERE calendar_id = $1 AND date >= $2::date AND date < $3::date`,
      [calendarId, `${year}-01-01`, `${year + 1}-01-01`],
    );
    await this.insertDays(calendarId, days);
  }

  async insertDays(calendarId: string, days: readonly CalendarDay[]): Promise<void> {
    if (days.length === 0) return;
    // One statement: the day lists are small (a year holds a few dozen rows).
    await this.db.query(
      `INSERT INTO calendar_day (calendar_id, date, working, name, kind)
       SELECT $1, d.date::date, d.kind = 'adjusted_workday', d.name, d.kind
       FROM jsonb_to_recordset($2::jsonb) AS d(date text, kind text, name text)`,
      [calendarId, JSON.stringify(days)],
    );
  }

  // --- filing standards ------------------------------------------------------------------------

  async listFilingStandards(
    opts: {
      profileId?: string;
      kind?: FilingStandard['kind'];
      smallClassCode?: string;
      at?: string;
      includeRetired?: boolean;
    } = {},
  ): Promise<FilingStandard[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (opts.profileId !== undefined) add('profile_id = ?', opts.profileId);
    if (opts.kind !== undefined) add('kind = ?', opts.kind);
    if (opts.smallClassCode !== undefined) add('small_class_code = ?', opts.smallClassCode);
    if (opts.at !== undefined) {
      add('valid_from <= ?::date', opts.at);
      add('(valid_to IS NULL OR valid_to > ?::date)', opts.at);
    } else if (!opts.includeRetired) where.push('valid_to IS NULL');
    const rows = await this.db.query<FilingDbRow>(
      `SELECT ${FILING_COLUMNS} FROM filing_standard ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY profile_id, kind, small_class_code NULLS FIRST, area_class, condition_code, urgency, version`,
      params,
    );
    return rows.map(toFiling);
  }

  async findFilingStandard(id: string, opts: { lock?: boolean } = {}): Promise<FilingStandard | null> {
    const rows = await this.db.query<FilingDbRow>(
      `SELECT ${FILING_COLUMNS} FROM filing_standard WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toFiling(rows[0]) : null;
  }

  /** The current row of a line (profile, kind, class, area, condition, urgency), if any. */
  async findCurrentLine(
    f: Pick<
      NewFilingStandard,
      'profileId' | 'kind' | 'smallClassCode' | 'areaClass' | 'conditionCode' | 'urgency'
    >,
  ): Promise<FilingStandard | null> {
    const rows = await this.db.query<FilingDbRow>(
      `SELECT ${FILING_COLUMNS} FROM filing_standard
       WHERE profile_id = $1 AND kind = $2 AND coalesce(small_class_code, '') = coalesce($3, '') AND area_class = $4
         AND condition_code = $5 AND urgency = $6 AND valid_to IS NULL`,
      [f.profileId, f.kind, f.smallClassCode, f.areaClass, f.conditionCode, f.urgency],
    );
    return rows[0] ? toFiling(rows[0]) : null;
  }

  async insertFilingStandards(rows: readonly NewFilingStandard[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const payload = rows.map((r) => ({
      profile_id: r.profileId,
      version: r.version,
      kind: r.kind,
      small_class_code: r.smallClassCode,
      area_class: r.areaClass,
      condition_code: r.conditionCode,
      condition_text: r.conditionText,
      close_condition_text: r.closeConditionText,
      urgency: r.urgency,
      milestones: r.disposalLimit.milestones,
      responsible_unit_rule: r.responsibleUnitRule,
      responsible_department_code: r.responsibleDepartmentCode,
      valid_from: r.validFrom,
    }));
    const inserted = await mapDuplicate(
      this.db.query<{ id: string }>(
        `INSERT INTO filing_standard (profile_id, version, kind, small_class_code, area_class, condition_code,
           condition_text, close_condition_text, urgency, milestones, responsible_unit_rule,
           responsible_department_code, valid_from)
         SELECT profile_id, version, kind, small_class_code, area_class, condition_code, condition_text,
           close_condition_text, urgency, milestones, responsible_unit_rule, responsible_department_code, valid_from
         FROM jsonb_to_recordset($1::jsonb) AS r(profile_id text, version int, kind text, small_class_code text,
           area_class text, condition_code text, condition_text text, close_condition_text text, urgency text,
           milestones jsonb, responsible_unit_rule text, responsible_department_code text, valid_from date)
         RETURNING id`,
        [JSON.stringify(payload)],
      ),
    );
    return inserted.map((r) => r.id);
  }

  async retireFilingStandard(id: string, validTo: string): Promise<void> {
    await this.db.query(`UPDATE filing_standard SET valid_to = $2::date WHERE id = $1`, [id, validTo]);
  }

  async countFilingStandards(): Promise<number> {
    const rows = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM filing_standard');
    return Number(rows[0]?.n ?? 0);
  }

  // --- stage limits ----------------------------------------------------------------------------

  async listStageLimits(): Promise<StageLimit[]> {
    const rows = await this.db.query<{
      stage: StageLimit['stage'];
      urgency: StageLimit['urgency'];
      value: string | number;
      unit: StageLimit['unit'];
      basis: StageLimit['basis'];
    }>(
      `SELECT stage, urgency, value, unit, basis FROM stage_limit
       ORDER BY array_position(ARRAY['accept','verify','file','dispatch','sendCheck','check','close','selfAudit'], stage), urgency`,
    );
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  }

  async replaceStageLimits(limits: readonly StageLimit[]): Promise<void> {
    await this.db.query('DELETE FROM stage_limit');
    if (limits.length === 0) return;
    await this.db.query(
      `INSERT INTO stage_limit (stage, urgency, value, unit, basis)
       SELECT stage, urgency, value, unit, basis
       FROM jsonb_to_recordset($1::jsonb) AS l(stage text, urgency text, value numeric, unit text, basis text)`,
      [JSON.stringify(limits)],
    );
  }

  async countStageLimits(): Promise<number> {
    const rows = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM stage_limit');
    return Number(rows[0]?.n ?? 0);
  }

  // --- settings --------------------------------------------------------------------------------

  async findSettings(scope: string): Promise<SettingsRow | null> {
    const rows = await this.db.query<SettingsDbRow>(
      `SELECT scope, yellow_threshold, working_day_mode, working_day_minutes, rework_clock, return_clock, resume_clock,
         clock_runs_while_pending, filing_profile_id FROM time_limit_settings WHERE scope = $1`,
      [scope],
    );
    return rows[0] ? toSettings(rows[0]) : null;
  }

  async upsertSettings(s: SettingsRow): Promise<void> {
    await this.db.query(
      `INSERT INTO time_limit_settings (scope, yellow_threshold, working_day_mode, working_day_minutes, rework_clock,
         return_clock, resume_clock, clock_runs_while_pending, filing_profile_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (scope) DO UPDATE SET yellow_threshold = EXCLUDED.yellow_threshold,
         working_day_mode = EXCLUDED.working_day_mode, working_day_minutes = EXCLUDED.working_day_minutes,
         rework_clock = EXCLUDED.rework_clock, return_clock = EXCLUDED.return_clock,
         resume_clock = EXCLUDED.resume_clock, clock_runs_while_pending = EXCLUDED.clock_runs_while_pending,
         filing_profile_id = EXCLUDED.filing_profile_id, updated_at = now()`,
      [
        s.scope,
        s.yellowThreshold,
        s.workingDayMode,
        s.workingDayMinutes,
        s.reworkClock,
        s.returnClock,
        s.resumeClock,
        s.clockRunsWhilePending,
        s.filingProfileId,
      ],
    );
  }
}
