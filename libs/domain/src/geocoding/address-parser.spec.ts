import { describe, expect, it } from 'vitest';
import { normalizeAddressText, parseAddress, type AddressQuery } from './address-parser';
import { parseNumeral } from './chinese-numeral';

/** The fields of a result that a table row checks (a deep subset, as toMatchObject reads it). */
type Expected = { kind?: AddressQuery['kind'] } & Record<string, unknown>;

function expectParsed(text: string, expected: Expected): void {
  expect(parseAddress(text)).toMatchObject(expected);
}

describe('house numbers (门牌)', () => {
  it.each<[string, Expected]>([
    [
      '文一路12号',
      { kind: 'house-number', road: '文一路', houseNumber: { number: 12, suffix: '号', label: '12号' } },
    ],
    [
      '文一路12-3号',
      {
        kind: 'house-number',
        road: '文一路',
        houseNumber: { number: 12, sub: 3, suffix: '号', label: '12-3号' },
      },
    ],
    [
      '南河沿大街甲12号',
      {
        kind: 'house-number',
        road: '南河沿大街',
        houseNumber: { number: 12, prefix: '甲', label: '甲12号' },
      },
    ],
    ['学院路12号院', { kind: 'house-number', road: '学院路', houseNumber: { number: 12, suffix: '号院' } }],
    ['学院路12号楼', { kind: 'house-number', road: '学院路', houseNumber: { number: 12, suffix: '号楼' } }],
    ['学院路12栋', { kind: 'house-number', road: '学院路', houseNumber: { number: 12, suffix: '号楼' } }],
    ['北兵马司胡同12号', { kind: 'house-number', road: '北兵马司胡同', houseNumber: { number: 12 } }],
    ['解放大道1277号', { kind: 'house-number', road: '解放大道', houseNumber: { number: 1277 } }],
    ['王府井大街255号', { kind: 'house-number', road: '王府井大街', houseNumber: { number: 255 } }],
    // Beijing's numbered hutongs end in 条; 十 here is part of the name, not the number.
    ['东四十条甲22号', { kind: 'house-number', road: '东四十条', houseNumber: { number: 22, prefix: '甲' } }],
  ])('%s', (text, expected) => {
    expectParsed(text, expected);
  });

  it('reads a number without 号 when it ends the text', () => {
    expectParsed('文一路12', {
      kind: 'house-number',
      road: '文一路',
      houseNumber: { number: 12, label: '12号' },
    });
  });

  it('reads a Shanghai lane and the number inside it', () => {
    expectParsed('长乐路123弄4号', {
      kind: 'house-number',
      road: '长乐路',
      lane: 123,
      houseNumber: { number: 4 },
    });
    expectParsed('长乐路123弄', {
      kind: 'house-number',
      road: '长乐路',
      houseNumber: { number: 123, suffix: '弄' },
    });
  });

  it('keeps the building and unit inside the plot as the part', () => {
    expectParsed('文一路12号3幢2单元', {
      kind: 'house-number',
      road: '文一路',
      houseNumber: { number: 12 },
      part: '3幢2单元',
      leftover: '',
    });
  });

  it('leaves unread trailing text as leftover', () => {
    expectParsed('文三路90号东部软件园', {
      kind: 'house-number',
      road: '文三路',
      houseNumber: { number: 90 },
      leftover: '东部软件园',
    });
  });
});

describe('road names that hold digits, numerals or road endings', () => {
  it.each<[string, string, number]>([
    ['文一路12号', '文一路', 12],
    ['文二西路5号', '文二西路', 5],
    ['中山北路200号', '中山北路', 200],
    ['三里屯路19号', '三里屯路', 19],
    ['十里河路8号', '十里河路', 8],
    ['新村路二巷5号', '新村路二巷', 5],
    ['318国道100号', '318国道', 100],
  ])('%s → road %s, number %i', (text, road, number) => {
    expectParsed(text, { kind: 'house-number', road, houseNumber: { number } });
  });

  it.each<[string, number, string]>([
    // 十二 = 1×10 + 2
    ['文一路十二号', 12, '12号'],
    // 一百零五 = 100 + 0 + 5
    ['中山北路一百零五号', 105, '105号'],
    // read digit by digit: 二〇八 = 208
    ['解放路二〇八号', 208, '208号'],
    // 两百 = 2×100
    ['解放路两百号', 200, '200号'],
  ])('%s → number %i written %s', (text, number, label) => {
    expectParsed(text, { kind: 'house-number', houseNumber: { number, label } });
  });
});

