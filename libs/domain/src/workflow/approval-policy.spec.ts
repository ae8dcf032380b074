import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  approvalChain,
  approvalPolicyProblems,
  approverRoles,
  DEFAULT_APPROVAL_POLICY,
  type ApprovalPolicy,
} from './approval-policy';
import { allowedActions, applyAction } from './case-machine';
import { DEPT, newActor, newCase, NOW, OTHER_DEPT } from './case-test-factories';
import { rolesAllowed, TRANSITIONS } from './transition-table';

/** A city with the 2014 notice's rules (spec 03 §3): misrouting goes to the 值班长 first, any other
 * return reason and engineering extensions to the centre leader, batches of 10+ to the leader. */
const STRICT_CITY: ApprovalPolicy = {
  return: {
    approvers: ['dispatcher'],
    extraSteps: [
      { when: { kind: 'reason', reasonCodes: ['misrouted'] }, approvers: ['shift_leader'], at: 'start' },
      { when: { kind: 'reason', reasonCodes: ['not_responsible', 'other'] }, approvers: ['leader'] },
    ],
  },
  extension: {
    approvers: ['shift_leader'],
    extraSteps: [
      { when: { kind: 'secondExtension' }, approvers: ['dispatcher', 'leader'] },
      { when: { kind: 'engineering' }, approvers: ['dispatcher', 'leader'] },
    ],
  },
  park: {
    approvers: ['dispatcher'],
    extraSteps: [{ when: { kind: 'batch', minCases: 10 }, approvers: ['leader'] }],
  },
  void: { approvers: ['shift_leader'] },
};

describe('DEFAULT_APPROVAL_POLICY', () => {
  it('is one approver per kind, the leader added for a second extension', () => {
    const first = { extensionCount: 0, payload: {} };
    const second = { extensionCount: 1, payload: {} };
    expect(approvalChain('return', first, DEFAULT_APPROVAL_POLICY)).toEqual(['dispatcher']);
    expect(approvalChain('park', first, DEFAULT_APPROVAL_POLICY)).toEqual(['dispatcher']);
    expect(approvalChain('void', first, DEFAULT_APPROVAL_POLICY)).toEqual(['shift_leader']);
    expect(approvalChain('extension', first, DEFAULT_APPROVAL_POLICY)).toEqual(['shift_leader']);
    expect(approvalChain('extension', second, DEFAULT_APPROVAL_POLICY)).toEqual(['shift_leader', 'leader']);
    expect(approvalPolicyProblems(DEFAULT_APPROVAL_POLICY)).toEqual([]);
  });

  it('gives the decide rows of TRANSITIONS their roles', () => {
    const roles = Object.fromEntries(
      TRANSITIONS.filter((r) => r.action.startsWith('decide')).map((r) => [r.action, r.roles]),
    );
    expect(roles).toEqual({
      decideReturn: ['dispatcher'],
      decideExtension: ['shift_leader', 'leader'],
      decidePark: ['dispatcher'],
      decideVoid: ['shift_leader'],
    });
  });
});

describe('a city policy', () => {
  it('lengthens chains by reason, engineering flag, second extension and batch size', () => {
    expect(
      approvalChain('return', { extensionCount: 0, payload: { reasonCode: 'misrouted' } }, STRICT_CITY),
    ).toEqual(['shift_leader', 'dispatcher']);
    expect(
      approvalChain('return', { extensionCount: 0, payload: { reasonCode: 'other' } }, STRICT_CITY),
    ).toEqual(['dispatcher', 'leader']);
    // both conditions add dispatcher + leader: each role appears once
    expect(
      approvalChain('extension', { extensionCount: 1, payload: { engineering: true } }, STRICT_CITY),
    ).toEqual(['shift_leader', 'dispatcher', 'leader']);
    expect(approvalChain('park', { extensionCount: 0, payload: { batchSize: 9 } }, STRICT_CITY)).toEqual([
      'dispatcher',
    ]);
    expect(approvalChain('park', { extensionCount: 0, payload: { batchSize: 10 } }, STRICT_CITY)).toEqual([
      'dispatcher',
      'leader',
    ]);
    expect(approverRoles('return', STRICT_CITY)).toEqual(['dispatcher', 'shift_leader', 'leader']);
  });

  it('lets the roles of the city chain decide, in order', () => {
    const processing = newCase({ state: 'PROCESSING', departmentId: DEPT, firstDepartmentId: DEPT });
    const options = { policy: STRICT_CITY };
    expect(rolesAllowed('decideReturn', STRICT_CITY)).toContain('leader');
    const requested = applyAction(
      processing,
      { type: 'requestReturn', reasonCode: 'misrouted', targetDepartmentId: OTHER_DEPT },
      newActor('department'),
      NOW,
      options,
    ).next;
    expect(requested.pending?.chain).toEqual(['shift_leader', 'dispatcher']);
    expect(allowedActions(requested, newActor('dispatcher'), options)).not.toContain('decideReturn');
    expect(allowedActions(requested, newActor('shift_leader'), options)).toContain('decideReturn');
    const confirmed = applyAction(
      requested,
      { type: 'decideReturn', approve: true },
      newActor('shift_leader'),
      NOW,
      options,
    );
    expect(confirmed.next).toMatchObject({ state: 'RETURN_PENDING', pending: { step: 1 } });
    const approved = applyAction(
      confirmed.next,
      { type: 'decideReturn', approve: true },
      newActor('dispatcher'),
      NOW,
      options,
    );
    expect(approved.next).toMatchObject({ state: 'FILED', returnCount: 1 });
  });

  it('refuses a role outside every chain of the kind', () => {
    const pending = newCase({
      state: 'PARK_PENDING',
      previousState: 'PROCESSING',
      pending: {
        kind: 'park',
        chain: ['dispatcher'],
        step: 0,
        requestedBy: { userId: 'department-1', role: 'department', departmentId: DEPT },
        payload: { reasonCode: 'seasonal' },
      },
    });
    let code = '';
    try {
      applyAction(pending, { type: 'decidePark', approve: true }, newActor('shift_leader'), NOW, {
        policy: STRICT_CITY,
      });
    } catch (error) {
      if (error instanceof DomainError) code = error.code;
    }
    expect(code).toBe('CASE.ROLE_NOT_ALLOWED');
  });

  it('reports an empty chain and a bad batch threshold', () => {
    const broken: ApprovalPolicy = {
      ...DEFAULT_APPROVAL_POLICY,
      void: { approvers: [] },
      park: {
        approvers: ['dispatcher'],
        extraSteps: [{ when: { kind: 'batch', minCases: 0 }, approvers: ['leader'] }],
      },
    };
    expect(approvalPolicyProblems(broken)).toEqual([
      'park: batch minCases must be a positive integer',
      'void: the chain has no approver',
    ]);
  });
});
