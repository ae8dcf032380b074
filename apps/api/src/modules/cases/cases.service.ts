import { Inject, Injectable } from '@nestjs/common';
import type {
  AttachmentDto,
  CaseAction,
  CaseClockView,
  CaseCounts,
  CaseDetail,
  CasePage,
  CaseSummary,
  CreateCaseResponse,
  DispatchSuggestion,
  DuplicateCandidate,
  FlowRecordView,
  RoleCode,
} from '@urbangrid/contracts';
import {
  type Actor,
  allowedActions,
  type CaseCommand,
  type CaseSnapshot,
  type CaseState,
  type CaseTimers,
  type CreateCaseCommand,
  disposalProgress,
  DISPOSING_STATES,
  type FilingSnapshot,
  filingCandidates,
  localDateOf,
  PARK_REASONS,
  parseCoordinateSystem,
  PUBLIC_SOURCES,
  REJECT_REASONS,
  RETURN_REASONS,
  snapshotFiling,
  stageProgress,
  startCase,
  stepCase,
  toStored,
  VOID_REASONS,
} from '@urbangrid/domain';
import { randomUUID } from 'node:crypto';
import { CitizenDataCipher } from '../../common/crypto/citizen-data-cipher';
import { ApiError } from '../../common/errors/api-error';
import {
  bindIdempotentResource,
  committedIdempotentResource,
} from '../../common/idempotency/idempotency.service';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { inDepartmentScope, inDistrict, inGridScope, readsDistrictWide } from '../auth/access-scope';
import { linkAttachments } from '../attachments/attachment-link';
import type { AuthUser } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { GeocodingService } from '../geocoding/geocoding.service';
import { type TimeLimitContext, TimeLimitsService } from '../timelimits/time-limits.service';
import {
  type CaseFilter,
  type CaseRow,
  type CaseScope,
  CasesRepository,
  type ListCursor,
  type StoredCase,
  type StoredFlow,
} from './cases.repository';
import { columnsOf, flowOf, timingOf } from './case-rows';
import type {
  CaseActionDto,
  CreateCaseDto,
  ListCasesQueryDto,
  NearbyCasesQueryDto,
} from './dto/case-requests.dto';

/** Roles that see public reporters' names and phones (spec 08): the centre and leaders. */
const CONTACT_ROLES: readonly RoleCode[] = ['operator', 'shift_leader', 'dispatcher', 'leader'];

/** The states in which a case waits for someone of this role ("my tasks"). */
const WAITING_FOR: Record<RoleCode, readonly CaseState[]> = {
  inspector: ['VERIFYING', 'CHECKING'],
  operator: ['REPORTED', 'VERIFYING', 'FEEDBACK'],
  shift_leader: ['ACCEPTED', 'SELF_AUDIT', 'TO_CLOSE', 'VOID_PENDING', 'EXTENSION_PENDING'],
  dispatcher: ['FILED', 'REWORK', 'RETURN_PENDING', 'PARK_PENDING', 'PARKED'],
  department: ['DISPATCHED', 'PROCESSING'],
  leader: ['EXTENSION_PENDING'],
  admin: [],
};

const DUPLICATE_LIMIT = 10;
const DEFAULT_PAGE = 50;

