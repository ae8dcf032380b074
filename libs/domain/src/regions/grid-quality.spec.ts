import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  type CodedRegion,
  codeParentProblem,
  countByCheck,
  DEFAULT_QUALITY_PARAMS,
  type QualityLevel,
  resolveQualityParams,
  sequenceOrderProblems,
  toFinding,
} from './grid-quality';

describe('quality parameters', () => {
  it('defaults to spec 01 §1.3: warn under 2,000 m² or over 50,000 m²', () => {
    expect(resolveQualityParams()).toEqual(DEFAULT_QUALITY_PARAMS);
    expect(DEFAULT_QUALITY_PARAMS.minAreaM2).toBe(2_000);
    expect(DEFAULT_QUALITY_PARAMS.maxAreaM2).toBe(50_000);
  });

  it('takes overrides and ignores undefined ones', () => {
    const p = resolveQualityParams({ minAreaM2: 500, maxAreaM2: undefined, gapToleranceM2: 5 });
    expect(p).toEqual({ ...DEFAULT_QUALITY_PARAMS, minAreaM2: 500, gapToleranceM2: 5 });
  });

  it('refuses a minimum at or above the maximum and negative values, naming each field', () => {
    try {
      resolveQualityParams({ minAreaM2: 60_000, overlapToleranceM2: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('GRID_QUALITY.PARAMS_INVALID');
      expect((e as DomainError).details?.map((d) => d.field)).toEqual(['overlapToleranceM2', 'minAreaM2']);
    }
  });
});

describe('code and parent', () => {
  const layout = new Set(['district:330105', 'street:330105001', 'community:330105001001']);
  const exists = (level: QualityLevel, code: string) => layout.has(`${level}:${code}`);
  const grid = (code: string, parentCode: string | null, codeScheme = 'gbt30428-15'): CodedRegion => ({
    level: 'grid',
    code,
    codeScheme,
    parentCode,
  });

  it('accepts a grid whose first 12 digits are its community, in both schemes', () => {
    expect(codeParentProblem(grid('330105001001007', '330105001001'), exists)).toBeNull();
    expect(codeParentProblem(grid('33010500100107', '330105001001', 'cjt213-14'), exists)).toBeNull();
  });

  it('flags a grid code that starts with another community', () => {
    expect(codeParentProblem(grid('330105001002007', '330105001001'), exists)).toBe('prefix-mismatch');
  });

  it('flags a grid whose community is not in the layout', () => {
    expect(codeParentProblem(grid('330105001009007', '330105001009'), exists)).toBe('parent-missing');
    expect(codeParentProblem(grid('330105001001007', null), exists)).toBe('parent-missing');
  });

  it('flags malformed codes: wrong length for the scheme, sequence 000, letters', () => {
    expect(codeParentProblem(grid('3301050010010070', '330105001001'), exists)).toBe('code-malformed');
    expect(codeParentProblem(grid('330105001001000', '330105001001'), exists)).toBe('code-malformed');
    expect(codeParentProblem(grid('33010500100100A', '330105001001'), exists)).toBe('code-malformed');
  });

  it('checks a community against its street (9 digits) and a street against its district (6)', () => {
    const community = (code: string, parentCode: string): CodedRegion => ({
      level: 'community',
      code,
      codeScheme: 'community-12',
      parentCode,
    });
    expect(codeParentProblem(community('330105001002', '330105001'), exists)).toBeNull();
    expect(codeParentProblem(community('330105002002', '330105001'), exists)).toBe('prefix-mismatch');
    const street: CodedRegion = {
      level: 'street',
      code: '330106001',
      codeScheme: 'gbt10114-9',
      parentCode: '330105',
    };
    expect(codeParentProblem(street, exists)).toBe('prefix-mismatch');
  });

  it('wants a district without parent', () => {
    const d = (parentCode: string | null): CodedRegion => ({
      level: 'district',
      code: '330105',
      codeScheme: 'gbt2260-6',
      parentCode,
    });
    expect(codeParentProblem(d(null), exists)).toBeNull();
    expect(codeParentProblem(d('330100'), exists)).toBe('parent-unexpected');
  });
});

describe('sequence order', () => {
  // Two rows of two grids, 0.0009° (one row height) apart; numbers must read NW, NE, SW, SE.
  const at = (seq: number, lon: number, lat: number) => ({
    code: `330105001001${String(seq).padStart(3, '0')}`,
    codeScheme: 'gbt30428-15',
    parentCode: '330105001001',
    centroid: [lon, lat] as [number, number],
  });

  it('accepts west→east, north→south numbering, gaps in the numbers included', () => {
    const grids = [at(1, 120.0, 30.0009), at(2, 120.001, 30.0009), at(3, 120.0, 30.0), at(5, 120.001, 30.0)];
    expect(sequenceOrderProblems(grids, 0.0009)).toEqual([]);
  });

  it('lists the two grids whose numbers were swapped, in number order', () => {
    // Number 2 sits at SW and 3 at NE: by number 1, 2, 3, 4 vs by place 1, 3, 2, 4 → ranks 2 and 3 differ.
    const grids = [at(1, 120.0, 30.0009), at(3, 120.001, 30.0009), at(2, 120.0, 30.0), at(4, 120.001, 30.0)];
    expect(sequenceOrderProblems(grids, 0.0009)).toEqual([
      {
        communityCode: '330105001001',
        outOfOrder: ['330105001001002', '330105001001003'],
        expected: ['330105001001001', '330105001001003', '330105001001002', '330105001001004'],
      },
    ]);
  });
});

describe('findings', () => {
  it('sorts an overlap pair, rounds its area to 0.1 m² and says it in both languages', () => {
    const f = toFinding(
      { check: 'overlap', codes: ['330105001001002', '330105001001001'], areaM2: 4987.04 },
      [120.1, 30.3],
    );
    expect(f).toEqual({
      check: 'overlap',
      severity: 'error',
      messageKey: 'gridQuality.overlap',
      params: { a: '330105001001001', b: '330105001001002', areaM2: 4987 },
      message: 'grids 330105001001001 and 330105001001002 overlap by 4987 m²',
      messageZh: '单元网格 330105001001001 与 330105001001002 重叠 4987 平方米',
      codes: ['330105001001001', '330105001001002'],
      point: [120.1, 30.3],
      areaM2: 4987,
    });
  });

  it('makes area bounds a warning that names the bound it broke', () => {
    const f = toFinding(
      {
        check: 'area-out-of-bounds',
        code: '330105001001001',
        areaM2: 99.74,
        minAreaM2: 2000,
        maxAreaM2: 50000,
      },
      [120.15, 30.3],
    );
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('grid 330105001001001 covers 99.7 m², below the minimum of 2000 m²');
    expect(f.params).toEqual({ code: '330105001001001', areaM2: 99.7, boundM2: 2000, side: 'min' });
  });

  it('counts findings per check, every check present', () => {
    const gap = toFinding({ check: 'gap', communityCode: '330105001001', areaM2: 10 }, [0, 0]);
    expect(countByCheck([gap, gap])).toEqual({
      'invalid-geometry': 0,
      'area-out-of-bounds': 0,
      overlap: 0,
      gap: 2,
      'outside-community': 0,
      'duplicate-code': 0,
      'code-parent-mismatch': 0,
      'sequence-order': 0,
    });
  });
});
