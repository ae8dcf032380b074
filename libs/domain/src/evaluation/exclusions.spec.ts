import { describe, expect, it } from 'vitest';
import { evaluateObject } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { countValue, rate } from './evaluation-engine';
import { defaultEvaluationProfile } from './evaluation-profiles';

const region: EvaluationCounts = {
  filed: 130,
  voided: 10,
  parked: 20,
  deferred: 10,
  unitGrids: 40,
  publicReportsVerified: 12,
  dueToClose: 110,
  closed: 99,
  closedOnTime: 88,
};

function profileWith(enabled: Record<string, boolean>) {
  const p = defaultEvaluationProfile();
  for (const e of p.exclusions) if (e.id in enabled) e.enabled = enabled[e.id];
  return p;
}

describe('exclusions (作废, 挂账, 缓办) switched on and off', () => {
  it('作废 on (default): 立案数 130 − 作废 10 = 120, the spec §3.4 numbers', () => {
    const r = evaluateObject('region', region, defaultEvaluationProfile());
    // 12/120 → 90; 120/40 = 3 → 75; 99/110 → 90; 88/110 → 80; composite 83 (spec 05 §3.4)
    expect(r.indicators.map((i) => i.score)).toEqual([90, 75, 90, 80]);
    expect(r.composite).toBe(83);
  });

  it('作废 off: the raw 130 stays in every denominator', () => {
    const r = evaluateObject('region', region, profileWith({ void: false }));
    // 监督举报率 12/130 = 9.2307… % → (1 − 0.092307…) × 100 = 90.769… → 90.77
    // 130/40 = 3.25 → band 3–4 → 75
    expect(r.indicators[0]).toMatchObject({ denominator: 130, rate: 9.23, score: 90.77 });
    expect(r.indicators[1]).toMatchObject({ bandValue: 3.25, score: 75 });
  });

  it('挂账 on: 立案数 130 − 作废 10 − 挂账 20 = 100', () => {
    const p = profileWith({ parked: true });
    expect(countValue(region, 'filed', p)).toBe(100);
    const r = evaluateObject('region', region, p);
    // 12/100 = 12 % → 88; 100/40 = 2.5 → band 3–4 → 75
    expect(r.indicators.slice(0, 2).map((i) => i.score)).toEqual([88, 75]);
  });

  it('缓办 on (Jinhua): 按期结案率 = 按期结案数 / (应结案数 − 缓办数)', () => {
    const p = profileWith({ deferred: true });
    const onTime = p.objects.region!.indicators.find((i) => i.id === 'onTimeCloseRate')!;
    // 88 / (110 − 10) = 0.88
    const r = rate(region, onTime, p);
    expect([r.numerator, r.denominator, r.value?.approx()]).toEqual([88, 100, 0.88]);
    // 12/120 → 90; 75; 99/100 → 99; 88/100 → 88: 9 + 15 + 29.7 + 35.2 = 88.9
    expect(evaluateObject('region', region, p).composite).toBe(88.9);
  });

  it('an indicator may opt out: the 值班长 keeps 作废 in its 立案数', () => {
    const p = defaultEvaluationProfile();
    const r = evaluateObject(
      'shiftLeader',
      { filed: 100, voided: 10, filedOnTime: 90, dueToClose: 50, closeStepOnTime: 50 },
      p,
    );
    // 准确立案率 = (100 − 10)/100 = 90 %, not (90 − 10)/90
    expect(r.indicators[1]).toMatchObject({ numerator: 90, denominator: 100, score: 90 });
  });

  it('refuses counts whose exclusions leave a negative count', () => {
    expect(() => evaluateObject('region', { ...region, voided: 131 }, defaultEvaluationProfile())).toThrow(
      expect.objectContaining({ code: 'EVALUATION.COUNTS_INCONSISTENT' }),
    );
  });

  it('refuses missing and malformed counts', () => {
    const missing: EvaluationCounts = { ...region };
    delete missing.closed;
    expect(() => evaluateObject('region', missing, defaultEvaluationProfile())).toThrow(
      expect.objectContaining({
        code: 'EVALUATION.COUNT_MISSING',
        message: 'count closed (结案数) is required',
      }),
    );
    expect(() => evaluateObject('region', { ...region, closed: 9.5 }, defaultEvaluationProfile())).toThrow(
      expect.objectContaining({ code: 'EVALUATION.COUNT_INVALID' }),
    );
    expect(() => evaluateObject('region', { ...region, closed: -1 }, defaultEvaluationProfile())).toThrow(
      expect.objectContaining({ code: 'EVALUATION.COUNT_INVALID' }),
    );
  });

  it('flags a numerator above its denominator and holds the score at 100', () => {
    // 结案数 120 > 应结案数 110: rate 109.09 %, score held at 100
    const r = evaluateObject('region', { ...region, closed: 120 }, defaultEvaluationProfile());
    expect(r.indicators[2]).toMatchObject({ rate: 109.09, score: 100, flags: ['rateAboveOne'] });
  });
});
