import type { DemoCaseScript, DemoCaseStep, DemoCityDataset } from '@urbangrid/contracts';
import {
  type Actor,
  type CaseAction,
  type CaseCommand,
  type CaseRole,
  type CaseSnapshot,
  type CaseStep,
  type CaseTimers,
  type CreateCaseCommand,
  type FilingSnapshot,
  filingCandidates,
  localDateOf,
  NEW_CASE_TIMERS,
  resolveSettings,
  rolesAllowed,
  snapshotFiling,
  startCase,
  stepCase,
  type WorkCalendar,
  zoneOffsetMinutes,
} from '@urbangrid/domain';
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../../database/database';
import { columnsOf, flowOf, timingOf } from '../cases/case-rows';
import type { CaseRow, FlowRow } from '../cases/cases.repository';
import type { TimeLimitContext } from '../timelimits/time-limits.service';
import { CITY_SCOPE, DEFAULT_CALENDAR_CODE } from '../timelimits/time-limits-seed';
import { TimeLimitsRepository } from '../timelimits/time-limits.repository';
import { DemoCasesRepository, type DemoPlaceRow } from './demo-cases.repository';

/**
 * 演示案卷: replays the demo dataset's year of case scripts (contracts `DemoCaseScript`, made by
 * tools/demo-city/src/cases.ts) through `startCase` / `stepCase` with the seeded time limits and
 * the real demo users, and writes case rows and flow records as the cases service does
 * (cases/case-rows.ts: `columnsOf`, `flowOf`, `timingOf`; the filing snapshot at 立案). A step the
 * machine refuses is a generator bug: the seed fails naming the script.
 */

export interface DemoCasesResult {
  cases: number;
  flows: number;
}

const CASE_BATCH = 1_000;
const FLOW_BATCH = 5_000;

export interface Ids {
  actor(username: string): Actor;
  implied(action: CaseAction, gridCode: string): string;
  gridInspector(gridCode: string): string;
  userId(username: string): string;
  departmentId(code: string): string;
}

export async function seedDemoCases(tx: SqlRunner, dataset: DemoCityDataset): Promise<DemoCasesResult> {
  const scripts = dataset.cases ?? [];
  if (scripts.length === 0) return { cases: 0, flows: 0 };
  const repo = new DemoCasesRepository(tx);
  const loaded = await loadTimeLimits(tx, dataset.city.districtCode);
  const times = scripts.map((s) => Date.parse(s.at));
  const tl = {
    ...loaded,
    calendar: withFixedOffset(loaded.calendar, Math.min(...times), Math.max(...times)),
  };
  const ids = await loadIds(repo);
  const classNames = new Map((await repo.currentClassNames()).map((c) => [`${c.kind}:${c.code}`, c.name]));
  // A database without class tables (a bare benchmark or test city) gets the city without cases.
  if (classNames.size === 0) return { cases: 0, flows: 0 };
  const places = await repo.locate(scripts.map((s) => [s.position[0], s.position[1]] as const));

  const cases: CaseRow[] = [];
  const flows: FlowRow[] = [];
  const lastNo = new Map<number, number>();
  scripts.forEach((script, k) => {
    const place = places[k];
    if (!place?.gridCode || !place.districtCode) {
      throw new Error(`demo case script ${k}: position ${script.position.join(',')} lies in no unit grid`);
    }
    const description = classNames.get(`${script.kind}:${script.classCode}`);
    if (!description)
      throw new Error(`demo case script ${k}: no current ${script.kind} class ${script.classCode}`);
    const reportedAt = new Date(script.at);
    const year = Number(localDateOf(tl.calendar.timeZone, reportedAt).slice(0, 4));
    const n = (lastNo.get(year) ?? 0) + 1;
    lastNo.set(year, n);
    try {
      const replayed = replayScript(script, ids, tl, place.gridCode, reportedAt);
      const row = caseRowOf(script, place, replayed, `${year}${String(n).padStart(8, '0')}`, description);
      cases.push(row);
      for (const f of replayed.flows) flows.push({ ...f, caseId: row.id, districtCode: row.districtCode });
    } catch (e) {
      throw new Error(`demo case script ${k} (${script.at}, ${script.source}): ${(e as Error).message}`);
    }
  });

  await writeCaseHistory(repo, cases, flows);
  for (const [year, last] of lastNo) await repo.setCaseNumberSequence(year, last);
  return { cases: cases.length, flows: flows.length };
}

