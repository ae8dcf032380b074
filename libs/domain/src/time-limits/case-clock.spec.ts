import { describe, expect, it } from 'vitest';
import {
  type CaseClock,
  disposalProgress,
  EMPTY_CASE_CLOCK,
  endPending,
  endStage,
  extendDisposal,
  finishDisposal,
  pauseDisposal,
  redispatchDisposal,
  requestPending,
  resumeDisposal,
  stageProgress,
  startDisposal,
  startStage,
} from './case-clock';
import { resolveSettings } from './settings';
import { cst, testCalendar } from './test-calendar';

const cal = testCalendar();
const at = (local: string) => cst(local).toISOString();
/** A case dispatched Mon 11-30 09:00 with 1 working day (450 working min) → Tue 12-01 09:00. */
const dispatched = (settings = resolveSettings()): CaseClock =>
  startDisposal(EMPTY_CASE_CLOCK, { value: 1, unit: 'working_day' }, cst('2026-11-30 09:00'), cal, settings);

describe('stage clock', () => {
  it('starts, colours and ends a stage: 15 natural minutes from 09:00 → 09:15', () => {
    const clock = startStage(
      EMPTY_CASE_CLOCK,
      'file',
      { value: 15, unit: 'minute' },
      cst('2026-11-30 09:00'),
      cal,
    );
    expect(clock.stage).toEqual({
      stage: 'file',
      startedAt: at('2026-11-30 09:00'),
      deadline: at('2026-11-30 09:15'),
      limit: { value: 15, unit: 'minute', basis: 'natural' },
    });
    // 12 of 15 min = 0.8 → yellow.
    expect(stageProgress(clock, cst('2026-11-30 09:12'), cal)?.colour).toBe('yellow');
    const { clock: after, outcome } = endStage(clock, cst('2026-11-30 09:15'));
    expect(after.stage).toBeNull();
    expect(outcome).toEqual({
      stage: 'file',
      finishedAt: at('2026-11-30 09:15'),
      deadline: at('2026-11-30 09:15'),
      onTime: true,
    });
    expect(endStage(clock, cst('2026-11-30 09:16')).outcome.onTime).toBe(false);
  });

  it('refuses to end a stage that is not running', () => {
    expect(() => endStage(EMPTY_CASE_CLOCK, cst('2026-11-30 09:00'))).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.CLOCK_STATE' }),
    );
  });
});

