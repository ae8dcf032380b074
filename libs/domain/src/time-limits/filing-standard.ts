import { DomainError } from '../errors';
import { CASE_STAGES, type CaseStage } from '../workflow/vocabulary';
import type { WorkCalendar } from './calendar';
import { parseLocalDate } from './calendar';
import { snapshotLimit, type LimitSnapshot } from './case-clock';
import { addDuration, assertDuration, basisOf, type Duration, type TimeBasis } from './deadline';
import { DEFAULT_TIME_LIMIT_SETTINGS, type TimeLimitSettings } from './settings';

/** 紧急程度 urgency of a case; urgent problems usually count in natural time (spec 03 §7.1). */
export const URGENCY_LEVELS = ['normal', 'urgent'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

export const FILING_KINDS = ['component', 'event'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

/** The area class every small class falls back to (区域 not distinguished). */
export const DEFAULT_AREA_CLASS = 'default';

/**
 * 责任单位 rule: the component's 主管部门 (authority), 权属单位 (owner) or 养护单位 (maintainer),
 * a fixed department, or 属地 (the territorial street / district government, spec 03 §4).
 */
export const RESPONSIBLE_UNIT_RULES = [
  'component_authority',
  'component_owner',
  'component_maintainer',
  'fixed_department',
  'territorial',
] as const;
export type ResponsibleUnitRule = (typeof RESPONSIBLE_UNIT_RULES)[number];

/** One milestone of a disposal limit (e.g. arrive ≤ 30 min, repair ≤ 6 h), counted from dispatch. */
export interface LimitMilestone {
  name: string;
  value: number;
  unit: Duration['unit'];
  basis: TimeBasis;
}

/** 处置时限 as milestones; the last one is the disposal limit evaluation uses (spec 03 §7.3). */
export interface DisposalLimit {
  milestones: LimitMilestone[];
}

/** A row of the 立结案标准 table (spec 03 §8) without its storage identity. */
export interface FilingStandardFields {
  kind: FilingKind;
  /** Small class code; null = the kind's default standard (used when nothing more specific exists). */
  smallClassCode: string | null;
  /** 区域 class: `default` or a city's class (core road, back lane, urban-rural fringe …). */
  areaClass: string;
  conditionCode: string;
  /** 立案条件 */
  conditionText: string;
  /** 结案条件 */
  closeConditionText: string;
  urgency: UrgencyLevel;
  disposalLimit: DisposalLimit;
  responsibleUnitRule: ResponsibleUnitRule;
  /** The department code for `fixed_department`, else null. */
  responsibleDepartmentCode: string | null;
}

/** A stored 立结案标准 row: versions of one (profile, kind, class, area, condition, urgency) line. */
export interface FilingStandard extends FilingStandardFields {
  id: string;
  /** The city's standard profile (a city may keep several, e.g. `default`, a district's). */
  profileId: string;
  /** 1 for the first version of a line; a new version retires the previous one. */
  version: number;
  /** YYYY-MM-DD, first day in force. */
  validFrom: string;
  /** YYYY-MM-DD, first day no longer in force; null while current. */
  validTo: string | null;
}

/** 环节时限 (spec 03 §8): one stage's limit for one urgency. */
export interface StageLimit {
  stage: CaseStage;
  urgency: UrgencyLevel;
  value: number;
  unit: Duration['unit'];
  basis: TimeBasis;
}

export interface FilingQuery {
  kind: FilingKind;
  smallClassCode: string;
  areaClass?: string;
  urgency?: UrgencyLevel;
  /** A chosen 立案条件; without it the lowest condition code of the best match wins. */
  conditionCode?: string;
  /** Local date YYYY-MM-DD the standard must be in force on. */
  at: string;
}

/** How a standard was found: exact area, the class's default area, or the kind's default. */
export type FilingMatch = 'exact_area' | 'default_area' | 'kind_default';

export interface ResolvedFilingStandard {
  standard: FilingStandard;
  matchedBy: FilingMatch;
}

const SMALL_CLASS_RE = /^[0-9]{4,5}$/;

/** Is the standard in force on the local date (validFrom ≤ at < validTo)? */
export function inForce(s: Pick<FilingStandard, 'validFrom' | 'validTo'>, at: string): boolean {
  return s.validFrom <= at && (s.validTo === null || at < s.validTo);
}

/**
 * Every standard in force for a query, best first. Fallback order (ours):
 * 1. the small class in the case's area class; 2. the small class in the `default` area class;
 * 3. the kind's default standard (smallClassCode null, `default` area).
 * Within a step the case's urgency is preferred, then `normal`; then the lower condition code.
 */
export function filingCandidates(
  standards: readonly FilingStandard[],
  q: FilingQuery,
): ResolvedFilingStandard[] {
  parseLocalDate(q.at);
  const urgency = q.urgency ?? 'normal';
  const area = q.areaClass ?? DEFAULT_AREA_CLASS;
  const steps: [FilingMatch, (s: FilingStandard) => boolean][] = [
    ['exact_area', (s) => s.smallClassCode === q.smallClassCode && s.areaClass === area],
    ['default_area', (s) => s.smallClassCode === q.smallClassCode && s.areaClass === DEFAULT_AREA_CLASS],
    ['kind_default', (s) => s.smallClassCode === null && s.areaClass === DEFAULT_AREA_CLASS],
  ];
  const pool = standards.filter(
    (s) =>
      s.kind === q.kind &&
      inForce(s, q.at) &&
      (q.conditionCode === undefined || s.smallClassCode === null || s.conditionCode === q.conditionCode),
  );
  const out: ResolvedFilingStandard[] = [];
  const seen = new Set<FilingStandard>();
  for (const [matchedBy, test] of steps) {
    if (matchedBy === 'default_area' && area === DEFAULT_AREA_CLASS) continue;
    for (const wanted of urgency === 'normal' ? ['normal'] : [urgency, 'normal']) {
      pool
        .filter((s) => test(s) && s.urgency === wanted && !seen.has(s))
        .sort((a, b) => a.conditionCode.localeCompare(b.conditionCode))
        .forEach((s) => {
          seen.add(s);
          out.push({ standard: s, matchedBy });
        });
    }
  }
  return out;
}

/** The standard a case is filed under; `TIMELIMIT.NO_FILING_STANDARD` when nothing applies. */
export function resolveFilingStandard(
  standards: readonly FilingStandard[],
  q: FilingQuery,
): ResolvedFilingStandard {
  const best = filingCandidates(standards, q)[0];
  if (!best) {
    throw new DomainError(
      'TIMELIMIT.NO_FILING_STANDARD',
      `no filing standard in force on ${q.at} for ${q.kind} ${q.smallClassCode}${q.conditionCode ? ` condition ${q.conditionCode}` : ''} and no default for ${q.kind}`,
    );
  }
  return best;
}

/**
 * The limit of a stage for an urgency: the exact row, else the `normal` row, else null (the stage
 * is not timed). `dispose` is never here: it comes from the filing standard.
 */
export function resolveStageLimit(
  stageLimits: readonly StageLimit[],
  stage: CaseStage,
  urgency: UrgencyLevel = 'normal',
): StageLimit | null {
  return (
    stageLimits.find((l) => l.stage === stage && l.urgency === urgency) ??
    stageLimits.find((l) => l.stage === stage && l.urgency === 'normal') ??
    null
  );
}

/** The 处置时限: the last milestone. */
export function disposalLimitOf(standard: Pick<FilingStandardFields, 'disposalLimit'>): LimitSnapshot {
  const last = standard.disposalLimit.milestones[standard.disposalLimit.milestones.length - 1];
  if (!last)
    throw new DomainError(
      'TIMELIMIT.FILING_STANDARD_INVALID',
      'a disposal limit needs at least one milestone',
    );
  return snapshotLimit(last);
}

/** Each milestone's deadline, all counted from the same start (the dispatch). */
export function milestoneDeadlines(
  start: Date,
  limit: DisposalLimit,
  calendar: WorkCalendar,
  settings: TimeLimitSettings = DEFAULT_TIME_LIMIT_SETTINGS,
): { name: string; deadline: string }[] {
  return limit.milestones.map((m) => ({
    name: m.name,
    deadline: addDuration(start, m, calendar, settings).toISOString(),
  }));
}

/** What a case stores when it is filed (spec 03 §8): the limits in force, copied. */
export interface FilingSnapshot {
  filingStandardId: string;
  profileId: string;
  version: number;
  kind: FilingKind;
  smallClassCode: string | null;
  areaClass: string;
  matchedBy: FilingMatch;
  conditionCode: string;
  conditionText: string;
  closeConditionText: string;
  urgency: UrgencyLevel;
  responsibleUnitRule: ResponsibleUnitRule;
  responsibleDepartmentCode: string | null;
  milestones: LimitMilestone[];
  /** The last milestone: the 处置时限. */
  disposalLimit: LimitSnapshot;
  /** Every stage limit for the case's urgency (stages without a limit are absent). */
  stageLimits: Partial<Record<CaseStage, LimitSnapshot>>;
}

/**
 * Copies the resolved standard and the stage limits for the case's urgency, so later edits of the
 * tables never change the case's deadlines. The case's urgency is the query's, not the standard's
 * (an urgent case may fall back to a normal standard).
 */
export function snapshotFiling(
  resolved: ResolvedFilingStandard,
  stageLimits: readonly StageLimit[],
  urgency: UrgencyLevel = 'normal',
): FilingSnapshot {
  const s = resolved.standard;
  const stages: Partial<Record<CaseStage, LimitSnapshot>> = {};
  for (const stage of CASE_STAGES) {
    const limit = resolveStageLimit(stageLimits, stage, urgency);
    if (limit) stages[stage] = snapshotLimit(limit);
  }
  return {
    filingStandardId: s.id,
    profileId: s.profileId,
    version: s.version,
    kind: s.kind,
    smallClassCode: s.smallClassCode,
    areaClass: s.areaClass,
    matchedBy: resolved.matchedBy,
    conditionCode: s.conditionCode,
    conditionText: s.conditionText,
    closeConditionText: s.closeConditionText,
    urgency,
    responsibleUnitRule: s.responsibleUnitRule,
    responsibleDepartmentCode: s.responsibleDepartmentCode,
    milestones: s.disposalLimit.milestones.map((m) => ({ ...m })),
    disposalLimit: disposalLimitOf(s),
    stageLimits: stages,
  };
}

type Problem = { field: string; message: string };

function durationProblems(d: Duration, field: string): Problem[] {
  try {
    assertDuration(d, field);
    basisOf(d);
    return [];
  } catch (err) {
    if (err instanceof DomainError) return err.details ?? [{ field, message: err.message }];
    throw err;
  }
}

/** Checks the fields of a filing standard; every problem is listed (`TIMELIMIT.FILING_STANDARD_INVALID`). */
export function validateFilingStandard(f: FilingStandardFields & { validFrom?: string }): void {
  const bad: Problem[] = [];
  if (!FILING_KINDS.includes(f.kind)) bad.push({ field: 'kind', message: 'component | event' });
  if (f.smallClassCode !== null && !SMALL_CLASS_RE.test(f.smallClassCode))
    bad.push({ field: 'smallClassCode', message: '4 or 5 digits, or null for the kind default' });
  if (f.smallClassCode === null && f.areaClass !== DEFAULT_AREA_CLASS)
    bad.push({ field: 'areaClass', message: `a kind default is for area class ${DEFAULT_AREA_CLASS}` });
  if (!/^[a-z0-9_-]{1,40}$/.test(f.areaClass))
    bad.push({ field: 'areaClass', message: 'lower-case letters, digits, _ or -' });
  if (!f.conditionCode?.trim()) bad.push({ field: 'conditionCode', message: 'required' });
  if (!f.conditionText?.trim()) bad.push({ field: 'conditionText', message: 'required' });
  if (typeof f.closeConditionText !== 'string') bad.push({ field: 'closeConditionText', message: 'text' });
  if (!URGENCY_LEVELS.includes(f.urgency))
    bad.push({ field: 'urgency', message: URGENCY_LEVELS.join(' | ') });
  if (!RESPONSIBLE_UNIT_RULES.includes(f.responsibleUnitRule))
    bad.push({ field: 'responsibleUnitRule', message: RESPONSIBLE_UNIT_RULES.join(' | ') });
  if ((f.responsibleUnitRule === 'fixed_department') !== (f.responsibleDepartmentCode !== null)) {
    bad.push({
      field: 'responsibleDepartmentCode',
      message: 'set exactly when the rule is fixed_department',
    });
  }
  const ms = f.disposalLimit?.milestones;
  if (!Array.isArray(ms) || ms.length === 0)
    bad.push({ field: 'disposalLimit.milestones', message: 'at least one milestone' });
  else {
    ms.forEach((m, i) => {
      if (!m.name?.trim()) bad.push({ field: `disposalLimit.milestones[${i}].name`, message: 'required' });
      bad.push(...durationProblems(m, `disposalLimit.milestones[${i}]`));
      if (m.basis === undefined)
        bad.push({ field: `disposalLimit.milestones[${i}].basis`, message: 'natural | working' });
    });
  }
  if (f.validFrom !== undefined) {
    try {
      parseLocalDate(f.validFrom);
    } catch {
      bad.push({ field: 'validFrom', message: 'YYYY-MM-DD' });
    }
  }
  if (bad.length) {
    throw new DomainError(
      'TIMELIMIT.FILING_STANDARD_INVALID',
      `invalid filing standard: ${bad.map((b) => b.field).join(', ')}`,
      bad,
    );
  }
}

/** Checks a stage-limit list: known stages (not `dispose`), valid durations, one row per stage and urgency. */
export function validateStageLimits(limits: readonly StageLimit[]): void {
  const bad: Problem[] = [];
  const seen = new Set<string>();
  limits.forEach((l, i) => {
    if (!CASE_STAGES.includes(l.stage) || l.stage === 'dispose')
      bad.push({ field: `[${i}].stage`, message: 'a timed stage other than dispose' });
    if (!URGENCY_LEVELS.includes(l.urgency))
      bad.push({ field: `[${i}].urgency`, message: URGENCY_LEVELS.join(' | ') });
    bad.push(...durationProblems(l, `[${i}]`));
    const key = `${l.stage}/${l.urgency}`;
    if (seen.has(key)) bad.push({ field: `[${i}]`, message: `${key} is listed twice` });
    seen.add(key);
  });
  if (bad.length)
    throw new DomainError(
      'TIMELIMIT.STAGE_LIMIT_INVALID',
      `invalid stage limits: ${bad.map((b) => b.field).join(', ')}`,
      bad,
    );
}
