import type { CaseDetail } from '@urbangrid/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchCase } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useFieldData } from '../hooks/useFieldData';
import { useOutbox } from '../hooks/useOutbox';
import { outbox } from '../state/field-runtime';
import { CasePhotos } from './CasePhotos';
import { FieldError } from './FieldError';
import { FieldMap } from './FieldMap';
import { FieldLoading } from './FieldLayout';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';

/** Photos of the original report (and of the department's feedback, for a check task). */
function originalPhotos(detail: CaseDetail, withFeedback: boolean) {
  const steps = new Set(['report', 'register', 'selfReport', ...(withFeedback ? ['feedback'] : [])]);
  return detail.timeline.filter((r) => steps.has(r.action)).flatMap((r) => r.attachments);
}

/** 核实 / 核查 answer: the spot on the map, the original photos, yes/no, remarks and new photos. */
export function TaskAnswer({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { profile } = useFieldData();
  const items = useOutbox();
  const { state, reload } = useAsyncValue(caseId, (signal) => fetchCase(caseId, signal));
  const [yes, setYes] = useState<boolean | null>(null);
  const [opinion, setOpinion] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [problems, setProblems] = useState<('answerRequired' | 'photoRequired')[]>([]);
  const problemsRef = useRef<HTMLDivElement>(null);
  // Show what is missing: the summary sits at the top, the submit button at the bottom.
  useEffect(() => {
    if (problems.length > 0) problemsRef.current?.focus();
  }, [problems]);
  const [queuedKey, setQueuedKey] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (!state || state.status === 'loading' || profile.status === 'loading') return <FieldLoading />;
  if (state.status === 'error') return <FieldError error={state.error} onRetry={reload} />;
  if (profile.status === 'error') return <FieldError error={profile.error} />;
  const detail = state.value;
  const action = detail.allowedActions.includes('answerVerify')
    ? 'answerVerify'
    : detail.allowedActions.includes('answerCheck')
      ? 'answerCheck'
      : null;
  const queued = queuedKey ? items.find((i) => i.key === queuedKey) : undefined;
  const verify = action === 'answerVerify' || (action === null && detail.state === 'VERIFYING');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = [];
    if (yes === null) found.push('answerRequired');
    if (photos.length === 0) found.push('photoRequired');
    setProblems(found);
    if (found.length > 0 || yes === null || !action) return;
    setSubmitting(true);
    try {
      const item = await outbox.enqueue(
        {
          type: 'action',
          caseId: detail.id,
          action,
          body: { version: detail.version, yes, ...(opinion.trim() ? { opinion: opinion.trim() } : {}) },
        },
        photos.map((p) => ({
          blob: p.file,
          name: p.file.name,
          purpose: action === 'answerVerify' ? 'verify' : 'check',
        })),
        { title: detail.caseNo, description: opinion.trim(), gridCode: detail.gridCode, gridName: null },
      );
      setQueuedKey(item.key);
      if (navigator.onLine) await outbox.flush();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="field-stack">
      <section className="field-section">
        <p className="field-hint">{verify ? t('field.task.verifyHint') : t('field.task.checkHint')}</p>
        <h2 className="field-section__title">
          {detail.className ?? detail.classCode} · {detail.caseNo}
        </h2>
        <p>{detail.description}</p>
        {detail.address && <p className="field-muted">{detail.address}</p>}
      </section>
      <section className="field-section" aria-labelledby="task-spot">
        <h2 id="task-spot" className="field-section__title">
          {t('field.task.spot')}
        </h2>
        <FieldMap
          label={t('field.task.spot')}
          grids={profile.value.grids}
          cityBounds={profile.value.city.bounds}
          cityCenter={profile.value.city.center}
          spot={detail.position}
          className="field-map--small"
        />
      </section>
      <section className="field-section" aria-labelledby="task-original">
        <h2 id="task-original" className="field-section__title">
          {t('field.task.originalPhotos')}
        </h2>
        <CasePhotos photos={originalPhotos(detail, !verify)} empty={t('field.task.noOriginalPhotos')} />
      </section>

      {queuedKey ? (
        <section className="field-section field-done" aria-live="polite" data-testid="answer-result">
          {queued?.status === 'sent' ? (
            <p className="field-success">{t('field.task.sent')}</p>
          ) : queued?.status === 'failed' ? (
            <FieldError error={queued.lastError} />
          ) : (
            <p className="field-success">{t('field.task.queued')}</p>
          )}
          <Link className="field-button field-button--secondary" to="/field/tasks">
            {t('field.tasks.title')}
          </Link>
        </section>
      ) : !action ? (
        <p className="field-empty">{t('field.task.notOpen')}</p>
      ) : (
        <form className="field-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={submitting}>
          {problems.length > 0 && (
            <div ref={problemsRef} tabIndex={-1} className="field-error" role="alert">
              <ul>
                {problems.map((p) => (
                  <li key={p}>{t(`field.task.${p}`)}</li>
                ))}
              </ul>
            </div>
          )}
          <fieldset className="field-answer">
            <legend>{verify ? t('field.task.verifyQuestion') : t('field.task.checkQuestion')}</legend>
            <div className="field-segmented field-segmented--large">
              {[true, false].map((value) => (
                <label key={String(value)} className="field-segmented__option">
                  <input
                    type="radio"
                    name="task-answer"
                    checked={yes === value}
                    onChange={() => setYes(value)}
                  />
                  <span>
                    {verify
                      ? t(value ? 'field.task.yesVerify' : 'field.task.noVerify')
                      : t(value ? 'field.task.yesCheck' : 'field.task.noCheck')}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field-group">
            <label className="field-label" htmlFor="task-opinion">
              {t('field.task.opinion')}
            </label>
            <textarea
              id="task-opinion"
              className="field-input"
              rows={3}
              maxLength={2000}
              value={opinion}
              placeholder={t('field.task.opinionPlaceholder')}
              onChange={(e) => setOpinion(e.target.value)}
            />
          </div>
          <PhotoPicker
            legend={t('field.task.photos')}
            photos={photos}
            onChange={setPhotos}
            testId="task-photos"
            invalid={problems.includes('photoRequired')}
          />
          <button
            type="submit"
            className="field-button field-button--primary field-button--block"
            disabled={submitting}
          >
            {t('field.task.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
