import { describe, expect, it } from 'vitest';
import {
  assertClassParent,
  assertLocalClassCode,
  classCodeLength,
  defaultGeometryType,
  isClassCode,
  parseClassCode,
} from './class-code';

describe('class code (GB/T 30428.2 §2.2)', () => {
  it('parses a national big class', () => {
    expect(parseClassCode('01', 'gbt30428-2')).toEqual({
      level: 'big',
      bigCode: '01',
      smallCode: null,
      detailCode: null,
      parentCode: null,
    });
  });

  it('parses a national small class: big 01 + small 01 = 0101 上水井盖', () => {
    expect(parseClassCode('0101', 'gbt30428-2')).toEqual({
      level: 'small',
      bigCode: '01',
      smallCode: '0101',
      detailCode: null,
      parentCode: '01',
    });
  });

  it('parses a detail class: 6 digits = small 0101 + 2 local digits', () => {
    expect(parseClassCode('010103', 'gbt30428-2')).toEqual({
      level: 'detail',
      bigCode: '01',
      smallCode: '0101',
      detailCode: '010103',
      parentCode: '0101',
    });
  });

  it('parses the successor scheme: 06010 暴露垃圾 = big 06 + 3-digit small 010', () => {
    expect(parseClassCode('06010', 'gbt47678-5')).toEqual({
      level: 'small',
      bigCode: '06',
      smallCode: '06010',
      detailCode: null,
      parentCode: '06',
    });
    expect(parseClassCode('0601001', 'gbt47678-5').parentCode).toBe('06010');
  });

  it('gives the level lengths of each scheme: 2/4/6 and 2/5/7', () => {
    expect(['big', 'small', 'detail'].map((l) => classCodeLength(l as 'big', 'gbt30428-2'))).toEqual([
      2, 4, 6,
    ]);
    expect(['big', 'small', 'detail'].map((l) => classCodeLength(l as 'big', 'gbt47678-5'))).toEqual([
      2, 5, 7,
    ]);
  });

  it.each([
    ['', 'gbt30428-2'],
    ['1', 'gbt30428-2'],
    ['010', 'gbt30428-2'],
    ['01010', 'gbt30428-2'],
    ['0a01', 'gbt30428-2'],
    ['00', 'gbt30428-2'],
    ['0100', 'gbt30428-2'],
    ['010100', 'gbt30428-2'],
    ['0101', 'gbt47678-5'],
    ['06000', 'gbt47678-5'],
  ] as const)('rejects "%s" under %s with CLASS.CODE_MALFORMED', (code, scheme) => {
    expect(() => parseClassCode(code, scheme)).toThrow(
      expect.objectContaining({ code: 'CLASS.CODE_MALFORMED' }),
    );
    expect(isClassCode(code, scheme)).toBe(false);
  });

  it('checks a level when asked', () => {
    expect(isClassCode('0101', 'gbt30428-2', 'small')).toBe(true);
    expect(isClassCode('0101', 'gbt30428-2', 'big')).toBe(false);
  });

  it('accepts the parent the prefix names and refuses any other', () => {
    expect(() => assertClassParent('0191', '01', 'gbt30428-2')).not.toThrow();
    expect(() => assertClassParent('21', null, 'gbt30428-2')).not.toThrow();
    expect(() => assertClassParent('0191', '02', 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.PARENT_MISMATCH' }),
    );
    expect(() => assertClassParent('010101', '01', 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.PARENT_MISMATCH' }),
    );
    expect(() => assertClassParent('21', '02', 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.PARENT_MISMATCH' }),
    );
  });
});

describe('local class code ranges (spec 01 §2.2, Uncertain 4)', () => {
  it.each(['21', '22', '99'])('a local big class may take %s (21 and up)', (code) => {
    expect(assertLocalClassCode(code, 'gbt30428-2').level).toBe('big');
  });

  it.each(['01', '06', '07', '20'])('a local big class may not take %s (below 21)', (code) => {
    expect(() => assertLocalClassCode(code, 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.LOCAL_CODE_RANGE' }),
    );
  });

  it.each(['0190', '0191', '0599', '0298'])(
    'a local small class in a national big class may take 9x: %s',
    (code) => {
      expect(assertLocalClassCode(code, 'gbt30428-2').level).toBe('small');
    },
  );

  it.each(['0101', '0141', '0589'])('a local small class in a national big class may not take %s', (code) => {
    expect(() => assertLocalClassCode(code, 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.LOCAL_CODE_RANGE' }),
    );
  });

  it('any small code is local inside a local big class (2101, 2199)', () => {
    expect(assertLocalClassCode('2101', 'gbt30428-2').parentCode).toBe('21');
    expect(assertLocalClassCode('2199', 'gbt30428-2').parentCode).toBe('21');
  });

  it('in the successor scheme the local small range is 900–999', () => {
    expect(assertLocalClassCode('06901', 'gbt47678-5').level).toBe('small');
    expect(() => assertLocalClassCode('06090', 'gbt47678-5')).toThrow(
      expect.objectContaining({ code: 'CLASS.LOCAL_CODE_RANGE' }),
    );
  });

  it('detail classes are local at every code', () => {
    expect(assertLocalClassCode('010101', 'gbt30428-2').level).toBe('detail');
  });

  it('honours a city that moves the extension range (event big class 07 as in Chaoyang)', () => {
    expect(
      assertLocalClassCode('07', 'gbt30428-2', { localBigFrom: 7, localSmallLeadingDigit: '9' }).level,
    ).toBe('big');
  });

  it('reports a malformed code before the range', () => {
    expect(() => assertLocalClassCode('2', 'gbt30428-2')).toThrow(
      expect.objectContaining({ code: 'CLASS.CODE_MALFORMED' }),
    );
  });
});

describe('default geometry type (spec 01 §2.10)', () => {
  it.each([
    ['上水井盖', 'point'],
    ['路灯', 'point'],
    ['射灯', 'point'],
    ['报刊亭', 'point'],
    ['行道树', 'point'],
    ['古树名木', 'point'],
    ['交通护栏', 'line'],
    ['绿地护栏', 'line'],
    ['道路隔音屏', 'line'],
    ['绿地', 'polygon'],
    ['停车场', 'polygon'],
    ['工地', 'polygon'],
    ['绿地维护设施', null],
    ['宣传栏', null],
  ] as const)('component small class %s → %s', (name, type) => {
    expect(defaultGeometryType('component', 'small', name)).toBe(type);
  });

  it('events and big classes have none', () => {
    expect(defaultGeometryType('event', 'small', '路灯')).toBeNull();
    expect(defaultGeometryType('component', 'big', '绿地')).toBeNull();
  });
});
