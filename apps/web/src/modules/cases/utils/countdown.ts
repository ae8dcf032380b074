import type { CaseClockView, DeadlineColour } from '@urbangrid/contracts';

/** Unit words of a countdown in the user's language (e.g. `{ day: '天', hour: '小时', minute: '分' }`). */
export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
}

export interface CountdownParts {
  overdue: boolean;
  /** Whole minutes between now and the deadline (absolute value). */
  minutes: number;
}

/** Minutes left until `deadline` (or past it), rounded down to whole minutes. */
export function countdownParts(deadline: string, now: number): CountdownParts {
  const diff = Date.parse(deadline) - now;
  return { overdue: diff < 0, minutes: Math.floor(Math.abs(diff) / 60_000) };
}

/**
 * A short duration, largest two units: `2d 3h`, `3h 5m`, `45m`. Days only when there is at
 * least one; minutes are dropped once days are shown (a desk reads days and hours at a glance).
 */
export function formatDuration(totalMinutes: number, units: DurationUnits, separator = ' '): string {
  const m = Math.max(0, Math.floor(totalMinutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  if (days > 0) return hours > 0 ? `${days}${units.day}${separator}${hours}${units.hour}` : `${days}${units.day}`;
  if (hours > 0) return minutes > 0 ? `${hours}${units.hour}${separator}${minutes}${units.minute}` : `${hours}${units.hour}`;
  return `${minutes}${units.minute}`;
}

/** The deadline a desk shows for a case: the running stage's, else the disposal deadline. */
export interface ActiveDeadline {
  kind: 'stage' | 'disposal';
  deadline: string;
  colour: DeadlineColour | null;
  paused: boolean;
}

export function activeDeadline(clock: CaseClockView, prefer: 'stage' | 'disposal' = 'stage'): ActiveDeadline | null {
  const stage: ActiveDeadline | null = clock.stageDeadline
    ? { kind: 'stage', deadline: clock.stageDeadline, colour: clock.stageColour, paused: false }
    : null;
  const disposal: ActiveDeadline | null = clock.disposalDeadline
    ? { kind: 'disposal', deadline: clock.disposalDeadline, colour: clock.disposalColour, paused: clock.disposalPaused }
    : null;
  return prefer === 'stage' ? (stage ?? disposal) : (disposal ?? stage);
}

/**
 * The colour to show now: the server's traffic light, turned red locally once the deadline has
 * passed between two reloads (the countdown ticks every minute without asking the API).
 */
export function currentColour(deadline: ActiveDeadline, now: number): DeadlineColour {
  if (!deadline.paused && Date.parse(deadline.deadline) < now) return 'red';
  return deadline.colour ?? 'green';
}
