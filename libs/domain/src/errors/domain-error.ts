/**
 * A rule of the domain was broken. Carries a stable string code (`GRID.CODE_MALFORMED`) and
 * knows nothing of HTTP: the API maps codes to statuses in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
