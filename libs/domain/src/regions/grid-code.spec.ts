import { describe, expect, it } from 'vitest';
import {
  assertGridCodeMatchesCommunity,
  composeGridCode,
  orderForSequencing,
  parseGridCode,
} from './grid-code';

describe('grid code', () => {
  it('composes a 15-digit code from a community code and a sequence', () => {
    expect(composeGridCode('330105001002', 7, 'gbt30428-15')).toBe('330105001002007');
  });

  it('composes a 14-digit code with a 2-digit sequence', () => {
    expect(composeGridCode('220206001001', 9, 'cjt213-14')).toBe('22020600100109');
  });

  it('parses the real Jilin grid 22020600100109 (spec 01 §1.4)', () => {
    expect(parseGridCode('22020600100109', 'cjt213-14')).toEqual({
      districtCode: '220206',
      streetCode: '220206001',
      communityCode: '220206001001',
      sequence: 9,
    });
  });

  it.each([
    ['33010500100200', 'gbt30428-15'],
    ['3301050010020071', 'gbt30428-15'],
    ['33010500100200a', 'gbt30428-15'],
    ['330105001002000', 'gbt30428-15'],
  ] as const)('rejects %s under %s', (code, scheme) => {
    expect(() => parseGridCode(code, scheme)).toThrow(expect.objectContaining({ code: 'GRID.CODE_MALFORMED' }));
  });

  it('rejects a sequence beyond the scheme', () => {
    expect(() => composeGridCode('330105001002', 100, 'cjt213-14')).toThrow(
      expect.objectContaining({ code: 'GRID.SEQUENCE_OUT_OF_RANGE' }),
    );
  });

  it('detects a grid whose prefix is not its community', () => {
    expect(() => assertGridCodeMatchesCommunity('330105001002007', '330105001003', 'gbt30428-15')).toThrow(
      expect.objectContaining({ code: 'GRID.CODE_PARENT_MISMATCH' }),
    );
    expect(() => assertGridCodeMatchesCommunity('330105001002007', '330105001002', 'gbt30428-15')).not.toThrow();
  });

  it('orders west to east inside a row, rows north to south', () => {
    const pts: [string, [number, number]][] = [
      ['sw', [120.0, 30.0]],
      ['ne', [120.01, 30.01]],
      ['nw', [120.0, 30.01]],
      ['se', [120.01, 30.0]],
    ];
    const ordered = orderForSequencing(pts, (p) => p[1], 0.005).map((p) => p[0]);
    expect(ordered).toEqual(['nw', 'ne', 'sw', 'se']);
  });

  it('keeps a row whole when its centroids straddle a latitude band line', () => {
    // Row height 0.001°: the top row's centroids lie at 30.0002 and 29.9998 (either side of
    // 30.0000, a fixed band line; 0.0004 apart < half a row), the second row 0.001° further south.
    const pts: [string, [number, number]][] = [
      ['row1-east', [120.002, 30.0002]],
      ['row1-west', [120.0, 29.9998]],
      ['row2-east', [120.002, 29.9992]],
      ['row2-west', [120.0, 29.9988]],
    ];
    const ordered = orderForSequencing(pts, (p) => p[1], 0.001).map((p) => p[0]);
    expect(ordered).toEqual(['row1-west', 'row1-east', 'row2-west', 'row2-east']);
  });
});
