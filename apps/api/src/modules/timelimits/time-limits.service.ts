import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addDuration,
  basisOf,
  type CalendarDay,
  DEFAULT_AREA_CLASS,
  type Duration,
  type FilingStandard,
  type FilingStandardFields,
  filingCandidates,
  formatLocalDate,
  localDateOf,
  type ResolvedFilingStandard,
  resolveSettings,
  type StageLimit,
  type TimeLimitSettings,
  utcToLocal,
  validateCalendar,
  validateFilingStandard,
  validateHolidayArrangement,
  validateStageLimits,
  type WorkCalendar,
} from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import type { CalendarQueryDto, ImportHolidaysDto, PutCalendarDto } from './dto/calendar.dto';
import type { DeadlineQueryDto } from './dto/deadline-query.dto';
import type {
  CreateFilingStandardDto,
  ListFilingStandardsQueryDto,
  ResolveFilingStandardQueryDto,
  UpdateFilingStandardDto,
} from './dto/filing-standard.dto';
import type { PutSettingsDto } from './dto/settings.dto';
import { CITY_SCOPE, DEFAULT_CALENDAR_CODE, seedTimeLimitsIfEmpty } from './time-limits-seed';
import {
  type CalendarRow,
  DuplicateTimeLimitRowError,
  type SettingsRow,
  TimeLimitsRepository,
} from './time-limits.repository';

/**
 * Everything the case loop needs to compute deadlines for one district (or the city): pass its
 * parts to the pure functions of libs/domain/src/time-limits.
 */
export interface TimeLimitContext {
  /** The calendar in force: the department's, else the district's, else the city's `default`. */
  calendar: WorkCalendar;
  settings: TimeLimitSettings;
  /** The filing-standard profile the scope uses. */
  filingProfileId: string;
  stageLimits: StageLimit[];
  /** Every version of the profile (retired ones too), so a past date resolves as it was. */
  filingStandards: FilingStandard[];
}

/** A calendar as the API shows it. */
export interface CalendarView extends WorkCalendar {
  districtCode: string | null;
  departmentId: string | null;
}

export interface HolidayImportResult {
  calendar: string;
  year: number;
  provisional: boolean;
  source: string | null;
  holidays: number;
  adjustedWorkdays: number;
}

export interface DeadlineAnswer {
  start: string;
  deadline: string;
  /** The deadline as local wall time of the calendar zone, `YYYY-MM-DD HH:MM`. */
  localDeadline: string;
  duration: Required<Duration>;
  calendar: string;
  timeZone: string;
  workingDayMode: TimeLimitSettings['workingDayMode'];
}

export interface SettingsView extends TimeLimitSettings {
  /** `city`, or the district code whose own row this is. */
  scope: string;
  filingProfileId: string;
}

/**
 * 时限 configuration of the city: calendars, 立结案标准, stage limits and settings, with an
 * in-memory context cache for the case loop (invalidated by every write of this service).
 */
@Injectable()
export class TimeLimitsService implements OnApplicationBootstrap {
  private readonly contexts = new Map<string, Promise<TimeLimitContext>>();

