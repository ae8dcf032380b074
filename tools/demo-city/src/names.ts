import { Rng } from './random';

/**
 * Invented but believable Hangzhou (Gongshu) names. Curated lists come first so that a small
 * city reads like the real place; generated names (word + suffix) cover larger scales.
 */

export interface BilingualName {
  zh: string;
  /** Pinyin, used where an English name is needed (street offices). */
  en: string;
}

/** Two-character place words: old lanes, bridges, villages and estates of northern Hangzhou. */
// prettier-ignore
export const PLACE_WORDS: readonly BilingualName[] = [
  ['德胜', 'Desheng'], ['登云', 'Dengyun'], ['大关', 'Daguan'], ['和睦', 'Hemu'], ['米市', 'Mishi'],
  ['卖鱼', 'Maiyu'], ['信义', 'Xinyi'], ['左家', 'Zuojia'], ['仓基', 'Cangji'], ['夹城', 'Jiacheng'],
  ['小河', 'Xiaohe'], ['长征', 'Changzheng'], ['湖墅', 'Hushu'], ['叶青', 'Yeqing'], ['霞湾', 'Xiawan'],
  ['渡驾', 'Dujia'], ['祥园', 'Xiangyuan'], ['瓜山', 'Guashan'], ['蔡马', 'Caima'], ['华丰', 'Huafeng'],
  ['申花', 'Shenhua'], ['双桥', 'Shuangqiao'], ['庆隆', 'Qinglong'], ['勤丰', 'Qinfeng'], ['塘河', 'Tanghe'],
  ['运河', 'Yunhe'], ['拱宸', 'Gongchen'], ['桥西', 'Qiaoxi'], ['如意', 'Ruyi'], ['善贤', 'Shanxian'],
  ['紫荆', 'Zijing'], ['锦绣', 'Jinxiu'], ['青园', 'Qingyuan'], ['文澜', 'Wenlan'], ['新文', 'Xinwen'],
  ['香积', 'Xiangji'], ['皋亭', 'Gaoting'], ['半山', 'Banshan'], ['康桥', 'Kangqiao'], ['石祥', 'Shixiang'],
  ['东新', 'Dongxin'], ['文晖', 'Wenhui'], ['潮王', 'Chaowang'], ['朝晖', 'Zhaohui'], ['武林', 'Wulin'],
  ['天水', 'Tianshui'], ['长庆', 'Changqing'], ['潮鸣', 'Chaoming'], ['上塘', 'Shangtang'], ['祥符', 'Xiangfu'],
  ['石桥', 'Shiqiao'], ['丽水', 'Lishui'], ['莫干', 'Mogan'], ['沈塘', 'Shentang'], ['三宝', 'Sanbao'],
  ['新华', 'Xinhua'], ['万家', 'Wanjia'], ['水墩', 'Shuidun'], ['宝善', 'Baoshan'], ['皮市', 'Pishi'],
  ['仓河', 'Canghe'], ['河东', 'Hedong'], ['杨家', 'Yangjia'], ['王马', 'Wangma'], ['清河', 'Qinghe'],
  ['永丰', 'Yongfeng'], ['杭钢', 'Hanggang'], ['北星', 'Beixing'], ['通益', 'Tongyi'], ['储鑫', 'Chuxin'],
  ['杭行', 'Hangxing'], ['沈半', 'Shenban'], ['方家', 'Fangjia'], ['陆家', 'Lujia'], ['严家', 'Yanjia'],
  ['吴家', 'Wujia'], ['俞家', 'Yujia'], ['谢村', 'Xiecun'], ['桃源', 'Taoyuan'], ['杨柳', 'Yangliu'],
  ['樱桃', 'Yingtao'], ['翠苑', 'Cuiyuan'], ['观音', 'Guanyin'], ['玉泉', 'Yuquan'], ['广济', 'Guangji'],
  ['惠民', 'Huimin'], ['仁和', 'Renhe'], ['永安', 'Yongan'], ['瑞安', 'Ruian'], ['福新', 'Fuxin'],
  ['平安', 'Pingan'], ['兴隆', 'Xinglong'], ['宝庆', 'Baoqing'], ['景福', 'Jingfu'], ['嘉禾', 'Jiahe'],
  ['吉祥', 'Jixiang'], ['丰潭', 'Fengtan'], ['杭北', 'Hangbei'], ['西文', 'Xiwen'], ['华中', 'Huazhong'],
  ['黄姑', 'Huanggu'], ['红星', 'Hongxing'], ['永和', 'Yonghe'], ['民生', 'Minsheng'], ['和平', 'Heping'],
  ['新塘', 'Xintang'], ['东方', 'Dongfang'], ['大塘', 'Datang'], ['朝阳', 'Chaoyang'], ['星桥', 'Xingqiao'],
  ['桑园', 'Sangyuan'], ['柳营', 'Liuying'], ['梅园', 'Meiyuan'], ['竹园', 'Zhuyuan'], ['枫桥', 'Fengqiao'],
  ['莲花', 'Lianhua'], ['荷花', 'Hehua'], ['桂花', 'Guihua'], ['杏园', 'Xingyuan'], ['春晖', 'Chunhui'],
  ['秋涛', 'Qiutao'], ['晓风', 'Xiaofeng'], ['明月', 'Mingyue'], ['白马', 'Baima'], ['青龙', 'Qinglong'],
  ['金沙', 'Jinsha'], ['银湖', 'Yinhu'], ['宝石', 'Baoshi'], ['凤起', 'Fengqi'], ['中河', 'Zhonghe'],
  ['东河', 'Donghe'], ['古墩', 'Gudun'], ['余庆', 'Yuqing'], ['积善', 'Jishan'], ['仁爱', 'Renai'],
  ['崇文', 'Chongwen'], ['尚德', 'Shangde'], ['百井', 'Baijing'], ['万寿', 'Wanshou'], ['永宁', 'Yongning'],
  ['长寿', 'Changshou'], ['富义', 'Fuyi'], ['丰收', 'Fengshou'], ['建国', 'Jianguo'], ['新风', 'Xinfeng'],
  ['东园', 'Dongyuan'], ['西园', 'Xiyuan'], ['南苑', 'Nanyuan'], ['孝丰', 'Xiaofeng'], ['大兜', 'Dadou'],
  ['姚园', 'Yaoyuan'], ['洋湾', 'Yangwan'], ['育才', 'Yucai'], ['教场', 'Jiaochang'], ['打索', 'Dasuo'],
].map(([zh, en]) => ({ zh, en }));

