import type { DemoCaseScript, DemoCaseStep } from '@urbangrid/contracts';
import {
  CASE_ACTIONS,
  CASE_SOURCES,
  type CaseAction,
  type CaseSource,
  zoneOffsetMinutes,
} from '@urbangrid/domain';

/**
 * 历史案卷 one past case of an old system, read from a CSV row or a JSON object (docs/history-import.md):
 * the report and the time and actor of each stage. It becomes the same script the demo seeder
 * replays (contracts `DemoCaseScript`), so the domain's state machine checks the path and
 * computes every stage deadline over the city calendar.
 */
export interface HistoryCase {
  /** 1-based CSV line of the row (header = line 1) or 1-based element of the JSON array. */
  line: number;
  legacyNo: string;
  description: string | null;
  script: DemoCaseScript;
}

/** One explicit step of the JSON `steps` form. */
interface RawStep {
  action?: unknown;
  at?: unknown;
  by?: unknown;
  arg?: unknown;
}

type Values = Record<string, unknown>;

/** The CSV columns, in the order the stages happen (also the keys of a JSON object). */
export const HISTORY_COLUMNS = [
  'case_no',
  'source',
  'kind',
  'class_code',
  'lon',
  'lat',
  'reported_at',
  'reported_by',
  'urgent',
  'description',
  'verify_sent_at',
  'verify_sent_by',
  'verified_at',
  'verified_by',
  'verified',
  'rejected_at',
  'rejected_by',
  'reject_reason',
  'accepted_at',
  'accepted_by',
  'filed_at',
  'filed_by',
  'dispatched_at',
  'dispatched_by',
  'department',
  'signed_at',
  'signed_by',
  'feedback_at',
  'feedback_by',
  'check_sent_at',
  'check_sent_by',
  'checked_at',
  'checked_by',
  'check_passed',
  'closed_at',
  'closed_by',
  'void_requested_at',
  'void_requested_by',
  'void_reason',
  'voided_at',
  'voided_by',
] as const;

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant from ISO 8601 with a zone (`2024-03-01T08:30:00+08:00`, `…Z`) or a local time
 * without one (`2024-03-01 08:30[:00]`), read in the city's time zone as old systems export it.
 */
export function parseHistoryTime(v: string, timeZone: string): Date | null {
  if (ZONED_TIME.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = LOCAL_TIME.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s ?? 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || (s ?? 0) > 59)
    return null;
  // The offset at the wall time itself, then again at the instant found (zones that jump).
  let t = wall - zoneOffsetMinutes(timeZone, wall) * 60_000;
  t = wall - zoneOffsetMinutes(timeZone, t) * 60_000;
  return new Date(t);
}

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return '';
}

const YES = new Set(['yes', 'y', 'true', '1', '是', '通过']);
const NO = new Set(['no', 'n', 'false', '0', '否', '不通过']);

function yesNo(v: string): boolean | null {
  const k = v.toLowerCase();
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return null;
}

/**
 * Reads one case; returns it, or every reason the row is bad (format problems only: classes,
 * grids, departments, users and the path are checked against the database and the machine later).
 */
