import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import type { CaseCommand } from './case-command';
import { applyAction, createCase, type CaseTransition } from './case-machine';
import type { Actor, CaseSnapshot } from './case-snapshot';
import { createCommand, DEPT, newActor, NOW, OTHER_DEPT } from './case-test-factories';

const inspector = newActor('inspector');
const operator = newActor('operator');
const shiftLeader = newActor('shift_leader');
const dispatcher = newActor('dispatcher');
const department = newActor('department');
const otherDepartment = newActor('department', { userId: 'department-2', departmentId: OTHER_DEPT });
const leader = newActor('leader');

type Step = readonly [CaseCommand, Actor];

/** Apply the steps in order; returns every transition (the creation first). */
function walk(start: CaseTransition, steps: readonly Step[]): CaseTransition[] {
  const done = [start];
  for (const [command, actor] of steps)
    done.push(applyAction(done[done.length - 1].next, command, actor, NOW));
  return done;
}

/** Start a walk at an existing case; walks read only `next` of their first element. */
const startAt = (next: CaseSnapshot): CaseTransition => ({ next, effects: {} }) as unknown as CaseTransition;
const last = (t: CaseTransition[]): CaseSnapshot => t[t.length - 1].next;
const states = (t: CaseTransition[]) => t.map((x) => x.next.state);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

const toFiled: Step[] = [
  [{ type: 'accept' }, operator],
  [{ type: 'file' }, shiftLeader],
];
const toProcessing: Step[] = [
  ...toFiled,
  [{ type: 'dispatch', departmentId: DEPT }, dispatcher],
  [{ type: 'acceptTask' }, department],
];
const feedbackToClose: Step[] = [
  [{ type: 'feedback', opinion: '已修复' }, department],
  [{ type: 'sendCheck', inspectorId: 'inspector-1' }, operator],
  [{ type: 'answerCheck', done: true }, inspector],
  [{ type: 'close' }, shiftLeader],
];
const patrol = () => createCase(createCommand('report'), inspector, NOW);
const processing = () => last(walk(patrol(), toProcessing));

describe('patrol happy path 上报 → 受理 → 立案 → 派遣 → 签收 → 反馈 → 核查 → 结案', () => {
  const t = walk(patrol(), [...toProcessing, ...feedbackToClose]);

  it('walks the seven stages', () => {
    expect(states(t)).toEqual([
      'REPORTED',
      'ACCEPTED',
      'FILED',
      'DISPATCHED',
      'PROCESSING',
      'FEEDBACK',
      'CHECKING',
      'TO_CLOSE',
      'CLOSED',
    ]);
    expect(last(t)).toMatchObject({
      closureType: 'normal',
      departmentId: DEPT,
      firstDepartmentId: DEPT,
      version: 9,
    });
    expect(t[0].next).toMatchObject({ source: 'patrol', reporterId: 'inspector-1' });
  });

  it('tells the time-limit code which stage ends and starts, and what the disposal clock does', () => {
    expect(t.map((x) => x.effects)).toEqual([
      { stageStarted: 'accept' },
      { stageEnded: 'accept', stageStarted: 'file' },
      { stageEnded: 'file', stageStarted: 'dispatch' },
      { stageEnded: 'dispatch', disposal: 'start' },
      {},
      { stageStarted: 'sendCheck', disposal: 'stop' },
      { stageEnded: 'sendCheck', stageStarted: 'check' },
      { stageEnded: 'check', stageStarted: 'close' },
      { stageEnded: 'close' },
    ]);
  });

  it('records the department and the opinion', () => {
    expect(t[3].record).toMatchObject({
      action: 'dispatch',
      departmentId: DEPT,
      payload: { departmentId: DEPT },
    });
    expect(t[5].record).toMatchObject({
      action: 'feedback',
      opinion: '已修复',
      actor: { role: 'department' },
    });
  });
});