/**
 * 案卷 the case loop (spec 03): intake from every source, the workflow actions with their time
 * limits, desk lists and the case detail. Rules live in libs/domain (workflow, time limits and
 * the case step that joins them); this service loads, checks scope and stores, one transaction
 * per request.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly repo: CasesRepository,
    private readonly geocoding: GeocodingService,
    private readonly timeLimits: TimeLimitsService,
    private readonly audit: AuditService,
    private readonly cipher: CitizenDataCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Intake (spec 03 §1 stage 1, §5): place resolved, duplicates looked up, number assigned. */
  async create(user: AuthUser, req: CreateCaseDto): Promise<CreateCaseResponse> {
    // A retry whose first attempt committed (and died before answering) gets that case back.
    const committed = committedIdempotentResource();
    if (committed) return { case: await this.detail(user, committed), possibleDuplicates: [] };
    const now = new Date();
    const className = await this.repo.currentClassName(req.kind, req.classCode);
    if (className === null) {
      throw new ApiError('CASE.CLASS_UNKNOWN', `no current ${req.kind} small class ${req.classCode}`, [
        { field: 'classCode', message: 'must be a current small class of the kind' },
      ]);
    }
    const crs = req.crs ?? 'wgs84';
    const [lonIn, latIn] = req.position;
    const place = await this.geocoding.reverse(String(lonIn), String(latIn), crs);
    const regions = place.regions;
    if (!regions) {
      throw new ApiError('CASE.OUTSIDE_GRIDS', 'the position lies in no unit grid of the city', [
        { field: 'position', message: 'must lie inside a unit grid' },
      ]);
    }
    if (!inDistrict(user, regions.district.code)) {
      throw new ApiError(
        'CASE.NOT_ASSIGNED',
        `the position lies in district ${regions.district.code}, outside yours`,
      );
    }
    const [lon, lat] = toStored(lonIn, latIn, parseCoordinateSystem(crs));
    let componentCode: string | null = null;
    if (req.componentCode !== undefined) {
      if ((await this.repo.componentDepartments(req.componentCode)) === null) {
        throw new ApiError('CASE.COMPONENT_UNKNOWN', `no current component ${req.componentCode}`, [
          { field: 'componentCode', message: 'must be the code of a current component' },
        ]);
      }
      componentCode = req.componentCode;
    } else if (req.kind === 'component') {
      componentCode = place.nearestComponent?.code ?? null;
    }

    const caseId = randomUUID();
    const base = {
      caseId,
      kind: req.kind,
      smallClassCode: req.classCode,
      gridCode: regions.grid.code,
      opinion: req.opinion ?? null,
    };
    const command: CreateCaseCommand =
      req.source === 'patrol'
        ? { ...base, type: 'report' }
        : req.source === 'self_disposal'
          ? { ...base, type: 'selfReport' }
          : { ...base, type: 'register', source: req.source, reporterId: user.id };
    const urgency = req.urgency ?? 'normal';
    const tl = await this.timeLimits.loadContext(regions.district.code);
    const step = startCase(command, actorOf(user), now, timingOf(tl, urgency, null));
    const duplicates = await this.repo.nearbyOpen(
      req.kind,
      req.classCode,
      lon,
      lat,
      PUBLIC_SOURCES.includes(req.source)
        ? this.config.cases.duplicateRadiusPublicM
        : this.config.cases.duplicateRadiusPatrolM,
      new Date(now.getTime() - this.config.cases.duplicateWindowHours * 3_600_000),
      DUPLICATE_LIMIT,
    );

    await this.db.transaction(async (tx) => {
      const repo = new CasesRepository(tx);
      const caseNo = await repo.nextCaseNo(Number(localDateOf(this.config.timeZone, now).slice(0, 4)));
      const row: CaseRow = {
        id: caseId,
        caseNo,
        districtCode: regions.district.code,
        streetCode: regions.street.code,
        communityCode: regions.community.code,
        gridCode: regions.grid.code,
        source: req.source,
        kind: req.kind,
        classCode: req.classCode,
        description: req.description,
        address: place.description,
        lon,
        lat,
        positionManual: req.positionManual ?? false,
        componentCode,
        reporterId: user.id,
        publicReporterEnc: req.publicReporter ? this.cipher.encrypt({ ...req.publicReporter }) : null,
        taskInspectorId: step.next.taskInspectorId,
        departmentId: null,
        firstDepartmentId: null,
        duplicateOf: null,
        urgency,
        areaClass: null,
        filingStandard: null,
        reportedAt: now,
        filedAt: null,
        closedAt: step.next.state === 'CLOSED' ? now : null,
        ...columnsOf(step),
      };
      await repo.insertCase(row);
      const attachments = await linkAttachments(tx, user.id, caseId, step.next.version, req.attachmentIds);
      await repo.insertFlows([
        {
          ...flowOf(
            step,
            { caseId: row.id, districtCode: row.districtCode, gridCode: row.gridCode },
            now,
            actorOf(user),
            null,
          ),
          attachments,
        },
      ]);
      await bindIdempotentResource(tx, caseId);
    });
    return { case: await this.detail(user, caseId), possibleDuplicates: duplicates };
  }

  /** One workflow action: scope, version, the domain step, the guarded update and the flow record. */
  async act(user: AuthUser, id: string, action: CaseAction, body: CaseActionDto): Promise<CaseDetail> {
    if (action === 'report' || action === 'register' || action === 'selfReport') {
      throw new ApiError('CASE.UNKNOWN_ACTION', `${action} creates a case: POST /api/v1/cases`);
    }
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const repo = new CasesRepository(tx);
      const stored = await repo.findCase(id);
      if (!stored || !canSee(user, stored)) throw notFoundOrForbidden(stored, id);
      if (stored.version !== body.version) throw versionConflict(stored.version, body.version);

      const tl = await this.timeLimits.loadContext(stored.districtCode);
      let filing = stored.filingStandard as FilingSnapshot | null;
      let urgency = stored.urgency;
      let areaClass = stored.areaClass;
      if (action === 'file') {
        urgency = body.urgency ?? urgency;
        areaClass = body.areaClass ?? areaClass;
        filing = this.fileUnder(tl, stored, urgency, areaClass, now);
      }
      const command = await this.commandOf(repo, stored, action, body);
      const step = stepCase(
        stored.snapshot as CaseSnapshot,
        stored.clock as CaseTimers,
        command,
        actorOf(user),
        now,
        timingOf(tl, urgency, filing),
      );
      const row: CaseRow = {
        ...storedToRow(stored),
        taskInspectorId: step.next.taskInspectorId,
        departmentId: step.next.departmentId,
        firstDepartmentId: step.next.firstDepartmentId,
        duplicateOf:
          body.duplicateOf && ['reject', 'refuseFiling', 'decideVoid'].includes(action)
            ? body.duplicateOf
            : stored.duplicateOf,
        urgency,
        areaClass,
        filingStandard: filing,
        filedAt: action === 'file' ? now : stored.filedAt === null ? null : new Date(stored.filedAt),
        closedAt: step.next.state === 'CLOSED' ? now : null,
        ...columnsOf(step),
      };
      if (!(await repo.updateCase(row, body.version))) throw versionConflict(null, body.version);
      const attachments = await linkAttachments(tx, user.id, id, step.next.version, body.attachmentIds);
      await repo.insertFlows([
        {
          ...flowOf(
            step,
            { caseId: row.id, districtCode: row.districtCode, gridCode: row.gridCode },
            now,
            actorOf(user),
            stored.departmentId,
          ),
          attachments,
        },
      ]);
    });
    return this.detail(user, id);
  }

  async detail(user: AuthUser, id: string): Promise<CaseDetail> {
    const stored = await this.repo.findCase(id);
    if (!stored || !canSee(user, stored)) throw notFoundOrForbidden(stored, id);
    const [flows, tl, audit] = await Promise.all([
      this.repo.timeline(id),
      this.timeLimits.loadContext(stored.districtCode),
      this.audit.caseStatus(id),
    ]);
    const snapshot = stored.snapshot as CaseSnapshot;
    return {
      ...this.summary(stored, tl, new Date()),
      positionManual: stored.positionManual,
      componentCode: stored.componentCode,
      reporterId: stored.reporterId,
      taskInspectorId: stored.taskInspectorId,
      firstDepartmentId: stored.firstDepartmentId,
      duplicateOf: stored.duplicateOf,
      closureType: snapshot.closureType,
      filingStandard: stored.filingStandard as Record<string, unknown> | null,
      pending: snapshot.pending as unknown as Record<string, unknown> | null,
      allowedActions: allowedActions(snapshot, actorOf(user)),
      timeline: flows.map(flowView),
      audit,
      publicReporter:
        CONTACT_ROLES.includes(user.role) && stored.publicReporterEnc !== null
          ? this.cipher.decrypt<{ name?: string; phone?: string }>(stored.publicReporterEnc)
          : null,
    };
  }

  async list(user: AuthUser, q: ListCasesQueryDto): Promise<CasePage> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const now = new Date();
    const rows = await this.repo.list(
      scopeOf(user),
      filterOf(user, q),
      limit + 1,
      decodeCursor(q.cursor),
      now,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const contexts = new Map<string, TimeLimitContext>();
    for (const d of new Set(page.map((r) => r.districtCode)))
      contexts.set(d, await this.timeLimits.loadContext(d));
    return {
      items: page.map((r) => this.summary(r, contexts.get(r.districtCode)!, now)),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ reportedAt: last.reportedAt, id: last.id }) : null,
    };
  }

  async counts(user: AuthUser, q: ListCasesQueryDto): Promise<CaseCounts> {
    const rows = await this.repo.counts(scopeOf(user), filterOf(user, q), new Date());
    const byState: CaseCounts['byState'] = {};
    let total = 0;
    let overdue = 0;
    for (const r of rows) {
      byState[r.state] = r.n;
      total += r.n;
      overdue += r.overdue;
    }
    return { byState, overdue, total };
  }

  /** Open cases of the class near a point, for the inspector app before it reports. */
  async nearby(q: NearbyCasesQueryDto): Promise<DuplicateCandidate[]> {
    const [lon, lat] = toStored(q.lon, q.lat, parseCoordinateSystem(q.crs ?? 'wgs84'));
    return this.repo.nearbyOpen(
      q.kind,
      q.classCode,
      lon,
      lat,
      this.config.cases.duplicateRadiusPatrolM,
      new Date(Date.now() - this.config.cases.duplicateWindowHours * 3_600_000),
      DUPLICATE_LIMIT,
    );
  }

  /**
   * 派遣 target (spec 03 §4): the component's maintainer, owner or competent department as the
   * filing standard's 责任单位 rule says, a fixed department, the most specific dispatch rule for
   * class and place (the city's routing table, which also refines a `territorial` standard), and
   * finally the territorial office (属地兜底).
   */
  async suggestDepartment(id: string): Promise<DispatchSuggestion | null> {
    const c = await this.repo.findCase(id);
    if (!c) throw new ApiError('CASE.NOT_FOUND', `no case ${id}`);
    const filing = c.filingStandard as FilingSnapshot | null;
    const rule = filing?.responsibleUnitRule ?? 'component_maintainer';
    if (c.componentCode && rule !== 'territorial' && rule !== 'fixed_department') {
      const depts = await this.repo.componentDepartments(c.componentCode);
      const order =
        rule === 'component_owner'
          ? (['owner', 'maintainer', 'competent'] as const)
          : rule === 'component_authority'
            ? (['competent', 'owner', 'maintainer'] as const)
            : (['maintainer', 'owner', 'competent'] as const);
      for (const k of order) {
        const d = depts?.[k];
        if (d) {
          const reason =
            k === 'maintainer'
              ? 'component_maintainer'
              : k === 'owner'
                ? 'component_owner'
                : 'component_competent';
          return { departmentId: d.id, departmentName: d.name, reason, detail: `部件 ${c.componentCode}` };
        }
      }
    }
    if (rule === 'fixed_department' && filing?.responsibleDepartmentCode) {
      const d = await this.repo.departmentByCode(filing.responsibleDepartmentCode);
      if (d)
        return {
          departmentId: d.id,
          departmentName: d.name,
          reason: 'rule',
          detail: `立结案标准 ${filing.conditionCode}`,
        };
    }
    {
      const regionCodes = [c.gridCode, c.communityCode, c.streetCode, c.districtCode].filter(
        (x): x is string => x !== null,
      );
      const r = await this.repo.matchDispatchRule(c.districtCode, c.kind, c.classCode, regionCodes);
      if (r) {
        return {
          departmentId: r.id,
          departmentName: r.name,
          reason: 'rule',
          detail: `${r.classPrefix || '*'} @ ${r.regionCode || c.districtCode}`,
        };
      }
    }
    const t = await this.repo.territorialDepartment(c.streetCode, c.districtCode);
    return t
      ? {
          departmentId: t.id,
          departmentName: t.name,
          reason: 'territorial',
          detail: c.streetCode ?? c.districtCode,
        }
      : null;
  }

  private summary(c: StoredCase, tl: TimeLimitContext, now: Date): CaseSummary {
    return {
      id: c.id,
      caseNo: c.caseNo,
      state: c.state,
      source: c.source,
      kind: c.kind,
      classCode: c.classCode,
      className: c.className,
      description: c.description,
      address: c.address,
      position: [c.lon, c.lat],
      districtCode: c.districtCode,
      streetCode: c.streetCode,
      communityCode: c.communityCode,
      gridCode: c.gridCode,
      departmentId: c.departmentId,
      departmentName: c.departmentName,
      urgency: c.urgency,
      reportedAt: c.reportedAt,
      updatedAt: c.updatedAt,
      version: c.version,
      supervisionCount: c.supervisionCount,
      clock: clockView(c, tl, now),
    };
  }

  /** The 立结案标准 the case is filed under, copied with the stage limits for its urgency. */
  private fileUnder(
    tl: TimeLimitContext,
    c: StoredCase,
    urgency: 'normal' | 'urgent',
    areaClass: string | null,
    now: Date,
  ): FilingSnapshot {
    const [best] = filingCandidates(tl.filingStandards, {
      kind: c.kind,
      smallClassCode: c.classCode,
      ...(areaClass ? { areaClass } : {}),
      urgency,
      at: localDateOf(tl.calendar.timeZone, now),
    });
    if (!best) {
      throw new ApiError(
        'TIMELIMIT.NO_FILING_STANDARD',
        `no filing standard in force for ${c.kind} ${c.classCode}`,
      );
    }
    return snapshotFiling(best, tl.stageLimits, urgency);
  }

  /** The domain command of an action, with what the server looks up (task inspector, department). */
  private async commandOf(
    repo: CasesRepository,
    c: StoredCase,
    action: CaseAction,
    b: CaseActionDto,
  ): Promise<CaseCommand> {
    const opinion = b.opinion ?? null;
    const yes = (): boolean => {
      if (b.yes === undefined) throw missing('yes', 'true or false');
      return b.yes;
    };
    const reason = <T extends string>(allowed: readonly T[]): T => {
      if (b.reason === undefined || !(allowed as readonly string[]).includes(b.reason)) {
        throw missing('reason', `one of ${allowed.join(', ')}`);
      }
      return b.reason as T;
    };
    switch (action) {
      case 'sendVerify':
      case 'sendCheck': {
        const inspectorId = c.gridCode ? await repo.gridInspector(c.gridCode) : null;
        return { type: action, inspectorId, opinion };
      }
      case 'answerVerify':
        return { type: action, truthful: yes(), opinion };
      case 'accept':
      case 'acceptTask':
      case 'resume':
      case 'feedback':
      case 'rework':
        return { type: action, opinion };
      case 'file':
        return { type: action, opinion, filingStandardId: null };
      case 'reject':
        return {
          type: action,
          reasonCode: reason(REJECT_REASONS),
          duplicateOf: b.duplicateOf ?? null,
          opinion,
        };
      case 'refuseFiling':
      case 'requestVoid':
        return {
          type: action,
          reasonCode: reason(VOID_REASONS),
          duplicateOf: b.duplicateOf ?? null,
          opinion,
        };
      case 'auditSelfDisposal':
        return { type: action, pass: yes(), opinion };
      case 'dispatch': {
        if (!b.departmentId) throw missing('departmentId', 'the department to dispatch to');
        if (!(await repo.department(b.departmentId))) {
          throw new ApiError('CASE.DEPARTMENT_UNKNOWN', `no department ${b.departmentId}`, [
            { field: 'departmentId', message: 'must be a department id' },
          ]);
        }
        return { type: action, departmentId: b.departmentId, opinion };
      }
      case 'requestReturn':
        return {
          type: action,
          reasonCode: reason(RETURN_REASONS),
          targetDepartmentId: b.departmentId ?? null,
          opinion,
        };
      case 'decideReturn':
      case 'decideExtension':
      case 'decidePark':
      case 'decideVoid':
        return { type: action, approve: yes(), opinion };
      case 'requestExtension':
        if (!b.extension) throw missing('extension', '{ value, unit }');
        return {
          type: action,
          amount: b.extension.value,
          unit: b.extension.unit,
          ...(b.engineering !== undefined ? { engineering: b.engineering } : {}),
          opinion,
        };
      case 'requestPark':
        return {
          type: action,
          reasonCode: reason(PARK_REASONS),
          ...(b.engineering !== undefined ? { engineering: b.engineering } : {}),
          opinion,
        };
      case 'answerCheck':
        return { type: action, done: yes(), opinion };
      case 'close':
        return {
          type: action,
          ...(b.closureType && b.closureType !== 'self_disposal' ? { closureType: b.closureType } : {}),
          opinion,
        };
      case 'supervise':
      case 'replySupervision':
        if (!b.opinion?.trim()) throw missing('opinion', 'the notice or reply text');
        return { type: action, opinion: b.opinion };
      case 'report':
      case 'register':
      case 'selfReport':
        throw new ApiError('CASE.UNKNOWN_ACTION', `${action} creates a case`);
    }
  }
}

