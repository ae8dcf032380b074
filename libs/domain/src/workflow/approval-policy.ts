import type { ApprovalRequestPayload } from './case-snapshot';
import type { ApprovalKind, CaseRole } from './vocabulary';

/**
 * A condition that lengthens an approval chain (spec 03 §3, last paragraph).
 * - `secondExtension`: the case already had an approved 延期.
 * - `engineering`: the request is flagged engineering-type work.
 * - `batch`: the request covers at least `minCases` cases.
 * - `reason`: the request's reason code is one of `reasonCodes` (e.g. `misrouted`, a misrouting
 *   the 值班长 confirms).
 */
export type ApprovalCondition =
  | { readonly kind: 'secondExtension' }
  | { readonly kind: 'engineering' }
  | { readonly kind: 'batch'; readonly minCases: number }
  | { readonly kind: 'reason'; readonly reasonCodes: readonly string[] };

/** Extra approvers added when `when` holds, at the end of the chain unless `at: 'start'`. */
export interface ApprovalExtraStep {
  readonly when: ApprovalCondition;
  readonly approvers: readonly CaseRole[];
  readonly at?: 'start' | 'end';
}

export interface ApprovalRule {
  /** Ordered base chain. */
  readonly approvers: readonly CaseRole[];
  readonly extraSteps?: readonly ApprovalExtraStep[];
}

/** Approval chains per request type; data a city edits, not code. */
export type ApprovalPolicy = Readonly<Record<ApprovalKind, ApprovalRule>>;

/**
 * Default chains: 回退 and 挂账 by the 派遣员, 延期 by the 值班长 with the 领导 added for a second
 * extension, 作废 by the 值班长 (值班长-作废审批).
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  return: { approvers: ['dispatcher'] },
  extension: {
    approvers: ['shift_leader'],
    extraSteps: [{ when: { kind: 'secondExtension' }, approvers: ['leader'] }],
  },
  park: { approvers: ['dispatcher'] },
  void: { approvers: ['shift_leader'] },
};

/** What the conditions look at when a request is made. */
export interface ApprovalContext {
  /** Approved extensions before this request. */
  readonly extensionCount: number;
  readonly payload: ApprovalRequestPayload;
}

export function conditionHolds(condition: ApprovalCondition, context: ApprovalContext): boolean {
  switch (condition.kind) {
    case 'secondExtension':
      return context.extensionCount >= 1;
    case 'engineering':
      return context.payload.engineering === true;
    case 'batch':
      return (context.payload.batchSize ?? 1) >= condition.minCases;
    case 'reason':
      return (
        context.payload.reasonCode !== undefined && condition.reasonCodes.includes(context.payload.reasonCode)
      );
  }
}

/** The ordered approver roles of one request; a role appears once (its first place wins). */
export function approvalChain(
  kind: ApprovalKind,
  context: ApprovalContext,
  policy: ApprovalPolicy,
): CaseRole[] {
  const rule = policy[kind];
  const before: CaseRole[] = [];
  const after: CaseRole[] = [];
  for (const extra of rule.extraSteps ?? []) {
    if (conditionHolds(extra.when, context)) (extra.at === 'start' ? before : after).push(...extra.approvers);
  }
  return [...new Set([...before, ...rule.approvers, ...after])];
}

/** Every role that can appear in a chain of this kind: who may call the decide action at all. */
export function approverRoles(kind: ApprovalKind, policy: ApprovalPolicy): CaseRole[] {
  const rule = policy[kind];
  return [...new Set([...rule.approvers, ...(rule.extraSteps ?? []).flatMap((s) => s.approvers)])];
}

/**
 * A policy is usable when every base chain has at least one approver and every batch threshold
 * is a positive integer. Returns the problems, empty when fine (load-time check of city data).
 */
export function approvalPolicyProblems(policy: ApprovalPolicy): string[] {
  const problems: string[] = [];
  for (const kind of Object.keys(policy) as ApprovalKind[]) {
    const rule = policy[kind];
    if (rule.approvers.length === 0) problems.push(`${kind}: the chain has no approver`);
    for (const extra of rule.extraSteps ?? []) {
      if (extra.approvers.length === 0) problems.push(`${kind}: an extra step has no approver`);
      if (
        extra.when.kind === 'batch' &&
        !(Number.isInteger(extra.when.minCases) && extra.when.minCases > 0)
      ) {
        problems.push(`${kind}: batch minCases must be a positive integer`);
      }
    }
  }
  return problems;
}
