import { ApiError } from '../../common/errors/api-error';

/** Password rule (等保 password complexity): 8–128 characters with at least one letter and one digit. */
export function passwordPolicyProblem(password: string): string | null {
  if (password.length < 8) return 'the password must have at least 8 characters';
  if (password.length > 128) return 'the password must have at most 128 characters';
  if (!/\p{L}/u.test(password)) return 'the password must contain a letter';
  if (!/\p{Nd}/u.test(password)) return 'the password must contain a digit';
  return null;
}

export function assertPasswordPolicy(password: string, field = 'newPassword'): void {
  const problem = passwordPolicyProblem(password);
  if (problem) throw new ApiError('AUTH.PASSWORD_POLICY', problem, [{ field, message: problem }]);
}
