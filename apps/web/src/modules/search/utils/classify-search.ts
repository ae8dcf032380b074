/** What the one search box was asked for. */
export type SearchQuery =
  | { kind: 'empty' }
  /** 单元网格编码: 15 digits (GB/T 30428.1, 6+3+3+3) or 14 (CJ/T 213, 6+3+3+2). */
  | { kind: 'grid'; code: string }
  /** 部件标识码: 16 digits (2-digit small class) or 17 (3-digit small class). */
  | { kind: 'component'; code: string }
  | { kind: 'address'; text: string };

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;

/** Full-width digits (as Chinese input methods type them) become ASCII digits. */
export function normalizeDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * Reads the search box: a 14/15-digit number is a grid code, a 16/17-digit number a component
 * code (spaces inside the number are ignored, as codes are often copied in groups), anything else
 * is address text for the geocoder.
 */
export function classifySearchInput(raw: string): SearchQuery {
  const text = normalizeDigits(raw).trim();
  if (text === '') return { kind: 'empty' };
  const compact = text.replace(/\s+/g, '');
  if (/^\d+$/.test(compact)) {
    if (compact.length === 14 || compact.length === 15) return { kind: 'grid', code: compact };
    if (compact.length === 16 || compact.length === 17) return { kind: 'component', code: compact };
  }
  return { kind: 'address', text };
}

/**
 * The candidate highlighted after an arrow key: wraps at both ends; -1 (none highlighted) goes to
 * the first on Down and the last on Up.
 */
export function moveActiveIndex(current: number, count: number, direction: 'up' | 'down'): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return direction === 'down' ? 0 : count - 1;
  return direction === 'down' ? (current + 1) % count : (current - 1 + count) % count;
}
