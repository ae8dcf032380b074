import type { CaseDetail, CityInfo, DuplicateCandidate } from '@urbangrid/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createCase, fetchNearbyCases, reverseGeocode, uploadAttachment } from '../../field/api/field-api';
import { ClassPicker, type ClassChoice } from '../../field/components/ClassPicker';
import { PhotoPicker, type PickedPhoto } from '../../field/components/PhotoPicker';
import '../../field/field.css';
import { useAsyncValue } from '../../field/hooks/useAsyncValue';
import { roundMetres } from '../../field/utils/format';
import type { AsyncState } from '../../map/hooks/async-state';
import { useClassTable } from '../hooks/useClassTable';
import {
  DESCRIPTION_MAX,
  REPORTER_NAME_MAX,
  SubmissionKeys,
  emptyDraft,
  isRetryable,
  newUuid,
  registerErrorKey,
  takesPublicReporter,
  validateRegister,
  type RegisterDraft,
  type RegisterProblem,
  type RegisterSource,
} from '../utils/register-form';
import { CaseError } from './CaseError';
import { RegisterPositionPicker } from './RegisterPositionPicker';

export interface RegisterFormProps {
  city: AsyncState<CityInfo>;
  /** Sources the user may choose; one source (领导交办) is shown fixed. */
  sources: readonly RegisterSource[];
  onCreated: (created: CaseDetail) => void;
  /** Heading level of the form's title (2 in the desk's side panel, 1 on its own page). */
  headingLevel?: 1 | 2;
  /** Closes the side panel; absent on the page (the page has its own back link). */
  onClose?: () => void;
}

const EMPTY_CLASS: ClassChoice = { kind: 'event', bigCode: '', smallCode: '' };

/**
 * 案件登记 / 领导交办: a report from a public source registered by the operator, or a leader's
 * assignment. Photos are uploaded first (each with its own idempotency key, kept so a retry does
 * not upload them twice), then the case is created with one `Idempotency-Key` per distinct form:
 * sending the same form again after a failure reuses it and cannot make a second case.
 */