/** The 18 real street-level units (街道) of Gongshu, used first. */
// prettier-ignore
const STREETS: readonly BilingualName[] = [
  ['和睦', 'Hemu'], ['米市巷', 'Mishixiang'], ['湖墅', 'Hushu'], ['小河', 'Xiaohe'], ['拱宸桥', 'Gongchenqiao'],
  ['大关', 'Daguan'], ['上塘', 'Shangtang'], ['祥符', 'Xiangfu'], ['康桥', 'Kangqiao'], ['半山', 'Banshan'],
  ['东新', 'Dongxin'], ['文晖', 'Wenhui'], ['朝晖', 'Zhaohui'], ['石桥', 'Shiqiao'], ['天水', 'Tianshui'],
  ['武林', 'Wulin'], ['长庆', 'Changqing'], ['潮鸣', 'Chaoming'],
].map(([zh, en]) => ({ zh: `${zh}街道`, en }));

// prettier-ignore
const COMMUNITIES: readonly string[] = [
  '卖鱼桥', '信义坊', '左家新村', '仓基新村', '夹城巷', '大兜路', '小河路', '长征桥', '湖墅新村', '和睦新村',
  '登云路', '叶青苑', '霞湾巷', '渡驾桥', '德胜新村', '香积寺', '珠儿潭', '大关西一苑', '大关南一苑', '和睦院',
  '瓜山', '蔡马', '华丰', '杭钢', '申花', '勤丰', '塘河', '善贤', '紫荆', '锦绣', '青园', '文澜', '新文',
  '皋亭', '双桥', '庆隆', '如意', '桥西', '拱宸桥', '祥园', '北星', '通益', '沈塘', '三宝', '万家星城',
  '运河东', '水墩', '宝善', '小河佳苑', '建华', '和平里', '永丰苑', '米市巷', '潮王', '东新园', '文晖',
  '朝晖一区', '长庆', '潮鸣寺巷', '天水桥', '大塘新村', '红石板', '打铁关', '稻香园', '新天地',
].map((n) => `${n}社区`);