/**
 * Writes replayed cases and their flow records in batches, then appends the audit chain in the
 * order things happened, as live actions would have appended it. Shared with the history import
 * (modules/history-import), which replays an old system's cases the same way.
 */
export async function writeCaseHistory(
  repo: DemoCasesRepository,
  cases: CaseRow[],
  flows: FlowRow[],
): Promise<void> {
  for (let i = 0; i < cases.length; i += CASE_BATCH) await repo.insertCases(cases.slice(i, i + CASE_BATCH));
  for (let i = 0; i < flows.length; i += FLOW_BATCH) await repo.insertFlows(flows.slice(i, i + FLOW_BATCH));
  const timeline = [...flows].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() || a.caseId.localeCompare(b.caseId) || a.seq - b.seq,
  );
  await repo.appendAudit(timeline, FLOW_BATCH);
}

/** The case row of a replayed script, as the cases service would have stored it. */
export function caseRowOf(
  script: DemoCaseScript,
  place: DemoPlaceRow,
  replayed: Replayed,
  caseNo: string,
  description: string,
): CaseRow {
  return {
    id: replayed.caseId,
    caseNo,
    districtCode: place.districtCode!,
    streetCode: place.streetCode,
    communityCode: place.communityCode,
    gridCode: place.gridCode!,
    source: script.source,
    kind: script.kind,
    classCode: script.classCode,
    description,
    address: place.address,
    lon: script.position[0],
    lat: script.position[1],
    positionManual: false,
    componentCode: script.componentCode ?? null,
    reporterId: replayed.reporterId,
    publicReporterEnc: null,
    taskInspectorId: replayed.last.next.taskInspectorId,
    departmentId: replayed.last.next.departmentId,
    firstDepartmentId: replayed.last.next.firstDepartmentId,
    duplicateOf: null,
    urgency: script.urgent ? 'urgent' : 'normal',
    areaClass: null,
    filingStandard: replayed.filing,
    reportedAt: new Date(script.at),
    filedAt: replayed.filedAt,
    closedAt: replayed.last.next.state === 'CLOSED' ? replayed.last.record.at : null,
    ...columnsOf(replayed.last),
  };
}

/**
 * The calendar with its zone written as the fixed offset it has all through the demo year and
 * the months after (Asia/Shanghai: +08:00, no daylight saving since 1991). The instants are the
 * same; the deadline arithmetic then skips an Intl lookup per probe, which is most of the replay
 * time. A zone whose offset changes in that span is kept as it is.
 */
export function withFixedOffset(calendar: WorkCalendar, from: number, to: number): WorkCalendar {
  const day = 86_400_000;
  const offset = zoneOffsetMinutes(calendar.timeZone, from);
  for (let t = from - 31 * day; t <= to + 400 * day; t += day / 2) {
    if (zoneOffsetMinutes(calendar.timeZone, t) !== offset) return calendar;
  }
  const abs = Math.abs(offset);
  const fixed = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { ...calendar, timeZone: fixed };
}

/** The district's time-limit context, read as `TimeLimitsService.loadContext` reads it. */
export async function loadTimeLimits(tx: SqlRunner, districtCode: string): Promise<TimeLimitContext> {
  const repo = new TimeLimitsRepository(tx);
  const settings = (await repo.findSettings(districtCode)) ?? (await repo.findSettings(CITY_SCOPE));
  const calendarRow =
    (await repo.findCalendar({ districtCode })) ?? (await repo.findCalendar({ code: DEFAULT_CALENDAR_CODE }));
  if (!settings || !calendarRow) {
    throw new Error('demo cases need the time-limit tables seeded first (seedTimeLimitsIfEmpty)');
  }
  return {
    calendar: {
      code: calendarRow.code,
      name: calendarRow.name,
      timeZone: calendarRow.timeZone,
      windows: calendarRow.windows,
      weekdays: calendarRow.weekdays,
      days: await repo.listDays(calendarRow.id),
    },
    settings: resolveSettings({
      yellowThreshold: settings.yellowThreshold,
      workingDayMode: settings.workingDayMode,
      workingDayMinutes: settings.workingDayMinutes,
      reworkClock: settings.reworkClock,
      returnClock: settings.returnClock,
      resumeClock: settings.resumeClock,
      clockRunsWhilePending: settings.clockRunsWhilePending,
    }),
    filingProfileId: settings.filingProfileId,
    stageLimits: await repo.listStageLimits(),
    filingStandards: await repo.listFilingStandards({
      profileId: settings.filingProfileId,
      includeRetired: true,
    }),
  };
}

