import { DomainError } from '../errors';

/** 部件 component or 事件 event: two separate code spaces that both start at `01` (spec 01 §2.2). */
export type ClassKind = 'component' | 'event';

export const CLASS_KINDS: readonly ClassKind[] = ['component', 'event'];

/**
 * How class codes are cut; stored with every code so that schemes never mix (spec 01 §0).
 * - `gbt30428-2`: GB/T 30428.2-2013 / CJ/T 214 — 2-digit 大类 big class + 2-digit 小类 small
 *   class (`0101`); 16-digit component identification codes.
 * - `gbt47678-5`: the 运管服 successor (GB/T 47678.5-2026, third-party transcription [L]) —
 *   2-digit big class + 3-digit small class (`06010`); 17-digit component identification codes.
 */
export type ClassCodeScheme = 'gbt30428-2' | 'gbt47678-5';

export const CLASS_CODE_SCHEMES: readonly ClassCodeScheme[] = ['gbt30428-2', 'gbt47678-5'];

/**
 * big = 大类; small = 小类; detail = one optional local level below the small class (子类 / 细类,
 * spec 01 §2.2 "support them as optional local levels").
 */
export type ClassLevel = 'big' | 'small' | 'detail';

export interface ClassCodeSchemeRule {
  bigDigits: number;
  /** Digits the small class appends to its big class code. */
  smallDigits: number;
  /**
   * Digits a detail class appends to its small class code. Our choice (the standard pins no
   * deeper level): 2, so a national detail code is 6 digits (`010101`), a successor one 7.
   */
  detailDigits: number;
}

export const CLASS_CODE_SCHEME_RULES: Record<ClassCodeScheme, ClassCodeSchemeRule> = {
  'gbt30428-2': { bigDigits: 2, smallDigits: 2, detailDigits: 2 },
  'gbt47678-5': { bigDigits: 2, smallDigits: 3, detailDigits: 2 },
};

/**
 * Where a city's own classes may go. The ranges are practice, not text of the standard
 * (spec 01 §2.2, Uncertain 4), so they are a value a city could change.
 */
export interface LocalClassRules {
  /** First big class code of local extension big classes (扩展部件 / 扩展事件): 21. */
  localBigFrom: number;
  /**
   * First digit of the small-class part that marks a local small class inside a national big
   * class: `9` gives 90–99 in the 2+2 scheme (99 = 其他…) and 900–999 in the 2+3 scheme.
   */
  localSmallLeadingDigit: string;
}

export const DEFAULT_LOCAL_CLASS_RULES: LocalClassRules = { localBigFrom: 21, localSmallLeadingDigit: '9' };

/**
 * National big classes of GB/T 30428.2 (spec 01 §2.3, §2.5): components 01 公用设施 … 06 其他设施,
 * events 01 市容环境 … 05 街面秩序. The successor renumbers classes and its full table is unknown.
 */
export const NATIONAL_BIG_CLASSES: Record<ClassKind, readonly string[]> = {
  component: ['01', '02', '03', '04', '05', '06'],
  event: ['01', '02', '03', '04', '05'],
};

export interface ClassCodeParts {
  level: ClassLevel;
  bigCode: string;
  /** null for a big class. */
  smallCode: string | null;
  /** null unless the code is a detail class. */
  detailCode: string | null;
  /** The code one level up; null for a big class. */
  parentCode: string | null;
}

function lengths(scheme: ClassCodeScheme): Record<ClassLevel, number> {
  const r = CLASS_CODE_SCHEME_RULES[scheme];
  return {
    big: r.bigDigits,
    small: r.bigDigits + r.smallDigits,
    detail: r.bigDigits + r.smallDigits + r.detailDigits,
  };
}

/** The code length of each level under a scheme: 2 / 4 / 6 (national) or 2 / 5 / 7 (successor). */
export function classCodeLength(level: ClassLevel, scheme: ClassCodeScheme): number {
  return lengths(scheme)[level];
}

/**
 * Splits a class code into its levels, or throws `CLASS.CODE_MALFORMED`. Every segment must be
 * non-zero: there is no big class `00` and no small class `0100`.
 */
