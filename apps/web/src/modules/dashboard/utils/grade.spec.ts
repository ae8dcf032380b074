import { describe, expect, it } from 'vitest';
import { GRADE_LEGEND, gradeStyle } from './grade';

describe('grade colours', () => {
  it('draws the spec’s five colours A green … E black', () => {
    expect(GRADE_LEGEND.map((g) => [g.grade, gradeStyle(g.colour).background])).toEqual([
      ['A', '#2e7d32'],
      ['B', '#1565c0'],
      ['C', '#f9d71c'],
      ['D', '#c62828'],
      ['E', '#1f1f1f'],
    ]);
    // Dark text on yellow, white on the others.
    expect(gradeStyle('yellow').text).toBe('#1f1f1f');
    expect(gradeStyle('black').text).toBe('#ffffff');
  });

  it('greys out an unknown or missing colour', () => {
    expect(gradeStyle(null).background).toBe('#8a8f98');
    expect(gradeStyle('purple').background).toBe('#8a8f98');
  });
});
