import { DomainError } from '../errors';

/**
 * Stable codes of the case workflow (throw sites spell them literally so the API's status-table
 * spec finds them). Checks run in this order: role, state, scope, payload, so a caller learns the
 * most fundamental problem first.
 */
export const CASE_ERROR_CODES = [
  'CASE.ROLE_NOT_ALLOWED', // 403: the actor's role may not take this action at all
  'CASE.INVALID_TRANSITION', // 409: not allowed from the current state
  'CASE.NOT_ASSIGNED', // 403: another department's case, another inspector's task
  'CASE.NOT_CURRENT_APPROVER', // 403: the approval chain waits for another role at this step
  'CASE.TASK_ALREADY_ANSWERED', // 409: the 核实 task was answered already
  'CASE.NO_OPEN_SUPERVISION', // 409: 督办回复 without an open 督办
  'CASE.VERIFY_ANSWER_REQUIRED', // 422: 受理 after 核实 needs the answer 属实
  'CASE.VERIFY_REQUIRED', // 422: a public report must be verified before 受理
  'CASE.PAYLOAD_INVALID', // 422: a payload field is missing or wrong
  'CASE.UNKNOWN_ACTION', // 400: the command names no known action
] as const;
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

export function payloadInvalid(field: string, message: string): DomainError {
  return new DomainError('CASE.PAYLOAD_INVALID', `${field}: ${message}`, [{ field, message }]);
}