  constructor(
    private readonly db: Database,
    private readonly repo: TimeLimitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Fills empty tables with the default seed when the API starts (a city's edits are kept). */
  async onApplicationBootstrap(): Promise<void> {
    await seedTimeLimitsIfEmpty(this.db);
  }

  /**
   * The context of a district (and optionally a department whose own calendar wins); cached until
   * the next write through this service. Settings: the district's row, else the city's.
   */
  loadContext(districtCode?: string, departmentId?: string): Promise<TimeLimitContext> {
    const key = `${districtCode ?? ''}|${departmentId ?? ''}`;
    let hit = this.contexts.get(key);
    if (!hit) {
      hit = this.buildContext(districtCode, departmentId);
      // A failed load is not cached: the next call tries again.
      hit.catch(() => this.contexts.delete(key));
      this.contexts.set(key, hit);
    }
    return hit;
  }

  /** Drops the cached contexts (every write calls it; other writers of these tables must too). */
  invalidate(): void {
    this.contexts.clear();
  }

  private async buildContext(districtCode?: string, departmentId?: string): Promise<TimeLimitContext> {
    const settings = await this.settingsFor(this.repo, districtCode);
    const row =
      (departmentId ? await this.repo.findCalendar({ departmentId }) : null) ??
      (districtCode ? await this.repo.findCalendar({ districtCode }) : null) ??
      (await this.repo.findCalendar({ code: DEFAULT_CALENDAR_CODE }));
    if (!row) throw calendarNotFound(DEFAULT_CALENDAR_CODE);
    const filingProfileId = settings.filingProfileId;
    return {
      calendar: await this.calendarOf(this.repo, row),
      settings: clockSettingsOf(settings),
      filingProfileId,
      stageLimits: await this.repo.listStageLimits(),
      filingStandards: await this.repo.listFilingStandards({
        profileId: filingProfileId,
        includeRetired: true,
      }),
    };
  }

  private async calendarOf(
    repo: TimeLimitsRepository,
    row: CalendarRow,
    year?: number,
  ): Promise<CalendarView> {
    return {
      code: row.code,
      name: row.name,
      timeZone: row.timeZone,
      windows: row.windows,
      weekdays: row.weekdays,
      days: await repo.listDays(row.id, year),
      districtCode: row.districtCode,
      departmentId: row.departmentId,
    };
  }

  private async settingsFor(repo: TimeLimitsRepository, districtCode?: string): Promise<SettingsRow> {
    const row =
      (districtCode ? await repo.findSettings(districtCode) : null) ?? (await repo.findSettings(CITY_SCOPE));
    // The seed writes the city row at start; without it the spec defaults apply.
    return row ?? { ...resolveSettings(), scope: CITY_SCOPE, filingProfileId: 'default' };
  }

  private today(): string {
    return localDateOf(this.config.timeZone, new Date());
  }

  // --- calendars -------------------------------------------------------------------------------

  async listCalendars(): Promise<Omit<CalendarView, 'days'>[]> {
    return (await this.repo.listCalendars()).map(({ id: _id, ...rest }) => rest);
  }

  async getCalendar(q: CalendarQueryDto): Promise<CalendarView> {
    const code = q.code ?? DEFAULT_CALENDAR_CODE;
    const row = await this.repo.findCalendar({ code });
    if (!row) throw calendarNotFound(code);
    return this.calendarOf(this.repo, row, q.year);
  }

  /** Creates the calendar `code` or replaces its name, zone, windows, weekdays and scope. */
  async putCalendar(code: string, body: PutCalendarDto): Promise<CalendarView> {
    const districtCode = body.districtCode ?? null;
    const departmentId = body.departmentId ?? null;
    if (code === DEFAULT_CALENDAR_CODE && (districtCode || departmentId)) {
      const message = 'the default calendar is the city’s: it has no district or department';
      throw new ApiError('TIMELIMIT.CALENDAR_INVALID', message, [{ field: 'districtCode', message }]);
    }
    if (districtCode && departmentId) {
      const message = 'a calendar belongs to a district or to a department, not both';
      throw new ApiError('TIMELIMIT.CALENDAR_INVALID', message, [{ field: 'departmentId', message }]);
    }
    const weekdays = [...new Set(body.weekdays)].sort((a, b) => a - b);
    const windows = body.windows.map((w) => ({ start: w.start, end: w.end }));
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      if (departmentId && !(await repo.departmentExists(departmentId))) {
        const message = `no department ${departmentId}`;
        throw new ApiError('TIMELIMIT.DEPARTMENT_NOT_FOUND', message, [{ field: 'departmentId', message }]);
      }
      const existing = await repo.findCalendar({ code }, { lock: true });
      // The days stay; checking them with the new zone and windows catches nothing new, but the
      // whole calendar is checked as the arithmetic will see it.
      validateCalendar({
        code,
        name: body.name,
        timeZone: body.timeZone,
        windows,
        weekdays,
        days: existing ? await repo.listDays(existing.id) : [],
      });
      const fields = {
        name: body.name.trim(),
        timeZone: body.timeZone,
        windows,
        weekdays,
        districtCode,
        departmentId,
      };
      try {
        if (existing) await repo.updateCalendar(existing.id, fields);
        else await repo.insertCalendar({ code, ...fields });
      } catch (err) {
        if (err instanceof DuplicateTimeLimitRowError) {
          throw new ApiError(
            'TIMELIMIT.CALENDAR_SCOPE_TAKEN',
            `another calendar already serves that ${districtCode ? 'district' : 'department'}`,
          );
        }
        throw err;
      }
      const row = await repo.findCalendar({ code });
      if (!row) throw calendarNotFound(code);
      return this.calendarOf(repo, row);
    });
    this.invalidate();
    return result;
  }

