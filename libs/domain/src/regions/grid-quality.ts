import { DomainError } from '../errors';
import {
  GRID_CODE_SCHEMES,
  type GridCodeScheme,
  orderForSequencing,
  parseGridCode,
  REGION_CODE_LENGTHS,
} from './grid-code';

/**
 * 单元网格质量检查 unit grid quality checks (spec 01 §1.2–1.6): the pure parts. The spatial
 * measurements come from the database; this module owns the thresholds, the code and sequence
 * rules, and turns measurements into findings with their severity and messages.
 * The wire types in @urbangrid/contracts (grid-quality.ts) have the same shape.
 */
export type QualityCheck =
  | 'invalid-geometry'
  | 'area-out-of-bounds'
  | 'overlap'
  | 'gap'
  | 'outside-community'
  | 'duplicate-code'
  | 'code-parent-mismatch'
  | 'sequence-order';

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  'invalid-geometry',
  'area-out-of-bounds',
  'overlap',
  'gap',
  'outside-community',
  'duplicate-code',
  'code-parent-mismatch',
  'sequence-order',
];

export type QualityLevel = 'district' | 'street' | 'community' | 'grid';

/** The level a check speaks about, for the level filter; `all` checks every level. */
export const QUALITY_CHECK_LEVEL: Record<QualityCheck, QualityLevel | 'all'> = {
  'invalid-geometry': 'all',
  'area-out-of-bounds': 'grid',
  overlap: 'grid',
  gap: 'community',
  'outside-community': 'grid',
  'duplicate-code': 'all',
  'code-parent-mismatch': 'all',
  'sequence-order': 'grid',
};

export const QUALITY_SEVERITY: Record<QualityCheck, 'error' | 'warning'> = {
  'invalid-geometry': 'error',
  'area-out-of-bounds': 'warning',
  overlap: 'error',
  gap: 'error',
  'outside-community': 'error',
  'duplicate-code': 'error',
  'code-parent-mismatch': 'error',
  'sequence-order': 'warning',
};

export interface QualityParams {
  minAreaM2: number;
  maxAreaM2: number;
  overlapToleranceM2: number;
  gapToleranceM2: number;
  outsideToleranceM2: number;
  sequenceRowHeightDeg: number;
}

/**
 * Defaults. Area bounds are spec 01 §1.3's own defaults for urban grids (2,000–50,000 m²; not the
 * standard's). 1 m² tolerances absorb floating-point slivers along shared edges, which are far
 * below 1 m² when edges coincide, while a real drawing error is tens of m² at least. The row height
 * 0.0009° ≈ 100 m is the side of a typical 10,000 m² grid.
 */
export const DEFAULT_QUALITY_PARAMS: QualityParams = {
  minAreaM2: 2_000,
  maxAreaM2: 50_000,
  overlapToleranceM2: 1,
  gapToleranceM2: 1,
  outsideToleranceM2: 1,
  sequenceRowHeightDeg: 0.0009,
};

/** Defaults with the given overrides; throws `GRID_QUALITY.PARAMS_INVALID` listing every bad field. */
export function resolveQualityParams(overrides: Partial<QualityParams> = {}): QualityParams {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const p: QualityParams = { ...DEFAULT_QUALITY_PARAMS, ...defined };
  const bad: { field: string; message: string }[] = [];
  for (const [field, value] of Object.entries(p) as [keyof QualityParams, number][]) {
    if (!Number.isFinite(value) || value < 0)
      bad.push({ field, message: `${field} must be a finite number ≥ 0` });
  }
  if (p.sequenceRowHeightDeg === 0)
    bad.push({ field: 'sequenceRowHeightDeg', message: 'sequenceRowHeightDeg must be > 0' });
  if (p.minAreaM2 >= p.maxAreaM2) {
    bad.push({
      field: 'minAreaM2',
      message: `minAreaM2 (${p.minAreaM2}) must be below maxAreaM2 (${p.maxAreaM2})`,
    });
  }
  if (bad.length > 0) {
    throw new DomainError('GRID_QUALITY.PARAMS_INVALID', bad.map((b) => b.message).join('; '), bad);
  }
  return p;
}

export interface QualityFinding {
  check: QualityCheck;
  severity: 'error' | 'warning';
  messageKey: string;
  params: Record<string, string | number>;
  message: string;
  messageZh: string;
  codes: string[];
  point: [number, number];
  areaM2?: number;
}

/** What each check measured, as the database reports it. */
export type QualityMeasure =
  | { check: 'invalid-geometry'; level: QualityLevel; code: string; reason: string }
  | { check: 'area-out-of-bounds'; code: string; areaM2: number; minAreaM2: number; maxAreaM2: number }
  | { check: 'overlap'; codes: [string, string]; areaM2: number }
  | { check: 'gap'; communityCode: string; areaM2: number }
  | { check: 'outside-community'; code: string; communityCode: string; areaM2: number }
  | { check: 'duplicate-code'; level: QualityLevel; code: string; count: number }
  | {
      check: 'code-parent-mismatch';
      level: QualityLevel;
      code: string;
      parentCode: string | null;
      problem: CodeParentProblem;
    }
  | { check: 'sequence-order'; communityCode: string; outOfOrder: string[]; expected: string[] };

