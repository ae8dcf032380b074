import {
  PARK_REASONS,
  REJECT_REASONS,
  RETURN_REASONS,
  TIME_UNITS,
  VOID_REASONS,
  type CaseAction,
  type ClosureType,
  type TimeUnit,
} from '@urbangrid/domain';
import type { AttachmentPurpose, CaseActionRequest } from '@urbangrid/contracts';

/** Actions a desk can take on an existing case (the three creating actions are intake). */
export type DeskAction = Exclude<CaseAction, 'report' | 'register' | 'selfReport'>;

/** Which reason list an action asks for. */
export type ReasonSet = 'reject' | 'void' | 'return' | 'park';
export const REASONS: Readonly<Record<ReasonSet, readonly string[]>> = {
  reject: REJECT_REASONS,
  void: VOID_REASONS,
  return: RETURN_REASONS,
  park: PARK_REASONS,
};

/** The fields of an action dialog. */
export interface ActionForm {
  /** 属实 / 已处理 / approve: a yes/no choice, with its wording key under `cases.yesNo`. */
  yesNo?: 'truthful' | 'done' | 'approve' | 'pass';
  reason?: ReasonSet;
  department?: boolean;
  extension?: boolean;
  closureType?: boolean;
  urgency?: boolean;
  /** Photos of the step and the purpose they are uploaded with. */
  photos?: AttachmentPurpose;
  /** Opinion must be written (督办 notices and replies). */
  opinionRequired?: boolean;
  /** Ends or undoes work: the dialog asks once more before sending. */
  destructive?: boolean;
}

export const ACTION_FORMS: Readonly<Record<DeskAction, ActionForm>> = {
  sendVerify: {},
  answerVerify: { yesNo: 'truthful', photos: 'verify' },
  accept: {},
  reject: { reason: 'reject', destructive: true },
  auditSelfDisposal: { yesNo: 'pass' },
  file: { urgency: true },
  refuseFiling: { reason: 'void', destructive: true },
  dispatch: { department: true },
  acceptTask: {},
  requestReturn: { reason: 'return' },
  decideReturn: { yesNo: 'approve' },
  requestExtension: { extension: true },
  decideExtension: { yesNo: 'approve' },
  requestPark: { reason: 'park' },
  decidePark: { yesNo: 'approve' },
  resume: {},
  feedback: { photos: 'after' },
  sendCheck: {},
  answerCheck: { yesNo: 'done', photos: 'check' },
  close: { closureType: true },
  rework: { destructive: true },
  requestVoid: { reason: 'void', destructive: true },
  decideVoid: { yesNo: 'approve', destructive: true },
  supervise: { opinionRequired: true },
  replySupervision: { opinionRequired: true },
};

export function isDeskAction(action: CaseAction): action is DeskAction {
  return Object.hasOwn(ACTION_FORMS, action);
}

/** Closure types a shift leader may choose (自处理 only comes from the self-disposal audit). */
export const CLOSE_TYPES: readonly ClosureType[] = ['normal', 'late', 'error', 'special'];
export const EXTENSION_UNITS: readonly TimeUnit[] = TIME_UNITS;

/** What the user entered in an action dialog. */
export interface ActionValues {
  opinion: string;
  yes: boolean | null;
  reason: string;
  duplicateOf: string;
  departmentId: string;
  extensionValue: string;
  extensionUnit: TimeUnit;
  closureType: ClosureType;
  urgency: 'normal' | 'urgent';
}

export const EMPTY_VALUES: ActionValues = {
  opinion: '',
  yes: null,
  reason: '',
  duplicateOf: '',
  departmentId: '',
  extensionValue: '',
  extensionUnit: 'working_day',
  closureType: 'normal',
  urgency: 'normal',
};

/** Field names (i18n keys under `cases.fields`) that are missing or wrong; empty when ready to send. */
export function actionProblems(action: DeskAction, v: ActionValues): string[] {
  const form = ACTION_FORMS[action];
  const problems: string[] = [];
  if (form.yesNo && v.yes === null) problems.push('yes');
  if (form.reason && !REASONS[form.reason].includes(v.reason)) problems.push('reason');
  if (form.reason && v.reason === 'duplicate' && !/^[0-9a-f-]{36}$/i.test(v.duplicateOf.trim()))
    problems.push('duplicateOf');
  if (form.department && !v.departmentId) problems.push('department');
  if (form.extension) {
    const n = Number(v.extensionValue);
    if (!Number.isFinite(n) || n < 1) problems.push('extension');
  }
  if (form.opinionRequired && !v.opinion.trim()) problems.push('opinion');
  return problems;
}

/** The request body of an action from the dialog's values (only the fields the action takes). */
export function actionBody(
  action: DeskAction,
  v: ActionValues,
  version: number,
  attachmentIds: readonly string[] = [],
): CaseActionRequest {
  const form = ACTION_FORMS[action];
  const body: CaseActionRequest = { version };
  const opinion = v.opinion.trim();
  if (opinion) body.opinion = opinion;
  if (form.yesNo && v.yes !== null) body.yes = v.yes;
  if (form.reason) {
    body.reason = v.reason;
    if (v.reason === 'duplicate' && v.duplicateOf.trim()) body.duplicateOf = v.duplicateOf.trim();
  }
  if (form.department) body.departmentId = v.departmentId;
  if (form.extension) body.extension = { value: Number(v.extensionValue), unit: v.extensionUnit };
  if (form.closureType) body.closureType = v.closureType;
  if (form.urgency) body.urgency = v.urgency;
  // Only sent when there are photos: older API builds refuse unknown fields.
  if (form.photos && attachmentIds.length) body.attachmentIds = [...attachmentIds];
  return body;
}
