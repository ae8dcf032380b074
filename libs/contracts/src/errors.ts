/** The body of every error response (CONVENTIONS.md, "Errors"). */
export interface ErrorResponse {
  statusCode: number;
  /** Stable machine code, e.g. `CASE.INVALID_TRANSITION`, `REQUEST.VALIDATION_FAILED`. */
  code: string;
  /** Human-readable message (English; the web app translates by `code`). */
  message: string;
  /** Optional structured details, e.g. one entry per bad field. */
  details?: ErrorDetail[];
}

export interface ErrorDetail {
  /** Dotted path of the bad field, or the parameter or header name. */
  field: string;
  message: string;
}
