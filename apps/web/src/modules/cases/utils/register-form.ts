import type { CaseSource, CreateCaseRequest, Position, RoleCode } from '@urbangrid/contracts';
import { PUBLIC_SOURCES } from '@urbangrid/domain';
import { ApiRequestError, CLIENT_ERROR_CODES } from '../../map/api/http';

/** Sources an operator registers at the intake desk (登记), in the order the form offers them. */
export const OPERATOR_SOURCES = [
  'hotline_12345', // 12345 市民热线
  'hotline_12319', // 12319 城建热线
  'public_web', // 网站 / 微信
  'video', // 视频巡查
  'media', // 媒体曝光
  'sensor', // 物联感知
] as const satisfies readonly CaseSource[];
export type RegisterSource = (typeof OPERATOR_SOURCES)[number] | 'leader';

/**
 * Who may open the registration form and with which sources: the operator chooses among the
 * public and centre sources, a leader only registers its own assignments (领导交办), as the
 * workflow allows (`register` roles operator and leader). Null for every other role.
 */
export function registerSourcesFor(role: RoleCode): readonly RegisterSource[] | null {
  if (role === 'operator') return OPERATOR_SOURCES;
  if (role === 'leader') return ['leader'];
  return null;
}

/** Public sources carry the citizen who called or wrote (stored encrypted, shown to the centre). */
export function takesPublicReporter(source: RegisterSource | ''): boolean {
  return source !== '' && PUBLIC_SOURCES.includes(source);
}

/** What the registration form holds before it is sent. */
export interface RegisterDraft {
  source: RegisterSource | '';
  kind: 'component' | 'event';
  /** Small class code; '' until chosen. */
  classCode: string;
  description: string;
  /** WGS84 longitude, latitude picked on the map or from an address candidate. */
  position: Position | null;
  reporterName: string;
  reporterPhone: string;
  urgency: 'normal' | 'urgent';
}

export const emptyDraft = (source: RegisterSource | '' = ''): RegisterDraft => ({
  source,
  kind: 'event',
  classCode: '',
  description: '',
  position: null,
  reporterName: '',
  reporterPhone: '',
  urgency: 'normal',
});

/** Problems the form shows before anything is sent (keys under `cases.register.problems`). */
export type RegisterProblem =
  | 'sourceRequired'
  | 'classRequired'
  | 'descriptionRequired'
  | 'descriptionTooLong'
  | 'positionRequired'
  | 'reporterNameTooLong'
  | 'reporterPhoneInvalid';

/** Limits of CreateCaseDto (apps/api/src/modules/cases/dto), checked here so the user sees them first. */
export const DESCRIPTION_MIN = 2;
export const DESCRIPTION_MAX = 2000;
export const REPORTER_NAME_MAX = 50;
const PHONE = /^[0-9+\- ]{5,20}$/;
const CLASS_CODE = /^\d{4,5}$/;

export type RegisterValidation =
  | { ok: true; body: CreateCaseRequest }
  | { ok: false; problems: RegisterProblem[] };

/**
 * Checks the draft and builds the POST /api/v1/cases body: trimmed text, the reporter only for
 * public sources and only with what was filled in, no urgency key for a normal case.
 */
