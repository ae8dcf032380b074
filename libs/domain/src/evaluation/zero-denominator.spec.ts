import { describe, expect, it } from 'vitest';
import { evaluateObject } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { type ZeroDenominatorPolicy } from './evaluation-profile';
import { defaultEvaluationProfile } from './evaluation-profiles';

/** A 监督员 with no verify tasks (应核实数 = 0), otherwise spec 05 §5.3. */
const counts: EvaluationCounts = {
  inspectorReported: 300,
  validReported: 270,
  missedReports: 16,
  filed: 320,
  voided: 0,
  dueToVerify: 0,
  verifiedOnTime: 0,
  dueToCheck: 250,
  checkedOnTime: 240,
};

function withPolicy(policy: ZeroDenominatorPolicy, flagResult = true) {
  const p = defaultEvaluationProfile();
  p.zeroDenominator = { policy, flagResult };
  return evaluateObject('inspector', counts, p);
}

describe('zero denominator (spec 05 §7.3), one case per policy', () => {
  it('(a) scoreFullMarks: the empty term scores 100', () => {
    const r = withPolicy('scoreFullMarks');
    // 90×0.4 + 95×0.2 + 100×0.2 + 96×0.2 = 36 + 19 + 20 + 19.2 = 94.2
    expect(r.indicators[2]).toMatchObject({ status: 'notApplicable', score: 100, weighted: 20, rate: null });
    expect(r.composite).toBe(94.2);
    expect(r.partial).toBe(true);
  });

  it('(b) dropTermAndRenormalise: weights 40/80, 20/80, 20/80', () => {
    const r = withPolicy('dropTermAndRenormalise');
    // 90×0.5 + 95×0.25 + 96×0.25 = 45 + 23.75 + 24 = 92.75
    expect(r.composite).toBe(92.75);
    expect(r.indicators[2]).toMatchObject({ score: null, weighted: null, effectiveWeight: null });
  });

  it('(c) scoreZero: the empty term scores 0', () => {
    const r = withPolicy('scoreZero');
    // 36 + 19 + 0 + 19.2 = 74.2 → C
    expect(r.composite).toBe(74.2);
    expect(r.grade?.grade).toBe('C');
  });

  it('(d) noComposite: no composite, no grade', () => {
    const r = withPolicy('noComposite');
    expect(r.composite).toBeNull();
    expect(r.compositeUnrounded).toBeNull();
    expect(r.grade).toBeNull();
    // the other indicators are still shown: 有效上报率 90
    expect(r.indicators[0].score).toBe(90);
  });

  it('does not flag the result when the profile says so', () => {
    expect(withPolicy('dropTermAndRenormalise', false).partial).toBe(false);
  });

  it('gives no composite when every term drops', () => {
    const r = evaluateObject(
      'inspector',
      {
        inspectorReported: 0,
        validReported: 0,
        missedReports: 0,
        filed: 0,
        voided: 0,
        dueToVerify: 0,
        verifiedOnTime: 0,
        dueToCheck: 0,
        checkedOnTime: 0,
      },
      defaultEvaluationProfile(),
    );
    expect(r.composite).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.partial).toBe(true);
  });

  it('is not a zero denominator when a banded count is 0', () => {
    // a department with no cases at all: 立案数 0 → band 0–50 → 100, the rates drop
    const r = evaluateObject(
      'department',
      {
        filed: 0,
        voided: 0,
        dueToClose: 0,
        closed: 0,
        dueToDispose: 0,
        disposed: 0,
        disposedOnTime: 0,
        rework: 0,
      },
      defaultEvaluationProfile(),
    );
    expect(r.indicators[0]).toMatchObject({ status: 'scored', score: 100, effectiveWeight: 1 });
    // only 立案数分值 remains: 100 × 0.1/0.1 = 100
    expect(r.composite).toBe(100);
  });
});