// --- mapping helpers ----------------------------------------------------------------------------

function actorOf(user: AuthUser): Actor {
  return {
    userId: user.id,
    role: user.role,
    departmentId: user.departmentId,
    gridCodes: user.gridCodes,
    subUnitIds: user.departmentIds.filter((d) => d !== user.departmentId),
  };
}

function storedToRow(c: StoredCase): CaseRow {
  const d = (v: string | null): Date | null => (v === null ? null : new Date(v));
  return {
    ...c,
    stageStartedAt: d(c.stageStartedAt),
    stageDeadline: d(c.stageDeadline),
    disposalDeadline: d(c.disposalDeadline),
    reportedAt: new Date(c.reportedAt),
    filedAt: d(c.filedAt),
    closedAt: d(c.closedAt),
    updatedAt: new Date(c.updatedAt),
  };
}

function clockView(c: StoredCase, tl: TimeLimitContext, now: Date): CaseClockView {
  const timers = c.clock as CaseTimers;
  const stage = stageProgress(timers, now, tl.calendar, tl.settings);
  const disposing = DISPOSING_STATES.includes(c.state);
  const disposal = disposing ? disposalProgress(timers, now, tl.calendar, tl.settings) : null;
  return {
    stage: timers.stage?.stage ?? null,
    stageDeadline: timers.stage?.deadline ?? null,
    stageColour: stage?.colour ?? null,
    disposalDeadline: disposing ? (timers.disposal?.deadline ?? null) : null,
    disposalPaused: disposing && timers.disposal?.pausedAt != null,
    disposalRemainingMinutes: disposal ? Math.round(disposal.remaining) : null,
    disposalColour: disposal?.colour ?? null,
  };
}