describe('a road alone', () => {
  it.each<[string, string, boolean]>([
    ['中山北路', '中山北路', false],
    ['北兵马司胡同', '北兵马司胡同', false],
    ['解放路口', '解放路', true],
    ['学院路路口', '学院路', true],
    ['三里屯路口', '三里屯路', true],
  ])('%s → %s (junction: %s)', (text, road, atJunction) => {
    expectParsed(text, { kind: 'road', road, atJunction, leftover: '' });
  });
});

describe('crossings (交叉口)', () => {
  it.each<[string, [string, string]]>([
    ['文一路与学院路交叉口', ['文一路', '学院路']],
    ['文一路/学院路', ['文一路', '学院路']],
    ['文一路和学院路路口', ['文一路', '学院路']],
    ['文一路、学院路交口', ['文一路', '学院路']],
    ['和平路与解放路交叉口', ['和平路', '解放路']],
    // 和 here starts 和平路; reading it as a separator would give the one-character name 平路.
    ['解放路和平路交叉口', ['解放路', '和平路']],
    ['解放路和中山路口', ['解放路', '中山路']],
    ['中山北路与三里屯路口', ['中山北路', '三里屯路']],
    ['文一路学院路交叉口', ['文一路', '学院路']],
    ['文一路学院路口', ['文一路', '学院路']],
    ['延安路与解放路十字路口', ['延安路', '解放路']],
  ])('%s', (text, roads) => {
    expectParsed(text, { kind: 'crossing', roads, leftover: '' });
  });

  it('keeps a number after a slash-joined crossing as leftover rather than a road "文一路/学院路"', () => {
    expectParsed('文一路/学院路12号', { kind: 'crossing', roads: ['文一路', '学院路'], leftover: '12号' });
  });

  it('keeps a corner after the junction word as leftover', () => {
    expectParsed('文一路与学院路交叉口东北角', {
      kind: 'crossing',
      roads: ['文一路', '学院路'],
      leftover: '东北角',
    });
  });

  it('does not read a road and a place joined by 和 as a crossing', () => {
    expect(parseAddress('文一路和西湖公园').kind).toBe('place');
  });

  it('does not split 三里屯路口 into 三里 and 屯路', () => {
    expect(parseAddress('三里屯路口').kind).toBe('road');
  });
});

describe('named places and their parts', () => {
  it.each<[string, string, string | undefined]>([
    ['西湖公园东门', '西湖公园', '东门'],
    ['翠苑小区3幢', '翠苑小区', '3幢'],
    ['翠苑一区三幢二单元', '翠苑一区', '3幢2单元'],
    ['北京西站北出口', '北京西站', '北出口'],
    ['武林广场地铁站C口', '武林广场地铁站', 'C口'],
    ['西湖文化广场', '西湖文化广场', undefined],
    ['天安门', '天安门', undefined],
    ['学院路小区5号楼', '学院路小区', '5号楼'],
  ])('%s → %s + %s', (text, name, part) => {
    const result = parseAddress(text);
    expect(result).toMatchObject({ kind: 'place', name, leftover: '' });
    expect(result.kind === 'place' ? result.part : 'not a place').toBe(part);
  });

  it('moves a trailing 附近 to leftover', () => {
    expectParsed('西湖公园附近', { kind: 'place', name: '西湖公园', leftover: '附近' });
  });
});

describe('administrative prefixes', () => {
  it('reads province, city, district, street office and community in order', () => {
    expectParsed('浙江省杭州市西湖区文新街道文一社区文一路12号', {
      kind: 'house-number',
      admin: {
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        street: '文新街道',
        community: '文一社区',
      },
      road: '文一路',
      houseNumber: { number: 12 },
    });
  });

  it('reads a municipality as the city', () => {
    expectParsed('北京市东城区北兵马司胡同12号', {
      admin: { city: '北京市', district: '东城区' },
      road: '北兵马司胡同',
    });
  });

  it('reads 浦东新区 as a district', () => {
    expectParsed('上海市浦东新区世纪大道100号', {
      admin: { city: '上海市', district: '浦东新区' },
      road: '世纪大道',
    });
  });

  it('reads a village and its house number', () => {
    expectParsed('余杭区仓前镇永福村', { kind: 'unparsed', reason: 'admin-only' });
    expectParsed('仓前镇永福村12号', {
      kind: 'house-number',
      admin: { street: '仓前镇', community: '永福村' },
      road: '永福村',
      houseNumber: { number: 12 },
    });
  });

  it.each<[string, Expected]>([
    ['水乡路8号', { kind: 'house-number', road: '水乡路', admin: {} }],
    ['中关村南大街27号', { kind: 'house-number', road: '中关村南大街', admin: {} }],
    ['翠苑小区3幢', { kind: 'place', name: '翠苑小区', admin: {} }],
    ['华联超市', { kind: 'place', name: '华联超市', admin: {} }],
    ['人民市场', { kind: 'place', name: '人民市场', admin: {} }],
    ['故乡小区', { kind: 'place', name: '故乡小区', admin: {} }],
  ])('does not mistake %s for an admin prefix', (text, expected) => {
    expectParsed(text, expected);
  });
});

