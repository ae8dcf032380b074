import type { ErrorDetail } from '@urbangrid/contracts';

/** An error raised by the API layer itself (not the domain), with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