const LEVEL_ZH: Record<QualityLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '单元网格',
};

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Turns one measurement into a finding with its severity, codes and messages in English and 中文. */
export function toFinding(m: QualityMeasure, point: [number, number]): QualityFinding {
  const base = {
    check: m.check,
    severity: QUALITY_SEVERITY[m.check],
    messageKey: `gridQuality.${m.check}`,
    point,
  };
  switch (m.check) {
    case 'invalid-geometry':
      return {
        ...base,
        params: { level: m.level, code: m.code, reason: m.reason },
        message: `${m.level} ${m.code} has an invalid geometry: ${m.reason}`,
        messageZh: `${LEVEL_ZH[m.level]} ${m.code} 几何无效：${m.reason}`,
        codes: [m.code],
      };
    case 'area-out-of-bounds': {
      const tooSmall = m.areaM2 < m.minAreaM2;
      const bound = tooSmall ? m.minAreaM2 : m.maxAreaM2;
      const area = round1(m.areaM2);
      return {
        ...base,
        params: { code: m.code, areaM2: area, boundM2: bound, side: tooSmall ? 'min' : 'max' },
        message: `grid ${m.code} covers ${area} m², ${tooSmall ? 'below the minimum' : 'above the maximum'} of ${bound} m²`,
        messageZh: `单元网格 ${m.code} 面积 ${area} 平方米，${tooSmall ? '小于下限' : '大于上限'} ${bound} 平方米`,
        codes: [m.code],
        areaM2: area,
      };
    }
    case 'overlap': {
      const codes = [...m.codes].sort();
      const area = round1(m.areaM2);
      return {
        ...base,
        params: { a: codes[0], b: codes[1], areaM2: area },
        message: `grids ${codes[0]} and ${codes[1]} overlap by ${area} m²`,
        messageZh: `单元网格 ${codes[0]} 与 ${codes[1]} 重叠 ${area} 平方米`,
        codes,
        areaM2: area,
      };
    }
    case 'gap': {
      const area = round1(m.areaM2);
      return {
        ...base,
        params: { communityCode: m.communityCode, areaM2: area },
        message: `${area} m² of community ${m.communityCode} is covered by none of its grids`,
        messageZh: `社区 ${m.communityCode} 有 ${area} 平方米未被其单元网格覆盖`,
        codes: [m.communityCode],
        areaM2: area,
      };
    }
    case 'outside-community': {
      const area = round1(m.areaM2);
      return {
        ...base,
        params: { code: m.code, communityCode: m.communityCode, areaM2: area },
        message: `grid ${m.code} lies ${area} m² outside its community ${m.communityCode}`,
        messageZh: `单元网格 ${m.code} 有 ${area} 平方米超出所属社区 ${m.communityCode}`,
        codes: [m.code, m.communityCode],
        areaM2: area,
      };
    }
    case 'duplicate-code':
      return {
        ...base,
        params: { level: m.level, code: m.code, count: m.count },
        message: `${m.count} ${m.level} rows share the code ${m.code}`,
        messageZh: `${m.count} 个${LEVEL_ZH[m.level]}使用同一编码 ${m.code}`,
        codes: [m.code],
      };
    case 'code-parent-mismatch':
      return {
        ...base,
        params: { level: m.level, code: m.code, parentCode: m.parentCode ?? '', problem: m.problem },
        message: `${m.level} ${m.code}: ${PROBLEM_EN[m.problem]} (parent ${m.parentCode ?? 'none'})`,
        messageZh: `${LEVEL_ZH[m.level]} ${m.code}：${PROBLEM_ZH[m.problem]}（上级 ${m.parentCode ?? '无'}）`,
        codes: m.parentCode ? [m.code, m.parentCode] : [m.code],
      };
    case 'sequence-order':
      return {
        ...base,
        params: {
          communityCode: m.communityCode,
          outOfOrder: m.outOfOrder.join(','),
          expected: m.expected.join(','),
        },
        message: `grids of community ${m.communityCode} are not numbered west→east, north→south: ${m.outOfOrder.join(', ')}`,
        messageZh: `社区 ${m.communityCode} 的单元网格未按自西向东、自北向南编号：${m.outOfOrder.join('、')}`,
        codes: m.outOfOrder,
      };
  }
}

/** Why a region's code does not fit its parent (spec 01 §1.4, "Validation"). */
export type CodeParentProblem = 'code-malformed' | 'prefix-mismatch' | 'parent-missing' | 'parent-unexpected';

const PROBLEM_EN: Record<CodeParentProblem, string> = {
  'code-malformed': 'the code is malformed for its level and scheme',
  'prefix-mismatch': "the code does not start with its parent's code",
  'parent-missing': 'the parent region does not exist in the layout',
  'parent-unexpected': 'a district has no parent',
};

