import { CASE_ACTIONS } from '@urbangrid/domain';
import { describe, expect, it } from 'vitest';
import { ACTION_FORMS, EMPTY_VALUES, actionBody, actionProblems, isDeskAction } from './action-form';

describe('ACTION_FORMS', () => {
  it('has a dialog for every action except the three that create a case', () => {
    const withoutForm = CASE_ACTIONS.filter((a) => !isDeskAction(a));
    expect(withoutForm).toEqual(['report', 'register', 'selfReport']);
  });

  it('asks once more before acts that end or undo work', () => {
    const destructive = Object.entries(ACTION_FORMS)
      .filter(([, f]) => f.destructive)
      .map(([a]) => a)
      .sort();
    expect(destructive).toEqual(['decideVoid', 'refuseFiling', 'reject', 'requestVoid', 'rework']);
  });
});

describe('actionProblems', () => {
  it('needs a department to dispatch', () => {
    expect(actionProblems('dispatch', EMPTY_VALUES)).toEqual(['department']);
    expect(actionProblems('dispatch', { ...EMPTY_VALUES, departmentId: 'd1' })).toEqual([]);
  });

  it('needs a yes/no answer for checks and decisions', () => {
    expect(actionProblems('answerCheck', EMPTY_VALUES)).toEqual(['yes']);
    expect(actionProblems('decideExtension', { ...EMPTY_VALUES, yes: false })).toEqual([]);
  });

  it('needs a reason from the right list, and the case a duplicate repeats', () => {
    expect(actionProblems('reject', { ...EMPTY_VALUES, reason: 'engineering' })).toEqual(['reason']);
    expect(actionProblems('reject', { ...EMPTY_VALUES, reason: 'duplicate' })).toEqual(['duplicateOf']);
    expect(
      actionProblems('reject', {
        ...EMPTY_VALUES,
        reason: 'duplicate',
        duplicateOf: '0b7c6f3e-8d7a-4c1e-9f0a-2b3c4d5e6f70',
      }),
    ).toEqual([]);
  });

  it('needs a positive extension and a written supervision notice', () => {
    expect(actionProblems('requestExtension', { ...EMPTY_VALUES, extensionValue: '0' })).toEqual(['extension']);
    expect(actionProblems('supervise', { ...EMPTY_VALUES, opinion: '  ' })).toEqual(['opinion']);
  });
});

describe('actionBody', () => {
  it('sends only the fields of the action, with the version the user saw', () => {
    const values = { ...EMPTY_VALUES, opinion: ' ok ', departmentId: 'd1', yes: true, reason: 'other' };
    expect(actionBody('dispatch', values, 4)).toEqual({ version: 4, opinion: 'ok', departmentId: 'd1' });
    expect(actionBody('accept', values, 2)).toEqual({ version: 2, opinion: 'ok' });
    expect(actionBody('answerCheck', { ...EMPTY_VALUES, yes: false }, 7)).toEqual({ version: 7, yes: false });
  });

  it('maps extension, closure type, urgency and duplicates', () => {
    expect(
      actionBody('requestExtension', { ...EMPTY_VALUES, extensionValue: '2', extensionUnit: 'working_day' }, 1),
    ).toEqual({ version: 1, extension: { value: 2, unit: 'working_day' } });
    expect(actionBody('close', { ...EMPTY_VALUES, closureType: 'late' }, 1)).toEqual({ version: 1, closureType: 'late' });
    expect(actionBody('file', { ...EMPTY_VALUES, urgency: 'urgent' }, 1)).toEqual({ version: 1, urgency: 'urgent' });
    expect(
      actionBody('requestVoid', { ...EMPTY_VALUES, reason: 'duplicate', duplicateOf: 'abc' }, 1),
    ).toEqual({ version: 1, reason: 'duplicate', duplicateOf: 'abc' });
  });

  it('adds photos only to actions that take them, and only when there are some', () => {
    expect(actionBody('feedback', EMPTY_VALUES, 3, ['p1', 'p2'])).toEqual({ version: 3, attachmentIds: ['p1', 'p2'] });
    expect(actionBody('feedback', EMPTY_VALUES, 3, [])).toEqual({ version: 3 });
    expect(actionBody('accept', EMPTY_VALUES, 3, ['p1'])).toEqual({ version: 3 });
  });
});
