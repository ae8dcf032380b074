import { DomainError } from '../errors';
import type { ApprovalPolicy } from './approval-policy';
import type { CaseCommand, CreateCaseCommand } from './case-command';
import { applyAction, createCase, type FlowPayload, type FlowRecordDraft } from './case-machine';
import type { Actor, CaseSnapshot } from './case-snapshot';
import type { CaseAction, CaseState } from './vocabulary';

/**
 * One stored 流转记录 as the replay needs it. `actor` is the acting user as it was then, with the
 * sub-units and grids the scope checks need (a `FlowRecordDraft` fits when none are needed).
 */
export interface ReplayRecord {
  readonly action: CaseAction;
  readonly actor: Actor;
  readonly opinion?: string | null;
  readonly payload: FlowPayload;
  readonly toState: CaseState;
  /** Checked when present. */
  readonly fromState?: CaseState | null;
  readonly at?: Date;
}

export type ReplayProblem =
  | 'empty' // no records
  | 'not_created' // the first record is not 上报 / 登记 / 自处理上报
  | 'created_twice' // a creating action after the first record
  | 'from_state_mismatch' // the record says it started from another state
  | 'rejected' // the machine refused the action (see `code`)
  | 'state_mismatch'; // the machine reached another state than the record says

export type ReplayResult =
  | { readonly ok: true; readonly snapshot: CaseSnapshot; readonly records: number }
  | {
      readonly ok: false;
      /** Index of the first inconsistent record. */
      readonly index: number;
      readonly problem: ReplayProblem;
      /** The domain error code when `problem` is `rejected`. */
      readonly code?: string;
      readonly message: string;
      /** The case as replayed up to the record before the inconsistency. */
      readonly snapshot: CaseSnapshot | null;
    };

const CREATING: readonly CaseAction[] = ['report', 'register', 'selfReport'];

export interface ReplayOptions {
  /** The approval chains the records were made under; default `DEFAULT_APPROVAL_POLICY`. */
  readonly policy?: ApprovalPolicy;
}

/**
 * Replays a case's flow records through the machine from its creation and reports the first
 * record the machine refuses or ends in another state than recorded. Proves stored or generated
 * histories consistent with the rules.
 */
export function replayFlow(
  records: readonly (ReplayRecord | FlowRecordDraft)[],
  options: ReplayOptions = {},
): ReplayResult {
  if (records.length === 0) {
    return { ok: false, index: 0, problem: 'empty', message: 'no flow records', snapshot: null };
  }
  let snapshot = null as CaseSnapshot | null;
  for (const [index, record] of records.entries()) {
    const fail = (problem: ReplayProblem, message: string, code?: string): ReplayResult => ({
      ok: false,
      index,
      problem,
      message: `record ${index} (${record.action}): ${message}`,
      snapshot,
      ...(code ? { code } : {}),
    });
    const creating = CREATING.includes(record.action);
    if (index === 0 && !creating) return fail('not_created', 'the first record must create the case');
    if (index > 0 && creating) return fail('created_twice', 'a case is created once');
    const expectedFrom: CaseState | null = snapshot?.state ?? null;
    if (record.fromState !== undefined && record.fromState !== expectedFrom) {
      return fail(
        'from_state_mismatch',
        `recorded from ${String(record.fromState)}, replayed ${String(expectedFrom)}`,
      );
    }
    let replayed: CaseSnapshot;
    try {
      replayed = replayOne(snapshot, record, options);
    } catch (error) {
      if (error instanceof DomainError) return fail('rejected', error.message, error.code);
      throw error;
    }
    snapshot = replayed;
    if (snapshot.state !== record.toState) {
      return fail('state_mismatch', `recorded ${record.toState}, replayed ${snapshot.state}`);
    }
  }
  if (snapshot === null) throw new Error('unreachable: records were not empty');
  return { ok: true, snapshot, records: records.length };
}

function replayOne(
  snapshot: CaseSnapshot | null,
  record: ReplayRecord | FlowRecordDraft,
  options: ReplayOptions,
): CaseSnapshot {
  // Records come from storage as JSON: the machine's payload guards validate the rebuilt command.
  const command: FlowPayload = { ...record.payload, type: record.action, opinion: record.opinion ?? null };
  const at: Date = record.at ?? new Date(0);
  return snapshot === null
    ? createCase(command as unknown as CreateCaseCommand, record.actor, at).next
    : applyAction(snapshot, command as unknown as CaseCommand, record.actor, at, options).next;
}
