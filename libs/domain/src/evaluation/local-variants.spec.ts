import { describe, expect, it } from 'vitest';
import { evaluateObject } from './evaluation-calculators';
import { type EvaluationCounts } from './evaluation-counts';
import { shippedEvaluationProfiles } from './evaluation-profiles';

const profile = (id: string) => shippedEvaluationProfiles().find((p) => p.id === id)!;

describe('Jinhua 考核细则 (spec 05 §8): points with thresholds and per-case deductions', () => {
  const jinhua = profile('jinhua-department');
  const counts: EvaluationCounts = {
    dueToClose: 200,
    deferred: 10,
    closedOnTime: 114,
    closed: 171,
    urgentDueToClose: 20,
    urgentClosed: 19,
    urgentClosedOnTime: 17,
    rework: 8,
    reworkRepeated: 2,
    falsified: 1,
    evaded: 0,
  };

  it('scores each term', () => {
    const r = evaluateObject('department', counts, jinhua);
    expect(r.indicators.map((i) => [i.id, i.rate, i.score])).toEqual([
      // 按期结案率 = 114/(200 − 缓办 10) = 60 %: 10 points below 70 % → 50 − 10 × 1 = 40
      ['onTimeCloseRate', 60, 40],
      // 结案率 = 171/190 = 90 % → 20 (not below the threshold)
      ['closeRate', 90, 20],
      // 紧急结案 19/20 = 95 %: 5 points below 100 % → 10 − 5 × 0.5 = 7.5
      ['urgentCloseRate', 95, 7.5],
      // 紧急按期 17/20 = 85 %: 10 points below 95 % → −10 × 0.5 = −5
      ['urgentOnTimeCloseRate', 85, -5],
      // (8 − 2) reworked cases × −0.2 = −1.2
      ['reworkDeduction', null, -1.2],
      // 2 cases with ≥ 3 failed checks × −0.5 = −1
      ['repeatedReworkDeduction', null, -1],
      // 1 × −1
      ['falsifiedDeduction', null, -1],
      ['evadedDeduction', null, 0], // 0 × −1 (reported as 0, never −0)
    ]);
  });

  it('sums the points out of 80, without an A–E grade', () => {
    const r = evaluateObject('department', counts, jinhua);
    // 40 + 20 + (7.5 − 5 = 2.5 urgent group) − 1.2 − 1 − 1 − 0 = 59.3
    expect(r.composite).toBe(59.3);
    expect(r.grade).toBeNull();
  });

  it('clamps the urgent group to [0, 10] and the total at 0', () => {
    const bad = {
      ...counts,
      closedOnTime: 0,
      closed: 0,
      urgentClosed: 10,
      urgentClosedOnTime: 5,
      falsified: 10,
    };
    const r = evaluateObject('department', bad, jinhua);
    // 按期 0 % → 50 − 70 < 0 → floor 0; 结案 0 % → floor 0;
    // urgent: 10/20 = 50 % → 10 − 25 → floor 0; on time 25 % → −35; group max(0, 0 − 35) = 0
    expect(r.indicators.slice(0, 4).map((i) => i.score)).toEqual([0, 0, 0, -35]);
    // 0 + 0 + 0 − 1.2 − 1 − 10 < 0 → 0
    expect(r.composite).toBe(0);
  });

  it('gives full urgent points when there were no urgent cases (its zero-denominator policy)', () => {
    const r = evaluateObject(
      'department',
      { ...counts, urgentDueToClose: 0, urgentClosed: 0, urgentClosedOnTime: 0 },
      jinhua,
    );
    // urgent 10 + 0: 40 + 20 + 10 − 3.2 = 66.8
    expect(r.composite).toBe(66.8);
    expect(r.partial).toBe(true);
  });

  it('re-scales when a points term is dropped', () => {
    const p = profile('jinhua-department');
    p.zeroDenominator.policy = 'dropTermAndRenormalise';
    const r = evaluateObject(
      'department',
      { ...counts, urgentDueToClose: 0, urgentClosed: 0, urgentClosedOnTime: 0 },
      p,
    );
    // urgent (10 points) dropped: (40 + 20 − 3.2) × 80 / (80 − 10) = 56.8 × 80/70 = 64.9142… → 64.91
    expect(r.composite).toBe(64.91);
  });
});

describe('Chengdu 金牛 (spec 05 §8): five weighted rates', () => {
  it('sums 30/20/20/20/10', () => {
    const counts: EvaluationCounts = {
      dueToDispose: 200,
      disposed: 190,
      disposedOnTime: 170,
      rework: 6,
      dueToClose: 150,
      overdueUndisposed: 8,
      extended: 10,
    };
    const r = evaluateObject('department', counts, profile('chengdu-jinniu-department'));
    // 日常处置 190/200 = 95 → 28.5; 按期处置 170/200 = 85 → 17; 返工 6/150 = 4 % → 96 → 19.2;
    // 超期待处置 8/200 = 4 % → 96 → 19.2; 延期 10/200 = 5 % → 95 → 9.5
    expect(r.indicators.map((i) => i.weighted)).toEqual([28.5, 17, 19.2, 19.2, 9.5]);
    // 28.5 + 17 + 19.2 + 19.2 + 9.5 = 93.4 → A
    expect(r.composite).toBe(93.4);
    expect(r.grade?.grade).toBe('A');
  });
});

describe('variants inherit what they do not change', () => {
  it('evaluates inspectors in the Hohhot profile as the default does (93.2)', () => {
    const counts = {
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
    // 36 + 19 + 19 + 19.2 = 93.2 (spec 05 §5.3)
    expect(evaluateObject('inspector', counts, profile('hohhot-department')).composite).toBe(93.2);
  });

  it('keeps the 作废 exclusion and enables 缓办 only in Jinhua', () => {
    const j = profile('jinhua-department').exclusions.map((e) => [e.id, e.enabled]);
    expect(j).toEqual([
      ['void', true],
      ['deferred', true],
      ['parked', false],
    ]);
  });
});
