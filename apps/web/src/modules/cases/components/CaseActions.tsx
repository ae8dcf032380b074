import type { CaseDetail } from '@urbangrid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_FORMS, isDeskAction, type DeskAction } from '../utils/action-form';
import { ActionDialog } from './ActionDialog';

export interface CaseActionsProps {
  detail: CaseDetail;
  onChanged: (next: CaseDetail) => void;
  onConflict: () => void;
}

/** The actions the API allows the caller now, one button each; each opens its dialog. */
export function CaseActions({ detail, onChanged, onConflict }: CaseActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DeskAction | null>(null);
  const [done, setDone] = useState<string>('');
  const [conflict, setConflict] = useState(false);
  const actions = detail.allowedActions.filter(isDeskAction);
  return (
    <section className="case-actions" aria-labelledby={`actions-${detail.id}`}>
      <h3 id={`actions-${detail.id}`} className="case-section__title">
        {t('cases.detail.actions')}
      </h3>
      {actions.length === 0 ? (
        <p className="case-actions__none">{t('cases.detail.noActions')}</p>
      ) : (
        <div className="case-actions__buttons">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`ug-button${ACTION_FORMS[a].destructive ? ' ug-button--danger-outline' : ''}`}
              data-action={a}
              onClick={() => {
                setConflict(false);
                setOpen(a);
              }}
            >
              {t(`cases.actions.${a}`)}
            </button>
          ))}
        </div>
      )}
      {conflict && (
        <p className="case-error" role="alert" data-testid="version-conflict">
          {t('cases.errors.versionConflict')}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {done}
      </p>
      {open && (
        <ActionDialog
          key={`${open}-${detail.version}`}
          detail={detail}
          action={open}
          onClose={() => setOpen(null)}
          onConflict={() => {
            setOpen(null);
            setConflict(true);
            onConflict();
          }}
          onDone={(next) => {
            setDone(t('cases.dialog.done', { action: t(`cases.actions.${open}`), caseNo: next.caseNo }));
            setOpen(null);
            setConflict(false);
            onChanged(next);
          }}
        />
      )}
    </section>
  );
}
