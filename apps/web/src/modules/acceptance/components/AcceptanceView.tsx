import type { AcceptanceItem, AcceptanceItemResult, AcceptanceResult } from '@urbangrid/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAuth } from '../../auth';
import { DashboardNav, ExportButtons, useAsync } from '../../dashboard';
import {
  answerItem,
  fetchAcceptance,
  uploadEvidence,
  type AcceptanceView as View,
} from '../api/acceptance-api';
import { buildAnswer, categoryBars, itemsById, manualField } from '../utils/acceptance-view';
import '../acceptance.css';

type Evidence = { kind: 'photo' | 'document' | 'link' | 'systemData'; ref: string };

/** The form of one manual item: the answer its rule asks for, a note and evidence photos. */
function ManualForm({ item, onSaved }: { item: AcceptanceItem; onSaved: (view: View) => void }) {
  const { t } = useTranslation();
  const field = manualField(item);
  const [met, setMet] = useState(false);
  const [value, setValue] = useState('');
  const [score, setScore] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!field) return null;
  const id = `acc-${item.id}`;

  const submit = async () => {
    setProblem(null);
    setError(null);
    const answer = buildAnswer(item, { met, value, score, present, note, evidence });
    if (!answer.ok) {
      setProblem(t(`acceptance.problems.${answer.reason}`, { max: item.maxPoints }));
      return;
    }
    setBusy(true);
    try {
      onSaved(await answerItem(item.id, answer.input));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="acceptance-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {field.kind === 'met' && (
        <label>
          <input type="checkbox" checked={met} onChange={(e) => setMet(e.target.checked)} />{' '}
          {t('acceptance.form.met')}
        </label>
      )}
      {field.kind === 'value' && (
        <label htmlFor={`${id}-value`}>
          {t('acceptance.form.value')}
          <input
            id={`${id}-value`}
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
      )}
      {field.kind === 'score' && (
        <label htmlFor={`${id}-score`}>
          {t('acceptance.form.score', { max: field.max })}
          <input
            id={`${id}-score`}
            type="number"
            min={0}
            max={field.max}
            step="0.1"
            value={score}
            onChange={(e) => setScore(e.target.value)}
          />
        </label>
      )}
      {field.kind === 'present' && (
        <fieldset>
          <legend>{t('acceptance.form.present')}</legend>
          {field.list.map((entry) => (
            <label key={entry}>
              <input
                type="checkbox"
                checked={present.includes(entry)}
                onChange={(e) =>
                  setPresent(e.target.checked ? [...present, entry] : present.filter((p) => p !== entry))
                }
              />{' '}
              {entry}
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor={`${id}-note`}>
        {t('acceptance.form.note')}
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="acceptance-form__evidence">
        <label htmlFor={`${id}-photo`}>
          {t('acceptance.form.photo')}
          <input
            id={`${id}-photo`}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              uploadEvidence(file).then(
                (a) => setEvidence((ev) => [...ev, { kind: 'photo', ref: a.id }]),
                setError,
              );
            }}
          />
        </label>
        <label htmlFor={`${id}-link`}>
          {t('acceptance.form.link')}
          <span className="acceptance-inline">
            <input id={`${id}-link`} type="url" value={link} onChange={(e) => setLink(e.target.value)} />
            <button
              type="button"
              className="ug-button ug-button--small"
              disabled={!link}
              onClick={() => {
                setEvidence((ev) => [...ev, { kind: 'link', ref: link }]);
                setLink('');
              }}
            >
              {t('acceptance.form.addLink')}
            </button>
          </span>
        </label>
        {evidence.length > 0 && (
          <ul>
            {evidence.map((ev) => (
              <li key={ev.ref}>
                {t(`acceptance.evidence.${ev.kind}`)}: {ev.ref}
              </li>
            ))}
          </ul>
        )}
        {item.evidenceRequired && <p className="dashboard-muted">{t('acceptance.form.evidenceRequired')}</p>}
      </div>
      <button type="submit" className="ug-button" disabled={busy}>
        {t('acceptance.form.save')}
      </button>
      {problem && (
        <p role="alert" className="acceptance-problem">
          {problem}
        </p>
      )}
      {error !== null && <CaseError error={error} />}
    </form>
  );
}

/** What an answered or computed item rests on: the metric and its window, or the reviewer's answer. */
function ItemData({ result }: { result: AcceptanceItemResult }) {
  const { t } = useTranslation();
  const data = result.data;
  if (!data) return <span className="dashboard-muted">{t('acceptance.unanswered')}</span>;
  if (data.kind === 'metric') {
    return (
      <span>
        {t('acceptance.metric', { metric: data.metric, value: data.value })}
        {data.window && ` (${data.window.from.slice(0, 10)} – ${data.window.to.slice(0, 10)})`}
      </span>
    );
  }
  const value = Array.isArray(data.value) ? data.value.join('、') : String(data.value);
  return (
    <span>
      {t('acceptance.manual', { value, reviewer: data.reviewer })}
      {data.missing &&
        data.missing.length > 0 &&
        ` · ${t('acceptance.missing', { list: data.missing.join('、') })}`}
      {data.note && ` · ${data.note}`}
      {data.evidence.length > 0 && ` · ${t('acceptance.evidenceCount', { count: data.evidence.length })}`}
    </span>
  );
}

function Summary({ result }: { result: AcceptanceResult }) {
  const { t } = useTranslation();
  return (
    <section className="leader-card acceptance-summary" aria-labelledby="acceptance-total">
      <h2 id="acceptance-total">{t('acceptance.total')}</h2>
      <p className="acceptance-summary__total" data-testid="acceptance-total">
        {result.total} / {result.max}
      </p>
      <p data-testid="acceptance-conclusion">
        {t('acceptance.conclusion')}:{' '}
        <strong>
          {result.conclusion
            ? result.conclusion.name
            : t('acceptance.noConclusion', { count: result.missingItems.length })}
        </strong>
      </p>
      {!result.pointsKnown && <p className="dashboard-muted">{t('acceptance.pointsUnknown')}</p>}
      {result.failedMandatory.length > 0 && (
        <div role="alert" className="acceptance-failed">
          <strong>{t('acceptance.failedMandatory')}</strong>
          <ul>
            {result.failedMandatory.map((id) => (
              <li key={id}>{result.items.find((i) => i.id === id)?.name ?? id}</li>
            ))}
          </ul>
        </div>
      )}
      <ul className="acceptance-bars" aria-label={t('acceptance.categories')}>
        {categoryBars(result).map((c) => (
          <li key={c.id}>
            <span className="acceptance-bars__name">{c.name}</span>
            <span
              className="acceptance-bars__track"
              role="img"
              aria-label={`${c.name} ${c.score} / ${c.max}`}
            >
              <span className="acceptance-bars__fill" style={{ width: `${c.percent}%` }} />
            </span>
            <span className="acceptance-bars__value">
              {c.score} / {c.max}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 系统验收 (spec 06): category bars, total and conclusion, failed 否决项, items and manual forms. */
export function AcceptanceView() {
  const { t } = useTranslation();
  const { state, reload } = useAsync('acceptance', fetchAcceptance);
  const [saved, setSaved] = useState<View | null>(null);
  const view = saved ?? (state?.status === 'ready' ? state.value : null);
  const [open, setOpen] = useState<string | null>(null);
  // Reviewers' answers are the administrator's (the API allows only admin); leaders read.
  const canAnswer = useAuth().user?.role === 'admin';
  const items = view ? itemsById(view.profile) : new Map<string, AcceptanceItem>();

  return (
    <div className="leader-page acceptance" data-testid="acceptance">
      <DashboardNav />
      <h1 className="dashboard__title">{t('acceptance.title')}</h1>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && <p className="dashboard-muted">{t('dashboard.loading')}</p>}
      {view && (
        <>
          <p className="dashboard-muted">
            {view.profile.name} · v{view.profile.version}
          </p>
          <ExportButtons
            label={t('acceptance.export')}
            links={[
              { label: 'XLSX', url: '/api/v1/acceptance/report.xlsx', fileName: 'acceptance-report.xlsx' },
              { label: 'PDF', url: '/api/v1/acceptance/report.pdf', fileName: 'acceptance-report.pdf' },
              { label: 'CSV', url: '/api/v1/acceptance/report.csv', fileName: 'acceptance-report.csv' },
            ]}
          />
          <Summary result={view.result} />
          {view.profile.categories.map((category) => (
            <section key={category.id} className="leader-card" aria-labelledby={`cat-${category.id}`}>
              <h2 id={`cat-${category.id}`}>{category.name}</h2>
              <ul className="acceptance-items">
                {category.items.map((def) => {
                  const r = view.result.items.find((i) => i.id === def.id);
                  const manual = manualField(def) !== null;
                  return (
                    <li
                      key={def.id}
                      className={`acceptance-item${r?.passed ? ' is-passed' : r?.answered ? ' is-failed' : ''}`}
                    >
                      <div className="acceptance-item__head">
                        <span className="acceptance-item__name">
                          {def.name}
                          {def.mandatory && <span className="admin-tag">{t('acceptance.mandatory')}</span>}
                          <span className="admin-tag">
                            {manual ? t('acceptance.sourceManual') : t('acceptance.sourceComputed')}
                          </span>
                        </span>
                        <span className="acceptance-item__score">
                          {r ? `${r.score} / ${r.max}` : '—'}
                          {r?.answered &&
                            (r.passed ? ` ✓ ${t('acceptance.passed')}` : ` ✗ ${t('acceptance.failed')}`)}
                        </span>
                      </div>
                      {r && <ItemData result={r} />}
                      {manual && canAnswer && (
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={open === def.id}
                          onClick={() => setOpen(open === def.id ? null : def.id)}
                        >
                          {r?.answered ? t('acceptance.form.change') : t('acceptance.form.answer')}
                        </button>
                      )}
                      {open === def.id && items.get(def.id) && (
                        <ManualForm
                          item={def}
                          onSaved={(next) => {
                            setSaved(next);
                            setOpen(null);
                          }}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
