import type { AcceptanceItem } from '@urbangrid/domain';
import { describe, expect, it } from 'vitest';
import { buildAnswer, categoryBars, manualField } from './acceptance-view';

const item = (rule: AcceptanceItem['rule'], extra: Partial<AcceptanceItem> = {}): AcceptanceItem => ({
  id: 'x',
  name: 'x',
  maxPoints: 4,
  pointsKnown: true,
  rule,
  mandatory: false,
  evidenceRequired: false,
  ...extra,
});

describe('acceptance view', () => {
  it('draws each category as score over max', () => {
    // 7.5 of 10 → 75 %; a category without points → 0 %.
    expect(
      categoryBars({
        categories: [
          { id: 'a', name: 'A', score: 7.5, max: 10 },
          { id: 'b', name: 'B', score: 0, max: 0 },
        ],
      }),
    ).toEqual([
      { id: 'a', name: 'A', score: 7.5, max: 10, percent: 75 },
      { id: 'b', name: 'B', score: 0, max: 0, percent: 0 },
    ]);
  });

  it('asks reviewers only for what the system does not compute', () => {
    expect(
      manualField(item({ type: 'metricThreshold', metric: 'onTimeClosingRate', op: '>=', value: 90 })),
    ).toBeNull();
    expect(manualField(item({ type: 'metricThreshold', op: '>=', value: 90 }))).toEqual({ kind: 'value' });
    expect(manualField(item({ type: 'binary' }))).toEqual({ kind: 'met' });
    expect(manualField(item({ type: 'manualScore' }))).toEqual({ kind: 'score', max: 4 });
    expect(manualField(item({ type: 'countMissing', list: ['a', 'b'], step: 0.5 }))).toEqual({
      kind: 'present',
      list: ['a', 'b'],
    });
  });

  it('checks a manual score against the item’s points and requires evidence where the item says so', () => {
    const scored = item({ type: 'manualScore' }, { evidenceRequired: true });
    expect(buildAnswer(scored, { score: '5', evidence: [] })).toEqual({ ok: false, reason: 'scoreRange' });
    expect(buildAnswer(scored, { score: '3.5', evidence: [] })).toEqual({
      ok: false,
      reason: 'evidenceRequired',
    });
    const photo = { kind: 'photo' as const, ref: 'att-1' };
    expect(buildAnswer(scored, { score: '3.5', evidence: [photo], note: '现场核验' })).toEqual({
      ok: true,
      input: { score: 3.5, evidence: [photo], note: '现场核验' },
    });
    expect(buildAnswer(item({ type: 'binary' }), { met: true, evidence: [] })).toEqual({
      ok: true,
      input: { met: true, evidence: [] },
    });
  });
});
