import {
  type Actor,
  type CaseStage,
  type CaseStep,
  type CaseTimingContext,
  DISPOSING_STATES,
  type FilingSnapshot,
  type StageLimit,
} from '@urbangrid/domain';
import type { TimeLimitContext } from '../timelimits/time-limits.service';
import type { CaseRow, FlowRow } from './cases.repository';

/**
 * How a case step becomes rows: the timing context of a case, the columns copied out of the
 * aggregate, and the flow record. The live API, the demo seeder and the history import all
 * write through these, so a case looks the same whichever way it arrived.
 */

/** The limits a case is timed by: those in force until 立案, the ones it was filed under after (spec 03 §8). */
export function timingOf(
  tl: Pick<TimeLimitContext, 'calendar' | 'settings' | 'stageLimits'>,
  urgency: 'normal' | 'urgent',
  filing: FilingSnapshot | null,
): CaseTimingContext {
  const stageLimits: StageLimit[] = filing
    ? Object.entries(filing.stageLimits).map(([stage, l]) => ({ stage: stage as CaseStage, urgency, ...l }))
    : tl.stageLimits;
  return {
    calendar: tl.calendar,
    settings: tl.settings,
    stageLimits,
    urgency,
    disposalLimit: filing ? filing.disposalLimit : null,
  };
}

/** The columns copied out of the aggregate and its clock, for desk filters and overdue counts. */
export function columnsOf(
  step: CaseStep,
): Pick<
  CaseRow,
  | 'state'
  | 'snapshot'
  | 'clock'
  | 'stage'
  | 'stageStartedAt'
  | 'stageDeadline'
  | 'disposalDeadline'
  | 'disposalPaused'
  | 'supervisionCount'
  | 'updatedAt'
  | 'version'
> {
  const t = step.timers;
  const disposing = DISPOSING_STATES.includes(step.next.state) && t.disposal !== null;
  return {
    state: step.next.state,
    snapshot: step.next,
    clock: t,
    stage: t.stage?.stage ?? null,
    stageStartedAt: t.stage ? new Date(t.stage.startedAt) : null,
    stageDeadline: t.stage ? new Date(t.stage.deadline) : null,
    disposalDeadline: disposing && t.disposal ? new Date(t.disposal.deadline) : null,
    disposalPaused: disposing && t.disposal?.pausedAt != null,
    supervisionCount: step.next.openSupervisionCount,
    updatedAt: step.record.at,
    version: step.next.version,
  };
}

/**
 * The flow record of a step. The payload keeps the command's fields and the part of the actor's
 * scope the check used (the case's grid, the sub-unit acted for), so `replayFlow` can re-check it.
 */
export function flowOf(
  step: CaseStep,
  place: { caseId: string; districtCode: string; gridCode: string | null },
  at: Date,
  actor: Actor,
  departmentBefore: string | null,
): FlowRow {
  const r = step.record;
  const { gridCode } = place;
  const scope = {
    gridCodes: gridCode !== null && actor.gridCodes?.includes(gridCode) ? [gridCode] : [],
    subUnitIds:
      departmentBefore !== null && actor.subUnitIds?.includes(departmentBefore) ? [departmentBefore] : [],
  };
  const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
  return {
    caseId: place.caseId,
    districtCode: place.districtCode,
    seq: step.next.version,
    action: r.action,
    fromState: r.fromState,
    toState: r.toState,
    actorId: r.actor.userId,
    actorRole: r.actor.role,
    departmentId: r.departmentId,
    opinion: r.opinion,
    payload: { ...r.payload, ...(r.approval ? { approval: r.approval } : {}), scope },
    attachments: [],
    stage: step.timing.stage,
    stageStartedAt: date(step.timing.stageStartedAt),
    stageDeadline: date(step.timing.stageDeadline),
    stageOnTime: step.timing.stageOnTime,
    disposalDeadline: date(step.timing.disposalDeadline),
    disposalOnTime: step.timing.disposalOnTime,
    occurredAt: at,
  };
}
