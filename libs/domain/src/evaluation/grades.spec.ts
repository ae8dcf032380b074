import { describe, expect, it } from 'vitest';
import { gradeOf } from './evaluation-engine';
import { defaultEvaluationProfile } from './evaluation-profiles';
import { Rational } from './rational';

describe('grade bands (spec 05 §7.1): lower bound inclusive, 100 is A', () => {
  const bands = defaultEvaluationProfile().gradeBands;
  it.each([
    [100, 'A', 'green'],
    [90, 'A', 'green'],
    [89.99, 'B', 'blue'],
    [75, 'B', 'blue'],
    [74.99, 'C', 'yellow'],
    [60, 'C', 'yellow'],
    [59.99, 'D', 'red'],
    [40, 'D', 'red'],
    [39.99, 'E', 'black'],
    [0, 'E', 'black'],
  ])('%d → %s (%s)', (value, grade, colour) => {
    expect(gradeOf(value, bands)).toMatchObject({ grade, colour });
  });

  it('keeps the exact boundary: 90 − 1/10^12 is B', () => {
    // 90 − 0.000000000001 = 89.999999999999
    expect(gradeOf(Rational.of(90n * 10n ** 12n - 1n, 10n ** 12n), bands)?.grade).toBe('B');
  });

  it('has no grade outside the bands or without bands', () => {
    expect(gradeOf(100.01, bands)).toBeNull();
    expect(gradeOf(-1, bands)).toBeNull();
    expect(gradeOf(95, [])).toBeNull();
  });

  it('carries the Chinese colour names', () => {
    expect(bands.map((b) => b.colourZh)).toEqual(['绿色', '蓝色', '黄色', '红色', '黑色']);
  });
});