export function parseClassCode(code: string, scheme: ClassCodeScheme): ClassCodeParts {
  const len = lengths(scheme);
  const malformed = (why: string) =>
    new DomainError('CLASS.CODE_MALFORMED', `class code "${code}" ${why} (${scheme})`, [
      { field: 'code', message: why },
    ]);
  if (!/^\d+$/.test(code)) throw malformed('must be digits only');
  const level = (Object.keys(len) as ClassLevel[]).find((l) => len[l] === code.length);
  if (!level) throw malformed(`must be ${len.big}, ${len.small} or ${len.detail} digits`);
  const segments = [
    code.slice(0, len.big),
    code.slice(len.big, len.small),
    code.slice(len.small, len.detail),
  ];
  if (segments.some((s) => s.length > 0 && /^0+$/.test(s))) throw malformed('has an all-zero segment');
  return {
    level,
    bigCode: code.slice(0, len.big),
    smallCode: level === 'big' ? null : code.slice(0, len.small),
    detailCode: level === 'detail' ? code : null,
    parentCode:
      level === 'big' ? null : level === 'small' ? code.slice(0, len.big) : code.slice(0, len.small),
  };
}

/** True when `code` is a well-formed code of `level` under `scheme`. */
export function isClassCode(code: string, scheme: ClassCodeScheme, level?: ClassLevel): boolean {
  try {
    const parts = parseClassCode(code, scheme);
    return level === undefined || parts.level === level;
  } catch {
    return false;
  }
}

/** Checks that a class's stated parent is the code its own prefix names (`CLASS.PARENT_MISMATCH`). */
export function assertClassParent(code: string, parentCode: string | null, scheme: ClassCodeScheme): void {
  const expected = parseClassCode(code, scheme).parentCode;
  if (expected !== parentCode) {
    const message =
      expected === null
        ? `big class ${code} has no parent, got "${parentCode ?? ''}"`
        : `class ${code} must sit under ${expected}, not "${parentCode ?? ''}"`;
    throw new DomainError('CLASS.PARENT_MISMATCH', message, [{ field: 'parentCode', message }]);
  }
}

/** True when the big class code is in the local extension range (21 and up by default). */
export function isLocalBigClass(
  bigCode: string,
  rules: LocalClassRules = DEFAULT_LOCAL_CLASS_RULES,
): boolean {
  return Number(bigCode) >= rules.localBigFrom;
}

/**
 * Checks that a class a city creates itself takes a code from the local ranges
 * (`CLASS.LOCAL_CODE_RANGE` otherwise):
 * - a big class: 21 or above;
 * - a small class inside a national big class (below 21): a 9x code (`0191`, `05901`);
 *   inside a local big class any small code is local already;
 * - a detail class: any code, the level is local throughout.
 */
export function assertLocalClassCode(
  code: string,
  scheme: ClassCodeScheme,
  rules: LocalClassRules = DEFAULT_LOCAL_CLASS_RULES,
): ClassCodeParts {
  const parts = parseClassCode(code, scheme);
  const range = (message: string) =>
    new DomainError('CLASS.LOCAL_CODE_RANGE', message, [{ field: 'code', message }]);
  if (parts.level === 'big' && !isLocalBigClass(parts.bigCode, rules)) {
    throw range(`a local big class takes a code from ${rules.localBigFrom} upward, got ${code}`);
  }
  if (parts.level === 'small' && !isLocalBigClass(parts.bigCode, rules)) {
    const smallPart = code.slice(CLASS_CODE_SCHEME_RULES[scheme].bigDigits);
    if (!smallPart.startsWith(rules.localSmallLeadingDigit)) {
      throw range(
        `a local small class inside national big class ${parts.bigCode} takes a ${rules.localSmallLeadingDigit}x code, got ${code}`,
      );
    }
  }
  return parts;
}

/** 'point' | 'line' | 'polygon': how a component class is drawn and stored (spec 01 §2.10). */
export type ComponentGeometryType = 'point' | 'line' | 'polygon';

/**
 * The geometry type spec 01 §2.10 gives a component class, found from its name so that it holds
 * for every profile (the Beijing variant numbers classes differently): point for covers (…井盖),
 * lamps (…灯), kiosks (…亭) and trees; line for guardrails (…护栏) and sound barriers (…隔音屏);
 * polygon for green space, parking lots and construction sites. null where the spec says nothing.
 */
export function defaultGeometryType(
  kind: ClassKind,
  level: ClassLevel,
  name: string,
): ComponentGeometryType | null {
  if (kind !== 'component' || level === 'big') return null;
  const n = name.trim();
  if (n.endsWith('护栏') || n.endsWith('隔音屏')) return 'line';
  if (n === '绿地' || n === '停车场' || n === '工地') return 'polygon';
  if (n.endsWith('井盖') || n.endsWith('灯') || n.endsWith('亭') || n === '古树名木' || n === '行道树')
    return 'point';
  return null;
}