const PROBLEM_ZH: Record<CodeParentProblem, string> = {
  'code-malformed': '编码不符合本级编码规则',
  'prefix-mismatch': '编码前缀与上级编码不一致',
  'parent-missing': '上级区域不存在',
  'parent-unexpected': '区不应有上级',
};

const PARENT_LEVEL: Record<QualityLevel, Exclude<QualityLevel, 'grid'> | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
};

export interface CodedRegion {
  level: QualityLevel;
  code: string;
  codeScheme: string;
  parentCode: string | null;
}

/** The grid code scheme of a row: its stored scheme when it is a grid scheme, else by length. */
function gridScheme(row: CodedRegion): GridCodeScheme | null {
  if (row.codeScheme in GRID_CODE_SCHEMES) return row.codeScheme as GridCodeScheme;
  const byLength = (Object.keys(GRID_CODE_SCHEMES) as GridCodeScheme[]).find(
    (s) => GRID_CODE_SCHEMES[s].length === row.code.length,
  );
  return byLength ?? null;
}

/**
 * The code/parent problem of one region, null when it is fine. A grid's code must parse under
 * its scheme and its first 12 digits be its community's code (`parseGridCode`); a community's
 * first 9 digits are its street's, a street's first 6 its district's (REGION_CODE_LENGTHS).
 * `exists(level, code)` tells whether a parent is in the checked layout.
 */
export function codeParentProblem(
  row: CodedRegion,
  exists: (level: QualityLevel, code: string) => boolean,
): CodeParentProblem | null {
  const parentLevel = PARENT_LEVEL[row.level];
  if (parentLevel === null) {
    if (!new RegExp(`^\\d{${REGION_CODE_LENGTHS.district}}$`).test(row.code)) return 'code-malformed';
    return row.parentCode === null ? null : 'parent-unexpected';
  }
  let prefix: string;
  if (row.level === 'grid') {
    const scheme = gridScheme(row);
    if (scheme === null) return 'code-malformed';
    try {
      prefix = parseGridCode(row.code, scheme).communityCode;
    } catch (e) {
      if (e instanceof DomainError) return 'code-malformed';
      throw e;
    }
  } else {
    if (!new RegExp(`^\\d{${REGION_CODE_LENGTHS[row.level]}}$`).test(row.code)) return 'code-malformed';
    prefix = row.code.slice(0, REGION_CODE_LENGTHS[parentLevel]);
  }
  if (row.parentCode === null || !exists(parentLevel, row.parentCode)) return 'parent-missing';
  return prefix === row.parentCode ? null : 'prefix-mismatch';
}

export interface SequencedGrid {
  code: string;
  codeScheme: string;
  parentCode: string;
  /** Centroid [lon, lat], as the generator and the sequencing rule use. */
  centroid: [number, number];
}

/**
 * Communities whose grid sequence numbers do not follow west→east, north→south
 * (`orderForSequencing`). Sequence order (by number, gaps allowed) is compared rank by rank with
 * the spatial order; the grids whose rank differs are out of order. Grids whose codes do not
 * parse are left to the code check.
 */
export function sequenceOrderProblems(
  grids: readonly SequencedGrid[],
  rowHeightDeg: number,
): { communityCode: string; outOfOrder: string[]; expected: string[] }[] {
  const byCommunity = new Map<string, { code: string; sequence: number; centroid: [number, number] }[]>();
  for (const g of grids) {
    const scheme = gridScheme({
      level: 'grid',
      code: g.code,
      codeScheme: g.codeScheme,
      parentCode: g.parentCode,
    });
    if (scheme === null) continue;
    let sequence: number;
    try {
      sequence = parseGridCode(g.code, scheme).sequence;
    } catch (e) {
      if (e instanceof DomainError) continue;
      throw e;
    }
    const list = byCommunity.get(g.parentCode) ?? [];
    list.push({ code: g.code, sequence, centroid: g.centroid });
    byCommunity.set(g.parentCode, list);
  }
  const out: { communityCode: string; outOfOrder: string[]; expected: string[] }[] = [];
  for (const [communityCode, list] of [...byCommunity].sort(([a], [b]) => a.localeCompare(b))) {
    const bySequence = [...list].sort((a, b) => a.sequence - b.sequence || a.code.localeCompare(b.code));
    const expected = orderForSequencing(list, (g) => g.centroid, rowHeightDeg);
    const outOfOrder = bySequence.filter((g, i) => expected[i] !== g).map((g) => g.code);
    if (outOfOrder.length > 0) out.push({ communityCode, outOfOrder, expected: expected.map((g) => g.code) });
  }
  return out;
}

/** Count of findings per check, every check present (zero when clean). */
export function countByCheck(findings: readonly { check: QualityCheck }[]): Record<QualityCheck, number> {
  const counts = Object.fromEntries(QUALITY_CHECKS.map((c) => [c, 0])) as Record<QualityCheck, number>;
  for (const f of findings) counts[f.check]++;
  return counts;
}
