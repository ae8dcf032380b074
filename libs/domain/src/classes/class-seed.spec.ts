import { describe, expect, it } from 'vitest';
import { classesOfProfile, parseCsv, readClassSeedCsv } from './class-seed';

const HEADER = 'kind,big_code,big_name,small_code,small_name,confidence,beijing_variant';

/** Rows shaped like the real seed: renames, a Beijing-only code, a `?`, and the extension class. */
const SAMPLE = [
  HEADER,
  'component,01,公用设施,,,H,',
  'component,01,公用设施,0101,上水井盖,H,',
  'component,01,公用设施,0107,通讯井盖,M,电信井盖',
  'component,01,公用设施,0139,,L,铁塔',
  'component,02,道路交通,,,H,',
  'component,02,道路交通,0211,交通护栏,H,',
  'component,02,道路交通,0215,道路信息显示屏,L,?',
  'component,21,扩展部件,,,L,',
].join('\n');

describe('CSV parser', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(parseCsv('a,,c\n1,2,\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['1', '2', ''] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF; BOM; blank lines', () => {
    const text = '\uFEFFname,note\r\n"燃气调压站（箱）","a, b"\r\n\r\n"say ""hi""","two\nlines"\r\nlast,""';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['燃气调压站（箱）', 'a, b'] },
      { line: 4, fields: ['say "hi"', 'two\nlines'] },
      // The record after a quoted line break starts on line 6.
      { line: 6, fields: ['last', ''] },
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(expect.objectContaining({ code: 'CLASS.SEED_MALFORMED' }));
  });
});

describe('seed file rows (spec 01 §2.6)', () => {
  it('checks the header', () => {
    expect(() => readClassSeedCsv('kind,code\ncomponent,01')).toThrow(
      expect.objectContaining({ code: 'CLASS.SEED_MALFORMED' }),
    );
  });

  it('lists every row with a wrong field count, by line', () => {
    const text = [HEADER, 'component,01,公用设施,,,H', 'component,01,公用设施,,,H,,x'].join('\n');
    expect(() => readClassSeedCsv(text)).toThrow(
      expect.objectContaining({
        details: [
          { field: 'line 2', message: 'expected 7 fields, got 6' },
          { field: 'line 3', message: 'expected 7 fields, got 8' },
        ],
      }),
    );
  });

  it('national profile: big classes, national names, no Beijing-only code 0139', () => {
    const classes = classesOfProfile(readClassSeedCsv(SAMPLE), 'national');
    expect(classes.map((c) => [c.code, c.level, c.parentCode, c.name, c.confidence])).toEqual([
      ['01', 'big', null, '公用设施', 'H'],
      ['0101', 'small', '01', '上水井盖', 'H'],
      ['0107', 'small', '01', '通讯井盖', 'M'],
      ['02', 'big', null, '道路交通', 'H'],
      ['0211', 'small', '02', '交通护栏', 'H'],
      ['0215', 'small', '02', '道路信息显示屏', 'L'],
      ['21', 'big', null, '扩展部件', 'L'],
    ]);
    expect(classes.every((c) => c.kind === 'component' && c.codeScheme === 'gbt30428-2')).toBe(true);
    // 上水井盖 is a cover (point), 交通护栏 a guardrail (line), big classes have no geometry type.
    expect(classes.map((c) => c.geometryType)).toEqual([null, 'point', 'point', null, 'line', null, null]);
  });

  it('Beijing profile: renamed 0107, Beijing-only 0139 added, unknown 0215 left out', () => {
    const classes = classesOfProfile(readClassSeedCsv(SAMPLE), 'beijing');
    expect(classes.map((c) => [c.code, c.name])).toEqual([
      ['01', '公用设施'],
      ['0101', '上水井盖'],
      ['0107', '电信井盖'],
      ['0139', '铁塔'],
      ['02', '道路交通'],
      ['0211', '交通护栏'],
      ['21', '扩展部件'],
    ]);
  });

  it('reports every bad row with its line before returning anything', () => {
    const text = [
      HEADER,
      'component,01,公用设施,,,H,',
      'thing,01,公用设施,0102,污水井盖,H,', // line 3: unknown kind
      'component,01,公用设施,0203,公交站亭,H,', // line 4: small code outside its big class
      'component,01,公用设施,0104,雨水箅子,X,', // line 5: confidence
      'component,01,公用设施,0101,上水井盖,H,',
      'component,01,公用设施,0101,上水井盖,H,', // line 7: duplicate
      'component,03,市容环境,0301,公共厕所,H,', // line 8: big class 03 never declared
      'component,01,公用设施,0140,,L,?', // line 9: no name in either profile
      'component,01,公用设施,01a,x,H,', // line 10: malformed code
    ].join('\n');
    let details: { field: string }[] = [];
    try {
      classesOfProfile(readClassSeedCsv(text), 'national');
    } catch (err) {
      expect(err).toMatchObject({ code: 'CLASS.SEED_MALFORMED' });
      details = (err as { details: { field: string }[] }).details;
    }
    expect(details.map((d) => d.field)).toEqual([
      'line 3',
      'line 4',
      'line 5',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
    ]);
  });
});
