import { describe, expect, it } from 'vitest';
import { evaluateObject, RegionEvaluationCalculator } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { validateEvaluationProfile } from './evaluation-profile-validation';
import { defaultEvaluationProfile } from './evaluation-profiles';

/** Spec 05 §3.4: street X, one month, 40 unit grids. */
const streetX: EvaluationCounts = {
  filed: 120,
  voided: 0,
  unitGrids: 40,
  publicReportsVerified: 12,
  dueToClose: 110,
  closed: 99,
  closedOnTime: 88,
};

describe('region evaluation — worked example of spec 05 §3.4', () => {
  const profile = defaultEvaluationProfile();
  const r = evaluateObject('region', streetX, profile, { regionLevel: 'street' });
  const by = (id: string) => r.indicators.find((i) => i.id === id)!;

  it('scores each indicator', () => {
    // 监督举报率 = 12/120 = 10 %; score (1 − 0.1) × 100 = 90
    expect(by('supervisionReportRate')).toMatchObject({
      numerator: 12,
      denominator: 120,
      rate: 10,
      score: 90,
    });
    // average 立案数 per grid = 120/40 = 3.0 → 一类 band 3–4 → 75
    expect(by('filedCount')).toMatchObject({
      numerator: 120,
      denominator: null,
      rate: null,
      bandValue: 3,
      score: 75,
    });
    // 结案率 = 99/110 = 90 % → 90
    expect(by('closeRate')).toMatchObject({ rate: 90, score: 90 });
    // 按期结案率 = 88/110 = 80 % → 80
    expect(by('onTimeCloseRate')).toMatchObject({ rate: 80, score: 80 });
  });

  it('weights and sums them: 83.0 → B (blue)', () => {
    // 90×0.1 + 75×0.2 + 90×0.3 + 80×0.4 = 9 + 15 + 27 + 32 = 83
    expect(r.indicators.map((i) => i.weighted)).toEqual([9, 15, 27, 32]);
    expect(r.composite).toBe(83);
    expect(r.grade).toEqual({ grade: 'B', colour: 'blue', colourZh: '蓝色' });
    expect(r.partial).toBe(false);
  });

  it('refuses the 10 % weight of one platform: the weights would total 70 %', () => {
    const bad = defaultEvaluationProfile();
    bad.objects.region!.indicators[3].weight = 0.1;
    // 0.1 + 0.2 + 0.3 + 0.1 = 0.7
    expect(() => validateEvaluationProfile(bad)).toThrow(
      expect.objectContaining({
        code: 'EVALUATION.PROFILE_INVALID',
        details: [
          { field: 'objects.region.indicators', message: 'weights must total 100 % (they total 70 %)' },
        ],
      }),
    );
  });
});

describe('region 立案数 bands', () => {
  const profile = defaultEvaluationProfile();
  const filedScore = (counts: EvaluationCounts, ctx: Parameters<typeof evaluateObject>[3]) =>
    evaluateObject('region', { ...streetX, ...counts }, profile, ctx).indicators[1];

  it('bands a fractional average in the first row whose max ≥ value', () => {
    // 100/40 = 2.5 → not ≤ 2, ≤ 4 → band 3–4 → 75 (spec 05 §3.2 example)
    expect(filedScore({ filed: 100 }, { regionLevel: 'street' })).toMatchObject({
      bandValue: 2.5,
      score: 75,
    });
    // 81/40 = 2.025 > 2 → 75; 80/40 = 2 → band 1–2 → 90
    expect(filedScore({ filed: 81 }, { regionLevel: 'street' }).score).toBe(75);
    expect(filedScore({ filed: 80 }, { regionLevel: 'street' }).score).toBe(90);
  });

  it('uses the 二类 table when the region is class 2', () => {
    // 120/40 = 3 → 二类 band 1–3 → 90 (一类 would give 75)
    expect(filedScore({}, { regionLevel: 'street', areaClass: 'class2' }).score).toBe(90);
    // 10 per grid → 二类 band ≥ 10 → 0; 9 per grid → band 8–9 → 40
    expect(filedScore({ filed: 400 }, { areaClass: 'class2' }).score).toBe(0);
    expect(filedScore({ filed: 360 }, { areaClass: 'class2' }).score).toBe(40);
  });

  it('bands a unit grid on its own 立案数, whatever unitGrids says', () => {
    // unit grid with 9 立案 → 一类 band ≥ 9 → 0
    const r = new RegionEvaluationCalculator().evaluate(
      { ...streetX, filed: 9, unitGrids: 40, publicReportsVerified: 0 },
      profile,
      { regionLevel: 'unitGrid' },
    );
    expect(r.indicators[1]).toMatchObject({ bandValue: 9, score: 0 });
  });

  it('rejects an unknown area class and a region without grids', () => {
    expect(() => evaluateObject('region', streetX, profile, { areaClass: 'class3' })).toThrow(
      expect.objectContaining({ code: 'EVALUATION.AREA_CLASS_UNKNOWN' }),
    );
    expect(() =>
      evaluateObject('region', { ...streetX, unitGrids: 0 }, profile, { regionLevel: 'district' }),
    ).toThrow(expect.objectContaining({ code: 'EVALUATION.COUNT_INVALID' }));
  });

  it('rejects a level the profile does not evaluate and region context on a post', () => {
    const p = defaultEvaluationProfile();
    p.objects.region!.levels = ['district'];
    expect(() => evaluateObject('region', streetX, p, { regionLevel: 'street' })).toThrow(
      expect.objectContaining({ code: 'EVALUATION.CONTEXT_INVALID' }),
    );
    expect(() => evaluateObject('inspector', {}, profile, { areaClass: 'class1' })).toThrow(
      expect.objectContaining({ code: 'EVALUATION.CONTEXT_INVALID' }),
    );
  });

  it('lists the counts a region needs', () => {
    expect(new RegionEvaluationCalculator().requiredCounts(profile).sort()).toEqual(
      [
        'closed',
        'closedOnTime',
        'dueToClose',
        'filed',
        'publicReportsVerified',
        'unitGrids',
        'voided',
      ].sort(),
    );
  });
});
