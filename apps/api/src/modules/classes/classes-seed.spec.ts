import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_SEED_DIR, CLASS_SEED_FILES, readSeedClasses } from './classes-seed';
import type { ClassRow } from './classes.repository';
import { buildTree } from './classes.service';

/** Seed rows as plain field arrays (these files hold no quoted fields). */
function csvRows(file: string): string[][] {
  const [, ...lines] = readFileSync(join(CLASS_SEED_DIR, file), 'utf8').trim().split(/\r?\n/);
  return lines.map((l) => l.split(','));
}
const allRows = CLASS_SEED_FILES.flatMap(csvRows);

describe('class seed files beside the module', () => {
  it('national profile: big-class rows plus small classes with a national name', () => {
    const expected = allRows.filter(([, , , small, smallName]) => small === '' || smallName !== '').length;
    expect(readSeedClasses('national')).toHaveLength(expected);
  });

  it('Beijing profile: every row except the `?` ones, renamed where Beijing differs', () => {
    const expected = allRows.filter(([, , , , , , variant]) => variant !== '?').length;
    const beijing = readSeedClasses('beijing');
    expect(beijing).toHaveLength(expected);
    const name = (kind: string, code: string) =>
      beijing.find((c) => c.kind === kind && c.code === code)?.name;
    expect(name('component', '0107')).toBe('电信井盖');
    expect(name('component', '0139')).toBe('铁塔');
    expect(name('component', '0215')).toBeUndefined();
    expect(name('event', '0305')).toBe('施工废弃料');
    expect(name('event', '0102')).toBe('暴露垃圾');
  });
});

describe('class tree', () => {
  const row = (code: string, parentCode: string | null, validTo: string | null, name = code): ClassRow => ({
    id: `${code}-${validTo ?? 'current'}`,
    kind: 'component',
    code,
    codeScheme: 'gbt30428-2',
    level: code.length === 2 ? 'big' : code.length === 4 ? 'small' : 'detail',
    parentCode,
    name,
    nameEn: null,
    confidence: null,
    origin: 'local',
    profile: null,
    validFrom: '2026-01-01',
    validTo,
    isPublic: false,
    geometryType: null,
  });

  it('hangs children under the current row of a code that also has a retired row', () => {
    // Rows arrive in code order, a retired row before the current one of the same code.
    const tree = buildTree([
      row('22', null, '2026-03-01', 'old'),
      row('22', null, null, 'new'),
      row('2201', '22', null),
      row('220101', '2201', null),
    ]);
    expect(tree.map((n) => [n.name, n.children.map((c) => c.code)])).toEqual([
      ['old', []],
      ['new', ['2201']],
    ]);
    expect(tree[1]?.children[0]?.children.map((c) => c.code)).toEqual(['220101']);
  });

  it('makes a row whose parent is not listed a root', () => {
    expect(buildTree([row('0191', '01', null)]).map((n) => n.code)).toEqual(['0191']);
  });
});
