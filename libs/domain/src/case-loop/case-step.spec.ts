import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from '../time-limits/calendar';
import type { StageLimit } from '../time-limits/filing-standard';
import { DEPT, GRID, newActor } from '../workflow/case-test-factories';
import type { CaseCommand } from '../workflow/case-command';
import { type CaseStep, type CaseTimingContext, startCase, stepCase } from './case-step';

/** Mon–Fri 08:30–12:00 and 13:30–17:30 in Beijing time: 450 working minutes a day. */
const CALENDAR: WorkCalendar = {
  code: 'test',
  name: 'test',
  timeZone: 'Asia/Shanghai',
  windows: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekdays: [1, 2, 3, 4, 5],
  days: [],
};
const STAGES: StageLimit[] = [
  { stage: 'accept', urgency: 'normal', value: 10, unit: 'minute', basis: 'natural' },
  { stage: 'file', urgency: 'normal', value: 15, unit: 'minute', basis: 'natural' },
  { stage: 'dispatch', urgency: 'normal', value: 15, unit: 'minute', basis: 'natural' },
  { stage: 'sendCheck', urgency: 'normal', value: 30, unit: 'minute', basis: 'natural' },
  { stage: 'check', urgency: 'normal', value: 60, unit: 'minute', basis: 'natural' },
  { stage: 'close', urgency: 'normal', value: 60, unit: 'minute', basis: 'natural' },
];
const CTX: CaseTimingContext = {
  calendar: CALENDAR,
  stageLimits: STAGES,
  urgency: 'normal',
  disposalLimit: { value: 1, unit: 'working_day' },
};
/** Beijing local time on a day of the week of Monday 2026-11-23. */
const at = (day: number, hhmm: string) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

const inspector = newActor('inspector', { userId: 'insp-1' });
const operator = newActor('operator');
const shiftLeader = newActor('shift_leader');
const dispatcher = newActor('dispatcher');
const department = newActor('department');

/** Runs a patrol case up to PROCESSING: reported Mon 09:00, dispatched Mon 10:00. */
function dispatchedCase(): CaseStep {
  let s = startCase(
    { type: 'report', caseId: 'c1', kind: 'event', smallClassCode: '0102', gridCode: GRID },
    inspector,
    at(23, '09:00'),
    CTX,
  );
  const run = (command: CaseCommand, actor: typeof operator, when: Date) => {
    s = stepCase(s.next, s.timers, command, actor, when, CTX);
    return s;
  };
  run({ type: 'accept' }, operator, at(23, '09:05'));
  run({ type: 'file' }, shiftLeader, at(23, '09:30'));
  run({ type: 'dispatch', departmentId: DEPT }, dispatcher, at(23, '10:00'));
  run({ type: 'acceptTask' }, department, at(23, '10:10'));
  return s;
}

