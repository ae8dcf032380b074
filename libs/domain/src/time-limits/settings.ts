import { DomainError } from '../errors';

export const WORKING_DAY_MODES = ['window_length', 'same_clock_next_working_day'] as const;
/**
 * 工作日 arithmetic (spec 03 §9, Uncertain 4): `window_length` counts N working days as
 * N × the standard day's working minutes of working time; `same_clock_next_working_day` ends at
 * the start's clock time on the N-th following working day.
 */
export type WorkingDayMode = (typeof WORKING_DAY_MODES)[number];

export const REWORK_CLOCK_MODES = ['restart', 'keep'] as const;
/** 返工: restart the disposal clock or keep the original deadline (spec 03 §11, Uncertain 2). */
export type ReworkClockMode = (typeof REWORK_CLOCK_MODES)[number];

export const RETURN_CLOCK_MODES = ['restart', 'continue'] as const;
/** After an approved 回退 and re-dispatch: restart, or continue the old deadline (§11). */
export type ReturnClockMode = (typeof RETURN_CLOCK_MODES)[number];

export const RESUME_CLOCK_MODES = ['continue', 'restart'] as const;
/** 挂账恢复: the remaining time continues (spec default, [L]) or the whole limit restarts (Uncertain 3). */
export type ResumeClockMode = (typeof RESUME_CLOCK_MODES)[number];

/** A city's time-limit settings; every field is one of the spec's open points. */
export interface TimeLimitSettings {
  /** Elapsed share from which a running limit turns yellow (spec §10; default 0.8). */
  yellowThreshold: number;
  workingDayMode: WorkingDayMode;
  /**
   * Length of one working day in minutes for `window_length`; null = the calendar's standard day
   * (sum of its windows: 08:30–12:00 + 13:30–17:30 = 210 + 240 = 450 minutes).
   */
  workingDayMinutes: number | null;
  reworkClock: ReworkClockMode;
  returnClock: ReturnClockMode;
  resumeClock: ResumeClockMode;
  /** Whether the disposal clock runs while a 回退/延期/挂账/作废 request waits (§11; default true). */
  clockRunsWhilePending: boolean;
}

/** The defaults, as spec 03 §9–§11 suggest them. */
export const DEFAULT_TIME_LIMIT_SETTINGS: Readonly<TimeLimitSettings> = Object.freeze({
  yellowThreshold: 0.8,
  workingDayMode: 'window_length',
  workingDayMinutes: null,
  reworkClock: 'restart',
  returnClock: 'restart',
  resumeClock: 'continue',
  clockRunsWhilePending: true,
});

/** Fills missing fields with the defaults and checks the rest (`TIMELIMIT.SETTINGS_INVALID`). */
export function resolveSettings(partial: Partial<TimeLimitSettings> = {}): TimeLimitSettings {
  const s: TimeLimitSettings = { ...DEFAULT_TIME_LIMIT_SETTINGS };
  for (const [key, value] of Object.entries(partial) as [keyof TimeLimitSettings, unknown][]) {
    if (value !== undefined) (s as unknown as Record<string, unknown>)[key] = value;
  }
  const bad: { field: string; message: string }[] = [];
  if (!(s.yellowThreshold > 0 && s.yellowThreshold <= 1)) {
    bad.push({ field: 'yellowThreshold', message: 'a share in (0, 1]' });
  }
  if (!WORKING_DAY_MODES.includes(s.workingDayMode)) {
    bad.push({ field: 'workingDayMode', message: WORKING_DAY_MODES.join(' | ') });
  }
  if (
    s.workingDayMinutes !== null &&
    !(Number.isInteger(s.workingDayMinutes) && s.workingDayMinutes > 0 && s.workingDayMinutes <= 1440)
  ) {
    bad.push({ field: 'workingDayMinutes', message: 'null or whole minutes in 1…1440' });
  }
  if (!REWORK_CLOCK_MODES.includes(s.reworkClock))
    bad.push({ field: 'reworkClock', message: REWORK_CLOCK_MODES.join(' | ') });
  if (!RETURN_CLOCK_MODES.includes(s.returnClock))
    bad.push({ field: 'returnClock', message: RETURN_CLOCK_MODES.join(' | ') });
  if (!RESUME_CLOCK_MODES.includes(s.resumeClock))
    bad.push({ field: 'resumeClock', message: RESUME_CLOCK_MODES.join(' | ') });
  if (typeof s.clockRunsWhilePending !== 'boolean')
    bad.push({ field: 'clockRunsWhilePending', message: 'true or false' });
  if (bad.length) {
    throw new DomainError(
      'TIMELIMIT.SETTINGS_INVALID',
      `invalid time-limit settings: ${bad.map((b) => b.field).join(', ')}`,
      bad,
    );
  }
  return s;
}
