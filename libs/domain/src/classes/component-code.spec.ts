import { describe, expect, it } from 'vitest';
import {
  componentCodeLength,
  composeComponentCode,
  isComponentCode,
  nextComponentCode,
  nextComponentSequence,
  parseComponentCode,
} from './component-code';

describe('component identification code (部件标识码, spec 01 §2.7)', () => {
  it('parses the Suzhou example 3205080101000001 = 320508 · 01 · 01 · 000001 (a 上水井盖 in 姑苏区)', () => {
    expect(parseComponentCode('3205080101000001', 'gbt30428-2')).toEqual({
      adminCode: '320508',
      bigCode: '01',
      smallClassCode: '0101',
      sequence: 1,
    });
  });

  it('composes the Suzhou example back from its parts', () => {
    expect(
      composeComponentCode({ adminCode: '320508', smallClassCode: '0101', sequence: 1 }, 'gbt30428-2'),
    ).toBe('3205080101000001');
  });

  it('is 16 digits nationally and 17 in the successor scheme (6 + 2 + 3 + 6)', () => {
    expect(componentCodeLength('gbt30428-2')).toBe(16);
    expect(componentCodeLength('gbt47678-5')).toBe(17);
  });

  it('composes and parses a 17-digit successor code', () => {
    const code = composeComponentCode(
      { adminCode: '320508', smallClassCode: '01001', sequence: 42 },
      'gbt47678-5',
    );
    expect(code).toBe('32050801001000042');
    expect(parseComponentCode(code, 'gbt47678-5')).toEqual({
      adminCode: '320508',
      bigCode: '01',
      smallClassCode: '01001',
      sequence: 42,
    });
  });

  it('accepts a local extension class 21 under the default pattern', () => {
    expect(parseComponentCode('4403042101000007', 'gbt30428-2').smallClassCode).toBe('2101');
  });

  it.each([
    ['320508010100000', 'too short'],
    ['32050801010000011', 'too long'],
    ['32050801010000a1', 'not digits'],
    ['3205080701000001', 'big class 07 fails the default pattern (01–06 or 20+)'],
    ['3205080100000001', 'small class 00'],
    ['3205080101000000', 'sequence zero'],
  ])('rejects %s (%s) with COMPONENT.CODE_MALFORMED', (code) => {
    expect(() => parseComponentCode(code, 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'COMPONENT.CODE_MALFORMED' }),
    );
    expect(isComponentCode(code, 'gbt30428-2')).toBe(false);
  });

  it('uses a configured pattern instead of the default (a city that uses big class 07)', () => {
    const pattern = /^\d{6}(0[1-7]|[2-9]\d)\d{2}\d{6}$/;
    expect(isComponentCode('3205080701000001', 'gbt30428-2', { pattern })).toBe(true);
    expect(isComponentCode('3205080801000001', 'gbt30428-2', { pattern })).toBe(false);
  });

  it('refuses a bad admin code, a big class in place of a small one, and sequences out of 1..999999', () => {
    const compose = (adminCode: string, smallClassCode: string, sequence: number) => () =>
      composeComponentCode({ adminCode, smallClassCode, sequence }, 'gbt30428-2');
    expect(compose('32050', '0101', 1)).toThrow(
      expect.objectContaining({ code: 'COMPONENT.ADMIN_CODE_MALFORMED' }),
    );
    expect(compose('000000', '0101', 1)).toThrow(
      expect.objectContaining({ code: 'COMPONENT.ADMIN_CODE_MALFORMED' }),
    );
    expect(compose('320508', '01', 1)).toThrow(expect.objectContaining({ code: 'CLASS.CODE_MALFORMED' }));
    expect(compose('320508', '0101', 0)).toThrow(
      expect.objectContaining({ code: 'COMPONENT.SEQUENCE_OUT_OF_RANGE' }),
    );
    expect(compose('320508', '0101', 1_000_000)).toThrow(
      expect.objectContaining({ code: 'COMPONENT.SEQUENCE_OUT_OF_RANGE' }),
    );
    expect(compose('320508', '0101', 1.5)).toThrow(
      expect.objectContaining({ code: 'COMPONENT.SEQUENCE_OUT_OF_RANGE' }),
    );
    expect(compose('320508', '0101', 999_999)()).toBe('3205080101999999');
  });

  it('refuses a composed code that fails the configured pattern', () => {
    expect(() =>
      composeComponentCode({ adminCode: '320508', smallClassCode: '0701', sequence: 1 }, 'gbt30428-2'),
    ).toThrow(expect.objectContaining({ code: 'COMPONENT.CODE_MALFORMED' }));
  });
});

describe('next component sequence', () => {
  const existing = [
    '3205080101000001',
    '3205080101000002',
    '3205080101000005', // a gap at 3 and 4 (removed components) is not reused
    '3205080102000009', // another small class
    '3205050101000020', // another admin area
  ];

  it('is one above the highest sequence of the same area and small class: max(1, 2, 5) + 1 = 6', () => {
    expect(nextComponentSequence('320508', '0101', existing, 'gbt30428-2')).toBe(6);
    expect(nextComponentCode('320508', '0101', existing, 'gbt30428-2')).toBe('3205080101000006');
  });

  it('starts at 1 for a small class with no component yet', () => {
    expect(nextComponentCode('320508', '0103', existing, 'gbt30428-2')).toBe('3205080103000001');
  });

  it('refuses a malformed existing code rather than guess', () => {
    expect(() => nextComponentSequence('320508', '0101', ['320508010100001'], 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'COMPONENT.CODE_MALFORMED' }),
    );
  });

  it('reports exhaustion after 999999', () => {
    expect(() => nextComponentSequence('320508', '0101', ['3205080101999999'], 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'COMPONENT.SEQUENCE_EXHAUSTED' }),
    );
  });
});
