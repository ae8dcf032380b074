import type { AcceptanceItemResult, AcceptanceRule } from '@urbangrid/domain';
import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { AcceptanceReport } from './acceptance.service';

/**
 * The acceptance report (验收结果) as a table, XLSX, CSV and PDF. Chinese text in the PDF is set
 * in Noto Sans SC (SIL OFL 1.1), shipped by the npm package @expo-google-fonts/noto-sans-sc;
 * pdfkit embeds only the glyphs used, so a report stays small.
 */

export const REPORT_TITLE = '数字化城市管理信息系统验收结果';

const NOT_KNOWN_NOTE =
  '本结果的分值、否决项与结论等级为本系统的默认值，并非 GB/T 30428.6 所定（标准的评分表未知），可在验收方案中修改。';

const RULE_NAMES: Record<AcceptanceRule['type'], string> = {
  binary: '达标/不达标',
  metricThreshold: '指标阈值',
  gradedThreshold: '分档',
  perDefectDeduction: '逐项扣分',
  ratioLinear: '线性计分',
  countMissing: '缺项扣分',
  manualScore: '人工评分',
};

export const ITEM_HEADERS = [
  '分类 category',
  '编号 item',
  '检查项 name',
  '计分规则 rule',
  '来源 source',
  '取值 value',
  '得分 score',
  '满分 max',
  '达标 passed',
  '否决项 mandatory',
  '分值已知 points known',
  '评审人 reviewer',
  '说明 note',
  '佐证 evidence',
];

