import { describe, expect, it } from 'vitest';
import { evaluateAcceptance } from './acceptance-engine';
import { defaultAcceptanceProfile } from './acceptance-profiles';
import { fullAnswers, perfectInputs, perfectMetrics } from './acceptance-test-factory';

describe('default acceptance profile (spec 06 §3, §6)', () => {
  const profile = defaultAcceptanceProfile();

  it('has categories A–F totalling 100, every point marked as not known', () => {
    expect(profile.categories.map((c) => [c.id, c.maxPoints])).toEqual([
      ['A', 10],
      ['B', 15],
      ['C', 20],
      ['D', 25],
      ['E', 20],
      ['F', 10],
    ]);
    // 10 + 15 + 20 + 25 + 20 + 10 = 100
    expect(profile.totalPoints).toBe(100);
    expect(profile.pointsKnown).toBe(false);
    expect(profile.conclusionsKnown).toBe(false);
    expect(profile.categories.flatMap((c) => c.items).every((i) => !i.pointsKnown)).toBe(true);
    expect(profile.note).toMatch(/NOT known/);
  });

  it('gives full marks and 优秀 to a system that meets everything', () => {
    const r = evaluateAcceptance(profile, perfectInputs(profile));
    expect(r.total).toBe(100);
    expect(r.categories.map((c) => c.score)).toEqual([10, 15, 20, 25, 20, 10]);
    expect(r.failedMandatory).toEqual([]);
    expect(r.missingItems).toEqual([]);
    expect(r.conclusion).toEqual({ id: 'excellent', name: '优秀' });
    expect(r.items.find((i) => i.id === 'E1')).toMatchObject({
      source: 'computed',
      passed: true,
      data: {
        kind: 'metric',
        metric: 'trialRunMonths',
        value: 8,
        window: { from: '2026-01-01', to: '2026-08-31' },
      },
    });
    expect(r.items.find((i) => i.id === 'A1')).toMatchObject({
      source: 'manual',
      data: {
        kind: 'manual',
        value: true,
        reviewer: 'expert-1',
        evidence: [{ kind: 'document', ref: 'attachment-1' }],
      },
    });
  });

  it('scores a realistic acceptance: 77.97 → 整改后复验', () => {
    const items = fullAnswers(profile);
    const doc = { reviewer: 'expert-2', evidence: [{ kind: 'document' as const, ref: 'att-9' }] };
    items.B6 = { ...doc, met: false };
    items.F2 = { ...doc, met: false };
    items.C4 = { ...doc, score: 3 };
    items.C5 = { ...doc, score: 2.5 };
    for (const id of ['D2', 'D3', 'D4', 'D5']) items[id] = { ...doc, score: 3 };
    const metrics = {
      ...perfectMetrics(),
      departmentsWithCaseFlowShare: { value: 0.8 },
      gridQualityFindings: { value: 3 },
      componentClassCoverage: { value: 0.85 },
      closeRate: { value: 0.88 },
      onTimeCloseRate: { value: 0.75 },
      validReportRate: { value: 0.75 },
      processExceptionShare: { value: 0.1 },
      dataRetentionMonths: { value: 10 },
    };
    const r = evaluateAcceptance(profile, { metrics, items });
    const score = (id: string) => r.items.find((i) => i.id === id)!.score;
    // A2: (0.8 − 0.5)/(1 − 0.5) = 0.6 × 3 = 1.8
    expect(score('A2')).toBe(1.8);
    // C1: 5 − 3 × 0.5 = 3.5; C2: 0.85 ≥ 0.8 → 3
    expect([score('C1'), score('C2')]).toEqual([3.5, 3]);
    // E3: 0.88 ≥ 0.8 → 2; E4: 0.75 ≥ 0.7 → 2; E5: (0.75 − 0.6)/0.3 = 0.5 × 1 = 0.5;
    // E6: (0.1 − 0.2)/(0.05 − 0.2) = 2/3 → 0.67; E7: 10 < 12 → 0
    expect(['E3', 'E4', 'E5', 'E6', 'E7'].map(score)).toEqual([2, 2, 0.5, 0.67, 0]);
    // A 3 + 1.8 + 2 + 2 = 8.8; B 4 + 2 + 2 + 3 + 2 + 0 = 13; C 3.5 + 3 + 2 + 3 + 2.5 = 14;
    // D 9 + 4 × 3 = 21; E 4 + 4 + 2 + 2 + 0.5 + 2/3 + 0 = 13.1667 → 13.17; F 4 + 0 + 2 + 2 = 8
    expect(r.categories.map((c) => c.score)).toEqual([8.8, 13, 14, 21, 13.17, 8]);
    // 8.8 + 13 + 14 + 21 + 13.1667 + 8 = 77.9667 → 77.97 (≥ 60, < 80)
    expect(r.total).toBe(77.97);
    expect(r.conclusion).toEqual({ id: 'reinspect', name: '整改后复验' });
    // E7 is not mandatory: failing it costs points only
    expect(r.items.find((i) => i.id === 'E7')).toMatchObject({ passed: false, mandatory: false });
    expect(r.failedMandatory).toEqual([]);
  });
});
