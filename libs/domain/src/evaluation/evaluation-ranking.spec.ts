import { describe, expect, it } from 'vitest';
import { evaluateObject } from './evaluation-calculators';
import { defaultEvaluationProfile } from './evaluation-profiles';
import { rank, type RankEntry } from './evaluation-ranking';

const profile = defaultEvaluationProfile();
/** An inspector whose only differences are valid reports out of 1000 (weight 40 %). */
function inspector(objectId: string, validReported: number, dueToVerify = 10): RankEntry {
  const counts = {
    inspectorReported: 1000,
    validReported,
    missedReports: 0,
    filed: 100,
    voided: 0,
    dueToVerify,
    verifiedOnTime: dueToVerify,
    dueToCheck: 10,
    checkedOnTime: 10,
  };
  return { objectId, result: evaluateObject('inspector', counts, profile) };
}

describe('rank', () => {
  // composites: valid v/1000 × 100 × 0.4 + 60 → 900 → 96, 800 → 92, 800 → 92, 700 → 88
  const entries = [inspector('u4', 700), inspector('u2', 800), inspector('u1', 900), inspector('u3', 800)];

  it('ranks best first; ties share a rank and the next skips (1, 2, 2, 4)', () => {
    const r = rank(entries);
    expect(r.map((e) => [e.objectId, e.result.composite, e.rank])).toEqual([
      ['u1', 96, 1],
      ['u2', 92, 2],
      ['u3', 92, 2],
      ['u4', 88, 4],
    ]);
  });

  it('dense ranking: 1, 2, 2, 3', () => {
    expect(rank(entries, { basis: 'reported', ties: 'dense' }).map((e) => e.rank)).toEqual([1, 2, 2, 3]);
  });

  it('ties on the reported value, or splits them on the unrounded one', () => {
    // 800.1 is impossible in counts; use 8001/10000 vs 8000/10000 via a larger base:
    // valid 8000/10000 → 92 exactly; 8001/10000 → 80.01 × 0.4 + 60 = 92.004 → reported 92.00
    const a = {
      objectId: 'a',
      result: evaluateObject(
        'inspector',
        {
          inspectorReported: 10000,
          validReported: 8000,
          missedReports: 0,
          filed: 100,
          voided: 0,
          dueToVerify: 1,
          verifiedOnTime: 1,
          dueToCheck: 1,
          checkedOnTime: 1,
        },
        profile,
      ),
    };
    const b = {
      objectId: 'b',
      result: evaluateObject(
        'inspector',
        {
          inspectorReported: 10000,
          validReported: 8001,
          missedReports: 0,
          filed: 100,
          voided: 0,
          dueToVerify: 1,
          verifiedOnTime: 1,
          dueToCheck: 1,
          checkedOnTime: 1,
        },
        profile,
      ),
    };
    expect(rank([b, a]).map((e) => [e.objectId, e.rank])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(rank([a, b], { basis: 'unrounded', ties: 'shared' }).map((e) => [e.objectId, e.rank])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('lists objects without a composite last, unranked', () => {
    const p = defaultEvaluationProfile();
    p.zeroDenominator.policy = 'noComposite';
    const none = {
      objectId: 'u0',
      result: evaluateObject(
        'inspector',
        {
          inspectorReported: 0,
          validReported: 0,
          missedReports: 0,
          filed: 0,
          voided: 0,
          dueToVerify: 0,
          verifiedOnTime: 0,
          dueToCheck: 0,
          checkedOnTime: 0,
        },
        p,
      ),
    };
    const r = rank([none, inspector('u1', 900)]);
    expect(r.map((e) => [e.objectId, e.rank])).toEqual([
      ['u1', 1],
      ['u0', null],
    ]);
  });
});
