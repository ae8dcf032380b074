import { describe, expect, it } from 'vitest';
import {
  AcceptorEvaluationCalculator,
  DispatcherEvaluationCalculator,
  evaluateObject,
  ShiftLeaderEvaluationCalculator,
} from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { defaultEvaluationProfile } from './evaluation-profiles';

const month = { period: { kind: 'month' as const, days: 31 } };

describe('受理员 — worked example of spec 05 §6.4', () => {
  const counts: EvaluationCounts = {
    accepted: 1500,
    verifySendDue: 200,
    verifySentOnTime: 190,
    checkSendDue: 900,
    checkSentOnTime: 810,
  };
  it('92.0 → A', () => {
    const r = new AcceptorEvaluationCalculator().evaluate(counts, defaultEvaluationProfile(), month);
    // 受理 1500 → band 1201–2000 → 90; 核实 190/200 = 95 % → 95; 核查 810/900 = 90 % → 90
    expect(r.indicators.map((i) => i.score)).toEqual([90, 95, 90]);
    // 90×0.25 + 95×0.4 + 90×0.35 = 22.5 + 38 + 31.5 = 92
    expect(r.indicators.map((i) => i.weighted)).toEqual([22.5, 38, 31.5]);
    expect(r.composite).toBe(92);
    expect(r.grade?.grade).toBe('A');
  });

  it('bands a quarter on its monthly equivalent, or the raw count when scaling is off', () => {
    const quarter = { period: { kind: 'quarter' as const, days: 92 } };
    // 1500 × 30 / 92 = 489.13… → band 301–500 → 60
    const q = evaluateObject('acceptor', counts, defaultEvaluationProfile(), quarter);
    expect(q.indicators[0]).toMatchObject({ bandValue: 489.13, score: 60 });
    const raw = defaultEvaluationProfile();
    raw.workloadBandScaling = 'none';
    // no scaling: 1500 → 90
    expect(evaluateObject('acceptor', counts, raw, quarter).indicators[0].score).toBe(90);
  });

  it('needs the period when workload bands are scaled', () => {
    expect(() => evaluateObject('acceptor', counts, defaultEvaluationProfile())).toThrow(
      expect.objectContaining({ code: 'EVALUATION.PERIOD_REQUIRED' }),
    );
    expect(() =>
      evaluateObject('acceptor', counts, defaultEvaluationProfile(), { period: { kind: 'custom', days: 0 } }),
    ).toThrow(expect.objectContaining({ code: 'EVALUATION.PERIOD_INVALID' }));
  });
});

describe('值班长 — worked example of spec 05 §6.4', () => {
  // 准确立案数 = 立案数 − 作废数 = 1000 − 30 = 970
  const counts: EvaluationCounts = {
    filed: 1000,
    voided: 30,
    filedOnTime: 950,
    dueToClose: 900,
    closeStepOnTime: 855,
  };
  it('95.8 → A', () => {
    const r = new ShiftLeaderEvaluationCalculator().evaluate(counts, defaultEvaluationProfile());
    // 按时立案 950/1000 → 95; 准确立案 970/1000 → 97; 按时结案 855/900 → 95
    // (the 作废 exclusion does not touch the 值班长's 立案数: the indicators opt out)
    expect(r.indicators.map((i) => [i.numerator, i.denominator, i.score])).toEqual([
      [950, 1000, 95],
      [970, 1000, 97],
      [855, 900, 95],
    ]);
    // 95×0.25 + 97×0.4 + 95×0.35 = 23.75 + 38.8 + 33.25 = 95.8
    expect(r.indicators.map((i) => i.weighted)).toEqual([23.75, 38.8, 33.25]);
    expect(r.composite).toBe(95.8);
    expect(r.grade?.grade).toBe('A');
  });
});

describe('派遣员 — worked example of spec 05 §6.4', () => {
  const counts: EvaluationCounts = {
    dispatched: 800,
    dueToDispatch: 820,
    dispatchedOnTime: 779,
    dispatchedAccurately: 790,
  };
  it('91.54 → A', () => {
    const r = new DispatcherEvaluationCalculator().evaluate(counts, defaultEvaluationProfile(), month);
    // 派遣 800 → band 501–1200 → 75; 按时 779/820 = 95 % → 95; 准确 790/820 = 96.3414… % → 96.34
    expect(r.indicators.map((i) => i.score)).toEqual([75, 95, 96.34]);
    // 75×0.2 + 95×0.4 + 96.3414×0.4 = 15 + 38 + 38.5366 = 91.5366 → 91.54
    expect(r.indicators.map((i) => i.weighted)).toEqual([15, 38, 38.54]);
    expect(r.composite).toBe(91.54);
    expect(r.grade?.grade).toBe('A');
  });

  it('reads 准确派遣数 as 派遣数 − 返工数 when a city chooses the alternative', () => {
    const p = defaultEvaluationProfile();
    p.objects.dispatcher!.indicators[2].numerator = { plus: ['dispatched'], minus: ['rework'] };
    // (800 − 20)/820 = 95.1219… % → 95.12
    const r = evaluateObject('dispatcher', { ...counts, rework: 20 }, p, month);
    expect(r.indicators[2]).toMatchObject({ numerator: 780, rate: 95.12, score: 95.12 });
  });
});