describe('case step: workflow transitions with their clocks', () => {
  it('starts the 受理 stage limit at the report', () => {
    const s = startCase(
      { type: 'report', caseId: 'c1', kind: 'event', smallClassCode: '0102', gridCode: GRID },
      inspector,
      at(23, '09:00'),
      CTX,
    );
    expect(s.next.state).toBe('REPORTED');
    // 09:00 + 10 natural minutes = 09:10 Beijing = 01:10Z
    expect(s.timers.stage).toMatchObject({ stage: 'accept', deadline: '2026-11-23T01:10:00.000Z' });
  });

  it('records whether each stage met its limit: 受理 on time, 立案 late', () => {
    const s0 = startCase(
      { type: 'report', caseId: 'c1', kind: 'event', smallClassCode: '0102', gridCode: GRID },
      inspector,
      at(23, '09:00'),
      CTX,
    );
    const s1 = stepCase(s0.next, s0.timers, { type: 'accept' }, operator, at(23, '09:05'), CTX);
    expect(s1.timing).toMatchObject({
      stage: 'accept',
      stageOnTime: true,
      stageDeadline: '2026-11-23T01:10:00.000Z',
    });
    // 立案 limit 15 min from 09:05 = 09:20; filed at 09:30 → late.
    const s2 = stepCase(s1.next, s1.timers, { type: 'file' }, shiftLeader, at(23, '09:30'), CTX);
    expect(s2.timing).toMatchObject({
      stage: 'file',
      stageOnTime: false,
      stageDeadline: '2026-11-23T01:20:00.000Z',
    });
    expect(s2.timers.stage?.stage).toBe('dispatch');
  });

  it('starts the disposal clock at dispatch: 1 working day from Mon 10:00 is Tue 10:00', () => {
    const s = dispatchedCase();
    // Mon 10:00–12:00 (120) + 13:30–17:30 (240) = 360; Tue 08:30 + 90 = 10:00 → 450 = one working day.
    expect(s.timers.disposal?.deadline).toBe('2026-11-24T02:00:00.000Z');
    expect(s.next.state).toBe('PROCESSING');
  });

  it('feedback before the deadline is 按期处置 and the close is 正常结案, copying the flag', () => {
    let s = dispatchedCase();
    s = stepCase(s.next, s.timers, { type: 'feedback' }, department, at(24, '09:30'), CTX);
    expect(s.timing).toMatchObject({ disposalOnTime: true, disposalDeadline: '2026-11-24T02:00:00.000Z' });
    s = stepCase(
      s.next,
      s.timers,
      { type: 'sendCheck', inspectorId: 'insp-1' },
      operator,
      at(24, '09:40'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'answerCheck', done: true }, inspector, at(24, '10:10'), CTX);
    s = stepCase(s.next, s.timers, { type: 'close' }, shiftLeader, at(24, '10:20'), CTX);
    expect(s.next.state).toBe('CLOSED');
    expect(s.next.closureType).toBe('normal');
    expect(s.timing.disposalOnTime).toBe(true);
  });

  it('feedback after the deadline makes the close 超时结案 (late)', () => {
    let s = dispatchedCase();
    s = stepCase(s.next, s.timers, { type: 'feedback' }, department, at(24, '11:00'), CTX);
    expect(s.timing.disposalOnTime).toBe(false);
    s = stepCase(
      s.next,
      s.timers,
      { type: 'sendCheck', inspectorId: 'insp-1' },
      operator,
      at(24, '11:05'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'answerCheck', done: true }, inspector, at(24, '11:30'), CTX);
    s = stepCase(s.next, s.timers, { type: 'close' }, shiftLeader, at(24, '11:40'), CTX);
    expect(s.next.closureType).toBe('late');
    expect(s.timing.disposalOnTime).toBe(false);
  });

  it('parking stops the clock and resuming continues the remaining working time', () => {
    let s = dispatchedCase();
    s = stepCase(
      s.next,
      s.timers,
      { type: 'requestPark', reasonCode: 'engineering' },
      department,
      at(23, '11:00'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'decidePark', approve: true }, dispatcher, at(23, '11:00'), CTX);
    expect(s.next.state).toBe('PARKED');
    // Left at Mon 11:00: 60 (to 12:00) + 240 (afternoon) + 90 (Tue to 10:00) = 390 working minutes.
    expect(s.timers.disposal?.remainingAtPause).toBe(390);
    s = stepCase(s.next, s.timers, { type: 'resume' }, dispatcher, at(25, '09:00'), CTX);
    // Wed 09:00–12:00 (180) + 13:30 + 210 = 17:00 Wed = 09:00Z.
    expect(s.timers.disposal?.deadline).toBe('2026-11-25T09:00:00.000Z');
  });

  it('an approved extension moves the deadline by the extension', () => {
    let s = dispatchedCase();
    s = stepCase(
      s.next,
      s.timers,
      { type: 'requestExtension', amount: 1, unit: 'working_day' },
      department,
      at(23, '15:00'),
      CTX,
    );
    s = stepCase(
      s.next,
      s.timers,
      { type: 'decideExtension', approve: true },
      shiftLeader,
      at(23, '16:00'),
      CTX,
    );
    expect(s.next.state).toBe('PROCESSING');
    // Tue 10:00 + 450 working minutes: Tue 10:00–12:00 (120) + 13:30–17:30 (240) + Wed 08:30 + 90 = Wed 10:00.
    expect(s.timers.disposal?.deadline).toBe('2026-11-25T02:00:00.000Z');
    expect(s.timing.disposalDeadline).toBe('2026-11-25T02:00:00.000Z');
  });

  it('rework restarts the disposal clock at the re-dispatch (default setting)', () => {
    let s = dispatchedCase();
    s = stepCase(s.next, s.timers, { type: 'feedback' }, department, at(24, '09:00'), CTX);
    s = stepCase(
      s.next,
      s.timers,
      { type: 'sendCheck', inspectorId: 'insp-1' },
      operator,
      at(24, '09:10'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'answerCheck', done: false }, inspector, at(24, '09:40'), CTX);
    expect(s.next.state).toBe('REWORK');
    s = stepCase(
      s.next,
      s.timers,
      { type: 'dispatch', departmentId: DEPT },
      dispatcher,
      at(24, '14:00'),
      CTX,
    );
    // Tue 14:00–17:30 (210) + Wed 08:30–12:00 (210) + 13:30 + 30 = Wed 14:00 = 06:00Z.
    expect(s.timers.disposal?.deadline).toBe('2026-11-25T06:00:00.000Z');
  });

  it('voiding a disposing case drops its disposal clock', () => {
    let s = dispatchedCase();
    s = stepCase(
      s.next,
      s.timers,
      { type: 'requestVoid', reasonCode: 'wrong_report' },
      dispatcher,
      at(23, '11:00'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'decideVoid', approve: true }, shiftLeader, at(23, '11:30'), CTX);
    expect(s.next.state).toBe('VOID');
    expect(s.timers.disposal).toBeNull();
  });
});

describe('case step: replaying the records', () => {
  it('a late closure is in its flow record, so replaying the records closes it late too', () => {
    let s = dispatchedCase();
    s = stepCase(s.next, s.timers, { type: 'feedback' }, department, at(24, '11:00'), CTX);
    s = stepCase(
      s.next,
      s.timers,
      { type: 'sendCheck', inspectorId: 'insp-1' },
      operator,
      at(24, '11:05'),
      CTX,
    );
    s = stepCase(s.next, s.timers, { type: 'answerCheck', done: true }, inspector, at(24, '11:30'), CTX);
    s = stepCase(s.next, s.timers, { type: 'close' }, shiftLeader, at(24, '11:40'), CTX);
    expect(s.record.payload).toMatchObject({ closureType: 'late' });
    expect(s.next.closureType).toBe('late');
  });
});