describe('disposal clock', () => {
  it('starts with the deadline and the allowed working minutes', () => {
    const d = dispatched().disposal;
    // Mon 09:00 + 450: 180 (to 12:00) + 240 (afternoon) = 420, Tue 08:30 + 30 = 09:00.
    expect(d).toMatchObject({
      startedAt: at('2026-11-30 09:00'),
      deadline: at('2026-12-01 09:00'),
      allowedMinutes: 450,
      extensions: [],
    });
  });

  it('parks and resumes with the remaining time (挂账 → 挂账恢复)', () => {
    // Parked Mon 16:30: remaining = 60 (Mon to 17:30) + 30 (Tue 08:30–09:00) = 90 working min.
    const parked = pauseDisposal(dispatched(), cst('2026-11-30 16:30'), cal);
    expect(parked.disposal).toMatchObject({
      pausedAt: at('2026-11-30 16:30'),
      pauseReason: 'park',
      remainingAtPause: 90,
    });
    // While parked the progress stands still: used 450 − 90 = 360, share 0.8 → yellow, a week later too.
    expect(disposalProgress(parked, cst('2026-12-07 10:00'), cal)).toMatchObject({
      remaining: 90,
      elapsed: 360,
      colour: 'yellow',
    });
    // Resumed Thu 12-03 10:00: + 90 working min → 11:30.
    const resumed = resumeDisposal(parked, cst('2026-12-03 10:00'), cal);
    expect(resumed.disposal).toMatchObject({
      deadline: at('2026-12-03 11:30'),
      pausedAt: null,
      remainingAtPause: null,
    });
    expect(finishDisposal(resumed, cst('2026-12-03 11:30')).outcome.onTime).toBe(true);
  });

  it('resume may restart the whole limit (setting resumeClock = restart)', () => {
    const settings = resolveSettings({ resumeClock: 'restart' });
    const parked = pauseDisposal(dispatched(settings), cst('2026-11-30 16:30'), cal);
    // Thu 10:00 + 450 working min: 120 + 240 = 360 Thu, Fri 08:30 + 90 = 10:00.
    expect(resumeDisposal(parked, cst('2026-12-03 10:00'), cal, settings).disposal?.deadline).toBe(
      at('2026-12-04 10:00'),
    );
  });

  it('an overdue case keeps its passed deadline through a park', () => {
    const parked = pauseDisposal(dispatched(), cst('2026-12-01 10:00'), cal);
    // 60 working minutes late when parked.
    expect(parked.disposal?.remainingAtPause).toBe(-60);
    expect(disposalProgress(parked, cst('2026-12-02 10:00'), cal)?.colour).toBe('red');
    expect(resumeDisposal(parked, cst('2026-12-03 10:00'), cal).disposal?.deadline).toBe(
      at('2026-12-01 09:00'),
    );
  });

  it('refuses to resume a clock that is not parked, and to park twice', () => {
    const code = expect.objectContaining({ code: 'TIMELIMIT.CLOCK_STATE' }) as Error;
    expect(() => resumeDisposal(dispatched(), cst('2026-12-01 10:00'), cal)).toThrow(code);
    const parked = pauseDisposal(dispatched(), cst('2026-11-30 10:00'), cal);
    expect(() => pauseDisposal(parked, cst('2026-11-30 11:00'), cal)).toThrow(code);
    expect(() => finishDisposal(parked, cst('2026-11-30 11:00'))).toThrow(code);
  });

  it('extends the deadline in the limit basis and logs it (延期)', () => {
    // Deadline Tue 09:00 + 2 h counted as working time (the limit is working) → 11:00; allowed 450 + 120 = 570.
    const extended = extendDisposal(dispatched(), { value: 2, unit: 'hour' }, cst('2026-11-30 15:00'), cal);
    expect(extended.disposal).toMatchObject({ deadline: at('2026-12-01 11:00'), allowedMinutes: 570 });
    expect(extended.disposal?.extensions).toEqual([
      {
        at: at('2026-11-30 15:00'),
        by: { value: 2, unit: 'hour', basis: 'working' },
        deadlineBefore: at('2026-12-01 09:00'),
        deadlineAfter: at('2026-12-01 11:00'),
      },
    ]);
    // 按期处置 is judged against the extended deadline.
    expect(finishDisposal(extended, cst('2026-12-01 10:59')).outcome.onTime).toBe(true);
    // A second extension of 1 working day from 11:00 Tue → Wed 11:00.
    const twice = extendDisposal(extended, { value: 1, unit: 'working_day' }, cst('2026-12-01 10:00'), cal);
    expect(twice.disposal?.deadline).toBe(at('2026-12-02 11:00'));
    expect(twice.disposal?.extensions).toHaveLength(2);
  });

  it('by default the clock runs while a request is pending', () => {
    const clock = dispatched();
    expect(requestPending(clock, cst('2026-11-30 10:00'), cal)).toBe(clock);
  });

  it('clockRunsWhilePending = false stops the clock until the decision', () => {
    const settings = resolveSettings({ clockRunsWhilePending: false });
    // Requested Mon 16:30 (90 left), denied Wed 09:00 → 09:00 + 90 = 10:30.
    const pending = requestPending(dispatched(settings), cst('2026-11-30 16:30'), cal, settings);
    expect(pending.disposal).toMatchObject({ pauseReason: 'pending', remainingAtPause: 90 });
    expect(endPending(pending, cst('2026-12-02 09:00'), cal, settings).disposal?.deadline).toBe(
      at('2026-12-02 10:30'),
    );
    // A 挂账 approved after a stopped request keeps the pause from the request.
    const parked = pauseDisposal(pending, cst('2026-12-02 09:00'), cal);
    expect(parked.disposal).toMatchObject({
      pauseReason: 'park',
      pausedAt: at('2026-11-30 16:30'),
      remainingAtPause: 90,
    });
  });

  it('restarts on rework and after a return by default; keeps or continues by setting', () => {
    const late = dispatched();
    // Re-dispatched Wed 12-02 14:00, + 450: Wed 14:00–17:30 = 210, Thu 08:30–12:00 = 210, 13:30 + 30 = 14:00.
    expect(redispatchDisposal(late, 'rework', cst('2026-12-02 14:00'), cal).disposal?.deadline).toBe(
      at('2026-12-03 14:00'),
    );
    expect(redispatchDisposal(late, 'return', cst('2026-12-02 14:00'), cal).disposal?.deadline).toBe(
      at('2026-12-03 14:00'),
    );
    const keep = resolveSettings({ reworkClock: 'keep', returnClock: 'continue' });
    expect(redispatchDisposal(late, 'rework', cst('2026-12-02 14:00'), cal, keep).disposal?.deadline).toBe(
      at('2026-12-01 09:00'),
    );
    expect(redispatchDisposal(late, 'return', cst('2026-12-02 14:00'), cal, keep).disposal?.deadline).toBe(
      at('2026-12-01 09:00'),
    );
  });

  it('colours the disposal by the used share of the allowed time', () => {
    const clock = dispatched();
    // Mon 15:00: used 180 + 90 = 270 of 450 = 0.6 → green; Mon 17:30: 420/450 = 0.93 → yellow; Tue 09:01 → red.
    expect(disposalProgress(clock, cst('2026-11-30 15:00'), cal)).toMatchObject({
      elapsed: 270,
      remaining: 180,
      colour: 'green',
    });
    expect(disposalProgress(clock, cst('2026-11-30 17:30'), cal)?.colour).toBe('yellow');
    expect(disposalProgress(clock, cst('2026-12-01 09:01'), cal)).toMatchObject({
      remaining: -1,
      colour: 'red',
    });
    expect(disposalProgress(EMPTY_CASE_CLOCK, cst('2026-12-01 09:01'), cal)).toBeNull();
  });

  it('never changes its input', () => {
    const clock = dispatched();
    const copy = JSON.stringify(clock);
    pauseDisposal(clock, cst('2026-11-30 16:30'), cal);
    extendDisposal(clock, { value: 1, unit: 'hour' }, cst('2026-11-30 16:30'), cal);
    expect(JSON.stringify(clock)).toBe(copy);
  });
});
