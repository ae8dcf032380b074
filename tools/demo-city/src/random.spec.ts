import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, Rng } from './random';

describe('mulberry32', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const next = mulberry32(1);
    const buckets = new Array<number>(10).fill(0);
    for (let k = 0; k < 10000; k++) {
      const x = next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });
});

describe('Rng', () => {
  it('derives independent streams per label', () => {
    expect(deriveSeed(1, 'cell:1:2')).not.toBe(deriveSeed(1, 'cell:1:3'));
    expect(deriveSeed(1, 'lattice')).not.toBe(deriveSeed(2, 'lattice'));
    expect(Rng.for(5, 'x').float()).toBe(Rng.for(5, 'x').float());
  });

  it('draws integers in the inclusive range and shuffles without losing items', () => {
    const rng = new Rng(9);
    const seen = new Set<number>();
    for (let k = 0; k < 500; k++) seen.add(rng.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
    const items = Array.from({ length: 20 }, (_, k) => k);
    const shuffled = rng.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(() => rng.pick([])).toThrow();
  });
});
