import { CHINESE_NUMERAL_CHARS, parseNumeral } from './chinese-numeral';
import { compassFromChinese, type CompassDirection } from './compass-direction';

/**
 * Structured query for forward geocoding (地理编码, GB/T 30428.3; spec 02 §5–6), read from free
 * address text such as "杭州市西湖区文一路12号东侧约50米". The parser only reads the text; matching
 * names against the basic-place tables (exact, 别名 alias, 曾用名 former name) is the geocoder's job.
 */
export type AddressQuery = HouseNumberQuery | CrossingQuery | PlaceQuery | RoadQuery | UnparsedQuery;

/** 行政区域 prefixes, each as written ("西湖区"), present only when the text names it. */
export interface AdminDivisions {
  /** 省 / 自治区 / 特别行政区 */
  province?: string;
  /** 市 (a municipality such as 北京市 is read as the city) / 自治州 / 地区 / 盟 */
  city?: string;
  /** 区 / 县 / 旗 */
  district?: string;
  /** 街道 street office, or 镇 / 乡 */
  street?: string;
  /** 社区 community, or 村 village */
  community?: string;
}

/** 方位描述 direction and distance from the named place ("东侧约50米"). */
export interface DirectionOffset {
  direction: CompassDirection;
  meters: number;
}

interface QueryBase {
  /** The text after normalisation (NFKC, no whitespace, one kind of dash). */
  normalized: string;
  admin: AdminDivisions;
  offset?: DirectionOffset;
  /** Text the parser could not place ("附近", a trailing shop name); empty when everything was read. */
  leftover: string;
}

/** 门(楼)牌 suffix: 号 plain number, 号院 compound, 号楼 (also 栋/幢) building, 弄 Shanghai lane. */
export type HouseNumberSuffix = '号' | '号院' | '号楼' | '弄';

export interface HouseNumber {
  /** The main number: 12 in "甲12-3号". */
  number: number;
  /** The sub-number after a dash or 之: 3 in "12-3号". */
  sub?: number;
  /** 甲/乙/丙/丁 prefix used to split a number (甲12号). */
  prefix?: string;
  suffix: HouseNumberSuffix;
  /** Canonical text with ASCII digits: "甲12-3号". */
  label: string;
}

export interface HouseNumberQuery extends QueryBase {
  kind: 'house-number';
  road: string;
  /** Lane number inside the road (Shanghai 弄): 123 in "长乐路123弄4号". */
  lane?: number;
  houseNumber: HouseNumber;
  /** Building/unit/gate inside the numbered plot: "3幢2单元". */
  part?: string;
}

export interface CrossingQuery extends QueryBase {
  kind: 'crossing';
  roads: [string, string];
}

export interface PlaceQuery extends QueryBase {
  kind: 'place';
  /** 兴趣点 / 区片 / 地片 name: "西湖公园", "翠苑一区". */
  name: string;
  /** Gate, building or unit of the place: "东门", "3幢". */
  part?: string;
}

export interface RoadQuery extends QueryBase {
  kind: 'road';
  road: string;
  /** "解放路口": somewhere at a junction of the road, the other road not named. */
  atJunction: boolean;
}

export type UnparsedReason =
  'empty' | 'too-long' | 'admin-only' | 'offset-only' | 'no-place-name' | 'number-without-road';

export interface UnparsedQuery extends QueryBase {
  kind: 'unparsed';
  reason: UnparsedReason;
}

/** Larger numbers are not house numbers (a phone number or a code pasted into the address). */
export const HOUSE_NUMBER_MAX = 99999;

/** Longer input is not an address; refusing it keeps the regular expressions cheap. */
export const ADDRESS_MAX_LENGTH = 200;

const NUM = `[0-9]+|[${CHINESE_NUMERAL_CHARS}]+`;
/** 街巷 name endings, longest first so that 大道 wins over 道. */
const ROAD_SUFFIX = '大道|大街|胡同|路|街|道|巷|弄|里|条';
const ROAD_END = new RegExp(`(?:${ROAD_SUFFIX})$`, 'u');
/** Endings allowed when two road names are run together without 与/和 ("文一路学院路交叉口"). */
const STRONG_ROAD_END = /(?:路|街|大道|大街)$/u;