// prettier-ignore
const ARTERIALS: readonly string[] = [
  '莫干山路', '湖墅南路', '上塘路', '中山北路', '东新路', '沈半路', '环城北路', '德胜路', '文晖路', '石祥路',
  '登云路', '杭行路', '储鑫路', '秋石路', '东文路',
];

// prettier-ignore
const SECONDARIES: readonly string[] = [
  '丽水路', '湖墅北路', '金华路', '台州路', '绍兴路', '通益路', '湖州街', '舟山东路', '温州路', '衢州街',
  '潮王路', '大关路', '香积寺路', '和睦路', '霞湾路', '余杭塘路', '信义路', '长乐路', '塘河路', '小河路',
  '萍水街', '花园岗街', '叶青路', '教工路',
];

const DIRECTIONS = ['东', '西', '南', '北', '中'] as const;
const MODIFIERS = ['东', '西', '南', '北', '中', '新', '后', '前', '横'] as const;
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

// prettier-ignore
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '沈', '蒋', '蔡', '俞',
  '楼', '金', '钱', '汪',
] as const;

// prettier-ignore
const GIVEN_NAMES = [
  '建华', '丽娟', '志强', '晓东', '海燕', '俊杰', '雪梅', '国平', '文静', '伟', '敏', '磊', '婷婷', '浩然',
  '佳怡', '明辉', '秀英', '建军', '红霞', '宇轩', '立新', '美玲', '振宇', '晓燕', '永康', '丹', '杰', '芳',
  '子涵', '思远', '春华', '旭东', '慧敏', '国强', '小红', '一鸣', '欣怡', '卫东', '海峰', '静怡', '晨', '鑫',
  '梦琪', '嘉豪', '建平', '玉兰', '文斌', '亚琴', '泽宇', '雅婷',
] as const;

const words = (): string[] => PLACE_WORDS.map((w) => w.zh);

/**
 * Hands out unique names: curated tiers first (each shuffled), then an endless numbered
 * fallback. All pools of one city share `used`, so no two features get the same name.
 */
export class NamePool<T> {
  private tier = 0;
  private queue: T[] = [];
  private fallbackIndex = 1;

  constructor(
    private readonly rng: Rng,
    private readonly tiers: readonly (readonly T[])[],
    private readonly fallback: (n: number) => T,
    private readonly keyOf: (item: T) => string,
    private readonly used: Set<string>,
  ) {}

  next(): T {
    for (;;) {
      const item = this.queue.shift();
      if (item === undefined) {
        if (this.tier < this.tiers.length) {
          this.queue = this.rng.shuffle(this.tiers[this.tier]);
          this.tier++;
          continue;
        }
        const extra = this.fallback(this.fallbackIndex++);
        if (this.claim(extra)) return extra;
        continue;
      }
      if (this.claim(item)) return item;
    }
  }

