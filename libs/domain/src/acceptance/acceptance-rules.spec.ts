import { describe, expect, it } from 'vitest';
import { evaluateAcceptance } from './acceptance-engine';
import { type AcceptanceItem, type AcceptanceProfile, type AcceptanceRule } from './acceptance-profile';
import { validateAcceptanceProfile } from './acceptance-profile-validation';

/** A one-item profile (10 points) to score a rule in isolation. */
function single(rule: AcceptanceRule, extra: Partial<AcceptanceItem> = {}): AcceptanceProfile {
  return validateAcceptanceProfile({
    id: 'test',
    version: 1,
    name: 'test',
    totalPoints: 10,
    pointsKnown: true,
    conclusionsKnown: true,
    reportDecimals: 2,
    mandatoryFailConclusion: 'fail',
    conclusionBands: [
      { id: 'pass', name: '通过', minTotal: 6 },
      { id: 'fail', name: '不通过', minTotal: 0 },
    ],
    categories: [
      {
        id: 'X',
        name: 'x',
        maxPoints: 10,
        pointsKnown: true,
        items: [
          {
            id: 'X1',
            name: 'x1',
            maxPoints: 10,
            pointsKnown: true,
            rule,
            mandatory: false,
            evidenceRequired: false,
            ...extra,
          },
        ],
      },
    ],
  });
}
const reviewer = { reviewer: 'r' };
const byMetric = (p: AcceptanceProfile, value: number) =>
  evaluateAcceptance(p, { metrics: { m: { value } } }).items[0];
const byInput = (p: AcceptanceProfile, input: object) =>
  evaluateAcceptance(p, { items: { X1: { ...reviewer, ...input } } }).items[0];

describe('acceptance rule types', () => {
  it('binary: met → full, else 0', () => {
    const p = single({ type: 'binary' });
    expect(byInput(p, { met: true })).toMatchObject({ score: 10, passed: true, source: 'manual' });
    expect(byInput(p, { met: false })).toMatchObject({ score: 0, passed: false });
  });

  it('metricThreshold with each operator', () => {
    // 6 >= 6 → 10; 6 > 6 → 0; 6 <= 5 → 0; 5 < 6 → 10; 6 = 6 → 10
    expect(byMetric(single({ type: 'metricThreshold', metric: 'm', op: '>=', value: 6 }), 6).score).toBe(10);
    expect(byMetric(single({ type: 'metricThreshold', metric: 'm', op: '>', value: 6 }), 6).score).toBe(0);
    expect(byMetric(single({ type: 'metricThreshold', metric: 'm', op: '<=', value: 5 }), 6).score).toBe(0);
    expect(byMetric(single({ type: 'metricThreshold', metric: 'm', op: '<', value: 6 }), 5).score).toBe(10);
    expect(byMetric(single({ type: 'metricThreshold', metric: 'm', op: '=', value: 6 }), 6).score).toBe(10);
  });

  it('metric rules take a reviewer’s value when the metric is not computed', () => {
    const p = single({ type: 'metricThreshold', metric: 'm', op: '>=', value: 0.9 });
    // 0.93 ≥ 0.9 → 10, entered by hand
    expect(byInput(p, { value: 0.93 })).toMatchObject({
      score: 10,
      source: 'manual',
      data: { kind: 'manual', value: 0.93 },
    });
  });

  it('gradedThreshold: the first band that holds, bounds inclusive for >=', () => {
    const p = single({
      type: 'gradedThreshold',
      metric: 'm',
      bands: [
        { op: '>=', value: 0.9, points: 10 },
        { op: '>=', value: 0.8, points: 5 },
      ],
    });
    expect([0.95, 0.9, 0.89, 0.8, 0.79].map((v) => byMetric(p, v).score)).toEqual([10, 10, 5, 5, 0]);
    expect(byMetric(p, 0.79).passed).toBe(false);
  });

  it('perDefectDeduction: −step per defect, floor', () => {
    const p = single({ type: 'perDefectDeduction', metric: 'm', step: 0.5, floor: 2 });
    // 10 − 3 × 0.5 = 8.5; 10 − 30 × 0.5 = −5 → floor 2
    expect(byMetric(p, 3).score).toBe(8.5);
    expect(byMetric(p, 30).score).toBe(2);
  });

  it('ratioLinear: linear between min and max, both directions, clamped', () => {
    const up = single({ type: 'ratioLinear', metric: 'm', min: 0.6, max: 0.9 });
    // (0.7 − 0.6)/(0.9 − 0.6) = 1/3 × 10 = 3.333… → 3.33; below min → 0; above max → 10
    expect([0.7, 0.5, 0.95].map((v) => byMetric(up, v).score)).toEqual([3.33, 0, 10]);
    const down = single({ type: 'ratioLinear', metric: 'm', min: 0.2, max: 0.05 });
    // (0.125 − 0.2)/(0.05 − 0.2) = 0.5 × 10 = 5
    expect(byMetric(down, 0.125).score).toBe(5);
  });

  it('countMissing: −step per missing entry, floor 0', () => {
    const p = single({ type: 'countMissing', list: ['a', 'b', 'c', 'd'], step: 4 });
    // 1 missing: 10 − 4 = 6; 3 missing: 10 − 12 → 0
    expect(byInput(p, { present: ['a', 'b', 'c'] })).toMatchObject({
      score: 6,
      passed: false,
      data: { missing: ['d'] },
    });
    expect(byInput(p, { present: ['a'] }).score).toBe(0);
    expect(byInput(p, { present: ['a', 'b', 'c', 'd'] }).passed).toBe(true);
  });

  it('manualScore: the reviewer’s points', () => {
    expect(byInput(single({ type: 'manualScore' }), { score: 7.25 })).toMatchObject({
      score: 7.25,
      passed: true,
    });
    expect(byInput(single({ type: 'manualScore' }), { score: 0 }).passed).toBe(false);
  });

  it('an explicit passMark decides passing', () => {
    const p = single({ type: 'manualScore' }, { passMark: 6 });
    expect(byInput(p, { score: 5.99 }).passed).toBe(false);
    expect(byInput(p, { score: 6 }).passed).toBe(true);
  });

  it('clamps a category to its points when its items add up to more', () => {
    const p = single({ type: 'binary' });
    p.categories[0].items.push({ ...p.categories[0].items[0], id: 'X2' });
    // items 10 + 10 = 20, category max 10 → 10
    const r = evaluateAcceptance(validateAcceptanceProfile(p), {
      items: { X1: { ...reviewer, met: true }, X2: { ...reviewer, met: true } },
    });
    expect(r.categories[0]).toMatchObject({ score: 10, max: 10 });
    expect(r.total).toBe(10);
  });
});
