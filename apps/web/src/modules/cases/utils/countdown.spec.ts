import type { CaseClockView } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { activeDeadline, countdownParts, currentColour, formatDuration } from './countdown';

const EN = { day: 'd', hour: 'h', minute: 'm' };
const ZH = { day: '天', hour: '小时', minute: '分' };
const NOW = Date.parse('2026-11-28T08:00:00Z');

describe('countdownParts', () => {
  it('counts whole minutes left before the deadline', () => {
    // 08:00 → 11:05:59 = 185 min 59 s → 185 whole minutes
    expect(countdownParts('2026-11-28T11:05:59Z', NOW)).toEqual({ overdue: false, minutes: 185 });
  });

  it('counts whole minutes past an overdue deadline', () => {
    // 07:20 was 40 min before 08:00
    expect(countdownParts('2026-11-28T07:20:00Z', NOW)).toEqual({ overdue: true, minutes: 40 });
  });
});

describe('formatDuration', () => {
  it('shows minutes below an hour', () => {
    expect(formatDuration(45, EN)).toBe('45m');
    expect(formatDuration(0, EN)).toBe('0m');
  });

  it('shows hours and minutes below a day', () => {
    // 185 = 3 × 60 + 5
    expect(formatDuration(185, EN)).toBe('3h 5m');
    expect(formatDuration(120, EN)).toBe('2h');
  });

  it('shows days and hours from a day on, dropping minutes', () => {
    // 3059 = 2 × 1440 + 2 × 60 + 59 → 2 d 2 h (59 min dropped)
    expect(formatDuration(3059, EN)).toBe('2d 2h');
    expect(formatDuration(2880, EN)).toBe('2d');
  });

  it('uses the given units and separator (Chinese has none)', () => {
    expect(formatDuration(185, ZH, '')).toBe('3小时5分');
  });
});

const clock = (over: Partial<CaseClockView>): CaseClockView => ({
  stage: null,
  stageDeadline: null,
  stageColour: null,
  disposalDeadline: null,
  disposalPaused: false,
  disposalRemainingMinutes: null,
  disposalColour: null,
  ...over,
});

describe('activeDeadline and currentColour', () => {
  const both = clock({
    stage: 'dispatch',
    stageDeadline: '2026-11-28T09:00:00Z',
    stageColour: 'yellow',
    disposalDeadline: '2026-11-30T09:00:00Z',
    disposalColour: 'green',
  });

  it('prefers the running stage, or the disposal limit when asked', () => {
    expect(activeDeadline(both)).toMatchObject({ kind: 'stage', colour: 'yellow' });
    expect(activeDeadline(both, 'disposal')).toMatchObject({ kind: 'disposal', colour: 'green' });
    expect(activeDeadline(clock({}))).toBeNull();
  });

  it('keeps the server colour until the deadline passes, then shows red', () => {
    const stage = activeDeadline(both);
    if (!stage) throw new Error('expected a deadline');
    expect(currentColour(stage, NOW)).toBe('yellow');
    expect(currentColour(stage, Date.parse('2026-11-28T09:01:00Z'))).toBe('red');
  });

  it('does not turn a paused (parked) disposal clock red', () => {
    const parked = activeDeadline(
      clock({ disposalDeadline: '2026-11-28T07:00:00Z', disposalColour: 'green', disposalPaused: true }),
    );
    if (!parked) throw new Error('expected a deadline');
    expect(currentColour(parked, NOW)).toBe('green');
  });
});
