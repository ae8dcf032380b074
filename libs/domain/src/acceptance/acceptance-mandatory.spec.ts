import { describe, expect, it } from 'vitest';
import { evaluateAcceptance } from './acceptance-engine';
import { defaultAcceptanceProfile } from './acceptance-profiles';
import { perfectInputs } from './acceptance-test-factory';

describe('mandatory items (否决项) and the conclusion', () => {
  const profile = defaultAcceptanceProfile();

  it('a failed mandatory item means 不通过 whatever the total', () => {
    const inputs = perfectInputs(profile);
    inputs.metrics!.trialRunMonths = { value: 5 }; // 5 < 6 months
    const r = evaluateAcceptance(profile, inputs);
    // 100 − E1's 4 points = 96, which would be 优秀
    expect(r.total).toBe(96);
    expect(r.failedMandatory).toEqual(['E1']);
    expect(r.conclusion).toEqual({ id: 'fail', name: '不通过' });
  });

  it('one missing subsystem fails D1 (mandatory, all nine needed) and costs a point', () => {
    const inputs = perfectInputs(profile);
    inputs.items!.D1 = {
      ...inputs.items!.D1,
      present: inputs.items!.D1.present!.filter((s) => s !== '数据交换'),
    };
    const r = evaluateAcceptance(profile, inputs);
    // 9 − 1 × 1 = 8
    expect(r.items.find((i) => i.id === 'D1')).toMatchObject({
      score: 8,
      passed: false,
      data: { kind: 'manual', missing: ['数据交换'] },
    });
    expect(r.failedMandatory).toEqual(['D1']);
    expect(r.conclusion?.id).toBe('fail');
  });

  it('lists several failed mandatory items in profile order', () => {
    const inputs = perfectInputs(profile);
    inputs.metrics!.builtUpAreaCoverage = { value: 0.9 };
    inputs.items!.A1 = { ...inputs.items!.A1, met: false };
    expect(evaluateAcceptance(profile, inputs).failedMandatory).toEqual(['A1', 'E2']);
  });

  it('leaves the conclusion open while items are unanswered', () => {
    const inputs = perfectInputs(profile);
    delete inputs.items!.C4;
    delete inputs.metrics!.closeRate;
    const r = evaluateAcceptance(profile, inputs);
    expect(r.missingItems).toEqual(['C4', 'E3']);
    expect(r.conclusion).toBeNull();
    // unanswered items score 0: 100 − 4 − 4 = 92
    expect(r.total).toBe(92);
    expect(r.items.find((i) => i.id === 'C4')).toMatchObject({
      answered: false,
      source: null,
      passed: false,
      data: null,
    });
  });

  it('takes the band of the total at its exact lower bound', () => {
    const inputs = perfectInputs(profile);
    // lose exactly 10 points: B1 is mandatory, so take A3 (2) + B2 (2) + B3 (2) + D5 (4 → 0)
    for (const id of ['A3', 'B2', 'B3']) inputs.items![id] = { ...inputs.items![id], met: false };
    inputs.items!.D5 = { ...inputs.items!.D5, score: 0 };
    const r = evaluateAcceptance(profile, inputs);
    // 100 − 2 − 2 − 2 − 4 = 90 → 优秀 (≥ 90)
    expect(r.total).toBe(90);
    expect(r.conclusion?.id).toBe('excellent');
    inputs.items!.D4 = { ...inputs.items!.D4, score: 3.99 };
    // 90 − 0.01 = 89.99 → 通过
    expect(evaluateAcceptance(profile, inputs).conclusion?.id).toBe('pass');
  });
});
