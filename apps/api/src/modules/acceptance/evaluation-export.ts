import type { EvaluationResults } from '../evaluation/evaluation.types';
import { Workbook } from 'exceljs';

/**
 * 评价结果 tables as rows: one row per object with rank, 综合指标值, grade, then per indicator its
 * rate and score, then every count. Shared by the XLSX and CSV exports.
 */
export function evaluationRows(r: EvaluationResults): (string | number | null)[][] {
  const first = r.items.find((i) => i.result)?.result;
  const indicators = first?.indicators ?? [];
  const countIds = r.items[0] ? Object.keys(r.items[0].counts) : [];
  const header = [
    '对象 object',
    '名称 name',
    '排名 rank',
    '综合指标值 composite',
    '等级 grade',
    ...indicators.flatMap((i) => [`${i.name} 率/值`, `${i.scoreName ?? i.name} 分值`]),
    ...countIds,
    '说明 note',
  ];
  const rows = r.items.map((item) => {
    const byId = new Map((item.result?.indicators ?? []).map((i) => [i.id, i]));
    return [
      item.objectId,
      item.name,
      item.rank,
      item.result?.composite ?? null,
      item.result?.grade ? `${item.result.grade.grade} ${item.result.grade.colourZh}` : null,
      ...indicators.flatMap((i) => {
        const v = byId.get(i.id);
        return [v ? (v.rate ?? v.bandValue ?? v.numerator) : null, v?.score ?? null];
      }),
      ...countIds.map((k) => (item.counts as unknown as Record<string, number>)[k] ?? null),
      item.error ? `${item.error.code}: ${item.error.message}` : item.result?.partial ? 'partial' : '',
    ];
  });
  return [header, ...rows];
}

function title(r: EvaluationResults): string {
  return `绩效评价 ${r.objectType}${r.level ? ` ${r.level}` : ''} ${r.period.label} (${r.period.from} – ${r.period.to}), profile ${r.profile.id} v${r.profile.version}, cut-off ${r.cutoff}`;
}

export function evaluationCsv(r: EvaluationResults): Buffer {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cell(title(r)), ...evaluationRows(r).map((row) => row.map(cell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function evaluationXlsx(r: EvaluationResults): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'UrbanGrid';
  const ws = wb.addWorksheet('评价结果');
  ws.addRow([title(r)]);
  for (const row of evaluationRows(r)) ws.addRow(row);
  ws.getRow(2).font = { bold: true };
  ws.getColumn(2).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