/** Junction words after a crossing, longest first; the named ones may follow run-together names. */
const JUNCTION_WORDS = [
  '十字路口',
  '丁字路口',
  '交叉路口',
  '交叉口',
  '交汇处',
  '交界处',
  '交口',
  '路口',
  '口',
];
const NAMED_JUNCTION_WORDS = new Set([
  '十字路口',
  '丁字路口',
  '交叉路口',
  '交叉口',
  '交汇处',
  '交界处',
  '交口',
]);
const CROSSING_SEPARATORS = new Set(['与', '和', '跟', '同', '交', '/', '、', '&', '+', '×']);

const OFFSET_RE = new RegExp(
  `(?:往|向)?(东南|东北|西南|西北|东|南|西|北)(?:侧|方向|方|面|边)?(?:约|大约|近)?(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)(米|m|公里|千米|km)$`,
  'iu',
);
const QUALIFIER_RE = /(附近|周边|周围|旁边|一带|对面|门口|门前)$/u;

/** One piece of a place's or plot's inner part: gate, exit, building, unit, floor, room. */
const PART_UNIT = `(?:[东南西北]{1,2}(?:侧门|门|出入口|出口|入口)|[正后侧]门|[0-9]+号门|[A-Z][0-9]?(?:出入口|出口|口)|(?:${NUM})(?:号楼|幢|栋|座|单元|层|楼|室))`;
const PART_AT_END = new RegExp(`^(.{2,}?)((?:${PART_UNIT})+)$`, 'u');
const PART_AT_START = new RegExp(`^((?:${PART_UNIT})+)(.*)$`, 'u');

/** Lane, 甲 prefix, number, sub-number, suffix and the rest; without a suffix the number must end the text. */
const NUMBER_TAIL = `(?:(${NUM})弄)?([甲乙丙丁])?(${NUM})(?:[-之](${NUM}))?(?:(号院|号楼|号|栋|幢|弄)(.*))?$`;
const HOUSE_RE = new RegExp(`^([^/、&+×]+?(?:${ROAD_SUFFIX}))${NUMBER_TAIL}`, 'u');
const BARE_HOUSE_RE = new RegExp(`^()${NUMBER_TAIL}`, 'u');
const ROAD_ONLY_RE = new RegExp(`^([^/、&+×]+?(?:${ROAD_SUFFIX}))(路口|口)?$`, 'u');
/** Symbols that can only join two names, never sit inside one (unlike 与 or 和). */
const SYMBOL_SEPARATORS = new Set(['/', '、', '&', '+', '×']);
const SYMBOL_RE = /[/、&+×]/u;

/**
 * Admin levels in order, each optional. A level is not taken when the text goes on with a road or
 * place word: "水乡路" is a road, not the township "水乡" + "路".
 */
const ADMIN_LEVELS: { level: keyof AdminDivisions; re: RegExp; reject?: RegExp }[] = [
  { level: 'province', re: /^(\p{Script=Han}{2,7}?(?:省|自治区|特别行政区))/u },
  { level: 'city', re: /^(\p{Script=Han}{1,7}?(?:市|自治州|地区|盟))/u, reject: /(?:超市|城市|门市)$/u },
  {
    level: 'district',
    re: /^(\p{Script=Han}{1,7}?(?:区|县|旗))/u,
    // Compounds and campuses also end in 区; 新区 (浦东新区) is a real district and stays.
    reject:
      /(?:小区|园区|社区|景区|校区|片区|街区|厂区|矿区|营区|住宅区|生活区|商业区|开发区|[一二三四五六七八九十0-9]区)$/u,
  },
  { level: 'street', re: /^(\p{Script=Han}{1,8}?(?:街道|镇|乡))/u },
  { level: 'community', re: /^(\p{Script=Han}{1,8}?(?:社区|居委会|村委会|村))/u },
];
const NOT_AFTER_ADMIN =
  /^(?:[东南西北中]?[一二三四五六七八九十]?(?:路|街|大道|大街|道|巷|弄|胡同|里)|桥|口|门|场|站|中心|公园|广场|花园|小区)/u;

/** NFKC folds full-width digits, letters, spaces and punctuation; then drop whitespace, unify dashes. */
export function normalizeAddressText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[‐‑‒–—―−~～]/gu, '-')
    .replace(/^(?:中华人民共和国|中国)/u, '')
    .replace(/[。，,;；!！?？]+$/u, '');
}

