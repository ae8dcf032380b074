import { describe, expect, it } from 'vitest';
import { evaluateObject } from './evaluation-calculators';
import { type EvaluationProfile } from './evaluation-profile';
import { defaultEvaluationProfile } from './evaluation-profiles';
import { Rational } from './rational';

/** The default profile with a one-term inspector evaluation, so the composite equals one score. */
function oneTerm(rounding?: Partial<EvaluationProfile['rounding']>): EvaluationProfile {
  const p = defaultEvaluationProfile();
  p.rounding = { ...p.rounding, ...rounding };
  p.objects.inspector!.indicators = [{ ...p.objects.inspector!.indicators[0], weight: 1 }];
  return p;
}

describe('Rational', () => {
  it('reads JSON decimals exactly: 0.1 + 0.2 = 0.3', () => {
    // in doubles 0.1 + 0.2 = 0.30000000000000004
    expect(Rational.fromNumber(0.1).add(Rational.fromNumber(0.2)).eq(Rational.fromNumber(0.3))).toBe(true);
    expect(Rational.fromNumber(1e-7).eq(Rational.of(1n, 10_000_000n))).toBe(true);
    expect(Rational.fromNumber(-2.5).eq(Rational.of(-5n, 2n))).toBe(true);
  });

  it('rounds x.xx5 half-up, half-even and truncated', () => {
    const x = Rational.of(29n * 100n, 800n); // 29/800 × 100 = 3.625 exactly (3.6249999999999996 in doubles)
    expect(x.toNumber(2, 'halfUp')).toBe(3.63);
    expect(x.toNumber(2, 'halfEven')).toBe(3.62);
    expect(x.toNumber(2, 'truncate')).toBe(3.62);
    const y = Rational.fromNumber(3.635); // the tie above an odd digit: half-even rounds up too
    expect(y.toNumber(2, 'halfEven')).toBe(3.64);
    // negative ties round away from zero under half-up
    expect(Rational.fromNumber(-1.005).toNumber(2, 'halfUp')).toBe(-1.01);
    expect(Rational.fromNumber(1.005).toNumber(2, 'halfUp')).toBe(1.01); // (1.005).toFixed(2) is "1.00"
  });

  it('rounds to 0 decimals', () => {
    // 89.5 → 90, 89.49 → 89
    expect(Rational.fromNumber(89.5).toNumber(0, 'halfUp')).toBe(90);
    expect(Rational.fromNumber(89.49).toNumber(0, 'halfUp')).toBe(89);
  });
});

describe('rounding in the evaluation', () => {
  it('reports a rate of exactly 3.625 % as 3.63, where doubles give 3.62', () => {
    const r = evaluateObject(
      'department',
      {
        filed: 0,
        voided: 0,
        dueToClose: 1,
        closed: 1,
        dueToDispose: 1,
        disposed: 800,
        disposedOnTime: 1,
        rework: 29,
      },
      defaultEvaluationProfile(),
    );
    // 返工率 = 29/800 = 3.625 % → 3.63; score (1 − 0.03625) × 100 = 96.375 → 96.38
    expect(r.indicators.find((i) => i.id === 'reworkRate')).toMatchObject({ rate: 3.63, score: 96.38 });
  });

  it('grades the unrounded composite: 89.995 is reported 90 but graded B', () => {
    // 有效上报率 17999/20000 = 89.995 % → score 89.995 → reported 90.00
    const counts = { inspectorReported: 20000, validReported: 17999 };
    const r = evaluateObject('inspector', counts, oneTerm());
    expect(r.composite).toBe(90);
    expect(r.grade?.grade).toBe('B');
    // graded on the reported value instead: 90.00 → A
    expect(evaluateObject('inspector', counts, oneTerm({ gradeOn: 'reported' })).grade?.grade).toBe('A');
  });

  it('reports to the profile’s decimals and mode', () => {
    const counts = { inspectorReported: 800, validReported: 29 };
    // 29/800 × 100 = 3.625: 1 decimal half-up → 3.6 (0.025 < 0.05); 3 decimals → 3.625
    expect(evaluateObject('inspector', counts, oneTerm({ reportDecimals: 1 })).composite).toBe(3.6);
    expect(evaluateObject('inspector', counts, oneTerm({ reportDecimals: 3 })).composite).toBe(3.625);
    expect(
      evaluateObject('inspector', counts, oneTerm({ mode: 'truncate', reportDecimals: 0 })).composite,
    ).toBe(3);
  });

  it('rounds each score first when the profile says roundScoresFirst', () => {
    const base = {
      inspectorReported: 300,
      validReported: 270,
      missedReports: 16,
      filed: 320,
      voided: 0,
      dueToCheck: 250,
      checkedOnTime: 240,
    };
    const counts = { ...base, dueToVerify: 3, verifiedOnTime: 2 };
    // 按时核实率 2/3 = 66.666…: full precision 36 + 19 + 13.3333… + 19.2 = 87.5333… → 87.53
    expect(evaluateObject('inspector', counts, defaultEvaluationProfile()).composite).toBe(87.53);
    const p = defaultEvaluationProfile();
    p.rounding.compute = 'roundScoresFirst';
    // 66.67 × 0.2 = 13.334: 36 + 19 + 13.334 + 19.2 = 87.534 → 87.53, and the score shows 66.67
    const r = evaluateObject('inspector', counts, p);
    expect(r.indicators[2].score).toBe(66.67);
    expect(r.indicators[2].weighted).toBe(13.33);
    expect(r.compositeUnrounded).toBeCloseTo(87.534, 10);
  });
});