export function validateRegister(draft: RegisterDraft, attachmentIds: readonly string[] = []): RegisterValidation {
  const problems: RegisterProblem[] = [];
  const description = draft.description.trim();
  const name = draft.reporterName.trim();
  const phone = draft.reporterPhone.trim();
  const publicSource = takesPublicReporter(draft.source);
  if (draft.source === '') problems.push('sourceRequired');
  if (!CLASS_CODE.test(draft.classCode)) problems.push('classRequired');
  if ([...description].length < DESCRIPTION_MIN) problems.push('descriptionRequired');
  if ([...description].length > DESCRIPTION_MAX) problems.push('descriptionTooLong');
  if (!draft.position) problems.push('positionRequired');
  if (publicSource && [...name].length > REPORTER_NAME_MAX) problems.push('reporterNameTooLong');
  if (publicSource && phone !== '' && !PHONE.test(phone)) problems.push('reporterPhoneInvalid');
  if (problems.length > 0 || draft.source === '' || !draft.position) return { ok: false, problems };

  const body: CreateCaseRequest = {
    source: draft.source,
    kind: draft.kind,
    classCode: draft.classCode,
    description,
    position: draft.position,
    crs: 'wgs84',
    positionManual: true,
  };
  if (draft.urgency === 'urgent') body.urgency = 'urgent';
  if (publicSource && (name || phone)) {
    body.publicReporter = { ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
  }
  if (attachmentIds.length > 0) body.attachmentIds = [...attachmentIds];
  return { ok: true, body };
}

/** A version 4 UUID; crypto.randomUUID only exists on secure origins, getRandomValues everywhere. */
export function newUuid(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The `Idempotency-Key` of a submission. Sending the same body again (a retry after a network
 * error or a 5xx) reuses the key, so the server answers with the case it already made instead of
 * making a second one; a changed body gets a fresh key, since the API refuses a key reused for
 * another body (422 IDEMPOTENCY.KEY_REUSED).
 */
export class SubmissionKeys {
  private last: { fingerprint: string; key: string } | null = null;

  constructor(private readonly makeKey: () => string = () => newUuid()) {}

  keyFor(body: CreateCaseRequest): string {
    const fingerprint = stableJson(body);
    if (this.last?.fingerprint !== fingerprint) this.last = { fingerprint, key: this.makeKey() };
    return this.last.key;
  }

  /** After a case was made the next registration starts afresh. */
  reset(): void {
    this.last = null;
  }
}

/** JSON with object keys sorted, so two equal bodies built in another order match. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Message keys under `cases.register.errors`. */
export type RegisterErrorKey =
  | 'network'
  | 'validation'
  | 'classUnknown'
  | 'outOfExtent'
  | 'outsideGrids'
  | 'photoTooLarge'
  | 'photoType'
  | 'photoRejected'
  | 'inProgress'
  | 'keyReused'
  | 'forbidden'
  | 'unauthenticated'
  | 'tooMany'
  | 'server'
  | 'generic';

const BY_CODE: Readonly<Record<string, RegisterErrorKey>> = {
  [CLIENT_ERROR_CODES.network]: 'network',
  'REQUEST.VALIDATION_FAILED': 'validation',
  'REQUEST.MALFORMED': 'validation',
  'CASE.PAYLOAD_INVALID': 'validation',
  'CASE.CLASS_UNKNOWN': 'classUnknown',
  'GEO.OUT_OF_EXTENT': 'outOfExtent',
  'GEO.COORDINATE_INVALID': 'outOfExtent',
  'CASE.OUTSIDE_GRIDS': 'outsideGrids',
  'ATTACHMENT.TOO_LARGE': 'photoTooLarge',
  'REQUEST.PAYLOAD_TOO_LARGE': 'photoTooLarge',
  'ATTACHMENT.UNSUPPORTED_TYPE': 'photoType',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'photoType',
  'ATTACHMENT.CONTENT_INVALID': 'photoType',
  'ATTACHMENT.UNKNOWN': 'photoRejected',
  'ATTACHMENT.NOT_OWNER': 'photoRejected',
  'ATTACHMENT.ALREADY_LINKED': 'photoRejected',
  'IDEMPOTENCY.IN_PROGRESS': 'inProgress',
  'IDEMPOTENCY.KEY_REUSED': 'keyReused',
  'AUTH.FORBIDDEN': 'forbidden',
  'CASE.ROLE_NOT_ALLOWED': 'forbidden',
  'AUTH.UNAUTHENTICATED': 'unauthenticated',
  'REQUEST.TOO_MANY': 'tooMany',
  'DATABASE.UNAVAILABLE': 'server',
  'INTERNAL.ERROR': 'server',
};

/** The wording of a failed registration, by the API's code, else by its status; never the server's English. */
export function registerErrorKey(error: unknown): RegisterErrorKey {
  if (!(error instanceof ApiRequestError)) return 'generic';
  if (Object.hasOwn(BY_CODE, error.code)) return BY_CODE[error.code];
  if (error.status === 0) return 'network';
  if (error.status >= 500) return 'server';
  if (error.status === 401) return 'unauthenticated';
  if (error.status === 403) return 'forbidden';
  if (error.status === 400 || error.status === 422) return 'validation';
  return 'generic';
}

/** Whether sending the same form again may succeed (the key is kept for that retry). */
export function isRetryable(key: RegisterErrorKey): boolean {
  return key === 'network' || key === 'server' || key === 'inProgress' || key === 'tooMany' || key === 'generic';
}
