import { describe, expect, it } from 'vitest';
import { DepartmentEvaluationCalculator, evaluateObject } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { validateEvaluationProfile } from './evaluation-profile-validation';
import { defaultEvaluationProfile, shippedEvaluationProfiles } from './evaluation-profiles';

/** Spec 05 §4.4: department D, one month. */
const deptD: EvaluationCounts = {
  filed: 180,
  voided: 0,
  dueToClose: 170,
  closed: 160,
  dueToDispose: 175,
  disposedOnTime: 150,
  disposed: 165,
  rework: 9,
};

describe('department evaluation — worked example of spec 05 §4.4', () => {
  const profile = defaultEvaluationProfile();
  const r = new DepartmentEvaluationCalculator().evaluate(deptD, profile);
  const by = (id: string) => r.indicators.find((i) => i.id === id)!;

  it('scores each indicator', () => {
    // 立案数 180 → band 101–200 → 75
    expect(by('filedCount')).toMatchObject({ numerator: 180, bandValue: 180, score: 75, weighted: 7.5 });
    // 结案率 = 160/170 = 0.941176… → 94.12; × 0.3 = 28.235… → 28.24
    expect(by('closeRate')).toMatchObject({ rate: 94.12, score: 94.12, weighted: 28.24 });
    // 按期处置率 = 150/175 = 0.857142… → 85.71; × 0.3 = 25.714… → 25.71
    expect(by('onTimeDisposalRate')).toMatchObject({ rate: 85.71, score: 85.71, weighted: 25.71 });
    // 返工率 = 9/165 = 5.4545… % → (1 − 0.054545…) × 100 = 94.5454… → 94.55; × 0.3 = 28.3636… → 28.36
    expect(by('reworkRate')).toMatchObject({ rate: 5.45, score: 94.55, weighted: 28.36 });
  });

  it('shows 处置率 without scoring it', () => {
    // 处置率 = 165/175 = 94.2857… % → 94.29
    expect(by('disposalRate')).toMatchObject({
      status: 'displayOnly',
      rate: 94.29,
      score: null,
      weight: null,
      weighted: null,
    });
  });

  it('combines them: 89.81 → B, just under A', () => {
    // 7.5 + 28.2353 + 25.7143 + 28.3636 = 89.8132 (exact: 7.5 + 48/1.7 … summed as fractions) → 89.81
    expect(r.composite).toBe(89.81);
    expect(r.grade?.grade).toBe('B');
  });

  it('gives 89.86 with 返工率 over 应结案数', () => {
    const p = defaultEvaluationProfile();
    p.objects.department!.indicators.find((i) => i.id === 'reworkRate')!.denominator = 'dueToClose';
    // 返工率 = 9/170 = 5.29 %; 7.5 + 28.2353 + 25.7143 + (1 − 9/170)×30 = 7.5 + 28.2353 + 25.7143 + 28.4118 = 89.8613 → 89.86
    expect(evaluateObject('department', deptD, validateEvaluationProfile(p)).composite).toBe(89.86);
  });
});

describe('department 立案数 bands: shared ends go to the lower band, 1000 to 0', () => {
  const profile = defaultEvaluationProfile();
  const score = (filed: number) =>
    evaluateObject('department', { ...deptD, filed }, profile).indicators.find((i) => i.id === 'filedCount')!
      .score;
  it.each([
    [0, 100],
    [50, 100],
    [51, 90],
    [100, 90],
    [101, 75],
    [200, 75],
    [201, 60],
    [500, 60],
    [501, 40],
    [999, 40],
    [1000, 0],
    [25000, 0],
  ])('立案数 %i → %i', (filed, expected) => {
    expect(score(filed)).toBe(expected);
  });
});

describe('Hohhot variant (spec 05 §8) on the same data', () => {
  const hohhot = shippedEvaluationProfiles().find((p) => p.id === 'hohhot-department')!;
  it('gives 89.12', () => {
    // 0.8571×60 + 0.9412×30 + (1 − 9/165)×10 = 51.4286 + 28.2353 + 9.4545 = 89.1184 → 89.12
    // (经处置数 = 处置数 = 165 here)
    const r = evaluateObject('department', { ...deptD, throughDisposal: 165 }, hohhot);
    expect(r.indicators.map((i) => i.weighted)).toEqual([51.43, 28.24, 9.45]);
    expect(r.composite).toBe(89.12);
    expect(r.grade?.grade).toBe('B');
  });
});