function flowView(f: StoredFlow): FlowRecordView {
  const payload = { ...f.payload };
  delete payload.scope;
  return {
    seq: f.seq,
    action: f.action as CaseAction,
    fromState: f.fromState,
    toState: f.toState,
    actor: { id: f.actorId, name: f.actorName, role: f.actorRole as RoleCode },
    department: f.departmentId ? { id: f.departmentId, name: f.departmentName ?? '' } : null,
    opinion: f.opinion,
    payload,
    occurredAt: f.occurredAt,
    stage: f.stage,
    stageDeadline: f.stageDeadline,
    stageOnTime: f.stageOnTime,
    disposalDeadline: f.disposalDeadline,
    disposalOnTime: f.disposalOnTime,
    attachments: f.attachments as AttachmentDto[],
  };
}

/**
 * Who sees a case (issue 4 item 1): centre roles and leaders every case of their district; a
 * department its own and its sub-units' cases; an inspector its reports, its tasks and its grids.
 */
export function canSee(user: AuthUser, c: StoredCase): boolean {
  if (!inDistrict(user, c.districtCode)) return false;
  if (readsDistrictWide(user)) return true;
  if (user.role === 'department') return inDepartmentScope(user, c.departmentId);
  if (user.role === 'inspector')
    return c.reporterId === user.id || c.taskInspectorId === user.id || inGridScope(user, c.gridCode);
  return false;
}

