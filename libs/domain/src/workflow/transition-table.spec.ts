import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { allowedActions, applyAction, createCase } from './case-machine';
import {
  caseReadyFor,
  createCommand,
  deepFreeze,
  newActor,
  newCase,
  NOW,
  validCommand,
} from './case-test-factories';
import type { CaseSnapshot } from './case-snapshot';
import { OPEN_STATES, rolesAllowed, TRANSITIONS, type TransitionTarget } from './transition-table';
import { CASE_ACTIONS, CASE_ROLES, CASE_STATES, type CaseAction, type CaseState } from './vocabulary';

type ActionOnCase = Exclude<CaseAction, 'report' | 'register' | 'selfReport'>;

function targets(to: readonly TransitionTarget[], s: CaseSnapshot): CaseState[] {
  return to.map((t) => (t === 'unchanged' ? s.state : t === 'previous' ? (s.previousState as CaseState) : t));
}

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const onCase = TRANSITIONS.filter((r) => r.from.length > 0);
const creating = TRANSITIONS.filter((r) => r.from.length === 0);

describe('TRANSITIONS (spec 03 §6.3 with §6.2)', () => {
  it('has one row per action of the vocabulary', () => {
    expect(TRANSITIONS.map((r) => r.action).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('lets every open state but nothing terminal take 督办', () => {
    expect(OPEN_STATES).toHaveLength(CASE_STATES.length - 3);
    expect(OPEN_STATES).not.toContain('CLOSED');
    expect(OPEN_STATES).not.toContain('VOID');
    expect(OPEN_STATES).not.toContain('REJECTED');
  });

  it('gives no workflow action to admin', () => {
    expect(TRANSITIONS.filter((r) => r.roles.includes('admin'))).toEqual([]);
  });

  for (const rule of creating) {
    for (const role of rule.roles) {
      it(`${role} may ${rule.action} (${rule.label}) → ${rule.to.join('|')}`, () => {
        const { next, record } = createCase(
          createCommand(rule.action as 'report' | 'register' | 'selfReport', role),
          newActor(role),
          NOW,
        );
        expect(rule.to).toContain(next.state);
        expect(record).toMatchObject({ action: rule.action, fromState: null, toState: next.state });
      });
    }
  }

  for (const rule of onCase) {
    for (const from of rule.from) {
      for (const role of rule.roles) {
        it(`${role} may ${rule.action} (${rule.label}) from ${from}`, () => {
          const before = deepFreeze(caseReadyFor(rule.action, from, role));
          const copy = structuredClone(before);
          const { next, record } = applyAction(
            before,
            validCommand(rule.action as ActionOnCase),
            newActor(role),
            NOW,
          );
          expect(targets(rule.to, before)).toContain(next.state);
          expect(next.version).toBe(before.version + 1);
          expect(record).toMatchObject({ action: rule.action, fromState: from, toState: next.state });
          expect(record.actor).toEqual({
            userId: `${role}-1`,
            role,
            departmentId: role === 'department' ? 'dept-roads' : null,
          });
          expect(before).toEqual(copy);
        });
      }
    }
  }
});

describe('forbidden roles and states', () => {
  for (const rule of onCase) {
    const action = rule.action as ActionOnCase;
    const forbiddenRoles = CASE_ROLES.filter((role) => !rolesAllowed(action).includes(role));
    const forbiddenStates = CASE_STATES.filter((state) => !rule.from.includes(state));
    const allowedRole = rule.roles[0];

    it(`${action}: roles ${forbiddenRoles.join(', ')} get CASE.ROLE_NOT_ALLOWED`, () => {
      for (const role of forbiddenRoles) {
        const before = deepFreeze(caseReadyFor(action, rule.from[0], role));
        const error = errorOf(() => applyAction(before, validCommand(action), newActor(role), NOW));
        expect(error.code).toBe('CASE.ROLE_NOT_ALLOWED');
      }
    });

    it(`${action}: ${forbiddenStates.length} other states get CASE.INVALID_TRANSITION naming state and action`, () => {
      for (const state of forbiddenStates) {
        const before = deepFreeze(caseReadyFor(action, state, allowedRole));
        const copy = structuredClone(before);
        const error = errorOf(() => applyAction(before, validCommand(action), newActor(allowedRole), NOW));
        expect(error.code).toBe('CASE.INVALID_TRANSITION');
        expect(error.message).toContain(state);
        expect(error.message).toContain(action);
        expect(before).toEqual(copy);
      }
    });
  }

  it('checks the role before the state: a dispatcher filing a closed case is refused for its role', () => {
    const error = errorOf(() =>
      applyAction(newCase({ state: 'CLOSED' }), { type: 'file' }, newActor('dispatcher'), NOW),
    );
    expect(error.code).toBe('CASE.ROLE_NOT_ALLOWED');
  });

  it('refuses creating actions on an existing case and unknown actions', () => {
    const report = { type: 'report' } as unknown as Parameters<typeof applyAction>[1];
    expect(errorOf(() => applyAction(newCase(), report, newActor('inspector'), NOW)).code).toBe(
      'CASE.INVALID_TRANSITION',
    );
    const bogus = { type: 'teleport' } as unknown as Parameters<typeof applyAction>[1];
    expect(errorOf(() => applyAction(newCase(), bogus, newActor('operator'), NOW)).code).toBe(
      'CASE.UNKNOWN_ACTION',
    );
  });

  it('refuses a creating action by the wrong role', () => {
    expect(errorOf(() => createCase(createCommand('register'), newActor('inspector'), NOW)).code).toBe(
      'CASE.ROLE_NOT_ALLOWED',
    );
    expect(errorOf(() => createCase(createCommand('report'), newActor('operator'), NOW)).code).toBe(
      'CASE.ROLE_NOT_ALLOWED',
    );
  });
});

describe('allowedActions (the buttons)', () => {
  it('shows the dispatcher 派遣, 作废申请 and 督办 on a filed case', () => {
    expect(allowedActions(newCase({ state: 'FILED' }), newActor('dispatcher'))).toEqual([
      'dispatch',
      'requestVoid',
      'supervise',
    ]);
  });

  it('shows the department its four acts on its own case in PROCESSING, and nothing on another', () => {
    const own = newCase({ state: 'PROCESSING', departmentId: 'dept-roads', openSupervisionCount: 1 });
    expect(allowedActions(own, newActor('department'))).toEqual([
      'requestReturn',
      'requestExtension',
      'requestPark',
      'feedback',
      'replySupervision',
    ]);
    expect(allowedActions(own, newActor('department', { departmentId: 'dept-parks' }))).toEqual([]);
  });

  it('shows the inspector the verify answer only on its own unanswered task', () => {
    const task = newCase({ state: 'VERIFYING', source: 'hotline_12345', taskInspectorId: 'inspector-1' });
    expect(allowedActions(task, newActor('inspector'))).toEqual(['answerVerify']);
    expect(allowedActions({ ...task, verifyAnswer: true }, newActor('inspector'))).toEqual([]);
    expect(allowedActions(task, newActor('inspector', { userId: 'inspector-2' }))).toEqual([]);
  });

  it('shows the decide button only to the role of the current step', () => {
    const pending = caseReadyFor('decideExtension', 'EXTENSION_PENDING', 'shift_leader');
    expect(allowedActions(pending, newActor('shift_leader'))).toEqual(['decideExtension', 'supervise']);
    expect(allowedActions(pending, newActor('leader'))).toEqual(['supervise']);
  });

  it('shows nothing on a terminal case', () => {
    for (const role of CASE_ROLES)
      expect(allowedActions(newCase({ state: 'CLOSED' }), newActor(role))).toEqual([]);
  });
});
