const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral in an address may use (up to 9999, which covers house numbers). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Reads a number written in ASCII digits or Chinese numerals: "12", "十二" → 12, "一百零五" → 105,
 * "两百" → 200, and the digit-by-digit style "二〇八" → 208. Returns undefined when the text is not
 * a well-formed number (empty, stray characters, "十十").
 */
export function parseNumeral(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (text.length === 0 || [...text].some((c) => !(c in DIGITS) && !(c in UNITS))) return undefined;
  if (![...text].some((c) => c in UNITS)) {
    // Digit by digit, as house numbers are often read out: 二〇八 = 2, 0, 8.
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const c of text) {
    if (c in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // two digits in a row: "三四十"
      digit = DIGITS[c];
      continue;
    }
    const unit = UNITS[c];
    if (unit >= lastUnit) return undefined; // units must fall: "十百" is not a number
    if (digit === 0) return undefined; // "零十" is not a number
    // A bare unit means one of it: 十二 = 1×10 + 2.
    total += (digit ?? 1) * unit;
    digit = undefined;
    lastUnit = unit;
  }
  return total + (digit ?? 0);
}