export function RegisterForm({ city, sources, onCreated, headingLevel = 2, onClose }: RegisterFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const classes = useClassTable();
  const leader = sources.length === 1 && sources[0] === 'leader';
  const [draft, setDraft] = useState<RegisterDraft>(() => emptyDraft(sources.length === 1 ? sources[0] : ''));
  const [choice, setChoice] = useState<ClassChoice>(EMPTY_CLASS);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  /** Problems shown since the last refused submit; each goes away as soon as it is fixed. */
  const [shown, setShown] = useState<RegisterProblem[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [sameAs, setSameAs] = useState<DuplicateCandidate | null>(null);
  const keys = useRef(new SubmissionKeys());
  /** Photo id → its upload's idempotency key and, once uploaded, its attachment id. */
  const uploads = useRef(new Map<string, { key: string; attachmentId: string | null }>());
  const problemsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown.length > 0) problemsRef.current?.focus();
  }, [shown]);

  const set = <K extends keyof RegisterDraft>(key: K, value: RegisterDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const position = draft.position;
  const pointKey = position ? `${position[0]},${position[1]}` : null;
  const place = useAsyncValue(pointKey, (signal) => reverseGeocode(position?.[0] ?? 0, position?.[1] ?? 0, signal));
  const nearbyKey = pointKey && draft.classCode ? `${pointKey}|${draft.kind}|${draft.classCode}` : null;
  const nearby = useAsyncValue(nearbyKey, (signal) =>
    fetchNearbyCases(position?.[0] ?? 0, position?.[1] ?? 0, draft.kind, draft.classCode, signal),
  );
  useEffect(() => setSameAs(null), [nearbyKey]);

  const onClass = (next: ClassChoice) => {
    setChoice(next);
    setDraft((d) => ({ ...d, kind: next.kind, classCode: next.smallCode }));
  };
  const live = validateRegister(draft);
  const problems = live.ok ? [] : shown.filter((p) => live.problems.includes(p));
  const invalid = (p: RegisterProblem) => problems.includes(p);
  const publicSource = takesPublicReporter(draft.source);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const errorKey = submitError === null ? null : registerErrorKey(submitError);

  const uploadPhotos = async (): Promise<string[]> => {
    const ids: string[] = [];
    setProgress({ done: 0, total: photos.length });
    for (const photo of photos) {
      let entry = uploads.current.get(photo.id);
      if (!entry) {
        entry = { key: newUuid(), attachmentId: null };
        uploads.current.set(photo.id, entry);
      }
      if (!entry.attachmentId) {
        const uploaded = await uploadAttachment(photo.file, photo.file.name, 'report', entry.key);
        entry.attachmentId = uploaded.id;
      }
      ids.push(entry.attachmentId);
      setProgress({ done: ids.length, total: photos.length });
    }
    return ids;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const checked = validateRegister(draft);
    if (!checked.ok) {
      setShown(checked.problems);
      return;
    }
    setShown([]);
    setSubmitting(true);
    setSubmitError(null);
    try {
      const attachmentIds = await uploadPhotos();
      const final = validateRegister(draft, attachmentIds);
      if (!final.ok) throw new Error('the draft changed while sending');
      const created = await createCase(final.body, keys.current.keyFor(final.body));
      keys.current.reset();
      uploads.current.clear();
      onCreated(created.case);
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSubmitting(false);
      setProgress(null);
    }
  };

  return (
    <form
      className="field-form register-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-busy={submitting}
      aria-labelledby={`${id}-title`}
      data-testid="register-form"
    >
      <div className="register-form__head">
        <Heading id={`${id}-title`} className="register-form__title">
          {leader ? t('cases.register.titleLeader') : t('cases.register.title')}
        </Heading>
        {onClose && (
          <button type="button" className="ug-button ug-button--small ug-button--secondary" onClick={onClose}>
            {t('cases.register.close')}
          </button>
        )}
      </div>
      <p className="field-muted">{leader ? t('cases.register.introLeader') : t('cases.register.intro')}</p>

      {problems.length > 0 && (
        <div ref={problemsRef} tabIndex={-1} className="field-error" role="alert" data-testid="register-problems">
          <p>{t('cases.register.problems.title')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{t(`cases.register.problems.${p}`)}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="field-group">
        {sources.length === 1 ? (
          <p className="register-form__fixed" data-testid="register-source-fixed">
            {t('cases.register.sourceFixed', { source: t(`cases.sources.${sources[0]}`) })}
          </p>
        ) : (
          <>
            <label className="field-label" htmlFor={`${id}-source`}>
              {t('cases.register.source')}
            </label>
            <select
              id={`${id}-source`}
              name="source"
              className="field-input"
              value={draft.source}
              aria-invalid={invalid('sourceRequired')}
              onChange={(e) => set('source', e.target.value as RegisterSource | '')}
            >
              <option value="">{t('cases.dialog.choose')}</option>
              {sources.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.sources.${s}`)}
                </option>
              ))}
            </select>
          </>
        )}
      </div>

      {classes.state.status === 'ready' ? (
        <ClassPicker table={classes.state.value} value={choice} onChange={onClass} invalid={invalid('classRequired')} />
      ) : classes.state.status === 'error' ? (
        <CaseError error={classes.state.error} onRetry={classes.reload} />
      ) : (
        <p role="status">
          <span className="ug-spinner" aria-hidden="true" /> {t('cases.register.classes')}…
        </p>
      )}

      <div className="field-group">
        <label className="field-label" htmlFor={`${id}-description`}>
          {t('cases.register.description')}
        </label>
        <textarea
          id={`${id}-description`}
          name="description"
          className="field-input"
          rows={3}
          maxLength={DESCRIPTION_MAX}
          value={draft.description}
          placeholder={t('cases.register.descriptionPlaceholder')}
          aria-invalid={invalid('descriptionRequired') || invalid('descriptionTooLong')}
          aria-describedby={`${id}-description-count`}
          onChange={(e) => set('description', e.target.value)}
        />
        <p id={`${id}-description-count`} className="field-muted register-form__count">
          {t('cases.register.descriptionCount', { count: [...draft.description].length, max: DESCRIPTION_MAX })}
        </p>
      </div>

      <RegisterPositionPicker
        city={city}
        value={draft.position}
        onChange={(p) => set('position', p)}
        place={place.state}
        invalid={invalid('positionRequired')}
      />

      {publicSource && (
        <fieldset className="register-reporter" aria-describedby={`${id}-privacy`}>
          <legend>{t('cases.register.reporter')}</legend>
          <p id={`${id}-privacy`} className="register-form__privacy">
            {t('cases.register.reporterPrivacy')}
          </p>
          <div className="register-reporter__fields">
            <div className="field-group">
              <label className="field-label" htmlFor={`${id}-name`}>
                {t('cases.register.reporterName')}
              </label>
              <input
                id={`${id}-name`}
                name="reporterName"
                className="field-input"
                autoComplete="off"
                maxLength={REPORTER_NAME_MAX}
                value={draft.reporterName}
                aria-invalid={invalid('reporterNameTooLong')}
                onChange={(e) => set('reporterName', e.target.value)}
              />
            </div>
            <div className="field-group">
              <label className="field-label" htmlFor={`${id}-phone`}>
                {t('cases.register.reporterPhone')}
              </label>
              <input
                id={`${id}-phone`}
                name="reporterPhone"
                className="field-input"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                value={draft.reporterPhone}
                aria-invalid={invalid('reporterPhoneInvalid')}
                onChange={(e) => set('reporterPhone', e.target.value)}
              />
            </div>
          </div>
        </fieldset>
      )}

      <fieldset>
        <legend>{t('cases.register.urgency')}</legend>
        <div className="field-segmented">
          {(['normal', 'urgent'] as const).map((u) => (
            <label key={u} className="field-segmented__option">
              <input
                type="radio"
                name={`${id}-urgency`}
                value={u}
                checked={draft.urgency === u}
                onChange={() => set('urgency', u)}
              />
              <span>{t(`cases.urgency.${u}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <PhotoPicker
        legend={t('cases.register.photos')}
        photos={photos}
        onChange={setPhotos}
        testId="register-photos"
        addLabel={t('cases.register.addPhoto')}
        capture={false}
      />

      {nearby.state && (
        <section className="register-nearby" aria-labelledby={`${id}-nearby`} data-testid="register-nearby">
          <h3 id={`${id}-nearby`} className="field-section__title">
            {t('cases.register.nearbyTitle')}
          </h3>
          {nearby.state.status === 'loading' && <p className="field-muted">{t('cases.register.nearbyLoading')}</p>}
          {nearby.state.status === 'error' && <CaseError error={nearby.state.error} onRetry={nearby.reload} />}
          {nearby.state.status === 'ready' && nearby.state.value.length === 0 && (
            <p className="field-muted">{t('cases.register.nearbyNone')}</p>
          )}
          {nearby.state.status === 'ready' && nearby.state.value.length > 0 && (
            <>
              <p>{t('cases.register.nearbyHint')}</p>
              <ul className="field-list">
                {nearby.state.value.map((c) => (
                  <li key={c.id} className="field-card field-card--warn" data-case-id={c.id}>
                    <div className="field-card__row">
                      <Link to={`/cases/${c.id}`}>
                        <strong>{c.caseNo}</strong>
                      </Link>
                      <span className="field-muted">
                        {t('cases.register.nearbyDistance', { distance: roundMetres(c.distanceM) })}
                      </span>
                    </div>
                    <p className="field-card__text">
                      {t(`cases.states.${c.state}`)} · {c.description}
                    </p>
                    <button type="button" className="ug-button ug-button--small ug-button--secondary" onClick={() => setSameAs(c)}>
                      {t('cases.register.same')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {submitError !== null && errorKey && (
        <div className="field-error" role="alert" data-testid="register-error">
          <p>{t(`cases.register.errors.${errorKey}`)}</p>
          {isRetryable(errorKey) && <p className="field-muted">{t('cases.register.retryHint')}</p>}
        </div>
      )}

      {sameAs ? (
        <div className="field-section field-card--warn" role="status" data-testid="register-same">
          <p>{t('cases.register.sameNotice', { caseNo: sameAs.caseNo })}</p>
          <div className="field-actions">
            <Link className="ug-button" to={`/cases/${sameAs.id}`}>
              {t('cases.register.openOriginal', { caseNo: sameAs.caseNo })}
            </Link>
            <button type="button" className="ug-button ug-button--secondary" onClick={() => setSameAs(null)}>
              {t('cases.register.undoSame')}
            </button>
          </div>
        </div>
      ) : (
        <div className="register-form__submit">
          <button type="submit" className="ug-button" disabled={submitting} data-testid="register-submit">
            {submitting
              ? progress && progress.total > 0 && progress.done < progress.total
                ? t('cases.register.uploading', progress)
                : t('cases.register.submitting')
              : submitError !== null && errorKey && isRetryable(errorKey)
                ? t('cases.register.retry')
                : leader
                  ? t('cases.register.submitLeader')
                  : t('cases.register.submit')}
          </button>
        </div>
      )}
    </form>
  );
}
