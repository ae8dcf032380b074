import { WireList, type WireDocument } from './open311-wire';

/** One `<error>`: `code` is the HTTP status (spec 07 §12, ours), description ends in our code. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * An error in the GeoReport v2 shape: 404 missing things, 403 key, 429 rate limit, 400 anything
 * else. Several items may travel together (one per bad field).
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500 | 503,
    readonly errorCode: string,
    message: string,
    readonly items: readonly Open311ErrorItem[] = [
      { code: status, description: `${message} [${errorCode}]` },
    ],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'Open311Error';
  }

  /** Several bad fields at once: one item each. */
  static fields(errorCode: string, problems: readonly { field: string; message: string }[]): Open311Error {
    return new Open311Error(
      400,
      errorCode,
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems.map((p) => ({ code: 400, description: `${p.field}: ${p.message} [${errorCode}]` })),
    );
  }
}

export function errorDocument(items: readonly Open311ErrorItem[]): WireDocument {
  return {
    root: 'errors',
    body: new WireList(
      'error',
      items.map((i) => ({ code: i.code, description: i.description })),
    ),
  };
}
