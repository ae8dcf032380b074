import { DomainError } from '../errors';
import { type CalendarDay, validateCalendar, type WorkCalendar } from './calendar';
import {
  type FilingStandardFields,
  type StageLimit,
  validateFilingStandard,
  validateStageLimits,
} from './filing-standard';
import { resolveSettings, type TimeLimitSettings } from './settings';
import calendarJson from './seed/calendar-default.json';
import filingJson from './seed/filing-standards-default.json';
import holidays2026 from './seed/holidays-cn-2026.json';
import holidays2027 from './seed/holidays-cn-2027.json';
import settingsJson from './seed/settings-default.json';
import stageLimitsJson from './seed/stage-limits-default.json';

/**
 * The default time-limit data (seed/*.json): data a city changes through the API, loaded into an
 * empty database, never used as constants by the arithmetic.
 */

/** One year's official holiday arrangement (国务院办公厅 部分节假日安排). */
export interface HolidayArrangement {
  year: number;
  /** True when the dates are not the published arrangement (see `source`). */
  provisional: boolean;
  source: string;
  days: CalendarDay[];
}

export interface TimeLimitSeed {
  calendar: WorkCalendar;
  holidayYears: { year: number; provisional: boolean; source: string }[];
  settings: TimeLimitSettings;
  stageLimits: StageLimit[];
  filingStandards: { profileId: string; validFrom: string; standards: FilingStandardFields[] };
}

/** Checks a year's arrangement: every date inside the year, known kinds, no date twice. */
export function validateHolidayArrangement(a: HolidayArrangement): HolidayArrangement {
  const bad: { field: string; message: string }[] = [];
  if (!Number.isInteger(a.year) || a.year < 2000 || a.year > 2100)
    bad.push({ field: 'year', message: 'a year 2000…2100' });
  if (!Array.isArray(a.days)) bad.push({ field: 'days', message: 'a list of { date, kind, name }' });
  else {
    a.days.forEach((d, i) => {
      if (typeof d.date !== 'string' || !d.date.startsWith(`${a.year}-`))
        bad.push({ field: `days[${i}].date`, message: `a date of ${a.year}` });
      if (typeof d.name !== 'string' || !d.name.trim())
        bad.push({ field: `days[${i}].name`, message: 'required' });
    });
    if (!bad.length) {
      try {
        validateCalendar({
          code: 'check',
          name: 'check',
          timeZone: 'UTC',
          windows: [{ start: '00:00', end: '24:00' }],
          weekdays: [],
          days: a.days,
        });
      } catch (err) {
        if (err instanceof DomainError)
          bad.push(...(err.details ?? [{ field: 'days', message: err.message }]));
        else throw err;
      }
    }
  }
  if (bad.length) {
    throw new DomainError(
      'TIMELIMIT.HOLIDAYS_INVALID',
      `invalid holiday arrangement: ${bad.map((b) => b.field).join(', ')}`,
      bad,
    );
  }
  return a;
}

function days(list: { date: string; kind: string; name: string }[]): CalendarDay[] {
  return list.map((d) => ({ date: d.date, kind: d.kind as CalendarDay['kind'], name: d.name }));
}

/** The seed, checked (a broken seed file fails loudly at start, naming the field). */
export function readTimeLimitSeed(): TimeLimitSeed {
  const years = [holidays2026, holidays2027].map((h) =>
    validateHolidayArrangement({
      year: h.year,
      provisional: h.provisional,
      source: h.source,
      days: days(h.days),
    }),
  );
  const calendar: WorkCalendar = {
    code: calendarJson.code,
    name: calendarJson.name,
    timeZone: calendarJson.timeZone,
    windows: calendarJson.windows.map((w) => ({ start: w.start, end: w.end })),
    weekdays: [...calendarJson.weekdays],
    days: years.flatMap((y) => y.days),
  };
  validateCalendar(calendar);
  // The file's `note` documents it; only the setting fields are read.
  const settings = resolveSettings({
    yellowThreshold: settingsJson.yellowThreshold,
    workingDayMode: settingsJson.workingDayMode as TimeLimitSettings['workingDayMode'],
    workingDayMinutes: settingsJson.workingDayMinutes,
    reworkClock: settingsJson.reworkClock as TimeLimitSettings['reworkClock'],
    returnClock: settingsJson.returnClock as TimeLimitSettings['returnClock'],
    resumeClock: settingsJson.resumeClock as TimeLimitSettings['resumeClock'],
    clockRunsWhilePending: settingsJson.clockRunsWhilePending,
  });
  const stageLimits = stageLimitsJson.limits.map((l): StageLimit => ({
    stage: l.stage as StageLimit['stage'],
    urgency: l.urgency as StageLimit['urgency'],
    value: l.value,
    unit: l.unit as StageLimit['unit'],
    basis: l.basis as StageLimit['basis'],
  }));
  validateStageLimits(stageLimits);
  const standards = filingJson.standards.map((s): FilingStandardFields => ({
    kind: s.kind as FilingStandardFields['kind'],
    smallClassCode: s.smallClassCode,
    areaClass: s.areaClass,
    conditionCode: s.conditionCode,
    conditionText: s.conditionText,
    closeConditionText: s.closeConditionText,
    urgency: s.urgency as FilingStandardFields['urgency'],
    disposalLimit: {
      milestones: s.disposalLimit.milestones.map((m) => ({
        name: m.name,
        value: m.value,
        unit: m.unit as StageLimit['unit'],
        basis: m.basis as StageLimit['basis'],
      })),
    },
    responsibleUnitRule: s.responsibleUnitRule as FilingStandardFields['responsibleUnitRule'],
    responsibleDepartmentCode: s.responsibleDepartmentCode,
  }));
  standards.forEach((s) => validateFilingStandard(s));
  return {
    calendar,
    holidayYears: years.map(({ year, provisional, source }) => ({ year, provisional, source })),
    settings,
    stageLimits,
    filingStandards: { profileId: filingJson.profileId, validFrom: filingJson.validFrom, standards },
  };
}