describe('direction and distance (方位描述)', () => {
  it.each<[string, Expected]>([
    ['北兵马司胡同12号东侧约30米', { kind: 'house-number', offset: { direction: 'E', meters: 30 } }],
    ['文一路12号往南50米', { kind: 'house-number', offset: { direction: 'S', meters: 50 } }],
    ['西湖公园东南500米', { kind: 'place', name: '西湖公园', offset: { direction: 'SE', meters: 500 } }],
    ['西湖南500米', { kind: 'place', name: '西湖', offset: { direction: 'S', meters: 500 } }],
    ['文一路与学院路交叉口西北100米', { kind: 'crossing', offset: { direction: 'NW', meters: 100 } }],
    ['学院路西侧五十米', { kind: 'road', road: '学院路', offset: { direction: 'W', meters: 50 } }],
    ['西湖公园北1.5公里', { kind: 'place', offset: { direction: 'N', meters: 1500 } }],
  ])('%s', (text, expected) => {
    expectParsed(text, expected);
  });

  it('reads the offset before a trailing 附近', () => {
    expectParsed('北兵马司胡同12号东侧约30米附近', {
      kind: 'house-number',
      offset: { direction: 'E', meters: 30 },
      leftover: '附近',
    });
  });

  it('reports a text that is only an offset', () => {
    expectParsed('东侧30米', { kind: 'unparsed', reason: 'offset-only', leftover: '东侧30米' });
  });
});

describe('normalisation', () => {
  it('folds full-width digits, letters, spaces and dashes', () => {
    // full-width １２－３ and an ideographic space
    expect(normalizeAddressText('文一路　１２－３号')).toBe('文一路12-3号');
    expectParsed('文一路　１２－３号', { kind: 'house-number', houseNumber: { number: 12, sub: 3 } });
  });

  it('drops a leading 中国 and trailing punctuation', () => {
    expect(normalizeAddressText('中国 浙江省 杭州市。')).toBe('浙江省杭州市');
  });

  it('reads a full-width slash as a crossing separator', () => {
    expectParsed('文一路／学院路', { kind: 'crossing', roads: ['文一路', '学院路'] });
  });

  it('echoes the normalised text', () => {
    expect(parseAddress(' 文一路 12 号 ').normalized).toBe('文一路12号');
  });
});

describe('odd input never throws', () => {
  it.each<[unknown, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['？？？', 'empty'],
    ['12345', 'no-place-name'],
    ['-', 'no-place-name'],
    ['杭州市西湖区', 'admin-only'],
    ['12号', 'number-without-road'],
    ['西湖区甲5-2号', 'number-without-road'],
    ['路'.repeat(201), 'too-long'],
    [null, 'empty'],
    [undefined, 'empty'],
  ])('%j → unparsed (%s)', (text, reason) => {
    // The API validates types; the parser still copes with whatever a caller passes.
    expect(parseAddress(text as string)).toMatchObject({ kind: 'unparsed', reason });
  });

  it('never throws and answers fast on 5000 random strings of address characters', () => {
    // A fixed linear congruential generator keeps the run reproducible.
    const alphabet = [
      ...'路街道巷弄里条大胡同号院楼栋幢甲一二十百0123456789-/与和、口交叉东南西北门侧约米区市省镇村小公园A ',
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const started = Date.now();
    for (let i = 0; i < 5000; i++) {
      const text = Array.from(
        { length: Math.floor(next() * 200) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      expect(() => parseAddress(text)).not.toThrow();
    }
    // About 0.05 ms a parse here; 5 s would mean runaway backtracking.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not read a pasted phone number as a house number', () => {
    // 13812345678 > HOUSE_NUMBER_MAX (99999)
    expect(parseAddress('文一路13812345678号').kind).not.toBe('house-number');
  });

  it('reads latin-only names as a place', () => {
    expectParsed('IFC Mall', { kind: 'place', name: 'IFCMall' });
  });
});

describe('Chinese numerals', () => {
  it.each<[string, number | undefined]>([
    ['12', 12],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['一千零二十', 1020],
    ['两百', 200],
    ['二〇八', 208],
    ['', undefined],
    ['十百', undefined],
    ['三四十', undefined],
    ['零十', undefined],
    ['十a', undefined],
  ])('%s → %s', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });
});