  private claim(item: T): boolean {
    const key = this.keyOf(item);
    if (this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }
}

const id = (s: string): string => s;

/** Endless last resort once every tier is used up (only very large scales get here). */
const numberedFallback =
  (suffix: string) =>
  (n: number): string => {
    const w = PLACE_WORDS[(n - 1) % PLACE_WORDS.length];
    return `${w.zh}${Math.ceil(n / PLACE_WORDS.length) + 1}${suffix}`;
  };

const DIRECTION_EN: Record<(typeof DIRECTIONS)[number], string> = {
  东: 'East',
  西: 'West',
  南: 'South',
  北: 'North',
  中: 'Central',
};

export function streetNamePool(rng: Rng, used: Set<string>): NamePool<BilingualName> {
  const plain = PLACE_WORDS.map((w) => ({ zh: `${w.zh}街道`, en: w.en }));
  const directional = PLACE_WORDS.flatMap((w) =>
    DIRECTIONS.map((d) => ({ zh: `${w.zh}${d}街道`, en: `${w.en} ${DIRECTION_EN[d]}` })),
  );
  const fallback = (n: number): BilingualName => {
    const w = PLACE_WORDS[(n - 1) % PLACE_WORDS.length];
    const k = Math.ceil(n / PLACE_WORDS.length) + 1;
    return { zh: `${w.zh}${k}街道`, en: `${w.en} ${k}` };
  };
  return new NamePool(rng, [STREETS, plain, directional], fallback, (n) => n.zh, used);
}

export function communityNamePool(rng: Rng, used: Set<string>): NamePool<string> {
  const w = words();
  const plain = w.map((x) => `${x}社区`);
  const styled = w.flatMap((x) => ['新村', '苑', '坊', '里', '花园', '家园'].map((s) => `${x}${s}社区`));
  const directional = w.flatMap((x) => DIRECTIONS.map((d) => `${x}${d}社区`));
  return new NamePool(rng, [COMMUNITIES, plain, styled, directional], numberedFallback('社区'), id, used);
}

export function majorRoadNamePool(
  rng: Rng,
  used: Set<string>,
  kind: 'arterial' | 'secondary',
): NamePool<string> {
  const w = words();
  const curated = kind === 'arterial' ? ARTERIALS : SECONDARIES;
  const generated = w.flatMap((x) => (kind === 'arterial' ? [`${x}大道`, `${x}路`] : [`${x}路`, `${x}街`]));
  const directional = w.flatMap((x) => DIRECTIONS.map((d) => `${x}${d}路`));
  return new NamePool(rng, [curated, generated, directional], numberedFallback('号路'), id, used);
}

export function branchRoadNamePool(rng: Rng, used: Set<string>): NamePool<string> {
  const w = words();
  const plain = w.flatMap((x) => [`${x}路`, `${x}街`]);
  const modified = w.flatMap((x) => MODIFIERS.map((m) => `${x}${m}路`));
  const ordinal = w.flatMap((x) => ORDINALS.map((o) => `${x}${o}路`));
  return new NamePool(rng, [plain, modified, ordinal], numberedFallback('号路'), id, used);
}

export function laneNamePool(rng: Rng, used: Set<string>): NamePool<string> {
  const w = words();
  const plain = w.flatMap((x) => [`${x}巷`, `${x}弄`, `${x}里`]);
  const modified = w.flatMap((x) => MODIFIERS.flatMap((m) => [`${x}${m}巷`, `${x}${m}弄`]));
  const ordinal = w.flatMap((x) => ORDINALS.map((o) => `${x}${o}弄`));
  return new NamePool(rng, [plain, modified, ordinal], numberedFallback('弄'), id, used);
}

/** Unique Chinese person names (surname + given name) in a seeded order. */
export function personNamePool(rng: Rng, used: Set<string>): NamePool<string> {
  const all = SURNAMES.flatMap((s) => GIVEN_NAMES.map((g) => `${s}${g}`));
  const fallback = (n: number): string =>
    `${SURNAMES[n % SURNAMES.length]}${GIVEN_NAMES[n % GIVEN_NAMES.length]}${n}`;
  return new NamePool(rng, [all], fallback, id, used);
}