/** Users, departments and responsibility grids, resolved once (the API's `AuthUser` → `Actor`). */
export async function loadIds(repo: DemoCasesRepository): Promise<Ids> {
  const users = await repo.users();
  const departments = await repo.departments();
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const deptByCode = new Map(departments.map((d) => [d.code, d.id]));
  const childrenOf = new Map<string, string[]>();
  for (const d of departments) {
    if (d.parentId) childrenOf.set(d.parentId, [...(childrenOf.get(d.parentId) ?? []), d.id]);
  }
  const subtree = (id: string): string[] =>
    (childrenOf.get(id) ?? []).flatMap((child) => [child, ...subtree(child)]);
  const gridsOf = new Map<string, string[]>();
  const inspectorOf = new Map<string, string>();
  // Ordered by username: a grid's inspector is the first one, as `CasesRepository.gridInspector`.
  for (const g of await repo.inspectorGrids()) {
    gridsOf.set(g.username, [...(gridsOf.get(g.username) ?? []), g.gridCode]);
    if (!inspectorOf.has(g.gridCode)) inspectorOf.set(g.gridCode, g.username);
  }
  const onlyUserOf = new Map<CaseRole, string | null>();
  for (const u of users) {
    const role = u.role as CaseRole;
    onlyUserOf.set(role, onlyUserOf.has(role) ? null : u.username);
  }
  const user = (username: string) => {
    const u = byUsername.get(username);
    if (!u) throw new Error(`no active demo user ${username}`);
    return u;
  };
  const gridInspector = (gridCode: string): string => {
    const u = inspectorOf.get(gridCode);
    if (!u) throw new Error(`no inspector is responsible for grid ${gridCode}`);
    return u;
  };
  return {
    actor(username) {
      const u = user(username);
      return {
        userId: u.id,
        role: u.role as CaseRole,
        departmentId: u.departmentId,
        gridCodes: gridsOf.get(username) ?? [],
        subUnitIds: u.departmentId ? subtree(u.departmentId) : [],
      };
    },
    implied(action, gridCode) {
      const roles = rolesAllowed(action);
      const [role] = roles;
      if (roles.length !== 1 || !role) throw new Error(`${action} needs its actor`);
      if (role === 'inspector') return gridInspector(gridCode);
      const only = onlyUserOf.get(role);
      if (!only) throw new Error(`${action} needs its actor: the ${role} role has no single user`);
      return only;
    },
    gridInspector,
    userId: (username) => user(username).id,
    departmentId(code) {
      const id = deptByCode.get(code);
      if (!id) throw new Error(`no department ${code}`);
      return id;
    },
  };
}

export interface Replayed {
  caseId: string;
  reporterId: string;
  last: CaseStep;
  filing: FilingSnapshot | null;
  filedAt: Date | null;
  flows: FlowRow[];
}

