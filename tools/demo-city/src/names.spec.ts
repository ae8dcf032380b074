import { describe, expect, it } from 'vitest';
import {
  branchRoadNamePool,
  communityNamePool,
  laneNamePool,
  NamePool,
  PLACE_WORDS,
  streetNamePool,
} from './names';
import { Rng } from './random';

describe('names', () => {
  it('has no duplicate place words', () => {
    expect(new Set(PLACE_WORDS.map((w) => w.zh)).size).toBe(PLACE_WORDS.length);
  });

  it('uses the real Gongshu streets first, with pinyin', () => {
    const pool = streetNamePool(new Rng(1), new Set());
    const first = Array.from({ length: 18 }, () => pool.next());
    expect(first.map((s) => s.zh)).toContain('米市巷街道');
    expect(first.find((s) => s.zh === '米市巷街道')?.en).toBe('Mishixiang');
  });

  it('never repeats a name across pools that share the used set, even past the curated lists', () => {
    const used = new Set<string>();
    const rng = new Rng(2);
    const pools = [communityNamePool(rng, used), branchRoadNamePool(rng, used), laneNamePool(rng, used)];
    const names = pools.flatMap((p) => Array.from({ length: 4000 }, () => p.next()));
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^\p{Script=Han}+\d*\p{Script=Han}+$/u.test(n))).toBe(true);
  });

  it('falls back to numbered names once the tiers run out', () => {
    const pool = new NamePool(
      new Rng(3),
      [['甲', '乙']],
      (n) => `丙${n}`,
      (s) => s,
      new Set(['乙']),
    );
    expect([pool.next(), pool.next(), pool.next()]).toEqual(['甲', '丙1', '丙2']);
  });
});