export function readHistoryCase(
  line: number,
  raw: Values,
  timeZone: string,
  now: Date,
): { ok: HistoryCase } | { bad: string[] } {
  const bad: string[] = [];
  const v = (k: string) => str(raw[k]);
  const legacyNo = v('case_no');
  if (!legacyNo) bad.push('case_no is required');
  else if (legacyNo.length > 64) bad.push('case_no has more than 64 characters');
  const source = v('source');
  if (!(CASE_SOURCES as readonly string[]).includes(source))
    bad.push(`source "${source}" is not one of ${CASE_SOURCES.join(', ')}`);
  const kind = v('kind');
  if (kind !== 'component' && kind !== 'event') bad.push(`kind "${kind}" is not component or event`);
  const classCode = v('class_code');
  if (!/^\d{4,7}$/.test(classCode)) bad.push(`class_code "${classCode}" is not a small-class code`);
  const lon = Number(v('lon'));
  const lat = Number(v('lat'));
  if (
    !v('lon') ||
    !v('lat') ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lon) > 180 ||
    Math.abs(lat) > 90
  )
    bad.push('lon / lat are not a WGS84 position');
  const urgentText = v('urgent');
  const urgent = urgentText ? yesNo(urgentText) : false;
  if (urgent === null) bad.push(`urgent "${urgentText}" is not yes / no`);

  const time = (key: string): Date | null => {
    const text = v(key);
    if (!text) return null;
    const t = parseHistoryTime(text, timeZone);
    if (!t)
      bad.push(`${key} "${text}" is not a time (ISO 8601, or "YYYY-MM-DD HH:MM[:SS]" in the city's zone)`);
    else if (t.getTime() > now.getTime()) bad.push(`${key} ${text} is in the future`);
    return t;
  };
  const reportedAt = time('reported_at');
  if (!v('reported_at')) bad.push('reported_at is required');

  // Each stage: [action, time, actor, arg, column named in errors]
  const planned: {
    action: CaseAction;
    at: Date;
    by: string | null;
    arg?: string | boolean | number;
    key: string;
  }[] = [];
  const by = (k: string) => v(k) || null;
  const add = (action: CaseAction, key: string, byKey: string | null, arg?: string | boolean | number) => {
    const at = time(key);
    if (at)
      planned.push({ action, at, by: byKey ? by(byKey) : null, key, ...(arg === undefined ? {} : { arg }) });
  };

  const explicit = raw['steps'];
  if (explicit !== undefined) {
    if (!Array.isArray(explicit) || explicit.length === 0) bad.push('steps must be a non-empty list');
    else
      (explicit as RawStep[]).forEach((s, i) => {
        const action = str(s?.action);
        if (!(CASE_ACTIONS as readonly string[]).includes(action)) {
          bad.push(`steps[${i}].action "${action}" is not a workflow action`);
          return;
        }
        const text = str(s.at);
        const at = text ? parseHistoryTime(text, timeZone) : null;
        if (!at) return void bad.push(`steps[${i}].at "${text}" is not a time`);
        if (at.getTime() > now.getTime()) return void bad.push(`steps[${i}].at ${text} is in the future`);
        const arg = s.arg;
        if (
          arg !== undefined &&
          typeof arg !== 'string' &&
          typeof arg !== 'number' &&
          typeof arg !== 'boolean'
        )
          return void bad.push(`steps[${i}].arg must be a text, number or yes / no`);
        planned.push({
          action: action as CaseAction,
          at,
          by: str(s.by) || null,
          key: `steps[${i}]`,
          ...(arg === undefined ? {} : { arg }),
        });
      });
  } else if (reportedAt) {
    // The creating step: patrol reports, self-disposal reports, everything else registered.
    const create: CaseAction =
      source === 'patrol' ? 'report' : source === 'self_disposal' ? 'selfReport' : 'register';
    planned.push({ action: create, at: reportedAt, by: by('reported_by'), key: 'reported_at' });
    if (v('verify_sent_at'))
      add('sendVerify', 'verify_sent_at', 'verify_sent_by', v('verified_by') || undefined);
    if (v('verified_at')) {
      const answer = yesNo(v('verified'));
      if (answer === null) bad.push('verified must be yes / no when verified_at is given');
      else add('answerVerify', 'verified_at', 'verified_by', answer);
    }
    if (v('rejected_at')) {
      if (!v('reject_reason')) bad.push('reject_reason is required when rejected_at is given');
      add('reject', 'rejected_at', 'rejected_by', v('reject_reason'));
    }
    add('accept', 'accepted_at', 'accepted_by');
    add('file', 'filed_at', 'filed_by');
    if (v('dispatched_at')) {
      if (!v('department')) bad.push('department is required when dispatched_at is given');
      add('dispatch', 'dispatched_at', 'dispatched_by', v('department'));
      // 签收: old systems often record none; the department is taken to sign when dispatched.
      if (v('signed_at')) add('acceptTask', 'signed_at', 'signed_by');
      else if (v('feedback_at')) add('acceptTask', 'dispatched_at', 'signed_by');
    }
    add('feedback', 'feedback_at', 'feedback_by');
    if (v('checked_at')) {
      // 发核查: when not recorded, sent at the feedback time.
      add(
        'sendCheck',
        v('check_sent_at') ? 'check_sent_at' : 'feedback_at',
        'check_sent_by',
        v('checked_by') || undefined,
      );
      const passed = yesNo(v('check_passed'));
      if (passed === null) bad.push('check_passed must be yes / no when checked_at is given');
      else add('answerCheck', 'checked_at', 'checked_by', passed);
    }
    add('close', 'closed_at', 'closed_by');
    if (v('void_requested_at')) {
      if (!v('void_reason')) bad.push('void_reason is required when void_requested_at is given');
      add('requestVoid', 'void_requested_at', 'void_requested_by', v('void_reason'));
    }
    if (v('voided_at')) add('decideVoid', 'voided_at', 'voided_by', true);
  }

  for (let i = 1; i < planned.length; i++) {
    const a = planned[i - 1];
    const b = planned[i];
    if (b.at.getTime() < a.at.getTime()) bad.push(`${b.key} is before ${a.key}: the stages are out of order`);
  }
  if (reportedAt && planned[0] && planned[0].at.getTime() !== reportedAt.getTime())
    bad.push(`the first step (${planned[0].key}) must be at reported_at`);
  if (bad.length || !reportedAt) return { bad };

  let prev = reportedAt.getTime();
  const steps: DemoCaseStep[] = planned.map((p) => {
    const minutes = (p.at.getTime() - prev) / 60_000;
    prev = p.at.getTime();
    return p.arg === undefined ? [p.action, minutes, p.by] : [p.action, minutes, p.by, p.arg];
  });
  return {
    ok: {
      line,
      legacyNo,
      description: v('description') || null,
      script: {
        at: reportedAt.toISOString(),
        source: source as CaseSource,
        kind: kind as 'component' | 'event',
        classCode,
        position: [lon, lat],
        ...(urgent ? { urgent: true as const } : {}),
        steps,
      },
    },
  };
}