/** One script through the machine, step by step, as the cases service would have stored it. */
export function replayScript(
  script: DemoCaseScript,
  ids: Ids,
  tl: TimeLimitContext,
  gridCode: string,
  reportedAt: Date,
): Replayed {
  const caseId = randomUUID();
  const urgency = script.urgent ? 'urgent' : 'normal';
  let at = reportedAt;
  let snapshot: CaseSnapshot | null = null;
  let timers: CaseTimers = { ...NEW_CASE_TIMERS };
  let filing: FilingSnapshot | null = null;
  let filedAt: Date | null = null;
  let reporterId = '';
  let last: CaseStep | null = null;
  const flows: Replayed['flows'] = [];
  for (const [i, step] of script.steps.entries()) {
    at = new Date(at.getTime() + Math.round(step[1] * 60_000));
    const username = typeof step[2] === 'string' ? step[2] : ids.implied(step[0], gridCode);
    const actor = ids.actor(username);
    const departmentBefore: string | null = snapshot?.departmentId ?? null;
    let result: CaseStep;
    try {
      if (snapshot === null) {
        reporterId = actor.userId;
        result = startCase(
          createCommandOf(script, step, caseId, gridCode, actor.userId),
          actor,
          at,
          timingOf(tl, urgency, null),
        );
      } else {
        if (step[0] === 'file') {
          const [best] = filingCandidates(tl.filingStandards, {
            kind: script.kind,
            smallClassCode: script.classCode,
            urgency,
            at: localDateOf(tl.calendar.timeZone, at),
          });
          if (!best) throw new Error(`no filing standard for ${script.kind} ${script.classCode}`);
          filing = snapshotFiling(best, tl.stageLimits, urgency);
          filedAt = at;
        }
        result = stepCase(
          snapshot,
          timers,
          commandOf(step, ids, gridCode),
          actor,
          at,
          timingOf(tl, urgency, filing),
        );
      }
    } catch (e) {
      throw new Error(`step ${i} (${step[0]}): ${(e as Error).message}`);
    }
    // A grid code starts with its district's 6-digit code.
    flows.push(
      flowOf(result, { caseId, districtCode: gridCode.slice(0, 6), gridCode }, at, actor, departmentBefore),
    );
    snapshot = result.next;
    timers = result.timers;
    last = result;
  }
  if (!last) throw new Error('a script without steps');
  return { caseId, reporterId, last, filing, filedAt, flows };
}

function createCommandOf(
  script: DemoCaseScript,
  step: DemoCaseStep,
  caseId: string,
  gridCode: string,
  reporterId: string,
): CreateCaseCommand {
  const base = { caseId, kind: script.kind, smallClassCode: script.classCode, gridCode };
  if (step[0] === 'report') return { ...base, type: 'report' };
  if (step[0] === 'selfReport') return { ...base, type: 'selfReport' };
  if (step[0] === 'register') return { ...base, type: 'register', source: script.source, reporterId };
  throw new Error(`the first step must create the case, not ${step[0]}`);
}

/** The command of a script step (the mapping of tools/demo-city/src/case-script-runner.ts). */
function commandOf(step: DemoCaseStep, ids: Ids, gridCode: string): CaseCommand {
  const [action, , , arg] = step;
  const text = (): string => {
    if (typeof arg !== 'string') throw new Error(`${action} needs a text argument`);
    return arg;
  };
  const yes = (): boolean => {
    if (typeof arg !== 'boolean') throw new Error(`${action} needs a yes / no argument`);
    return arg;
  };
  // Reason codes and closure types are checked by the machine's payload guards.
  switch (action) {
    case 'sendVerify':
    case 'sendCheck':
      return {
        type: action,
        inspectorId: ids.userId(arg === undefined ? ids.gridInspector(gridCode) : text()),
      };
    case 'answerVerify':
      return { type: action, truthful: yes() };
    case 'answerCheck':
      return { type: action, done: yes() };
    case 'auditSelfDisposal':
      return { type: action, pass: yes() };
    case 'decideReturn':
    case 'decideExtension':
    case 'decidePark':
    case 'decideVoid':
      return { type: action, approve: yes() };
    case 'accept':
    case 'acceptTask':
    case 'resume':
    case 'feedback':
    case 'rework':
      return { type: action };
    case 'file':
      return { type: action, filingStandardId: null };
    case 'close':
      return arg === undefined ? { type: action } : ({ type: action, closureType: text() } as CaseCommand);
    case 'reject':
    case 'refuseFiling':
    case 'requestVoid':
      return { type: action, reasonCode: text(), duplicateOf: null } as CaseCommand;
    case 'requestReturn':
      return { type: action, reasonCode: text(), targetDepartmentId: null } as CaseCommand;
    case 'requestPark':
      return { type: action, reasonCode: text() } as CaseCommand;
    case 'requestExtension':
      if (typeof arg !== 'number') throw new Error('requestExtension needs the amount in working days');
      return { type: action, amount: arg, unit: 'working_day' };
    case 'dispatch':
      return { type: action, departmentId: ids.departmentId(text()) };
    case 'supervise':
    case 'replySupervision':
      return { type: action, opinion: text() };
    case 'report':
    case 'register':
    case 'selfReport':
      throw new Error(`${action} creates a case: only the first step may`);
  }
}
