import { describe, expect, it } from 'vitest';
import { publicStatus, type StatusFacts } from './open311-status';

const facts = (over: Partial<StatusFacts>): StatusFacts => ({
  state: 'REPORTED',
  previousState: null,
  closureType: null,
  reason: null,
  duplicateOfNo: null,
  departmentName: null,
  ...over,
});

describe('publicStatus (spec 07 §10)', () => {
  it('maps the open states to open with the default templates and extended statuses', () => {
    expect(publicStatus(facts({ state: 'REPORTED' }))).toEqual({
      status: 'open',
      statusNotes: '已收到，待受理',
      detailedStatus: 'OPEN',
    });
    expect(publicStatus(facts({ state: 'VERIFYING' })).detailedStatus).toBe('INVESTIGATING');
    expect(publicStatus(facts({ state: 'FILED' })).statusNotes).toBe('已立案，待派遣');
    expect(publicStatus(facts({ state: 'PARKED' })).detailedStatus).toBe('ACTION_SCHEDULED');
    expect(publicStatus(facts({ state: 'CHECKING' })).statusNotes).toBe('已处置，待核查');
    expect(publicStatus(facts({ state: 'SELF_AUDIT' })).statusNotes).toBe('现场已处置，待审核');
  });

  it('shows internal requests as plain disposal, naming the department', () => {
    for (const state of [
      'DISPATCHED',
      'PROCESSING',
      'RETURN_PENDING',
      'EXTENSION_PENDING',
      'PARK_PENDING',
      'REWORK',
    ] as const) {
      expect(publicStatus(facts({ state, departmentName: '区环卫所' }))).toEqual({
        status: 'open',
        statusNotes: '已派遣至区环卫所，处置中',
        detailedStatus: 'IN_PROGRESS',
      });
    }
    // A 作废 request shows the state before it.
    expect(publicStatus(facts({ state: 'VOID_PENDING', previousState: 'FILED' })).statusNotes).toBe(
      '已立案，待派遣',
    );
  });

  it('closes with the reason templates, never an internal opinion', () => {
    expect(publicStatus(facts({ state: 'CLOSED', closureType: 'normal' }))).toEqual({
      status: 'closed',
      statusNotes: '已结案',
      detailedStatus: 'FIXED',
    });
    expect(publicStatus(facts({ state: 'CLOSED', closureType: 'self_disposal' })).statusNotes).toBe(
      '已现场处置',
    );
    expect(
      publicStatus(facts({ state: 'REJECTED', reason: 'duplicate', duplicateOfNo: '202600000007' })),
    ).toEqual({
      status: 'closed',
      statusNotes: '重复上报，见案件 202600000007',
      detailedStatus: 'DUPLICATE',
    });
    expect(publicStatus(facts({ state: 'REJECTED', reason: 'out_of_scope' })).detailedStatus).toBe(
      'NOT_COUNCILS_RESPONSIBILITY',
    );
    expect(publicStatus(facts({ state: 'REJECTED', reason: 'insufficient_info' })).statusNotes).toBe(
      '信息不足',
    );
    expect(publicStatus(facts({ state: 'REJECTED', reason: 'not_verified' })).statusNotes).toBe(
      '经核实，问题不存在',
    );
    expect(publicStatus(facts({ state: 'VOID', reason: 'condition_not_met' })).statusNotes).toBe(
      '不予立案：不符合立案条件',
    );
    expect(publicStatus(facts({ state: 'VOID', reason: 'duplicate' })).detailedStatus).toBe('DUPLICATE');
  });
});
