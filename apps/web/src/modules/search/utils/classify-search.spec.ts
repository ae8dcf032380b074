import { describe, expect, it } from 'vitest';
import { classifySearchInput, moveActiveIndex, normalizeDigits } from './classify-search';

describe('classifySearchInput', () => {
  it('reads 15- and 14-digit numbers as unit grid codes', () => {
    expect(classifySearchInput('330105001001001')).toEqual({ kind: 'grid', code: '330105001001001' });
    expect(classifySearchInput('33010500100101')).toEqual({ kind: 'grid', code: '33010500100101' });
  });

  it('reads 16- and 17-digit numbers as component codes', () => {
    expect(classifySearchInput('3301050101000001')).toEqual({
      kind: 'component',
      code: '3301050101000001',
    });
    expect(classifySearchInput('33010501001000001')).toEqual({
      kind: 'component',
      code: '33010501001000001',
    });
  });

  it('ignores surrounding and inner spaces and full-width digits in codes', () => {
    expect(classifySearchInput('  330105 001 001 001 ')).toEqual({ kind: 'grid', code: '330105001001001' });
    expect(classifySearchInput('３３０１０５００１００１００１')).toEqual({
      kind: 'grid',
      code: '330105001001001',
    });
  });

  it('treats every other text, including other digit counts, as an address', () => {
    expect(classifySearchInput('湖墅南路128号')).toEqual({ kind: 'address', text: '湖墅南路128号' });
    // 13 and 18 digits are neither kind of code.
    expect(classifySearchInput('3301050010010')).toEqual({ kind: 'address', text: '3301050010010' });
    expect(classifySearchInput('330105001001001001')).toEqual({
      kind: 'address',
      text: '330105001001001001',
    });
    expect(classifySearchInput(' 文一路 与 学院路 ')).toEqual({ kind: 'address', text: '文一路 与 学院路' });
  });

  it('reports blank input as empty', () => {
    expect(classifySearchInput('')).toEqual({ kind: 'empty' });
    expect(classifySearchInput(' \t ')).toEqual({ kind: 'empty' });
  });
});

describe('normalizeDigits', () => {
  it('converts only the full-width digits', () => {
    expect(normalizeDigits('１２８号Ａ')).toBe('128号Ａ');
  });
});

describe('moveActiveIndex', () => {
  it('moves through the candidates and wraps at both ends', () => {
    expect(moveActiveIndex(0, 3, 'down')).toBe(1);
    expect(moveActiveIndex(2, 3, 'down')).toBe(0);
    expect(moveActiveIndex(0, 3, 'up')).toBe(2);
    expect(moveActiveIndex(2, 3, 'up')).toBe(1);
  });

  it('starts at the first (down) or the last (up) when nothing is highlighted', () => {
    expect(moveActiveIndex(-1, 4, 'down')).toBe(0);
    expect(moveActiveIndex(-1, 4, 'up')).toBe(3);
    expect(moveActiveIndex(7, 4, 'down')).toBe(0);
  });

  it('highlights nothing in an empty list', () => {
    expect(moveActiveIndex(0, 0, 'down')).toBe(-1);
  });
});
