import { describe, expect, it } from 'vitest';
import type { CaseCommand } from './case-command';
import { applyAction, createCase, type FlowRecordDraft } from './case-machine';
import type { Actor } from './case-snapshot';
import { createCommand, DEPT, newActor, NOW } from './case-test-factories';
import { replayFlow, type ReplayRecord } from './flow-replay';

const inspector = newActor('inspector');
const operator = newActor('operator');
const shiftLeader = newActor('shift_leader');
const dispatcher = newActor('dispatcher');
const department = newActor('department');

/** A public report walked to closure with a second extension: the records the API would store. */
function storedRecords(): FlowRecordDraft[] {
  const steps: [CaseCommand, Actor][] = [
    [{ type: 'sendVerify', inspectorId: 'inspector-1' }, operator],
    [{ type: 'answerVerify', truthful: true }, inspector],
    [{ type: 'accept' }, operator],
    [{ type: 'file' }, shiftLeader],
    [{ type: 'dispatch', departmentId: DEPT }, dispatcher],
    [{ type: 'acceptTask' }, department],
    [{ type: 'requestExtension', amount: 1, unit: 'day' }, department],
    [{ type: 'decideExtension', approve: true }, shiftLeader],
    [{ type: 'requestExtension', amount: 4, unit: 'hour' }, department],
    [{ type: 'decideExtension', approve: true }, shiftLeader],
    [{ type: 'decideExtension', approve: true }, newActor('leader')],
    [{ type: 'supervise', opinion: '督办' }, newActor('leader')],
    [{ type: 'replySupervision', opinion: '已处理' }, department],
    [{ type: 'feedback' }, department],
    [{ type: 'sendCheck', inspectorId: null }, operator],
    [{ type: 'answerCheck', done: true }, inspector],
    [{ type: 'close' }, shiftLeader],
  ];
  const created = createCase(createCommand('register'), operator, NOW);
  const records = [created.record];
  let snapshot = created.next;
  for (const [command, actor] of steps) {
    const t = applyAction(snapshot, command, actor, NOW);
    records.push(t.record);
    snapshot = t.next;
  }
  return records;
}

/** Records as they come back from storage: JSON, with the actor as the caller knows it. */
function fromStorage(records: FlowRecordDraft[]): ReplayRecord[] {
  return (JSON.parse(JSON.stringify(records)) as FlowRecordDraft[]).map((r) => ({
    ...r,
    at: new Date(r.at),
    actor: r.actor.role === 'inspector' ? { ...r.actor, gridCodes: inspector.gridCodes } : r.actor,
  }));
}

describe('replayFlow', () => {
  it('accepts a consistent history and rebuilds the case', () => {
    const result = replayFlow(fromStorage(storedRecords()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records).toBe(18);
    expect(result.snapshot).toMatchObject({
      state: 'CLOSED',
      extensionCount: 2,
      openSupervisionCount: 0,
      version: 18,
    });
  });

  it('reports a record whose state differs from the machine', () => {
    const records = fromStorage(storedRecords());
    records[5] = { ...records[5], toState: 'PROCESSING' };
    expect(replayFlow(records)).toMatchObject({ ok: false, index: 5, problem: 'state_mismatch' });
  });

  it('reports a skipped step as the machine refusing the next action', () => {
    const records = fromStorage(storedRecords());
    records.splice(3, 1); // accept removed: file from VERIFYING
    expect(replayFlow(records)).toMatchObject({ ok: false, index: 3, problem: 'from_state_mismatch' });
    records[3] = { ...records[3], fromState: undefined }; // without a recorded from-state the machine refuses
    expect(replayFlow(records)).toMatchObject({
      ok: false,
      index: 3,
      problem: 'rejected',
      code: 'CASE.INVALID_TRANSITION',
    });
  });

  it('reports an action by a role that may not take it', () => {
    const records = fromStorage(storedRecords());
    records[4] = { ...records[4], actor: dispatcher }; // 立案 by the dispatcher
    expect(replayFlow(records)).toMatchObject({
      ok: false,
      index: 4,
      problem: 'rejected',
      code: 'CASE.ROLE_NOT_ALLOWED',
    });
  });

  it('reports a payload the machine refuses (dispatch without department)', () => {
    const records = fromStorage(storedRecords());
    records[5] = { ...records[5], payload: {} };
    expect(replayFlow(records)).toMatchObject({
      ok: false,
      index: 5,
      problem: 'rejected',
      code: 'CASE.PAYLOAD_INVALID',
    });
  });

  it('reports a wrong recorded from-state', () => {
    const records = fromStorage(storedRecords());
    records[2] = { ...records[2], fromState: 'REPORTED' };
    expect(replayFlow(records)).toMatchObject({ ok: false, index: 2, problem: 'from_state_mismatch' });
  });

  it('reports an empty history, a history not starting with a creation, and a second creation', () => {
    const records = fromStorage(storedRecords());
    expect(replayFlow([])).toMatchObject({ ok: false, index: 0, problem: 'empty' });
    expect(replayFlow(records.slice(1))).toMatchObject({ ok: false, index: 0, problem: 'not_created' });
    expect(replayFlow([records[0], records[0]])).toMatchObject({
      ok: false,
      index: 1,
      problem: 'created_twice',
    });
  });

  it('replays drafts directly and keeps the snapshot reached before a failure', () => {
    const drafts = storedRecords().slice(0, 3);
    expect(replayFlow(drafts).ok).toBe(true);
    const broken = replayFlow([...drafts, { ...drafts[2], toState: 'CLOSED' }]);
    expect(broken).toMatchObject({
      ok: false,
      index: 3,
      snapshot: { state: 'VERIFYING', verifyAnswer: true },
    });
  });
});