/** Reads address text into an {@link AddressQuery}. Never throws: odd input yields kind 'unparsed'. */
export function parseAddress(text: string): AddressQuery {
  const normalized = typeof text === 'string' ? normalizeAddressText(text) : '';
  const admin: AdminDivisions = {};
  const unparsed = (reason: UnparsedReason, leftover: string): UnparsedQuery => ({
    kind: 'unparsed',
    reason,
    normalized,
    admin,
    leftover,
  });
  if (normalized.length === 0) return unparsed('empty', '');
  if (normalized.length > ADDRESS_MAX_LENGTH) return unparsed('too-long', normalized);

  let body = stripAdmin(normalized, admin);
  if (body.length === 0) return unparsed('admin-only', '');

  // A qualifier comes last ("…东侧约30米附近"), so strip it before the offset.
  let qualifier = '';
  const qualifierMatch = QUALIFIER_RE.exec(body);
  if (qualifierMatch && qualifierMatch.index > 0) {
    qualifier = qualifierMatch[0];
    body = body.slice(0, qualifierMatch.index);
  }
  let offset: DirectionOffset | undefined;
  const offsetMatch = OFFSET_RE.exec(body);
  const offsetValue = offsetMatch ? readOffset(offsetMatch) : undefined;
  if (offsetMatch && offsetValue) {
    offset = offsetValue;
    body = body.slice(0, offsetMatch.index);
    if (body.length === 0) return unparsed('offset-only', offsetMatch[0] + qualifier);
  }

  const base = (leftover: string): QueryBase => ({
    normalized,
    admin,
    ...(offset ? { offset } : {}),
    leftover: leftover + qualifier,
  });

  const crossing = readCrossing(body);
  if (crossing) return { kind: 'crossing', roads: crossing.roads, ...base(crossing.rest) };

  // In villages the 门牌 hangs off the village, not a road: "永福村12号".
  const house = readHouseNumber(HOUSE_RE.exec(body)) ?? readVillageHouseNumber(body, admin.community);
  if (house) {
    const { rest, ...found } = house;
    return { kind: 'house-number', ...found, ...base(rest) };
  }

  const road = ROAD_ONLY_RE.exec(body);
  if (road && road[1].length >= 2) {
    return { kind: 'road', road: road[1], atJunction: road[2] !== undefined, ...base('') };
  }

  if (!/[\p{Script=Han}A-Za-z]/u.test(body)) return unparsed('no-place-name', body + qualifier);
  if (BARE_HOUSE_RE.test(body)) return unparsed('number-without-road', body + qualifier);
  const placePart = PART_AT_END.exec(body);
  if (placePart && /[\p{Script=Han}A-Za-z]/u.test(placePart[1])) {
    return { kind: 'place', name: placePart[1], part: normalizePart(placePart[2]), ...base('') };
  }
  return { kind: 'place', name: body, ...base('') };
}

function stripAdmin(text: string, admin: AdminDivisions): string {
  let rest = text;
  for (const { level, re, reject } of ADMIN_LEVELS) {
    const m = re.exec(rest);
    if (!m) continue;
    const after = rest.slice(m[1].length);
    if (reject?.test(m[1]) || NOT_AFTER_ADMIN.test(after)) continue;
    admin[level] = m[1];
    rest = after;
  }
  return rest;
}

function readOffset(m: RegExpExecArray): DirectionOffset | undefined {
  const direction = compassFromChinese(m[1]);
  const value = /^\d/.test(m[2]) ? Number(m[2]) : parseNumeral(m[2]);
  if (direction === undefined || value === undefined) return undefined;
  const unit = m[3].toLowerCase();
  const meters = unit === '公里' || unit === '千米' || unit === 'km' ? value * 1000 : value;
  return { direction, meters };
}

/**
 * Finds two road names joined by a separator (与/和/、 …) or run together before a junction word.
 * Every split is scored and the best kept, because a road name may itself contain a separator
 * character (和平路) or a road ending (三里屯路 holds 里).
 */
