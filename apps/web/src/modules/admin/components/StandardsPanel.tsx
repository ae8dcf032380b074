import type { FilingStandard } from '@urbangrid/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAsync } from '../../dashboard';
import { fetchFilingStandards, updateFilingStandard } from '../api/admin-api';

function limitText(s: FilingStandard): string {
  // e.g. "处置 2 workingHours"; units and bases are the API's words (spec 03 §7).
  return s.disposalLimit.milestones.map((m) => `${m.name} ${m.value} ${m.unit} (${m.basis})`).join('; ');
}

/** One 立结案标准 row; editing its texts writes a new version (the API retires the old one). */
function StandardRow({ s, onSaved }: { s: FilingStandard; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [texts, setTexts] = useState({
    conditionText: s.conditionText,
    closeConditionText: s.closeConditionText,
  });
  const [error, setError] = useState<unknown>(null);
  if (!editing) {
    return (
      <tr>
        <td>
          {s.kind === 'component' ? t('dashboard.classFilter.component') : t('dashboard.classFilter.event')}
        </td>
        <td>{s.smallClassCode ?? t('admin.standards.kindDefault')}</td>
        <td>{s.areaClass}</td>
        <td className="leader-table__wrap">{s.conditionText}</td>
        <td className="leader-table__wrap">{s.closeConditionText}</td>
        <td className="leader-table__wrap">{limitText(s)}</td>
        <td>v{s.version}</td>
        <td>
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('admin.standards.edit')}
          </button>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td colSpan={8}>
        <form
          className="admin-form admin-form--stack"
          onSubmit={(e) => {
            e.preventDefault();
            updateFilingStandard(s.id, texts).then(() => {
              setEditing(false);
              onSaved();
            }, setError);
          }}
        >
          <label>
            {t('admin.standards.condition')}
            <textarea
              value={texts.conditionText}
              onChange={(e) => setTexts({ ...texts, conditionText: e.target.value })}
              rows={2}
            />
          </label>
          <label>
            {t('admin.standards.closeCondition')}
            <textarea
              value={texts.closeConditionText}
              onChange={(e) => setTexts({ ...texts, closeConditionText: e.target.value })}
              rows={2}
            />
          </label>
          <span className="admin-inline">
            <button type="submit" className="ug-button ug-button--small">
              {t('admin.save')}
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              {t('admin.cancel')}
            </button>
          </span>
          {error !== null && <CaseError error={error} />}
        </form>
      </td>
    </tr>
  );
}

/** 立结案标准 editor: every current row with its conditions and disposal limit. */
export function StandardsPanel() {
  const { t } = useTranslation();
  const { state, reload } = useAsync('standards', fetchFilingStandards);
  return (
    <section className="leader-card">
      <h2>{t('admin.standards.title')}</h2>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && <p className="dashboard-muted">{t('dashboard.loading')}</p>}
      {state?.status === 'ready' && (
        <div className="evaluation-tables__scroll">
          <table className="leader-table" data-testid="filing-standards">
            <thead>
              <tr>
                <th scope="col">{t('admin.standards.kind')}</th>
                <th scope="col">{t('admin.standards.class')}</th>
                <th scope="col">{t('admin.standards.area')}</th>
                <th scope="col">{t('admin.standards.condition')}</th>
                <th scope="col">{t('admin.standards.closeCondition')}</th>
                <th scope="col">{t('admin.standards.limit')}</th>
                <th scope="col">{t('admin.standards.version')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.standards.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((s) => (
                <StandardRow key={`${s.id}:${s.version}`} s={s} onSaved={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
