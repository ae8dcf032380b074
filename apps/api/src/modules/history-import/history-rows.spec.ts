import { describe, expect, it } from 'vitest';
import { parseHistoryTime, readHistoryCase } from './history-rows';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-01-01T00:00:00Z');

const base = {
  case_no: 'OLD-1',
  source: 'patrol',
  kind: 'event',
  class_code: '0102',
  lon: '120.15',
  lat: '30.30',
  reported_at: '2023-03-01 08:30',
  accepted_at: '2023-03-01 08:40',
  filed_at: '2023-03-01 08:50',
  dispatched_at: '2023-03-01 09:00',
  department: 'HW',
  feedback_at: '2023-03-01 14:00',
  checked_at: '2023-03-01 16:00',
  check_passed: 'yes',
  closed_at: '2023-03-01 16:30',
};

describe('parseHistoryTime', () => {
  it('reads a local time in the city zone and a zoned ISO time', () => {
    // 08:30 at +08:00 is 00:30 UTC.
    expect(parseHistoryTime('2023-03-01 08:30', TZ)?.toISOString()).toBe('2023-03-01T00:30:00.000Z');
    expect(parseHistoryTime('2023-03-01T08:30:15', TZ)?.toISOString()).toBe('2023-03-01T00:30:15.000Z');
    expect(parseHistoryTime('2023-03-01T08:30:00+08:00', TZ)?.toISOString()).toBe('2023-03-01T00:30:00.000Z');
    expect(parseHistoryTime('2023-03-01T00:30Z', TZ)?.toISOString()).toBe('2023-03-01T00:30:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(parseHistoryTime('2023-02-30 08:00', TZ)).toBeNull();
    expect(parseHistoryTime('2023-03-01 24:10', TZ)).toBeNull();
    expect(parseHistoryTime('01/03/2023', TZ)).toBeNull();
  });
});

describe('readHistoryCase', () => {
  it('turns the stage columns into the steps of the path, in minutes after the previous step', () => {
    const r = readHistoryCase(2, base, TZ, NOW);
    if (!('ok' in r)) throw new Error(r.bad.join('; '));
    expect(r.ok.script.at).toBe('2023-03-01T00:30:00.000Z');
    expect(r.ok.script.steps).toEqual([
      ['report', 0, null],
      ['accept', 10, null],
      ['file', 10, null],
      ['dispatch', 10, null, 'HW'],
      // 签收 not recorded: taken at the dispatch time.
      ['acceptTask', 0, null],
      ['feedback', 300, null], // 09:00 → 14:00
      // 发核查 not recorded: sent at the feedback time.
      ['sendCheck', 0, null],
      ['answerCheck', 120, null, true],
      ['close', 30, null],
    ]);
  });

  it('lists every problem of a row at once', () => {
    const r = readHistoryCase(
      7,
      {
        ...base,
        case_no: '',
        source: 'fax',
        filed_at: '2023-03-01 08:35',
        check_passed: 'maybe',
        closed_at: '2030-01-01 00:00',
      },
      TZ,
      NOW,
    );
    expect(r).toEqual({
      bad: [
        'case_no is required',
        'source "fax" is not one of patrol, self_disposal, hotline_12345, hotline_12319, public_web, video, leader, media, sensor',
        'check_passed must be yes / no when checked_at is given',
        'closed_at 2030-01-01 00:00 is in the future',
        'filed_at is before accepted_at: the stages are out of order',
      ],
    });
  });

  it('takes an explicit list of steps (JSON) and requires the first at reported_at', () => {
    const steps = [
      { action: 'report', at: '2023-03-01T00:30:00Z', by: 'inspector01' },
      { action: 'accept', at: '2023-03-01T00:45:30Z' },
    ];
    const r = readHistoryCase(1, { ...base, steps }, TZ, NOW);
    if (!('ok' in r)) throw new Error(r.bad.join('; '));
    expect(r.ok.script.steps).toEqual([
      ['report', 0, 'inspector01'],
      ['accept', 15.5, null],
    ]);
    const late = readHistoryCase(1, { ...base, steps: [{ action: 'fly', at: 'x' }] }, TZ, NOW);
    expect(late).toEqual({ bad: ['steps[0].action "fly" is not a workflow action'] });
  });
});
