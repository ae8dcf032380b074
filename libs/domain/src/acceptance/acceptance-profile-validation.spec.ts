import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { type AcceptanceProfile } from './acceptance-profile';
import { validateAcceptanceProfile } from './acceptance-profile-validation';
import { defaultAcceptanceProfile } from './acceptance-profiles';

function fieldsOf(p: unknown): string[] {
  try {
    validateAcceptanceProfile(p);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'ACCEPTANCE.PROFILE_INVALID')
      return (err.details ?? []).map((d) => d.field);
    throw err;
  }
  throw new Error('expected ACCEPTANCE.PROFILE_INVALID');
}
function edit(change: (p: AcceptanceProfile) => void): AcceptanceProfile {
  const p = defaultAcceptanceProfile();
  change(p);
  return p;
}

describe('validateAcceptanceProfile', () => {
  it('accepts the shipped profile', () => {
    expect(validateAcceptanceProfile(defaultAcceptanceProfile()).id).toBe('GBT30428.6-framework');
  });

  it('refuses a non-object and bad top-level fields', () => {
    expect(fieldsOf('x')).toEqual(['']);
    const p = edit((x) => {
      x.version = 1.5;
      x.reportDecimals = -1;
      x.mandatoryFailConclusion = 'veto';
      x.conclusionBands[3].minTotal = 10; // no band starts at 0
    });
    expect(fieldsOf(p)).toEqual(['version', 'reportDecimals', 'conclusionBands', 'mandatoryFailConclusion']);
  });

  it('checks that categories add up to the total and items can fill their category', () => {
    const p = edit((x) => {
      x.categories[0].maxPoints = 12; // items 3 + 3 + 2 + 2 = 10 < 12; categories then total 102
    });
    expect(fieldsOf(p)).toEqual(['categories[0].maxPoints', 'totalPoints']);
  });

  it('checks ids, rules and points', () => {
    const p = edit((x) => {
      const items = x.categories[2].items;
      items[1].id = 'C1'; // duplicate
      items[0].rule = { type: 'perDefectDeduction', step: 0, floor: 9 }; // step 0, floor above 5
      items[2].rule = {
        type: 'metricThreshold',
        metric: 'componentDataAgeDays',
        op: '≤' as never,
        value: 365,
      };
      items[3].rule = { type: 'gradedThreshold', bands: [{ op: '>=', value: 0.9, points: 40 }] }; // above 4
      items[4].rule = { type: 'ratioLinear', min: 0.5, max: 0.5 };
      items[4].passMark = 9;
      x.categories[3].items[0].rule = { type: 'countMissing', list: ['a', 'a'], step: 1 };
      x.categories[5].items[0].evidenceKinds = ['fax' as never];
      x.categories[5].items[1].rule = { type: 'lottery' } as never;
    });
    expect(fieldsOf(p)).toEqual([
      'categories[2].items[0].rule.step',
      'categories[2].items[0].rule.floor',
      'categories[2].items[1].id',
      'categories[2].items[2].rule.op',
      'categories[2].items[3].rule.bands[0]',
      'categories[2].items[4].passMark',
      'categories[2].items[4].rule.max',
      'categories[3].items[0].rule.list',
      'categories[5].items[0].evidenceKinds',
      'categories[5].items[1].rule.type',
    ]);
  });
});
