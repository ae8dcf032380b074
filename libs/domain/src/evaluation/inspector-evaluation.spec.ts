import { describe, expect, it } from 'vitest';
import { evaluateObject, InspectorEvaluationCalculator } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { defaultEvaluationProfile } from './evaluation-profiles';

/** Spec 05 §5.3 (made-up numbers). */
const inspector: EvaluationCounts = {
  inspectorReported: 300,
  validReported: 270,
  missedReports: 16,
  filed: 320,
  voided: 0,
  dueToVerify: 40,
  verifiedOnTime: 38,
  dueToCheck: 250,
  checkedOnTime: 240,
};

describe('监督员 evaluation — worked example of spec 05 §5.3', () => {
  const r = new InspectorEvaluationCalculator().evaluate(inspector, defaultEvaluationProfile());

  it('scores each indicator', () => {
    // 有效上报率 270/300 = 90 % → 90; 漏报率 16/320 = 5 % → (1 − 0.05) × 100 = 95;
    // 按时核实率 38/40 = 95 % → 95; 按时核查率 240/250 = 96 % → 96
    expect(r.indicators.map((i) => [i.id, i.rate, i.score])).toEqual([
      ['validReportRate', 90, 90],
      ['missedReportRate', 5, 95],
      ['onTimeVerifyRate', 95, 95],
      ['onTimeCheckRate', 96, 96],
    ]);
  });

  it('combines them: 93.2 → A (green)', () => {
    // 90×0.4 + 95×0.2 + 95×0.2 + 96×0.2 = 36 + 19 + 19 + 19.2 = 93.2
    expect(r.indicators.map((i) => i.weighted)).toEqual([36, 19, 19, 19.2]);
    expect(r.composite).toBe(93.2);
    expect(r.grade).toEqual({ grade: 'A', colour: 'green', colourZh: '绿色' });
  });

  it('drops a verify-less inspector’s term and re-normalises (spec 05 §7.3 example)', () => {
    const p = evaluateObject(
      'inspector',
      { ...inspector, dueToVerify: 0, verifiedOnTime: 0 },
      defaultEvaluationProfile(),
    );
    // weights 40/80, 20/80, 20/80 = 0.5, 0.25, 0.25
    expect(p.indicators.map((i) => i.effectiveWeight)).toEqual([0.5, 0.25, null, 0.25]);
    expect(p.indicators[2]).toMatchObject({
      status: 'notApplicable',
      rate: null,
      score: null,
      flags: ['zeroDenominator'],
    });
    // 90×0.5 + 95×0.25 + 96×0.25 = 45 + 23.75 + 24 = 92.75
    expect(p.composite).toBe(92.75);
    expect(p.partial).toBe(true);
  });

  it('takes 作废 out of the 漏报率 denominator', () => {
    // 立案数 320 of which 20 voided: 漏报率 = 16/(320 − 20) = 5.333… % → score 94.666… → 94.67
    const v = evaluateObject('inspector', { ...inspector, voided: 20 }, defaultEvaluationProfile());
    expect(v.indicators[1]).toMatchObject({ denominator: 300, rate: 5.33, score: 94.67 });
  });
});