  /** Replaces every day of the year in the calendar with the arrangement's days. */
  async importHolidays(code: string, body: ImportHolidaysDto): Promise<HolidayImportResult> {
    const days: CalendarDay[] = body.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name.trim() }));
    validateHolidayArrangement({
      year: body.year,
      provisional: body.provisional ?? false,
      source: body.source ?? '',
      days,
    });
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      const row = await repo.findCalendar({ code }, { lock: true });
      if (!row) throw calendarNotFound(code);
      await repo.replaceYear(row.id, body.year, days);
      return {
        calendar: code,
        year: body.year,
        provisional: body.provisional ?? false,
        source: body.source ?? null,
        holidays: days.filter((d) => d.kind === 'holiday').length,
        adjustedWorkdays: days.filter((d) => d.kind === 'adjusted_workday').length,
      };
    });
    this.invalidate();
    return result;
  }

  // --- filing standards ------------------------------------------------------------------------

  listFilingStandards(q: ListFilingStandardsQueryDto): Promise<FilingStandard[]> {
    return this.repo.listFilingStandards(q);
  }

  async getFilingStandard(id: string): Promise<FilingStandard> {
    const row = await this.repo.findFilingStandard(id);
    if (!row) throw filingNotFound(id);
    return row;
  }

  /** A new line, version 1; `TIMELIMIT.FILING_STANDARD_EXISTS` if the line has a current row. */
  async createFilingStandard(body: CreateFilingStandardDto): Promise<FilingStandard> {
    const fields: FilingStandardFields = {
      kind: body.kind,
      smallClassCode: body.smallClassCode,
      areaClass: body.areaClass ?? DEFAULT_AREA_CLASS,
      conditionCode: body.conditionCode.trim(),
      conditionText: body.conditionText.trim(),
      closeConditionText: body.closeConditionText?.trim() ?? '',
      urgency: body.urgency ?? 'normal',
      disposalLimit: { milestones: body.disposalLimit.milestones.map((m) => ({ ...m })) },
      responsibleUnitRule: body.responsibleUnitRule,
      responsibleDepartmentCode: body.responsibleDepartmentCode ?? null,
    };
    const validFrom = body.validFrom ?? this.today();
    validateFilingStandard({ ...fields, validFrom });
    const profileId = body.profileId ?? 'default';
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      if (await repo.findCurrentLine({ ...fields, profileId })) throw filingExists();
      try {
        const [id] = await repo.insertFilingStandards([{ ...fields, profileId, version: 1, validFrom }]);
        const row = id ? await repo.findFilingStandard(id) : null;
        if (!row) throw new Error('inserted filing standard not found');
        return row;
      } catch (err) {
        if (err instanceof DuplicateTimeLimitRowError) throw filingExists();
        throw err;
      }
    });
    this.invalidate();
    return result;
  }

  /**
   * A new version of the current row `id`: changed fields over the old ones, from `validFrom`
   * (default today, not before today, after the old version's start); the old row is retired
   * with `validTo` = that date. Old cases keep the version they copied.
   */
  async updateFilingStandard(id: string, body: UpdateFilingStandardDto): Promise<FilingStandard> {
    const changes = Object.entries(body).filter(([k, v]) => v !== undefined && k !== 'validFrom');
    if (changes.length === 0) {
      throw new ApiError('REQUEST.VALIDATION_FAILED', 'nothing to change', [
        {
          field: 'body',
          message:
            'give at least one of conditionText, closeConditionText, disposalLimit, responsibleUnitRule, responsibleDepartmentCode',
        },
      ]);
    }
    const today = this.today();
    const validFrom = body.validFrom ?? today;
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      const old = await repo.findFilingStandard(id, { lock: true });
      if (!old) throw filingNotFound(id);
      if (old.validTo !== null) {
        throw new ApiError(
          'TIMELIMIT.FILING_STANDARD_RETIRED',
          `filing standard ${id} was retired on ${old.validTo}; change the current version`,
        );
      }
      if (validFrom < today || validFrom <= old.validFrom) {
        const message = `validFrom must be today (${today}) or later and after the current version's start ${old.validFrom}, got ${validFrom}`;
        throw new ApiError('TIMELIMIT.VALID_FROM_INVALID', message, [{ field: 'validFrom', message }]);
      }
      const rule = body.responsibleUnitRule ?? old.responsibleUnitRule;
      const fields: FilingStandardFields = {
        kind: old.kind,
        smallClassCode: old.smallClassCode,
        areaClass: old.areaClass,
        conditionCode: old.conditionCode,
        conditionText: body.conditionText?.trim() ?? old.conditionText,
        closeConditionText: body.closeConditionText?.trim() ?? old.closeConditionText,
        urgency: old.urgency,
        disposalLimit: body.disposalLimit
          ? { milestones: body.disposalLimit.milestones.map((m) => ({ ...m })) }
          : old.disposalLimit,
        responsibleUnitRule: rule,
        // Leaving fixed_department drops its department unless a new one is given.
        responsibleDepartmentCode:
          body.responsibleDepartmentCode !== undefined
            ? body.responsibleDepartmentCode
            : rule === 'fixed_department'
              ? old.responsibleDepartmentCode
              : null,
      };
      validateFilingStandard({ ...fields, validFrom });
      await repo.retireFilingStandard(old.id, validFrom);
      const [newId] = await repo.insertFilingStandards([
        { ...fields, profileId: old.profileId, version: old.version + 1, validFrom },
      ]);
      const row = newId ? await repo.findFilingStandard(newId) : null;
      if (!row) throw new Error('inserted filing standard not found');
      return row;
    });
    this.invalidate();
    return result;
  }

  /** The standard a case would be filed under, with every candidate (best first) for the desk. */
  async resolveFilingStandard(
    q: ResolveFilingStandardQueryDto,
  ): Promise<{ resolved: ResolvedFilingStandard; candidates: ResolvedFilingStandard[] }> {
    const ctx = await this.loadContext(q.districtCode);
    const query = {
      kind: q.kind,
      smallClassCode: q.smallClassCode,
      areaClass: q.areaClass,
      urgency: q.urgency,
      conditionCode: q.conditionCode,
      at: q.at ?? this.today(),
    };
    const candidates = filingCandidates(ctx.filingStandards, query);
    const resolved = candidates[0];
    if (!resolved) {
      throw new ApiError(
        'TIMELIMIT.NO_FILING_STANDARD',
        `no filing standard in force on ${query.at} for ${q.kind} ${q.smallClassCode} and no default for ${q.kind}`,
      );
    }
    return { resolved, candidates };
  }

  // --- stage limits and settings ---------------------------------------------------------------

  getStageLimits(): Promise<StageLimit[]> {
    return this.repo.listStageLimits();
  }

  async putStageLimits(items: StageLimit[]): Promise<StageLimit[]> {
    const limits = items.map((l) => ({
      stage: l.stage,
      urgency: l.urgency,
      value: l.value,
      unit: l.unit,
      basis: l.basis,
    }));
    validateStageLimits(limits);
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      await repo.replaceStageLimits(limits);
      return repo.listStageLimits();
    });
    this.invalidate();
    return result;
  }

  /** The settings in force for a district (its own row, else the city's), or the city's. */
  async getSettings(districtCode?: string): Promise<SettingsView> {
    return this.settingsFor(this.repo, districtCode);
  }

  /** Changes the settings of the city, or of one district (a new district row starts from the city's). */
  async putSettings(districtCode: string | undefined, body: PutSettingsDto): Promise<SettingsView> {
    const scope = districtCode ?? CITY_SCOPE;
    const result = await this.db.transaction(async (tx) => {
      const repo = new TimeLimitsRepository(tx);
      const base = await this.settingsFor(repo, districtCode);
      const { filingProfileId, ...clockChanges } = body;
      const merged = resolveSettings({ ...clockSettingsOf(base), ...stripUndefined(clockChanges) });
      const row: SettingsRow = { ...merged, scope, filingProfileId: filingProfileId ?? base.filingProfileId };
      await repo.upsertSettings(row);
      return row;
    });
    this.invalidate();
    return result;
  }

  // --- deadline --------------------------------------------------------------------------------

  /** The deadline of a limit started at `start`, on a calendar (by code, else the district's). */
  async computeDeadline(q: DeadlineQueryDto): Promise<DeadlineAnswer> {
    const ctx = await this.loadContext(q.districtCode);
    let calendar: WorkCalendar = ctx.calendar;
    if (q.calendar !== undefined && q.calendar !== calendar.code) {
      const row = await this.repo.findCalendar({ code: q.calendar });
      if (!row) throw calendarNotFound(q.calendar);
      calendar = await this.calendarOf(this.repo, row);
    }
    const start = new Date(q.start);
    if (Number.isNaN(start.getTime())) {
      throw new ApiError('REQUEST.VALIDATION_FAILED', 'start is not an instant', [
        { field: 'start', message: 'ISO 8601 instant' },
      ]);
    }
    const duration: Required<Duration> = {
      value: q.value,
      unit: q.unit,
      basis: basisOf({ value: q.value, unit: q.unit, basis: q.basis }),
    };
    const deadline = addDuration(start, duration, calendar, ctx.settings);
    const local = utcToLocal(calendar.timeZone, deadline.getTime());
    const minute = Math.floor(local.minuteOfDay);
    return {
      start: start.toISOString(),
      deadline: deadline.toISOString(),
      localDeadline: `${formatLocalDate(local.day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      duration,
      calendar: calendar.code,
      timeZone: calendar.timeZone,
      workingDayMode: ctx.settings.workingDayMode,
    };
  }
}

/** The clock settings of a stored row (without its scope and profile), checked. */
function clockSettingsOf(row: SettingsRow): TimeLimitSettings {
  return resolveSettings({
    yellowThreshold: row.yellowThreshold,
    workingDayMode: row.workingDayMode,
    workingDayMinutes: row.workingDayMinutes,
    reworkClock: row.reworkClock,
    returnClock: row.returnClock,
    resumeClock: row.resumeClock,
    clockRunsWhilePending: row.clockRunsWhilePending,
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function calendarNotFound(code: string): ApiError {
  return new ApiError('TIMELIMIT.CALENDAR_NOT_FOUND', `no calendar ${code}`);
}

function filingNotFound(id: string): ApiError {
  return new ApiError('TIMELIMIT.FILING_STANDARD_NOT_FOUND', `no filing standard ${id}`);
}

function filingExists(): ApiError {
  return new ApiError(
    'TIMELIMIT.FILING_STANDARD_EXISTS',
    'a current filing standard exists for this profile, kind, class, area, condition and urgency; PATCH it to make a new version',
  );
}
