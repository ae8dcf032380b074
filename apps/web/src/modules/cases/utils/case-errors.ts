import { ApiRequestError } from '../../map/api/http';

/** Case error codes (docs/workflow.md) with their own wording under `cases.errors`. */
export const CASE_ERROR_KEYS = {
  'CASE.VERSION_CONFLICT': 'versionConflict',
  'CASE.INVALID_TRANSITION': 'invalidTransition',
  'CASE.NOT_ASSIGNED': 'notAssigned',
  'CASE.ROLE_NOT_ALLOWED': 'roleNotAllowed',
  'CASE.NOT_CURRENT_APPROVER': 'notCurrentApprover',
  'CASE.PAYLOAD_INVALID': 'payloadInvalid',
  'CASE.VERIFY_REQUIRED': 'verifyRequired',
  'CASE.VERIFY_ANSWER_REQUIRED': 'verifyAnswerRequired',
  'CASE.TASK_ALREADY_ANSWERED': 'taskAlreadyAnswered',
  'CASE.NO_OPEN_SUPERVISION': 'noOpenSupervision',
  'CASE.DEPARTMENT_UNKNOWN': 'departmentUnknown',
  'CASE.NOT_FOUND': 'caseNotFound',
} as const;
export type CaseErrorKey = (typeof CASE_ERROR_KEYS)[keyof typeof CASE_ERROR_KEYS];

/** The `cases.errors` key for an API error, or null when the generic wording applies. */
export function caseErrorKey(error: unknown): CaseErrorKey | null {
  if (!(error instanceof ApiRequestError)) return null;
  return Object.hasOwn(CASE_ERROR_KEYS, error.code)
    ? CASE_ERROR_KEYS[error.code as keyof typeof CASE_ERROR_KEYS]
    : null;
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'CASE.VERSION_CONFLICT';
}
