import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

/** Every leaf of a nested message object as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const locales = { 'zh-CN': zhCN, en } as const;

describe('locales', () => {
  it('zh-CN and en have identical key sets', () => {
    const zhKeys = leaves(zhCN)
      .map(([key]) => key)
      .sort();
    const enKeys = leaves(en)
      .map(([key]) => key)
      .sort();
    expect(zhKeys.length).toBeGreaterThan(10);
    expect(enKeys).toEqual(zhKeys);
  });

  for (const [name, messages] of Object.entries(locales)) {
    it(`${name}: every value is a non-empty string`, () => {
      for (const [key, value] of leaves(messages)) {
        expect(typeof value, key).toBe('string');
        expect(String(value).trim(), key).not.toBe('');
      }
    });
  }

  it('use the same interpolation placeholders in both languages', () => {
    const enByKey = new Map(leaves(en));
    for (const [key, zhValue] of leaves(zhCN)) {
      expect(placeholders(String(enByKey.get(key))), key).toEqual(placeholders(String(zhValue)));
    }
  });

  it('the zh-CN product name is the one the brand uses', () => {
    expect(zhCN.app.productName).toBe('UrbanGrid 数字城管');
  });
});
