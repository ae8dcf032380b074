import { COUNT_IDS, COUNT_NAMES_ZH, type CountId, type EvaluationObjectType } from '@urbangrid/domain';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { fetchEvaluation, queryOf, type EvaluationItemView } from '../api/dashboard-api';
import { ExportButtons } from './ExportButtons';
import { useAsync } from '../hooks/useAsync';
import { GRADE_LEGEND, gradeStyle } from '../utils/grade';
import { evaluationPeriodParams, type PeriodSelection } from '../utils/period';

/** The tables a leader switches between: regions (streets, communities), departments and posts. */
const TABLES = [
  { id: 'street', objectType: 'region', level: 'street' },
  { id: 'community', objectType: 'region', level: 'community' },
  { id: 'department', objectType: 'department' },
  { id: 'inspector', objectType: 'inspector' },
  { id: 'acceptor', objectType: 'acceptor' },
  { id: 'shiftLeader', objectType: 'shiftLeader' },
  { id: 'dispatcher', objectType: 'dispatcher' },
] as const satisfies readonly { id: string; objectType: EvaluationObjectType; level?: string }[];

type TableId = (typeof TABLES)[number]['id'];

/** Counts that are not counted from cases (entered, or the number of grids): nothing to list. */
const NOT_DRILLABLE: readonly CountId[] = ['falsified', 'evaded', 'unitGrids'];

export interface EvaluationTablesProps {
  period: PeriodSelection;
  /** False until the page's first figures are in: the tables load after them, not before. */
  enabled?: boolean;
  /** A count of a row was clicked: list the cases behind it. */
  onDrill: (drill: {
    objectType: EvaluationObjectType;
    level?: string;
    item: EvaluationItemView;
    count: string;
    label: string;
  }) => void;
}

/** 绩效评价 tables: rank, name, the indicators' rates, 综合指标值 and the 评价等级 in its colour. */
export function EvaluationTables({ period, enabled = true, onDrill }: EvaluationTablesProps) {
  const { t, i18n } = useTranslation();
  const [tableId, setTableId] = useState<TableId>('street');
  const [open, setOpen] = useState<string | null>(null);
  const table = TABLES.find((x) => x.id === tableId) ?? TABLES[0];
  const params = {
    objectType: table.objectType,
    level: 'level' in table ? table.level : undefined,
    ...evaluationPeriodParams(period),
  };
  const { state, reload } = useAsync(enabled ? JSON.stringify(params) : null, (signal) =>
    fetchEvaluation(params, signal),
  );
  const number = (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(v);
  const items = state?.status === 'ready' ? state.value.items : [];
  const indicators = items.find((i) => i.result)?.result?.indicators ?? [];

  return (
    <section className="evaluation-tables" aria-label={t('dashboard.evaluation.label')}>
      <div className="evaluation-tables__head">
        <h2>{t('dashboard.evaluation.title')}</h2>
        <label>
          <span className="visually-hidden">{t('dashboard.evaluation.object')}</span>
          <select
            value={tableId}
            onChange={(e) => setTableId(e.target.value as TableId)}
            data-testid="evaluation-object"
          >
            {TABLES.map((x) => (
              <option key={x.id} value={x.id}>
                {t(`dashboard.evaluation.objects.${x.id}`)}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons
          label={t('dashboard.export.label')}
          links={[
            {
              label: 'XLSX',
              url: `/api/v1/evaluation/export.xlsx?${queryOf(params)}`,
              fileName: 'evaluation.xlsx',
            },
            {
              label: 'CSV',
              url: `/api/v1/evaluation/export.csv?${queryOf(params)}`,
              fileName: 'evaluation.csv',
            },
            // The part-6 report as the acceptance page exports it.
            {
              label: t('dashboard.export.acceptancePdf'),
              url: '/api/v1/acceptance/report.pdf',
              fileName: 'acceptance-report.pdf',
            },
          ]}
        />
        <ul className="grade-legend" aria-label={t('dashboard.evaluation.gradeLegend')}>
          {GRADE_LEGEND.map((g) => (
            <li key={g.grade}>
              <span
                className="grade-badge"
                style={{ background: gradeStyle(g.colour).background, color: gradeStyle(g.colour).text }}
              >
                {g.grade}
              </span>
              ≥{g.from}
            </li>
          ))}
        </ul>
      </div>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {(state === null || state.status === 'loading') && (
        <p className="dashboard-muted" aria-busy>
          {t('dashboard.loading')}
        </p>
      )}
      {state?.status === 'ready' && items.length === 0 && (
        <p className="dashboard-muted">{t('dashboard.evaluation.empty')}</p>
      )}
      {state?.status === 'ready' && items.length > 0 && (
        <div className="evaluation-tables__scroll">
          <table className="evaluation-table" data-testid="evaluation-table">
            <caption className="visually-hidden">
              {t(`dashboard.evaluation.objects.${table.id}`)} · {state.value.period.label} ·{' '}
              {state.value.profile.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.evaluation.rank')}</th>
                <th scope="col">{t('dashboard.evaluation.name')}</th>
                {indicators.map((ind) => (
                  <th key={ind.id} scope="col">
                    {ind.name}
                  </th>
                ))}
                <th scope="col">{t('dashboard.evaluation.composite')}</th>
                <th scope="col">{t('dashboard.evaluation.grade')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const grade = item.result?.grade ?? null;
                const style = gradeStyle(grade?.colour);
                return (
                  <Fragment key={item.objectId}>
                    <tr>
                      <td>{item.rank ?? '—'}</td>
                      <th scope="row">
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={open === item.objectId}
                          onClick={() => setOpen(open === item.objectId ? null : item.objectId)}
                        >
                          {item.name}
                        </button>
                      </th>
                      {indicators.map((ind) => {
                        const own = item.result?.indicators.find((x) => x.id === ind.id);
                        const value = own ? (own.rate ?? own.numerator) : null;
                        return (
                          <td
                            key={ind.id}
                            title={
                              own && own.denominator !== null
                                ? `${own.numerator} / ${own.denominator}`
                                : undefined
                            }
                          >
                            {own?.rate === null || own?.rate === undefined
                              ? number(value)
                              : `${number(value)}%`}
                          </td>
                        );
                      })}
                      <td>{number(item.result?.composite)}</td>
                      <td>
                        {grade ? (
                          <span
                            className="grade-badge"
                            style={{ background: style.background, color: style.text }}
                            title={grade.colourZh}
                          >
                            {grade.grade}
                          </span>
                        ) : (
                          <span title={item.error?.message}>—</span>
                        )}
                      </td>
                    </tr>
                    {open === item.objectId && (
                      <tr className="evaluation-table__counts">
                        <td colSpan={indicators.length + 4}>
                          <span className="dashboard-muted">{t('dashboard.evaluation.countsHint')}</span>
                          <ul>
                            {COUNT_IDS.filter(
                              (id) => (item.counts[id] ?? 0) > 0 && !NOT_DRILLABLE.includes(id),
                            ).map((id) => (
                              <li key={id}>
                                <button
                                  type="button"
                                  className="ug-button ug-button--small"
                                  onClick={() =>
                                    onDrill({
                                      objectType: table.objectType,
                                      level: 'level' in table ? table.level : undefined,
                                      item,
                                      count: id,
                                      label: `${item.name} · ${COUNT_NAMES_ZH[id]}`,
                                    })
                                  }
                                >
                                  {COUNT_NAMES_ZH[id]} {number(item.counts[id])}
                                </button>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