function readCrossing(body: string): { roads: [string, string]; rest: string } | undefined {
  let best: { roads: [string, string]; rest: string; score: number } | undefined;
  for (let i = 2; i < body.length; i++) {
    const a = body.slice(0, i);
    if (!ROAD_END.test(a) || SYMBOL_RE.test(a)) continue;
    // 与/和 may join two names or start the second one (解放路和平路交叉口): try both readings.
    const readings = CROSSING_SEPARATORS.has(body[i])
      ? SYMBOL_SEPARATORS.has(body[i])
        ? [true]
        : [true, false]
      : [false];
    for (const separated of readings) {
      const after = body.slice(separated ? i + 1 : i);
      for (let j = 2; j <= after.length; j++) {
        const b = after.slice(0, j);
        if (!ROAD_END.test(b) || SYMBOL_RE.test(b)) continue;
        const tail = after.slice(j);
        const junction = JUNCTION_WORDS.find((w) => tail.startsWith(w));
        if (!separated) {
          // Run-together names need a clear junction word and a clear road ending on both names.
          const clear =
            junction !== undefined &&
            (NAMED_JUNCTION_WORDS.has(junction) ||
              (STRONG_ROAD_END.test(a) && STRONG_ROAD_END.test(b) && a.length >= 3 && b.length >= 3));
          if (!clear) continue;
        }
        const rest = junction ? tail.slice(junction.length) : tail;
        if (
          separated &&
          !SYMBOL_SEPARATORS.has(body[i]) &&
          !junction &&
          rest.length > 0 &&
          !/^[东南西北]/u.test(rest)
        ) {
          continue; // "文一路和西湖公园…" is not a crossing
        }
        // Best: nothing left over; then a junction word, the longer the better; a one-character
        // name (平路) loses a tie, as such names are rare.
        const score =
          (rest.length === 0 ? 100 : 0) +
          (junction ? 10 + junction.length : 0) -
          (a.length < 3 || b.length < 3 ? 1 : 0);
        if (!best || score > best.score) best = { roads: [a, b], rest, score };
      }
    }
  }
  return best && { roads: best.roads, rest: best.rest };
}

type HouseNumberFound = Omit<HouseNumberQuery, keyof QueryBase | 'kind'> & { rest: string };

function readVillageHouseNumber(body: string, village: string | undefined): HouseNumberFound | undefined {
  const found = village === undefined ? undefined : readHouseNumber(BARE_HOUSE_RE.exec(body));
  return found && village !== undefined ? { ...found, road: village } : undefined;
}

function readHouseNumber(m: RegExpExecArray | null): HouseNumberFound | undefined {
  if (!m) return undefined;
  // Without 号 the regex lets the number only end the text: "文一路12" yes, "文一路12路公交站" no.
  const [, road, laneText, prefix, mainText, subText, suffixText, restText = ''] = m;
  const number = parseNumeral(mainText);
  const sub = subText === undefined ? undefined : parseNumeral(subText);
  const lane = laneText === undefined ? undefined : parseNumeral(laneText);
  if (
    number === undefined ||
    number > HOUSE_NUMBER_MAX ||
    (subText !== undefined && sub === undefined) ||
    (laneText !== undefined && lane === undefined)
  ) {
    return undefined;
  }
  const suffix: HouseNumberSuffix =
    suffixText === '栋' || suffixText === '幢' ? '号楼' : ((suffixText ?? '号') as HouseNumberSuffix);
  const label = `${prefix ?? ''}${number}${sub === undefined ? '' : `-${sub}`}${suffix}`;
  const houseNumber: HouseNumber = {
    number,
    ...(sub === undefined ? {} : { sub }),
    ...(prefix === undefined ? {} : { prefix }),
    suffix,
    label,
  };
  const partMatch = PART_AT_START.exec(restText);
  return {
    road,
    ...(lane === undefined ? {} : { lane }),
    houseNumber,
    ...(partMatch ? { part: normalizePart(partMatch[1]) } : {}),
    rest: partMatch ? partMatch[2] : restText,
  };
}

/** Writes Chinese numerals in a part as digits: "三幢二单元" → "3幢2单元". */
function normalizePart(part: string): string {
  return part.replace(new RegExp(`[${CHINESE_NUMERAL_CHARS}]+(?=号楼|幢|栋|座|单元|层|楼|室)`, 'gu'), (n) => {
    const value = parseNumeral(n);
    return value === undefined ? n : String(value);
  });
}