describe('public report 登记 → 发核实 → 核实', () => {
  const registered = () =>
    walk(createCase(createCommand('register'), operator, NOW), [
      [{ type: 'sendVerify', inspectorId: null }, operator],
    ]);

  it('属实: the operator accepts and the case goes on to filing', () => {
    const t = walk(registered()[1], [
      [{ type: 'answerVerify', truthful: true, opinion: '现场属实' }, inspector],
      [{ type: 'accept' }, operator],
      [{ type: 'file' }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['VERIFYING', 'VERIFYING', 'ACCEPTED', 'FILED']);
    expect(t[1].effects).toEqual({ stageEnded: 'verify' });
    expect(t[2].effects).toEqual({ stageStarted: 'file' });
    expect(last(t).verifyAnswer).toBe(true);
  });

  it('不属实: accepting is refused, the operator rejects as not verified', () => {
    const answered = walk(registered()[1], [[{ type: 'answerVerify', truthful: false }, inspector]]);
    expect(codeOf(() => applyAction(last(answered), { type: 'accept' }, operator, NOW))).toBe(
      'CASE.VERIFY_ANSWER_REQUIRED',
    );
    const rejected = applyAction(
      last(answered),
      { type: 'reject', reasonCode: 'not_verified' },
      operator,
      NOW,
    );
    expect(rejected.next.state).toBe('REJECTED');
  });

  it('a public report cannot be accepted without 核实, and an unanswered task cannot be accepted', () => {
    const reported = createCase(createCommand('register'), operator, NOW).next;
    expect(codeOf(() => applyAction(reported, { type: 'accept' }, operator, NOW))).toBe(
      'CASE.VERIFY_REQUIRED',
    );
    expect(codeOf(() => applyAction(registered()[1].next, { type: 'accept' }, operator, NOW))).toBe(
      'CASE.VERIFY_ANSWER_REQUIRED',
    );
  });

  it('the task with no named inspector goes to the inspectors of the grid; a second answer is refused', () => {
    const task = registered()[1].next;
    expect(
      codeOf(() =>
        applyAction(
          task,
          { type: 'answerVerify', truthful: true },
          newActor('inspector', { gridCodes: ['x'] }),
          NOW,
        ),
      ),
    ).toBe('CASE.NOT_ASSIGNED');
    const answered = applyAction(task, { type: 'answerVerify', truthful: true }, inspector, NOW).next;
    expect(
      codeOf(() => applyAction(answered, { type: 'answerVerify', truthful: false }, inspector, NOW)),
    ).toBe('CASE.TASK_ALREADY_ANSWERED');
  });

  it('a task named for inspector-1 is refused to inspector-2 even in the same grid', () => {
    const named = applyAction(
      createCase(createCommand('register'), operator, NOW).next,
      { type: 'sendVerify', inspectorId: 'inspector-1' },
      operator,
      NOW,
    ).next;
    const other = newActor('inspector', { userId: 'inspector-2' });
    expect(codeOf(() => applyAction(named, { type: 'answerVerify', truthful: true }, other, NOW))).toBe(
      'CASE.NOT_ASSIGNED',
    );
  });

  it('register refuses patrol and self-disposal sources', () => {
    const cmd = { ...createCommand('register'), source: 'patrol' as const };
    expect(codeOf(() => createCase(cmd, operator, NOW))).toBe('CASE.PAYLOAD_INVALID');
  });
});

describe('不予受理 and 不予立案', () => {
  it('reject as duplicate needs the original case', () => {
    const reported = patrol().next;
    expect(
      codeOf(() => applyAction(reported, { type: 'reject', reasonCode: 'duplicate' }, operator, NOW)),
    ).toBe('CASE.PAYLOAD_INVALID');
    expect(
      codeOf(() =>
        applyAction(
          reported,
          { type: 'reject', reasonCode: 'duplicate', duplicateOf: 'case-1' },
          operator,
          NOW,
        ),
      ),
    ).toBe('CASE.PAYLOAD_INVALID');
    const t = applyAction(
      reported,
      { type: 'reject', reasonCode: 'duplicate', duplicateOf: 'case-0' },
      operator,
      NOW,
    );
    expect(t.next.state).toBe('REJECTED');
    expect(t.record.payload).toEqual({ reasonCode: 'duplicate', duplicateOf: 'case-0' });
    expect(t.effects).toEqual({ stageEnded: 'accept' });
  });

  it('refuseFiling voids an accepted case', () => {
    const t = walk(patrol(), [
      [{ type: 'accept' }, operator],
      [{ type: 'refuseFiling', reasonCode: 'condition_not_met', opinion: '未达立案条件' }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['REPORTED', 'ACCEPTED', 'VOID']);
    expect(t[2].effects).toEqual({ stageEnded: 'file' });
  });
});

describe('自处理 self-disposal', () => {
  it('pass closes as self_disposal', () => {
    const t = walk(createCase(createCommand('selfReport'), inspector, NOW), [
      [{ type: 'auditSelfDisposal', pass: true }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['SELF_AUDIT', 'CLOSED']);
    expect(last(t).closureType).toBe('self_disposal');
    expect(t[0].next.source).toBe('self_disposal');
    expect(t.map((x) => x.effects)).toEqual([{ stageStarted: 'selfAudit' }, { stageEnded: 'selfAudit' }]);
  });

  it('fail continues as an ordinary case (spec 03 §6.2 rule 6)', () => {
    const t = walk(createCase(createCommand('selfReport'), inspector, NOW), [
      [{ type: 'auditSelfDisposal', pass: false }, shiftLeader],
      [{ type: 'file' }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['SELF_AUDIT', 'ACCEPTED', 'FILED']);
    expect(t[1].effects).toEqual({ stageEnded: 'selfAudit', stageStarted: 'file' });
  });
});

describe('回退 return', () => {
  it('approved: back to FILED; the re-dispatch tells the clock it follows a return', () => {
    const t = walk(startAt(processing()), [
      [{ type: 'requestReturn', reasonCode: 'not_responsible', targetDepartmentId: OTHER_DEPT }, department],
      [{ type: 'decideReturn', approve: true }, dispatcher],
      [{ type: 'dispatch', departmentId: OTHER_DEPT }, dispatcher],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'RETURN_PENDING', 'FILED', 'DISPATCHED']);
    expect(t[1].next.pending).toMatchObject({
      kind: 'return',
      chain: ['dispatcher'],
      step: 0,
      payload: { targetDepartmentId: OTHER_DEPT },
    });
    expect(t[1].effects).toEqual({ pendingRequest: 'opened' });
    expect(t[2].effects).toEqual({ stageStarted: 'dispatch' });
    expect(t[2].record.approval).toEqual({
      kind: 'return',
      step: 0,
      chainLength: 1,
      approve: true,
      final: true,
    });
    expect(t[3].effects).toEqual({
      stageEnded: 'dispatch',
      disposal: 'redispatch',
      redispatchAfter: 'return',
    });
    expect(last(t)).toMatchObject({
      returnCount: 1,
      firstDepartmentId: DEPT,
      departmentId: OTHER_DEPT,
      pending: null,
      previousState: null,
    });
  });

  it('denied: back to the state it came from, DISPATCHED included (§6.2 rules 4 and 7)', () => {
    const dispatched = last(
      walk(patrol(), [...toFiled, [{ type: 'dispatch', departmentId: DEPT }, dispatcher]]),
    );
    const t = walk(startAt(dispatched), [
      [{ type: 'requestReturn', reasonCode: 'other' }, department],
      [{ type: 'decideReturn', approve: false, opinion: '属本单位职责' }, dispatcher],
    ]);
    expect(states(t)).toEqual(['DISPATCHED', 'RETURN_PENDING', 'DISPATCHED']);
    expect(t[2].record.approval).toEqual({
      kind: 'return',
      step: 0,
      chainLength: 1,
      approve: false,
      final: true,
    });
    expect(t[2].effects).toEqual({ pendingRequest: 'settled' });
    expect(last(t)).toMatchObject({ returnCount: 0, pending: null, previousState: null });
  });

  it('another department may not ask for the return; a sub-unit parent may', () => {
    const p = processing();
    expect(
      codeOf(() => applyAction(p, { type: 'requestReturn', reasonCode: 'other' }, otherDepartment, NOW)),
    ).toBe('CASE.NOT_ASSIGNED');
    const parent = newActor('department', { departmentId: 'district', subUnitIds: [DEPT] });
    expect(applyAction(p, { type: 'requestReturn', reasonCode: 'other' }, parent, NOW).next.state).toBe(
      'RETURN_PENDING',
    );
  });
});

describe('延期 extension', () => {
  const request: Step = [
    { type: 'requestExtension', amount: 2, unit: 'working_day', opinion: '材料未到' },
    department,
  ];

  it('approved by the shift leader: deadline += 2 working days', () => {
    const t = walk(startAt(processing()), [
      request,
      [{ type: 'decideExtension', approve: true }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'EXTENSION_PENDING', 'PROCESSING']);
    expect(t[1].next.pending?.chain).toEqual(['shift_leader']);
    expect(t[2].effects).toEqual({
      disposal: 'extend',
      extension: { amount: 2, unit: 'working_day' },
      pendingRequest: 'settled',
    });
    expect(last(t).extensionCount).toBe(1);
  });

  it('denied: back to PROCESSING with no extension', () => {
    const t = walk(startAt(processing()), [
      request,
      [{ type: 'decideExtension', approve: false }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'EXTENSION_PENDING', 'PROCESSING']);
    expect(t[2].effects).toEqual({ pendingRequest: 'settled' });
    expect(last(t).extensionCount).toBe(0);
  });

  it('a second extension needs the leader after the shift leader', () => {
    const first = walk(startAt(processing()), [
      request,
      [{ type: 'decideExtension', approve: true }, shiftLeader],
      request,
    ]);
    const pending = last(first);
    expect(pending.pending).toMatchObject({ chain: ['shift_leader', 'leader'], step: 0 });
    expect(codeOf(() => applyAction(pending, { type: 'decideExtension', approve: true }, leader, NOW))).toBe(
      'CASE.NOT_CURRENT_APPROVER',
    );
    const step1 = applyAction(pending, { type: 'decideExtension', approve: true }, shiftLeader, NOW);
    expect(step1.next).toMatchObject({ state: 'EXTENSION_PENDING', pending: { step: 1 } });
    expect(step1.effects).toEqual({});
    expect(step1.record.approval).toEqual({
      kind: 'extension',
      step: 0,
      chainLength: 2,
      approve: true,
      final: false,
    });
    expect(
      codeOf(() => applyAction(step1.next, { type: 'decideExtension', approve: true }, shiftLeader, NOW)),
    ).toBe('CASE.NOT_CURRENT_APPROVER');
    const step2 = applyAction(step1.next, { type: 'decideExtension', approve: true }, leader, NOW);
    expect(step2.next).toMatchObject({ state: 'PROCESSING', extensionCount: 2, pending: null });
    expect(step2.effects.disposal).toBe('extend');
  });

  it('the leader may deny at the second step: back to PROCESSING', () => {
    const t = walk(startAt(processing()), [
      request,
      [{ type: 'decideExtension', approve: true }, shiftLeader],
      request,
      [{ type: 'decideExtension', approve: true }, shiftLeader],
      [{ type: 'decideExtension', approve: false }, leader],
    ]);
    expect(last(t)).toMatchObject({ state: 'PROCESSING', extensionCount: 1, pending: null });
  });

  it('refuses a zero, negative or non-numeric amount and an unknown unit', () => {
    const p = processing();
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        codeOf(() => applyAction(p, { type: 'requestExtension', amount, unit: 'day' }, department, NOW)),
      ).toBe('CASE.PAYLOAD_INVALID');
    }
    const week = { type: 'requestExtension', amount: 1, unit: 'week' } as unknown as CaseCommand;
    expect(codeOf(() => applyAction(p, week, department, NOW))).toBe('CASE.PAYLOAD_INVALID');
  });
});

describe('挂账 park and 挂账恢复 resume', () => {
  it('approved parks the case with the clock paused; resume runs it again', () => {
    const t = walk(startAt(processing()), [
      [{ type: 'requestPark', reasonCode: 'seasonal' }, department],
      [{ type: 'decidePark', approve: true }, dispatcher],
      [{ type: 'resume' }, dispatcher],
      ...feedbackToClose,
    ]);
    expect(states(t).slice(0, 4)).toEqual(['PROCESSING', 'PARK_PENDING', 'PARKED', 'PROCESSING']);
    expect([t[2].effects, t[3].effects]).toEqual([{ disposal: 'pause' }, { disposal: 'resume' }]);
    expect(t[1].effects).toEqual({ pendingRequest: 'opened' });
    expect(last(t).state).toBe('CLOSED');
  });

  it('denied goes back to PROCESSING', () => {
    const t = walk(startAt(processing()), [
      [{ type: 'requestPark', reasonCode: 'engineering' }, department],
      [{ type: 'decidePark', approve: false }, dispatcher],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'PARK_PENDING', 'PROCESSING']);
    expect(t[1].next.pending?.payload).toEqual({ reasonCode: 'engineering', engineering: true });
  });
});

describe('核查 未处理 → 返工 → 再派遣', () => {
  it('check not done goes to REWORK and is re-dispatched with a fresh clock', () => {
    const t = walk(startAt(processing()), [
      [{ type: 'feedback' }, department],
      [{ type: 'sendCheck', inspectorId: 'inspector-1' }, operator],
      [{ type: 'answerCheck', done: false, opinion: '仍有垃圾' }, inspector],
      [{ type: 'dispatch', departmentId: DEPT }, dispatcher],
      [{ type: 'acceptTask' }, department],
      ...feedbackToClose,
    ]);
    expect(states(t).slice(0, 6)).toEqual([
      'PROCESSING',
      'FEEDBACK',
      'CHECKING',
      'REWORK',
      'DISPATCHED',
      'PROCESSING',
    ]);
    expect(t[3].effects).toEqual({ stageEnded: 'check', stageStarted: 'dispatch' });
    expect(t[3].next).toMatchObject({ reworkCount: 1, checkAnswer: false });
    expect(t[4].effects).toEqual({
      stageEnded: 'dispatch',
      disposal: 'redispatch',
      redispatchAfter: 'rework',
    });
    expect(t[4].next.checkAnswer).toBeNull();
    expect(last(t)).toMatchObject({ state: 'CLOSED', reworkCount: 1 });
  });

  it('the shift leader may send a checked case back (TO_CLOSE → REWORK); re-dispatch to a corrected department', () => {
    const t = walk(startAt(processing()), [
      ...feedbackToClose.slice(0, 3),
      [{ type: 'rework', opinion: '与反馈不符' }, shiftLeader],
      [{ type: 'dispatch', departmentId: OTHER_DEPT }, dispatcher],
    ]);
    expect(states(t).slice(3)).toEqual(['TO_CLOSE', 'REWORK', 'DISPATCHED']);
    expect(t[4].effects).toEqual({ stageEnded: 'close', stageStarted: 'dispatch' });
    expect(t[5].effects).toEqual({
      stageEnded: 'dispatch',
      disposal: 'redispatch',
      redispatchAfter: 'rework',
    });
    expect(last(t)).toMatchObject({ reworkCount: 1, firstDepartmentId: DEPT, departmentId: OTHER_DEPT });
  });

  it('close refuses the self-disposal closure type and takes late', () => {
    const toClose = last(walk(startAt(processing()), feedbackToClose.slice(0, 3)));
    expect(
      codeOf(() =>
        applyAction(toClose, { type: 'close', closureType: 'self_disposal' as 'late' }, shiftLeader, NOW),
      ),
    ).toBe('CASE.PAYLOAD_INVALID');
    expect(
      applyAction(toClose, { type: 'close', closureType: 'late' }, shiftLeader, NOW).next.closureType,
    ).toBe('late');
  });
});

describe('作废 after filing', () => {
  it('approved by the shift leader: VOID, the disposal clock cancelled when it ran', () => {
    const t = walk(startAt(processing()), [
      [{ type: 'requestVoid', reasonCode: 'duplicate', duplicateOf: 'case-0' }, operator],
      [{ type: 'decideVoid', approve: true }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'VOID_PENDING', 'VOID']);
    expect(t[2].effects).toEqual({ disposal: 'cancel' });
    expect(t[1].effects).toEqual({ pendingRequest: 'opened' });
  });

  it('approved from FILED ends the dispatch stage', () => {
    const filed = last(walk(patrol(), toFiled));
    const t = walk(startAt(filed), [
      [{ type: 'requestVoid', reasonCode: 'wrong_report' }, dispatcher],
      [{ type: 'decideVoid', approve: true }, shiftLeader],
    ]);
    expect(t[1].effects).toEqual({});
    expect(t[2].effects).toEqual({ stageEnded: 'dispatch' });
  });

  it('denied: back to the state it came from', () => {
    const checking = last(walk(startAt(processing()), feedbackToClose.slice(0, 2)));
    const t = walk(startAt(checking), [
      [{ type: 'requestVoid', reasonCode: 'other' }, operator],
      [{ type: 'decideVoid', approve: false }, shiftLeader],
    ]);
    expect(states(t)).toEqual(['CHECKING', 'VOID_PENDING', 'CHECKING']);
    // the disposal clock ended with 处理反馈: the request neither opens nor settles anything on it
    expect(t.slice(1).map((x) => x.effects)).toEqual([{}, {}]);
    expect(codeOf(() => applyAction(t[1].next, { type: 'decideVoid', approve: true }, dispatcher, NOW))).toBe(
      'CASE.ROLE_NOT_ALLOWED',
    );
  });
});

describe('督办 supervise and reply', () => {
  it('records a notice and the department reply without changing the state', () => {
    const p = processing();
    const t = walk(startAt(p), [
      [{ type: 'supervise', opinion: '请今日处置完毕' }, leader],
      [{ type: 'replySupervision', opinion: '已安排' }, department],
    ]);
    expect(states(t)).toEqual(['PROCESSING', 'PROCESSING', 'PROCESSING']);
    expect(t.slice(1).map((x) => x.effects)).toEqual([{}, {}]);
    expect(t[1].next.openSupervisionCount).toBe(1);
    expect(t[1].record).toMatchObject({
      action: 'supervise',
      fromState: 'PROCESSING',
      toState: 'PROCESSING',
      opinion: '请今日处置完毕',
    });
    expect(last(t)).toMatchObject({ openSupervisionCount: 0, version: p.version + 2 });
  });

  it('needs an opinion, an open notice to reply to, and the case department', () => {
    const p = processing();
    expect(codeOf(() => applyAction(p, { type: 'supervise', opinion: ' ' }, dispatcher, NOW))).toBe(
      'CASE.PAYLOAD_INVALID',
    );
    expect(codeOf(() => applyAction(p, { type: 'replySupervision', opinion: 'x' }, department, NOW))).toBe(
      'CASE.NO_OPEN_SUPERVISION',
    );
    const supervised = applyAction(p, { type: 'supervise', opinion: '督办' }, shiftLeader, NOW).next;
    expect(
      codeOf(() => applyAction(supervised, { type: 'replySupervision', opinion: 'x' }, otherDepartment, NOW)),
    ).toBe('CASE.NOT_ASSIGNED');
    expect(codeOf(() => applyAction(supervised, { type: 'supervise', opinion: 'x' }, operator, NOW))).toBe(
      'CASE.ROLE_NOT_ALLOWED',
    );
  });
});

describe('payload guards', () => {
  it('dispatch needs a department id', () => {
    const filed = last(walk(patrol(), toFiled));
    for (const departmentId of ['', undefined, 7]) {
      const cmd = { type: 'dispatch', departmentId } as unknown as CaseCommand;
      expect(codeOf(() => applyAction(filed, cmd, dispatcher, NOW))).toBe('CASE.PAYLOAD_INVALID');
    }
  });

  it('answers must be booleans and opinions text', () => {
    const task = { ...processing(), state: 'CHECKING' as const, taskInspectorId: 'inspector-1' };
    const cmd = { type: 'answerCheck', done: 'yes' } as unknown as CaseCommand;
    expect(codeOf(() => applyAction(task, cmd, inspector, NOW))).toBe('CASE.PAYLOAD_INVALID');
    const opinion = { type: 'answerCheck', done: true, opinion: 3 } as unknown as CaseCommand;
    expect(codeOf(() => applyAction(task, opinion, inspector, NOW))).toBe('CASE.PAYLOAD_INVALID');
  });

  it('a scope failure comes before a payload failure', () => {
    const cmd = { type: 'requestExtension', amount: -1, unit: 'day' } as const;
    expect(codeOf(() => applyAction(processing(), cmd, otherDepartment, NOW))).toBe('CASE.NOT_ASSIGNED');
  });
});

describe('领导交办 leader assignment', () => {
  it('a leader registers its own assignment; an operator registers the other sources', () => {
    const leader = newActor('leader');
    const t = createCase(createCommand('register', 'leader'), leader, NOW);
    expect(t.next).toMatchObject({ state: 'REPORTED', source: 'leader' });
  });

  it('a leader may not register a hotline entry, nor an operator a leader assignment', () => {
    expect(() => createCase(createCommand('register'), newActor('leader'), NOW)).toThrow(
      expect.objectContaining({ code: 'CASE.ROLE_NOT_ALLOWED' }),
    );
    expect(() => createCase(createCommand('register', 'leader'), newActor('operator'), NOW)).toThrow(
      expect.objectContaining({ code: 'CASE.ROLE_NOT_ALLOWED' }),
    );
  });
});
