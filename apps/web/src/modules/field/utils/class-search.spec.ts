import type { ClassificationDto } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { buildClassTable, searchClasses } from './class-search';

const cls = (
  kind: 'component' | 'event',
  code: string,
  name: string,
  nameEn: string,
  parentCode: string | null = null,
): ClassificationDto => ({
  kind,
  code,
  codeScheme: 'gbt30428-2',
  level: parentCode ? 'small' : 'big',
  parentCode,
  name,
  nameEn,
  confidence: 'H',
  origin: 'national',
  profile: 'national',
  validFrom: '2020-01-01',
  validTo: null,
  isPublic: true,
  geometryType: null,
});

const items = [
  cls('event', '01', '市容环境', 'City appearance'),
  cls('event', '0102', '暴露垃圾', 'Exposed garbage', '01'),
  cls('event', '0101', '私搭乱建', 'Illegal construction', '01'),
  cls('event', '02', '宣传广告', 'Advertising'),
  cls('event', '0201', '违章张贴小广告', 'Illegal flyers', '02'),
  cls('component', '01', '公用设施', 'Public facilities'),
  cls('component', '0101', '上水井盖', 'Water manhole cover', '01'),
  cls('component', '0102', '污水井盖', 'Sewage manhole cover', '01'),
  // An orphan small class (its big class retired) is not offered.
  cls('event', '0901', '孤儿', 'Orphan', '09'),
];
const table = buildClassTable(items);

describe('buildClassTable', () => {
  it('lists big classes per kind and small classes per big class in code order', () => {
    expect(table.big('event').map((c) => c.code)).toEqual(['01', '02']);
    expect(table.small('event', '01').map((c) => c.name)).toEqual(['私搭乱建', '暴露垃圾']);
    expect(table.small('component', '01').map((c) => c.code)).toEqual(['0101', '0102']);
    expect(table.allSmall('event').map((c) => c.code)).toEqual(['0101', '0102', '0201']);
  });

  it('finds a small class with its big class (component and event codes are separate)', () => {
    expect(table.find('event', '0102')).toMatchObject({ name: '暴露垃圾', bigName: '市容环境' });
    expect(table.find('component', '0102')).toMatchObject({ name: '污水井盖', bigName: '公用设施' });
    expect(table.find('event', '0901')).toBeNull();
  });
});

describe('searchClasses', () => {
  const events = table.allSmall('event');

  it('matches Chinese names by substring', () => {
    expect(searchClasses(events, '垃圾').map((c) => c.code)).toEqual(['0102']);
  });

  it('matches English names case-insensitively', () => {
    expect(searchClasses(events, 'GARBAGE').map((c) => c.code)).toEqual(['0102']);
  });

  it('puts the exact code first, then code prefixes', () => {
    expect(searchClasses(events, '0102').map((c) => c.code)).toEqual(['0102']);
    expect(searchClasses(events, '01').map((c) => c.code)).toEqual(['0101', '0102']);
  });

  it('finds small classes through their big class name, after direct name matches', () => {
    expect(searchClasses(events, '市容').map((c) => c.code)).toEqual(['0101', '0102']);
    // "广告" is in the name of 0201 (direct) and in its big class.
    expect(searchClasses(events, '广告').map((c) => c.code)).toEqual(['0201']);
  });

  it('needs every word to match', () => {
    expect(searchClasses(table.allSmall('component'), 'manhole sewage').map((c) => c.code)).toEqual(['0102']);
    expect(searchClasses(table.allSmall('component'), 'manhole garbage')).toEqual([]);
  });

  it('returns nothing for an empty query and honours the limit', () => {
    expect(searchClasses(events, '   ')).toEqual([]);
    expect(searchClasses(events, '0', 2)).toHaveLength(2);
  });
});
