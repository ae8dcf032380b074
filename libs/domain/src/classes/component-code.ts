import { DomainError } from '../errors';
import { CLASS_CODE_SCHEME_RULES, type ClassCodeScheme, parseClassCode } from './class-code';

/**
 * 部件标识码 component identification code (GB/T 30428.2, spec 01 §2.7): 6-digit county-level
 * admin code (GB/T 2260) + 2-digit big class + small class + 6-digit sequence within that admin
 * area and small class. The small class has 2 digits under `gbt30428-2` (16 digits in all,
 * `3205080101000001`) and 3 under `gbt47678-5` (17 digits).
 */
export interface ComponentCodeParts {
  adminCode: string;
  bigCode: string;
  /** The full small-class code (`0101`, or `01001` under the successor scheme). */
  smallClassCode: string;
  sequence: number;
}

export interface ComponentCodeOptions {
  /**
   * Validation pattern; the spec makes it configurable. Defaults: 16 digits
   * `^\d{6}(0[1-6]|[2-9]\d)\d{2}\d{6}$` (spec 01 §2.7: national big classes 01–06 or an
   * extension class 20 and up), 17 digits `^\d{17}$` (the successor pins no class range).
   */
  pattern?: RegExp;
}

const ADMIN_DIGITS = 6;
const SEQUENCE_DIGITS = 6;
export const MAX_COMPONENT_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

export const DEFAULT_COMPONENT_CODE_PATTERNS: Record<ClassCodeScheme, RegExp> = {
  'gbt30428-2': /^\d{6}(0[1-6]|[2-9]\d)\d{2}\d{6}$/,
  'gbt47678-5': /^\d{17}$/,
};

/** 16 under `gbt30428-2`, 17 under `gbt47678-5`. */
export function componentCodeLength(scheme: ClassCodeScheme): number {
  const r = CLASS_CODE_SCHEME_RULES[scheme];
  return ADMIN_DIGITS + r.bigDigits + r.smallDigits + SEQUENCE_DIGITS;
}

function malformed(message: string): DomainError {
  return new DomainError('COMPONENT.CODE_MALFORMED', message, [{ field: 'code', message }]);
}

/** Splits a component identification code, or throws `COMPONENT.CODE_MALFORMED`. */
export function parseComponentCode(
  code: string,
  scheme: ClassCodeScheme,
  options: ComponentCodeOptions = {},
): ComponentCodeParts {
  const length = componentCodeLength(scheme);
  if (!/^\d+$/.test(code) || code.length !== length) {
    throw malformed(`component code must be ${length} digits (${scheme}), got "${code}"`);
  }
  const pattern = options.pattern ?? DEFAULT_COMPONENT_CODE_PATTERNS[scheme];
  if (!pattern.test(code)) throw malformed(`component code "${code}" does not match ${pattern.source}`);
  const classEnd = length - SEQUENCE_DIGITS;
  const smallClassCode = code.slice(ADMIN_DIGITS, classEnd);
  try {
    parseClassCode(smallClassCode, scheme);
  } catch {
    throw malformed(`component code "${code}" holds no valid small class (${smallClassCode})`);
  }
  const sequence = Number(code.slice(classEnd));
  if (sequence === 0) throw malformed(`component code "${code}" has sequence zero`);
  return {
    adminCode: code.slice(0, ADMIN_DIGITS),
    bigCode: smallClassCode.slice(0, CLASS_CODE_SCHEME_RULES[scheme].bigDigits),
    smallClassCode,
    sequence,
  };
}

/** True when the code parses under the scheme (and pattern). */
export function isComponentCode(
  code: string,
  scheme: ClassCodeScheme,
  options: ComponentCodeOptions = {},
): boolean {
  try {
    parseComponentCode(code, scheme, options);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the code of the `sequence`-th component (1-based) of a small class in an admin area.
 * Throws `COMPONENT.ADMIN_CODE_MALFORMED`, `CLASS.CODE_MALFORMED` (or a big class given where a
 * small one is needed), `COMPONENT.SEQUENCE_OUT_OF_RANGE`, or `COMPONENT.CODE_MALFORMED` when the
 * result fails the configured pattern.
 */
export function composeComponentCode(
  parts: { adminCode: string; smallClassCode: string; sequence: number },
  scheme: ClassCodeScheme,
  options: ComponentCodeOptions = {},
): string {
  const { adminCode, smallClassCode, sequence } = parts;
  if (!/^\d{6}$/.test(adminCode) || /^0+$/.test(adminCode)) {
    const message = `admin code must be 6 digits (GB/T 2260), got "${adminCode}"`;
    throw new DomainError('COMPONENT.ADMIN_CODE_MALFORMED', message, [{ field: 'adminCode', message }]);
  }
  if (parseClassCode(smallClassCode, scheme).level !== 'small') {
    const message = `a component code needs a small class code, got "${smallClassCode}" (${scheme})`;
    throw new DomainError('CLASS.CODE_MALFORMED', message, [{ field: 'smallClassCode', message }]);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_COMPONENT_SEQUENCE) {
    const message = `component sequence must be 1..${MAX_COMPONENT_SEQUENCE}, got ${sequence}`;
    throw new DomainError('COMPONENT.SEQUENCE_OUT_OF_RANGE', message, [{ field: 'sequence', message }]);
  }
  const code = adminCode + smallClassCode + String(sequence).padStart(SEQUENCE_DIGITS, '0');
  parseComponentCode(code, scheme, options);
  return code;
}

/**
 * The next free sequence in one admin area and small class: one above the highest in use
 * (gaps left by removed components are not reused, so a code never names two components).
 * Codes of other areas or classes in `existingCodes` are ignored; malformed ones are refused.
 * Throws `COMPONENT.SEQUENCE_EXHAUSTED` after 999999.
 */
export function nextComponentSequence(
  adminCode: string,
  smallClassCode: string,
  existingCodes: Iterable<string>,
  scheme: ClassCodeScheme,
  options: ComponentCodeOptions = {},
): number {
  let highest = 0;
  for (const code of existingCodes) {
    const p = parseComponentCode(code, scheme, options);
    if (p.adminCode === adminCode && p.smallClassCode === smallClassCode)
      highest = Math.max(highest, p.sequence);
  }
  if (highest >= MAX_COMPONENT_SEQUENCE) {
    throw new DomainError(
      'COMPONENT.SEQUENCE_EXHAUSTED',
      `no sequence left for small class ${smallClassCode} in ${adminCode} (${MAX_COMPONENT_SEQUENCE} in use)`,
    );
  }
  return highest + 1;
}

/** The code of the next component: `composeComponentCode` with `nextComponentSequence`. */
export function nextComponentCode(
  adminCode: string,
  smallClassCode: string,
  existingCodes: Iterable<string>,
  scheme: ClassCodeScheme,
  options: ComponentCodeOptions = {},
): string {
  const sequence = nextComponentSequence(adminCode, smallClassCode, existingCodes, scheme, options);
  return composeComponentCode({ adminCode, smallClassCode, sequence }, scheme, options);
}
