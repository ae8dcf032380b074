import type { CaseDetail } from '@urbangrid/contracts';
import type { ClosureType, TimeUnit } from '@urbangrid/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { actOnCase, uploadAttachment } from '../api/cases-api';
import {
  ACTION_FORMS,
  CLOSE_TYPES,
  EMPTY_VALUES,
  EXTENSION_UNITS,
  REASONS,
  actionBody,
  actionProblems,
  type ActionValues,
  type DeskAction,
} from '../utils/action-form';
import { isVersionConflict } from '../utils/case-errors';
import { useErrorText } from './CaseError';
import { DispatchPicker } from './DispatchPicker';
import { FilingPreview } from './FilingPreview';

export interface ActionDialogProps {
  detail: CaseDetail;
  action: DeskAction;
  /** The case after the action. */
  onDone: (next: CaseDetail) => void;
  /** The case changed under us (409): the caller closes the dialog, says so and reloads. */
  onConflict: () => void;
  onClose: () => void;
}

/**
 * One workflow action as a modal form (native <dialog>: focus stays inside, Esc closes). Acts
 * that end or undo work ask once more before they are sent.
 */
export function ActionDialog({ detail, action, onDone, onConflict, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const form = ACTION_FORMS[action];
  const [values, setValues] = useState<ActionValues>(EMPTY_VALUES);
  const [files, setFiles] = useState<File[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const actionName = t(`cases.actions.${action}`);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const set = <K extends keyof ActionValues>(key: K, value: ActionValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const ids: string[] = [];
      for (const file of files) {
        try {
          ids.push((await uploadAttachment(file, form.photos ?? 'evidence')).id);
        } catch (e) {
          setError(t('cases.errors.upload', { message: errorText(e) }));
          setSending(false);
          return;
        }
      }
      const next = await actOnCase(detail.id, action, actionBody(action, values, detail.version, ids));
      onDone(next);
    } catch (e) {
      setSending(false);
      setConfirming(false);
      if (isVersionConflict(e)) onConflict();
      else setError(errorText(e));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = actionProblems(action, values);
    setProblems(found);
    if (found.length) return;
    if (form.destructive && !confirming) {
      setConfirming(true);
      return;
    }
    void send();
  };

  const invalid = (field: string) => (problems.includes(field) ? true : undefined);

  return (
    <dialog
      ref={ref}
      className="action-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!sending) onClose();
      }}
      data-action={action}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="action-dialog__title">
          {confirming ? t('cases.dialog.confirmTitle', { action: actionName }) : t('cases.dialog.title', { action: actionName, caseNo: detail.caseNo })}
        </h2>
        {confirming ? (
          <p className="action-dialog__confirm">{t('cases.dialog.confirmText', { action: actionName, caseNo: detail.caseNo })}</p>
        ) : (
          <div className="action-dialog__fields">
            {action === 'file' && <FilingPreview detail={detail} urgency={values.urgency} />}
            {form.department && (
              <DispatchPicker
                caseId={detail.id}
                value={values.departmentId}
                invalid={invalid('department')}
                onChange={(v) => set('departmentId', v)}
              />
            )}
            {form.yesNo && (
              <fieldset className="action-dialog__choice" aria-invalid={invalid('yes')}>
                <legend>{t('cases.fields.yes')}</legend>
                {([true, false] as const).map((answer) => (
                  <label key={String(answer)}>
                    <input
                      type="radio"
                      name="yes"
                      value={String(answer)}
                      checked={values.yes === answer}
                      onChange={() => set('yes', answer)}
                    />
                    {t(`cases.yesNo.${form.yesNo ?? 'approve'}.${answer ? 'yes' : 'no'}`)}
                  </label>
                ))}
              </fieldset>
            )}
            {form.reason && (
              <label className="action-dialog__field">
                <span>{t('cases.fields.reason')}</span>
                <select
                  name="reason"
                  value={values.reason}
                  aria-invalid={invalid('reason')}
                  onChange={(e) => set('reason', e.target.value)}
                >
                  <option value="">{t('cases.dialog.choose')}</option>
                  {REASONS[form.reason].map((r) => (
                    <option key={r} value={r}>
                      {t(`cases.reasons.${r as 'other'}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {form.reason && values.reason === 'duplicate' && (
              <label className="action-dialog__field">
                <span>{t('cases.fields.duplicateOf')}</span>
                <input
                  name="duplicateOf"
                  value={values.duplicateOf}
                  aria-invalid={invalid('duplicateOf')}
                  onChange={(e) => set('duplicateOf', e.target.value)}
                />
              </label>
            )}
            {form.extension && (
              <fieldset className="action-dialog__row" aria-invalid={invalid('extension')}>
                <legend>{t('cases.fields.extension')}</legend>
                <label className="action-dialog__field">
                  <span>{t('cases.fields.extensionValue')}</span>
                  <input
                    name="extensionValue"
                    type="number"
                    min={1}
                    inputMode="numeric"
                    value={values.extensionValue}
                    onChange={(e) => set('extensionValue', e.target.value)}
                  />
                </label>
                <label className="action-dialog__field">
                  <span>{t('cases.fields.extensionUnit')}</span>
                  <select
                    name="extensionUnit"
                    value={values.extensionUnit}
                    onChange={(e) => set('extensionUnit', e.target.value as TimeUnit)}
                  >
                    {EXTENSION_UNITS.map((u) => (
                      <option key={u} value={u}>
                        {t(`cases.units.${u}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </fieldset>
            )}
            {form.urgency && (
              <label className="action-dialog__field">
                <span>{t('cases.fields.urgency')}</span>
                <select
                  name="urgency"
                  value={values.urgency}
                  onChange={(e) => set('urgency', e.target.value as 'normal' | 'urgent')}
                >
                  <option value="normal">{t('cases.urgency.normal')}</option>
                  <option value="urgent">{t('cases.urgency.urgent')}</option>
                </select>
              </label>
            )}
            {form.closureType && (
              <label className="action-dialog__field">
                <span>{t('cases.fields.closureType')}</span>
                <select
                  name="closureType"
                  value={values.closureType}
                  onChange={(e) => set('closureType', e.target.value as ClosureType)}
                >
                  {CLOSE_TYPES.map((c) => (
                    <option key={c} value={c}>
                      {t(`cases.closureTypes.${c}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="action-dialog__field">
              <span>
                {t('cases.fields.opinion')}
                {form.opinionRequired ? ' *' : ''}
              </span>
              <textarea
                name="opinion"
                rows={3}
                maxLength={1000}
                value={values.opinion}
                required={form.opinionRequired}
                aria-invalid={invalid('opinion')}
                onChange={(e) => set('opinion', e.target.value)}
              />
            </label>
            {form.photos && (
              <label className="action-dialog__field">
                <span>
                  {t('cases.fields.photos')} <small>{t('cases.dialog.photosHint')}</small>
                </span>
                <input
                  name="photos"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
                />
              </label>
            )}
          </div>
        )}
        {problems.length > 0 && (
          <p className="action-dialog__problems" role="alert">
            {t('cases.dialog.required', {
              fields: problems.map((p) => t(`cases.fields.${p as 'opinion'}`)).join('、'),
            })}
          </p>
        )}
        {error && (
          <p className="case-error" role="alert">
            {error}
          </p>
        )}
        <div className="action-dialog__buttons">
          <button
            type="button"
            className="ug-button ug-button--secondary"
            disabled={sending}
            onClick={() => (confirming ? setConfirming(false) : onClose())}
          >
            {confirming ? t('cases.dialog.back') : t('cases.dialog.cancel')}
          </button>
          <button
            type="submit"
            className={`ug-button${form.destructive ? ' ug-button--danger' : ''}`}
            disabled={sending}
            data-testid="action-submit"
          >
            {sending
              ? t('cases.dialog.sending')
              : confirming
                ? t('cases.dialog.confirm', { action: actionName })
                : t('cases.dialog.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
