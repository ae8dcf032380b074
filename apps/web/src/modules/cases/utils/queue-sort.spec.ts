import type { CaseClockView, CaseSummary } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { sortDispatchQueue } from './queue-sort';

const clock = (stageDeadline: string | null, disposalDeadline: string | null = null): CaseClockView => ({
  stage: stageDeadline ? 'dispatch' : null,
  stageDeadline,
  stageColour: stageDeadline ? 'green' : null,
  disposalDeadline,
  disposalPaused: false,
  disposalRemainingMinutes: null,
  disposalColour: disposalDeadline ? 'green' : null,
});

function newCase(caseNo: string, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: caseNo,
    caseNo,
    state: 'FILED',
    source: 'patrol',
    kind: 'event',
    classCode: '0102',
    className: null,
    description: 'x',
    address: null,
    position: [120.1, 30.2],
    departmentId: null,
    departmentName: null,
    urgency: 'normal',
    reportedAt: '2026-11-28T01:00:00.000Z',
    updatedAt: '2026-11-28T01:00:00.000Z',
    version: 1,
    supervisionCount: 0,
    districtCode: '330105',
    streetCode: null,
    communityCode: null,
    gridCode: null,
    clock: clock(null),
    ...over,
  };
}

const order = (cases: CaseSummary[]) => sortDispatchQueue(cases).map((c) => c.caseNo);

describe('sortDispatchQueue', () => {
  it('puts urgent cases first, whatever their deadline', () => {
    const cases = [
      newCase('N-early', { clock: clock('2026-11-28T02:00:00Z') }),
      newCase('U-late', { urgency: 'urgent', clock: clock('2026-11-29T02:00:00Z') }),
    ];
    expect(order(cases)).toEqual(['U-late', 'N-early']);
  });

  it('orders by the nearest deadline within an urgency, cases without a deadline last', () => {
    const cases = [
      newCase('none'),
      newCase('later', { clock: clock('2026-11-28T09:00:00Z') }),
      newCase('sooner', { clock: clock('2026-11-28T03:00:00Z') }),
      // no stage deadline: the disposal deadline counts (a REWORK case keeps its disposal clock)
      newCase('disposal', { clock: clock(null, '2026-11-28T05:00:00Z') }),
    ];
    expect(order(cases)).toEqual(['sooner', 'disposal', 'later', 'none']);
  });

  it('breaks ties by the older report, then the case number, and leaves the input alone', () => {
    const same = clock('2026-11-28T03:00:00Z');
    const cases = [
      newCase('B', { clock: same, reportedAt: '2026-11-28T00:30:00Z' }),
      newCase('C', { clock: same, reportedAt: '2026-11-28T00:10:00Z' }),
      newCase('A', { clock: same, reportedAt: '2026-11-28T00:30:00Z' }),
    ];
    expect(order(cases)).toEqual(['C', 'A', 'B']);
    expect(cases.map((c) => c.caseNo)).toEqual(['B', 'C', 'A']);
  });
});
