import type { AttachmentPurpose, DuplicateCandidate } from '@urbangrid/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchNearbyCases, reverseGeocode } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useFieldData } from '../hooks/useFieldData';
import { useGeolocation } from '../hooks/useGeolocation';
import { useOnline } from '../hooks/useOnline';
import { useOutbox } from '../hooks/useOutbox';
import { outbox } from '../state/field-runtime';
import { findGrid } from '../utils/grid-lookup';
import { ClassPicker, type ClassChoice } from './ClassPicker';
import { FieldError } from './FieldError';
import { FieldLoading } from './FieldLayout';
import { NearbyCases } from './NearbyCases';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import { PositionPicker, type PickedPosition } from './PositionPicker';

export type ReportMode = 'patrol' | 'self';

type Problem =
  | 'classRequired'
  | 'descriptionRequired'
  | 'photoRequired'
  | 'beforeRequired'
  | 'afterRequired'
  | 'positionRequired';

const EMPTY_CLASS: ClassChoice = { kind: 'event', bigCode: '', smallCode: '' };

/**
 * 问题上报 / 自处理上报. Everything is queued in the device outbox first and sent from there, so
 * a report made without network is kept with its photos and goes out when the network returns.
 */
export function ReportForm({ mode }: { mode: ReportMode }) {
  const { t } = useTranslation();
  const { profile, classes, reload } = useFieldData();
  const online = useOnline();
  const items = useOutbox();
  const { state: geo, locate } = useGeolocation();

  const [choice, setChoice] = useState<ClassChoice>(EMPTY_CLASS);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [after, setAfter] = useState<PickedPhoto[]>([]);
  const [position, setPosition] = useState<PickedPosition | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const problemsRef = useRef<HTMLDivElement>(null);
  // Show what is missing: the summary sits at the top, the submit button at the bottom.
  useEffect(() => {
    if (problems.length > 0) problemsRef.current?.focus();
  }, [problems]);
  const [sameAs, setSameAs] = useState<DuplicateCandidate | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [queuedKey, setQueuedKey] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);

  // Follow the GNSS fix until the inspector places the point by hand.
  useEffect(() => {
    if (geo.status === 'fixed')
      setPosition((current) => (current?.manual ? current : { point: geo.position, manual: false }));
  }, [geo]);

  const grids = useMemo(() => (profile.status === 'ready' ? profile.value.grids : []), [profile]);
  const localGrid = useMemo(() => (position ? findGrid(position.point, grids) : null), [position, grids]);
  const pointKey = position ? `${position.point[0]},${position.point[1]}` : null;

  const address = useAsyncValue(online && pointKey ? pointKey : null, (signal) =>
    reverseGeocode(position?.point[0] ?? 0, position?.point[1] ?? 0, signal),
  );
  const nearbyKey =
    online && pointKey && choice.smallCode ? `${pointKey}|${choice.kind}|${choice.smallCode}` : null;
  const nearby = useAsyncValue(nearbyKey, (signal) =>
    fetchNearbyCases(position?.point[0] ?? 0, position?.point[1] ?? 0, choice.kind, choice.smallCode, signal),
  );
  useEffect(() => setSameAs(null), [nearbyKey]);

  const queued = queuedKey ? items.find((i) => i.key === queuedKey) : undefined;

  if (profile.status === 'error') return <FieldError error={profile.error} onRetry={reload} />;
  if (classes.status === 'error') return <FieldError error={classes.error} onRetry={reload} />;
  if (profile.status === 'loading' || classes.status === 'loading') return <FieldLoading />;
  const table = classes.value;
  const city = profile.value.city;
  const chosen = choice.smallCode ? table.find(choice.kind, choice.smallCode) : null;

  const reset = () => {
    setChoice(EMPTY_CLASS);
    setDescription('');
    setPhotos([]);
    setAfter([]);
    setProblems([]);
    setSameAs(null);
    setQueuedKey(null);
    setSubmitError(null);
    setPosition(geo.status === 'fixed' ? { point: geo.position, manual: false } : null);
  };

  if (queuedKey) {
    return (
      <section className="field-section field-done" aria-live="polite" data-testid="report-result">
        {queued?.status === 'sent' && queued.result ? (
          <p className="field-success">{t('field.report.sent', { caseNo: queued.result.caseNo })}</p>
        ) : queued?.status === 'failed' ? (
          <FieldError error={queued.lastError} />
        ) : (
          <p className="field-success">{t('field.report.queued')}</p>
        )}
        <div className="field-actions">
          <button type="button" className="field-button" onClick={reset}>
            {t('field.report.another')}
          </button>
          <Link className="field-button field-button--secondary" to="/field/reports">
            {t('field.home.myReports')}
          </Link>
        </div>
      </section>
    );
  }

  const validate = (): Problem[] => {
    const found: Problem[] = [];
    if (!chosen) found.push('classRequired');
    if (!description.trim()) found.push('descriptionRequired');
    if (mode === 'patrol' && photos.length === 0) found.push('photoRequired');
    if (mode === 'self' && photos.length === 0) found.push('beforeRequired');
    if (mode === 'self' && after.length === 0) found.push('afterRequired');
    if (!position) found.push('positionRequired');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setProblems(found);
    if (found.length > 0 || !position || !chosen) return;
    setSubmitting(true);
    setSubmitError(null);
    const photo = (purpose: AttachmentPurpose) => (p: PickedPhoto) => ({
      blob: p.file,
      name: p.file.name,
      purpose,
    });
    const queuedPhotos =
      mode === 'self'
        ? [...photos.map(photo('before')), ...after.map(photo('after'))]
        : photos.map(photo('report'));
    try {
      const item = await outbox.enqueue(
        {
          type: 'case',
          body: {
            source: mode === 'self' ? 'self_disposal' : 'patrol',
            kind: chosen.kind,
            classCode: chosen.code,
            description: description.trim(),
            position: position.point,
            crs: 'wgs84',
            positionManual: position.manual,
          },
        },
        queuedPhotos,
        {
          title: chosen.name,
          description: description.trim(),
          gridCode: localGrid?.code ?? null,
          gridName: localGrid?.name ?? null,
        },
      );
      setQueuedKey(item.key);
      if (navigator.onLine) await outbox.flush();
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const serverGrid = address.state?.status === 'ready' ? address.state.value.regions?.grid : null;
  const invalid = (p: Problem) => problems.includes(p);

  return (
    <form className="field-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={submitting}>
      {mode === 'self' && <p className="field-hint">{t('field.report.selfHint')}</p>}
      {problems.length > 0 && (
        <div
          ref={problemsRef}
          tabIndex={-1}
          className="field-error"
          role="alert"
          data-testid="report-problems"
        >
          <p>{t('field.report.errors.title')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{t(`field.report.errors.${p}`)}</li>
            ))}
          </ul>
        </div>
      )}

      <ClassPicker table={table} value={choice} onChange={setChoice} invalid={invalid('classRequired')} />

      <div className="field-group">
        <label className="field-label" htmlFor="report-description">
          {t('field.report.description')}
        </label>
        <textarea
          id="report-description"
          className="field-input"
          rows={3}
          maxLength={2000}
          value={description}
          placeholder={t('field.report.descriptionPlaceholder')}
          aria-invalid={invalid('descriptionRequired')}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>

      {mode === 'patrol' ? (
        <PhotoPicker
          legend={t('field.report.photos')}
          photos={photos}
          onChange={setPhotos}
          testId="report-photos"
          invalid={invalid('photoRequired')}
        />
      ) : (
        <>
          <PhotoPicker
            legend={t('field.report.beforePhotos')}
            photos={photos}
            onChange={setPhotos}
            testId="before-photos"
            invalid={invalid('beforeRequired')}
          />
          <PhotoPicker
            legend={t('field.report.afterPhotos')}
            photos={after}
            onChange={setAfter}
            testId="after-photos"
            invalid={invalid('afterRequired')}
          />
        </>
      )}

      <PositionPicker
        value={position}
        onChange={setPosition}
        geo={geo}
        onLocate={locate}
        grids={grids}
        city={city}
      />

      <dl className="field-facts">
        <div>
          <dt>{t('field.report.grid')}</dt>
          <dd data-testid="report-grid">
            {localGrid
              ? `${localGrid.name} ${localGrid.code}`
              : serverGrid
                ? `${serverGrid.name} ${serverGrid.code}`
                : position
                  ? t('field.report.gridNone')
                  : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('field.report.address')}</dt>
          <dd data-testid="report-address">
            {!position
              ? '—'
              : !online
                ? t('field.report.addressOffline')
                : address.state?.status === 'ready'
                  ? (address.state.value.description ?? t('field.report.addressUnknown'))
                  : address.state?.status === 'error'
                    ? t('field.report.addressUnknown')
                    : t('field.report.addressLoading')}
          </dd>
        </div>
      </dl>

      {choice.smallCode && position && (
        <NearbyCases state={nearby.state} online={online} onSame={setSameAs} onRetry={nearby.reload} />
      )}

      {submitError !== null && <FieldError error={submitError} />}

      {sameAs ? (
        <div className="field-section field-card--warn" role="status" data-testid="same-problem">
          <p>{t('field.nearby.sameDone', { caseNo: sameAs.caseNo })}</p>
          <div className="field-actions">
            <Link className="field-button" to={`/field/cases/${sameAs.id}`}>
              {sameAs.caseNo}
            </Link>
            <button
              type="button"
              className="field-button field-button--secondary"
              onClick={() => setSameAs(null)}
            >
              {t('field.nearby.undo')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="submit"
          className="field-button field-button--primary field-button--block"
          disabled={submitting}
          data-testid="report-submit"
        >
          {submitting ? t('field.report.submitting') : t('field.report.submit')}
        </button>
      )}
    </form>
  );
}
