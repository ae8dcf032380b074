/**
 * Metric keys the default acceptance profile reads and the system can compute (spec 06 §2 "the
 * system can compute most preconditions itself" and §6 "Metric source = the part-4 engine").
 * Ratios are fractions (0.93), not percents. A city profile may name other keys; whoever computes
 * the metrics passes them by key.
 */
export const ACCEPTANCE_METRICS = {
  trialRunMonths: '试运行月数: whole months from the first filed case to the acceptance date',
  builtUpAreaCoverage: '建成区覆盖率: share of the built-up-area polygon covered by unit grids (0–1)',
  departmentsWithCaseFlowShare:
    '有案件流转的部门比例: departments with at least one dispatched case ÷ connected departments (0–1)',
  dataRetentionMonths: '运行数据保存月数: months between the oldest kept case record and the acceptance date',
  closeRate: '结案率 over the trial window (part 4: 结案数 ÷ 应结案数, 0–1)',
  onTimeCloseRate: '按期结案率 over the trial window (part 4: 按期结案数 ÷ 应结案数, 0–1)',
  validReportRate: '有效上报率 over the trial window (part 4: 有效上报数 ÷ 监督员上报数, 0–1)',
  processExceptionShare: '回退、作废、延期、缓办、挂账 cases ÷ 立案数 over the trial window (0–1)',
  componentClassCoverage:
    '部件普查类别覆盖率: component classes with surveyed components ÷ classes in the city’s table (0–1)',
  componentDataAgeDays: '部件数据更新: days since the last component data update',
  gridQualityFindings:
    '单元网格质量问题数: findings of the grid quality checks (GET /api/v1/regions/quality)',
} as const;

export type AcceptanceMetricKey = keyof typeof ACCEPTANCE_METRICS;