/** The list scope of a caller (also used by notifications). */
export function scopeOf(user: AuthUser): CaseScope {
  if (user.role === 'department')
    return { kind: 'departments', districtCode: user.districtCode, departmentIds: user.departmentIds };
  if (user.role === 'inspector')
    return { kind: 'inspector', districtCode: user.districtCode, userId: user.id, gridCodes: user.gridCodes };
  return { kind: 'district', districtCode: user.districtCode };
}

function filterOf(user: AuthUser, q: ListCasesQueryDto): CaseFilter {
  return {
    ...(q.state ? { states: q.state } : {}),
    ...(q.classCode ? { classCode: q.classCode } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.departmentId ? { departmentId: q.departmentId } : {}),
    ...(q.regionCode ? { regionCode: q.regionCode } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
    ...(q.open ? { openOnly: true } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.mine
      ? {
          waitingStates: [...WAITING_FOR[user.role]],
          ...(user.role === 'inspector' ? { taskInspectorId: user.id } : {}),
        }
      : {}),
  };
}

function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.reportedAt, c.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): ListCursor | null {
  if (!cursor) return null;
  try {
    const [reportedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof reportedAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(reportedAt)) &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return { reportedAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('REQUEST.VALIDATION_FAILED', 'cursor is malformed', [
    { field: 'cursor', message: 'use the nextCursor of a page' },
  ]);
}

function notFoundOrForbidden(stored: StoredCase | null, id: string): ApiError {
  return stored
    ? new ApiError('CASE.NOT_ASSIGNED', 'this case is outside your department, grids or reports')
    : new ApiError('CASE.NOT_FOUND', `no case ${id}`);
}

function versionConflict(current: number | null, sent: number): ApiError {
  return new ApiError(
    'CASE.VERSION_CONFLICT',
    current === null
      ? `the case changed while this action ran (you sent version ${sent}); reload it`
      : `the case is at version ${current}, you sent ${sent}; reload it`,
  );
}

function missing(field: string, what: string): ApiError {
  return new ApiError('CASE.PAYLOAD_INVALID', `${field} is required: ${what}`, [
    { field, message: `required: ${what}` },
  ]);
}