function valueOf(i: AcceptanceItemResult): string {
  if (!i.data) return '';
  if (i.data.kind === 'metric') return String(round(i.data.value));
  const v = i.data.value;
  if (Array.isArray(v))
    return `${v.length} 项` + (i.data.missing?.length ? `；缺 ${i.data.missing.join('、')}` : '');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const yes = (b: boolean) => (b ? '是' : '否');

/** One row per item, in profile order. */
export function itemRows(r: AcceptanceReport): (string | number)[][] {
  const rules = new Map(
    r.profile.categories.flatMap((c) => c.items.map((i) => [i.id, i.rule.type] as const)),
  );
  return r.result.items.map((i) => [
    i.categoryId,
    i.id,
    i.name,
    RULE_NAMES[rules.get(i.id) ?? 'manualScore'],
    i.source === 'computed' ? '系统计算' : i.source === 'manual' ? '人工' : '未填',
    valueOf(i),
    i.score,
    i.max,
    i.answered ? yes(i.passed) : '',
    yes(i.mandatory),
    yes(i.pointsKnown),
    i.data?.kind === 'manual' ? i.data.reviewer : '',
    i.data?.kind === 'manual'
      ? (i.data.note ?? '')
      : i.data?.kind === 'metric'
        ? ((r.metrics[i.data.metric] as { basis?: string })?.basis ?? '')
        : '',
    i.data?.kind === 'manual' ? i.data.evidence.map((e) => `${e.kind}:${e.ref}`).join('; ') : '',
  ]);
}

export function summaryRows(r: AcceptanceReport): [string, string | number][] {
  const res = r.result;
  return [
    ['验收方案 profile', `${r.profile.name} (${r.profile.id} v${r.profile.version})`],
    ['计算时间 as of', r.asOf],
    ['试运行窗口 trial window', r.window ? `${r.window.from} – ${r.window.to}` : '无'],
    ['总分 total', res.total],
    ['满分 max', res.max],
    ['结论 conclusion', res.conclusion ? res.conclusion.name : '未定（尚有未填项）'],
    ['未通过的否决项 failed mandatory', res.failedMandatory.join('、') || '无'],
    ['未填项 missing items', res.missingItems.join('、') || '无'],
    ['说明 note', res.pointsKnown && res.conclusionsKnown ? '' : NOT_KNOWN_NOTE],
  ];
}

export function categoryRows(r: AcceptanceReport): (string | number)[][] {
  return r.result.categories.map((c) => [c.id, c.name, c.score, c.max]);
}

export function metricRows(r: AcceptanceReport): (string | number)[][] {
  return Object.entries(r.metrics).map(([k, m]) =>
    m.available
      ? [k, round(m.value), m.window ? `${m.window.from} – ${m.window.to}` : '', m.basis]
      : [k, '', '', `不可用: ${m.reason}`],
  );
}

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese text) of the summary, categories, items and metrics. */
export function reportCsv(r: AcceptanceReport): Buffer {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines: string[] = [];
  const table = (rows: (string | number)[][]) => rows.forEach((row) => lines.push(row.map(cell).join(',')));
  table(summaryRows(r));
  lines.push('');
  table([['分类 category', '名称 name', '得分 score', '满分 max'], ...categoryRows(r)]);
  lines.push('');
  table([ITEM_HEADERS, ...itemRows(r)]);
  lines.push('');
  table([['指标 metric', '取值 value', '窗口 window', '口径 basis'], ...metricRows(r)]);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** XLSX with four sheets: 总览, 分类得分, 检查项, 系统指标. */
export async function reportXlsx(r: AcceptanceReport): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'UrbanGrid';
  const sheet = (name: string, rows: (string | number)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    rows.forEach((row) => ws.addRow(row));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  sheet('总览', [['项目 field', '值 value'], ...summaryRows(r)], [28, 90]);
  sheet(
    '分类得分',
    [['分类 category', '名称 name', '得分 score', '满分 max'], ...categoryRows(r)],
    [12, 30, 12, 12],
  );
  sheet('检查项', [ITEM_HEADERS, ...itemRows(r)], [10, 8, 48, 12, 10, 16, 10, 8, 8, 10, 12, 14, 48, 40]);
  sheet(
    '系统指标',
    [['指标 metric', '取值 value', '窗口 window', '口径 basis'], ...metricRows(r)],
    [30, 12, 26, 100],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let font: Buffer | undefined;
/** Noto Sans SC Regular from @expo-google-fonts/noto-sans-sc (read once). */
export function cjkFont(): Buffer {
  font ??= readFileSync(
    join(
      dirname(require.resolve('@expo-google-fonts/noto-sans-sc')),
      '400Regular',
      'NotoSansSC_400Regular.ttf',
    ),
  );
  return font;
}

/** PDF (A4) of the summary, the category scores, every item and the measured metrics. */
export function reportPdf(r: AcceptanceReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: REPORT_TITLE, Creator: 'UrbanGrid' },
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((ok, fail) => {
    doc.on('end', () => ok(Buffer.concat(chunks)));
    doc.on('error', fail);
  });
  doc.fontSize(18).text(REPORT_TITLE, { align: 'center' }).moveDown(0.8);
  doc.fontSize(10);
  for (const [k, v] of summaryRows(r)) if (v !== '') doc.text(`${k}：${v}`);
  doc.moveDown(0.6).fontSize(13).text('分类得分').fontSize(10);
  for (const [id, name, score, max] of categoryRows(r)) doc.text(`${id}. ${name}　${score} / ${max}`);
  doc.moveDown(0.6).fontSize(13).text('检查项').fontSize(9);
  for (const row of itemRows(r)) {
    const [cat, id, name, rule, source, value, score, max, passed, mandatory, , reviewer] = row;
    doc.text(
      `${id} ${name}（${rule}，${source}${mandatory === '是' ? '，否决项' : ''}）　${score} / ${max}` +
        (value !== '' ? `　取值 ${value}` : '') +
        (passed !== '' ? `　达标 ${passed}` : '') +
        (reviewer ? `　评审 ${reviewer}` : ''),
      { indent: 0 },
    );
    void cat;
  }
  doc.moveDown(0.6).fontSize(13).text('系统指标').fontSize(9);
  for (const [k, v, w, basis] of metricRows(r)) doc.text(`${k}：${v}${w ? `（${w}）` : ''}　${basis}`);
  doc.end();
  return done;
}
