import type {
  CaseSource,
  DemoCaseScript,
  DemoCaseStep,
  DemoComponent,
  DemoDepartment,
  DemoDispatchRule,
  DemoRegion,
  DemoUser,
  Position,
} from '@urbangrid/contracts';
import {
  type Actor,
  CASE_ACTIONS,
  type CaseAction,
  type CaseState,
  filingCandidates,
  formatLocalDate,
  isWorkingDate,
  localDateOf,
  parseClock,
  parseLocalDate,
  rolesAllowed,
  type WorkCalendar,
} from '@urbangrid/domain';
import {
  type CaseLimits,
  impliedActor,
  ScriptRunner,
  type ScriptResolver,
  seededCaseLimits,
} from './case-script-runner';
import { streetOfficeHandler } from './organization';
import { Rng } from './random';

/**
 * A year of demo 案卷 (spec 03) before a fixed reference date, as scripts of workflow steps:
 * realistic sources, classes, places and timings (busy mornings, quiet weekends and holidays,
 * departments at work in working time), with the paths a city sees: rejections, 不予立案,
 * misroutes returned and re-dispatched, 延期, 挂账, 作废, overdue disposals, failed checks and
 * 返工, 督办 with replies, and open cases in every state in the last weeks. Every step is run
 * through libs/domain while generating (ScriptRunner), so each script replays without error.
 */

/** Local (Asia/Shanghai) midnight starting this date ends the demo year; fixed so output is reproducible. */
export const DEMO_CASES_REFERENCE_DATE = '2026-11-01';
/** Cases at scale 1; the count follows the scale up to `DEMO_CASES_MAX_SCALE`. */
export const DEMO_CASES_PER_SCALE = 12_000;
/** Beyond this scale the count stays (24,000 cases, about 8 MB of JSON): big cities are for benchmarks of the map. */
export const DEMO_CASES_MAX_SCALE = 2;
const DAYS = 365;
const MINUTE = 60_000;
/** Asia/Shanghai has no daylight saving: local wall time is UTC + 8 h all year. */
const LOCAL_OFFSET_MIN = 8 * 60;

export function referenceInstant(date = DEMO_CASES_REFERENCE_DATE): Date {
  return new Date(parseLocalDate(date) * 86_400_000 - LOCAL_OFFSET_MIN * MINUTE);
}

export interface DemoCasesInput {
  regions: readonly DemoRegion[];
  components: readonly DemoComponent[];
  departments: readonly DemoDepartment[];
  users: readonly DemoUser[];
  dispatchRules: readonly DemoDispatchRule[];
}

// --- mixes ----------------------------------------------------------------------------------

/** Source mix (spec 04 §4): patrol most, hotlines next. Weights in per cent. */
export const SOURCE_MIX: readonly [CaseSource, number][] = [
  ['patrol', 70],
  ['self_disposal', 5],
  ['hotline_12345', 10],
  ['hotline_12319', 3],
  ['public_web', 5],
  ['video', 4],
  ['leader', 1],
  ['media', 0.5],
  ['sensor', 1.5],
];

/** Common 事件 small classes weigh most (national class table, event-classes.csv). */
const EVENT_CLASSES: readonly [string, number][] = [
  ['0102', 20], // 暴露垃圾
  ['0201', 15], // 非法小广告
  ['0504', 12], // 店外经营
  ['0104', 10], // 道路不洁
  ['0507', 6], // 乱堆物堆料
  ['0506', 6], // 非机动车乱停放
  ['0103', 4], // 积存垃圾渣土
  ['0501', 4], // 无照经营游商
  ['0505', 3], // 机动车乱停放
  ['0106', 3], // 绿地脏乱
  ['0110', 3], // 道路破损
  ['0511', 3], // 沿街晾挂
  ['0202', 2], // 违章张贴悬挂广告牌匾
  ['0203', 2], // 占道广告牌
  ['0112', 2], // 道路遗撒
  ['0404', 2], // 下水道堵塞或破损
  ['0302', 1.5], // 工地扬尘
  ['0510', 1.5], // 露天烧烤
  ['0101', 1], // 私搭乱建
  ['0107', 1], // 废弃车辆
  ['0108', 1], // 废弃家具设备
  ['0116', 1], // 油烟污染
  ['0304', 1], // 施工占道
  ['0406', 1], // 道路积水
  ['0199', 1], // 其他市容环境问题
];

/** 部件 classes of the demo components: covers and lamps most (components.ts). */
const COMPONENT_CLASSES: readonly [string, number][] = [
  ['0118', 16], // 路灯
  ['0103', 12], // 雨水井盖
  ['0102', 10], // 污水井盖
  ['0101', 7], // 上水井盖
  ['0105', 4], // 电力井盖
  ['0107', 4], // 通讯井盖
  ['0111', 3], // 燃气井盖
  ['0104', 6], // 雨水箅子
  ['0305', 10], // 垃圾箱
  ['0402', 8], // 行道树
  ['0209', 4], // 交通标志牌
  ['0210', 3], // 交通信号灯
  ['0203', 3], // 公交站亭
  ['0113', 3], // 消防设施
  ['0116', 2], // 电力设施
  ['0115', 2], // 通讯交接箱
  ['0301', 2], // 公共厕所
];

const COVER_CLASSES = new Set(['0101', '0102', '0103', '0105', '0107', '0111']);

/** Share of component cases per source (sensors watch covers, video watches streets). */
const COMPONENT_SHARE: Partial<Record<CaseSource, number>> = {
  patrol: 0.27,
  self_disposal: 0.15,
  hotline_12345: 0.2,
  hotline_12319: 0.25,
  public_web: 0.15,
  video: 0.1,
  leader: 0.1,
  media: 0.1,
  sensor: 1,
};

/** Probabilities of the paths (per case reaching the point where they can happen). */
const P = {
  rejectPatrol: 0.025,
  rejectOther: 0.03,
  truthful: 0.82,
  selfAuditPass: 0.92,
  refuseFiling: 0.03,
  misroute: 0.05,
  returnDenied: 0.1,
  territorialEvent: 0.25,
  extension: 0.04,
  extensionApproved: 0.85,
  secondExtension: 0.12,
  park: 0.02,
  parkApproved: 0.9,
  resume: 0.65,
  voidInProcess: 0.008,
  overdue: 0.1,
  supervise: 0.035,
  reply: 0.85,
  checkFail: 0.06,
  reworkAtClose: 0.008,
  urgentCover: 0.3,
  urgentOther: 0.02,
  /** Cases of the last weeks that stall somewhere (open on the desks at the reference date). */
  stall: 0.6,
} as const;
const STALL_DAYS = 21;
/** A stalling case stops at each step with this chance, so open cases spread over every state. */
const STALL_PER_STEP = 0.16;

// --- places ---------------------------------------------------------------------------------

interface GridRef {
  code: string;
  street: string;
  ring: Position[];
  bbox: [number, number, number, number];
  weight: number;
}

function ringOf(r: DemoRegion): Position[] {
  const g = r.geometry;
  if (g.type === 'Polygon') return g.coordinates[0] ?? [];
  if (g.type === 'MultiPolygon') return g.coordinates[0]?.[0] ?? [];
  return [];
}

/** Even-odd test against the outer ring (demo grids have no holes). */
function inRing(ring: readonly Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Unit grids with a bbox bucket index, for the grid of a component's point. */
class GridIndex {
  private readonly cells = new Map<string, GridRef[]>();
  private static readonly CELL = 0.002;
  constructor(readonly grids: readonly GridRef[]) {
    for (const g of grids) {
      for (const key of this.keys(g.bbox)) {
        const list = this.cells.get(key) ?? [];
        list.push(g);
        this.cells.set(key, list);
      }
    }
  }
  private keys([x0, y0, x1, y1]: readonly number[]): string[] {
    const c = GridIndex.CELL;
    const out: string[] = [];
    for (let i = Math.floor(x0 / c); i <= Math.floor(x1 / c); i++)
      for (let j = Math.floor(y0 / c); j <= Math.floor(y1 / c); j++) out.push(`${i}:${j}`);
    return out;
  }
  /** The grid holding the point; the lowest code when two claim it (as the database answers). */
  find(p: Position): GridRef | null {
    const c = GridIndex.CELL;
    const hits = (this.cells.get(`${Math.floor(p[0] / c)}:${Math.floor(p[1] / c)}`) ?? []).filter((g) =>
      inRing(g.ring, p),
    );
    hits.sort((a, b) => a.code.localeCompare(b.code));
    return hits[0] ?? null;
  }
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** A point well inside the grid (re-checked after rounding, so the database finds the same grid). */
function pointIn(g: GridRef, index: GridIndex, rng: Rng): Position {
  const [x0, y0, x1, y1] = g.bbox;
  for (let k = 0; k < 200; k++) {
    const p: Position = [round6(rng.range(x0, x1)), round6(rng.range(y0, y1))];
    if (index.find(p)?.code === g.code) return p;
  }
  throw new Error(`no point found inside grid ${g.code}`);
}

// --- people and departments -----------------------------------------------------------------

interface World {
  limits: CaseLimits;
  resolver: ScriptResolver;
  inspectorOfStreet: Map<string, string>;
  /** Handler username of a department (sub-units are handled by their parent's handler). */
  handlerOf: (deptCode: string) => string;
  professional: string[];
  rules: readonly DemoDispatchRule[];
  /** Actions whose actor a script leaves out, with the user meant. */
  implied: Map<CaseAction, string>;
}

function buildWorld(input: DemoCasesInput, limits: CaseLimits): World {
  const streets = input.regions.filter((r) => r.level === 'street').map((r) => r.code);
  const grids = input.regions.filter((r) => r.level === 'grid').map((r) => r.code);
  const inspectors = input.users.filter((u) => u.role === 'inspector');
  // Same assignment as the API seeder (demoInspectorGrids): the k-th inspector has the k-th street.
  const inspectorOfStreet = new Map<string, string>();
  const gridsOf = new Map<string, string[]>();
  streets.forEach((s, k) => {
    const u = inspectors[k];
    if (!u) return;
    inspectorOfStreet.set(s, u.username);
    gridsOf.set(
      u.username,
      grids.filter((g) => g.startsWith(s)),
    );
  });
  const parent = new Map(input.departments.map((d) => [d.code, d.parentCode]));
  const children = (code: string): string[] =>
    input.departments.filter((d) => d.parentCode === code).map((d) => d.code);
  const handlers = new Map<string, string>();
  for (const u of input.users)
    if (u.role === 'department' && u.departmentCode) handlers.set(u.departmentCode, u.username);
  const handlerOf = (deptCode: string): string => {
    const own = handlers.get(deptCode);
    if (own) return own;
    const up = parent.get(deptCode);
    const viaParent = up ? handlers.get(up) : undefined;
    if (viaParent) return viaParent;
    if (deptCode.startsWith('JD-')) return streetOfficeHandler(deptCode.slice(3));
    throw new Error(`no handler for department ${deptCode}`);
  };
  const byName = new Map(input.users.map((u) => [u.username, u]));
  const implied = new Map<CaseAction, string>();
  for (const action of CASE_ACTIONS) {
    const u = impliedActor(action, input.users);
    if (u) implied.set(action, u);
  }
  const resolver: ScriptResolver = {
    actor(username: string): Actor {
      const u = byName.get(username);
      if (!u) throw new Error(`unknown demo user ${username}`);
      return {
        userId: u.username,
        role: u.role,
        departmentId: u.departmentCode,
        gridCodes: gridsOf.get(u.username) ?? [],
        subUnitIds: u.departmentCode ? children(u.departmentCode) : [],
      };
    },
    implied(action: CaseAction): string {
      const u = implied.get(action);
      if (!u) throw new Error(`the action ${action} needs its actor`);
      return u;
    },
    gridInspector(gridCode: string): string {
      const u = inspectorOfStreet.get(gridCode.slice(0, 9));
      if (!u) throw new Error(`no inspector for grid ${gridCode}`);
      return u;
    },
    userId: (username) => username,
    departmentId: (code) => code,
  };
  return {
    limits,
    resolver,
    inspectorOfStreet,
    handlerOf,
    professional: input.departments
      .filter((d) => d.parentCode === null && !d.territoryCode)
      .map((d) => d.code),
    rules: input.dispatchRules,
    implied,
  };
}

/** The most specific dispatch rule of the class (longest prefix), as `matchDispatchRule` picks. */
function ruleDepartment(rules: readonly DemoDispatchRule[], kind: string, classCode: string): string | null {
  let best: DemoDispatchRule | null = null;
  for (const r of rules) {
    if (r.kind !== kind || !classCode.startsWith(r.classPrefix)) continue;
    if (!best || r.classPrefix.length > best.classPrefix.length) best = r;
  }
  return best?.departmentCode ?? null;
}

// --- time -----------------------------------------------------------------------------------

const localMinute = (t: number): number => (((t / MINUTE + LOCAL_OFFSET_MIN) % 1440) + 1440) % 1440;

/** The next instant ≥ t inside a daily window [from, to) of local minutes. */
function nextInDaily(t: number, from: number, to: number): number {
  const m = localMinute(t);
  if (m >= from && m < to) return t;
  const wait = m < from ? from - m : 1440 - m + from;
  return t + wait * MINUTE;
}

type Who = 'centre' | 'inspector' | 'department' | 'leader';

/** The first moment the actor is at work: the centre 07:00–22:00 daily, inspectors 07:30–18:30, departments and leaders in working time. */
function atWork(world: World, who: Who, t: number, rng: Rng, overtime = 0.08): number {
  switch (who) {
    case 'centre':
      return nextInDaily(t, 7 * 60, 22 * 60);
    case 'inspector':
      return nextInDaily(t, 7 * 60 + 30, 18 * 60 + 30);
    case 'department':
    case 'leader': {
      if (rng.chance(overtime) && localMinute(t) >= 7 * 60 && localMinute(t) < 21 * 60) return t;
      const u = nextWorkingInstant(world.limits.calendar, t);
      return u === t ? t : u + rng.int(0, 40) * MINUTE;
    }
  }
}

/**
 * The next instant ≥ t in a working window of a working day. Local time by the fixed +08:00
 * offset (no Intl call per probe: this runs a million times for a year of cases).
 */
function nextWorkingInstant(cal: WorkCalendar, t: number): number {
  const windows = cal.windows.map((w) => [parseClock(w.start), parseClock(w.end)] as const);
  const local = t / MINUTE + LOCAL_OFFSET_MIN;
  let day = Math.floor(local / 1440);
  let minute = local - day * 1440;
  for (let k = 0; k < 60; k++, day++, minute = 0) {
    if (!isWorkingDate(cal, formatLocalDate(day))) continue;
    for (const [s, e] of windows) {
      if (minute < e) return (day * 1440 + Math.max(minute, s) - LOCAL_OFFSET_MIN) * MINUTE;
    }
  }
  throw new Error('no working time within 60 days');
}

/** A skewed delay in minutes: mostly near `typical`, a tail up to `tail`. */
function delay(rng: Rng, min: number, typical: number, tail: number, tailShare: number): number {
  if (rng.chance(tailShare)) return Math.round(rng.range(typical * 1.5, tail));
  const u = rng.float();
  return Math.max(min, Math.round(min + (typical - min) * 2 * u * u));
}

// --- one case -------------------------------------------------------------------------------

class Stop extends Error {}

interface Draft {
  source: CaseSource;
  kind: 'component' | 'event';
  classCode: string;
  position: Position;
  componentCode?: string;
  urgent: boolean;
  grid: GridRef;
  /** Right department, and the owner/maintainer of the component. */
  department: string;
  reportedAt: number;
}

/** Builds the steps of one case, running each through the machine; stops at the reference date. */
class CaseBuilder {
  readonly steps: DemoCaseStep[] = [];
  private readonly runner: ScriptRunner;
  private t: number;
  /** Stalls somewhere (`any`), only in a pending request (`pending`), or runs on (`none`). */
  private readonly stalls: 'none' | 'any' | 'pending';
  /** Requests are more frequent among the cases still in flight (the last weeks). */
  readonly requestBoost: number;

  constructor(
    private readonly world: World,
    private readonly d: Draft,
    private readonly rng: Rng,
    private readonly end: number,
  ) {
    this.t = d.reportedAt;
    this.runner = new ScriptRunner(
      world.limits,
      world.resolver,
      {
        kind: d.kind,
        classCode: d.classCode,
        source: d.source,
        ...(d.urgent ? { urgent: true } : {}),
        steps: [],
      },
      'demo',
      d.grid.code,
      new Date(d.reportedAt),
    );
    const daysLeft = (end - d.reportedAt) / 86_400_000;
    const recent = daysLeft < STALL_DAYS;
    this.stalls = recent && rng.chance(P.stall) ? (rng.chance(0.5) ? 'any' : 'pending') : 'none';
    this.requestBoost = recent ? 3 : 1;
  }

  get state(): CaseState {
    return this.runner.snapshot?.state ?? 'REPORTED';
  }

  get disposalDeadline(): number | null {
    const d = this.runner.timers.disposal?.deadline;
    return d ? Date.parse(d) : null;
  }

  get inspector(): string {
    const u = this.world.inspectorOfStreet.get(this.d.grid.street);
    if (!u) throw new Error(`no inspector for street ${this.d.grid.street}`);
    return u;
  }

  /** Appends a step at absolute time `at` (never before the previous step). */
  step(action: CaseAction, at: number, actor: string, arg?: string | number | boolean): void {
    const when = Math.max(this.t, Math.round(at / MINUTE) * MINUTE);
    // Requests waiting for approval, 返工 and 自处理审核 are rare states: some recent cases stop there.
    const pending = this.state.endsWith('_PENDING') || this.state === 'REWORK' || this.state === 'SELF_AUDIT';
    const stop =
      this.stalls === 'pending'
        ? pending
        : this.stalls === 'any' && this.steps.length > 0 && this.rng.chance(pending ? 0.5 : STALL_PER_STEP);
    if (stop) {
      throw new Stop();
    }
    if (when >= this.end) throw new Stop();
    const minutes = Math.round((when - this.t) / MINUTE);
    const implied =
      rolesAllowed(action).join() === 'inspector' ? this.inspector : this.world.implied.get(action);
    const who = implied === actor ? null : actor;
    // 发核实 / 发核查 to the grid's inspector need no name (the API assigns that one too).
    const value =
      (action === 'sendVerify' || action === 'sendCheck') && arg === this.inspector ? undefined : arg;
    const s: DemoCaseStep =
      value !== undefined
        ? [action, minutes, who, value]
        : who !== null
          ? [action, minutes, who]
          : [action, minutes];
    this.runner.apply(s);
    this.steps.push(s);
    this.t = when;
  }

  /** A centre / inspector / department step after a delay, at the actor's working time. */
  after(who: Who, minutes: number, action: CaseAction, actor: string, arg?: string | number | boolean): void {
    this.step(action, atWork(this.world, who, this.t + minutes * MINUTE, this.rng), actor, arg);
  }

  get now(): number {
    return this.t;
  }
}

const OPERATOR = 'operator01';
const SHIFT_LEAD = 'shiftlead01';
const DISPATCHER = 'dispatcher01';
const LEADER = 'leader01';

const SUPERVISE_TEXT = '请加快处置，按期反馈';
const REPLY_TEXT = '已安排人员处置，将按期反馈';

/** Runs the whole life of one case. */
function playCase(world: World, d: Draft, rng: Rng, end: number): CaseBuilder {
  const b = new CaseBuilder(world, d, rng, end);
  const quick = (typical: number, tail: number, tailShare = 0.1): number =>
    delay(rng, 1, typical, tail, tailShare);
  try {
    // 1. Intake.
    if (d.source === 'patrol') b.step('report', d.reportedAt, b.inspector);
    else if (d.source === 'self_disposal') b.step('selfReport', d.reportedAt, b.inspector);
    else b.step('register', d.reportedAt, d.source === 'leader' ? LEADER : OPERATOR);

    if (d.source === 'self_disposal') {
      const pass = rng.chance(P.selfAuditPass);
      b.after('centre', quick(25, 120, 0.15), 'auditSelfDisposal', SHIFT_LEAD, pass);
      if (pass) return b;
    } else if (['hotline_12345', 'hotline_12319', 'public_web', 'media'].includes(d.source)) {
      b.after('centre', quick(5, 30), 'sendVerify', OPERATOR, b.inspector);
      const truthful = rng.chance(P.truthful);
      b.after('inspector', quick(18, 150, 0.15), 'answerVerify', b.inspector, truthful);
      if (!truthful) {
        b.after('centre', quick(5, 40), 'reject', OPERATOR, 'not_verified');
        return b;
      }
      b.after('centre', quick(4, 30), 'accept', OPERATOR);
    } else {
      if (rng.chance(d.source === 'patrol' ? P.rejectPatrol : P.rejectOther)) {
        b.after('centre', quick(5, 30), 'reject', OPERATOR, rng.pick(['insufficient_info', 'out_of_scope']));
        return b;
      }
      b.after('centre', quick(4, 30), 'accept', OPERATOR);
    }

    // 2. 立案.
    if (rng.chance(P.refuseFiling)) {
      b.after(
        'centre',
        quick(8, 45),
        'refuseFiling',
        SHIFT_LEAD,
        rng.pick(['condition_not_met', 'wrong_report']),
      );
      return b;
    }
    b.after('centre', quick(d.urgent ? 3 : 7, 45), 'file', SHIFT_LEAD);

    // 3. 派遣, with an occasional misroute returned by the wrong department.
    if (rng.chance(P.misroute * b.requestBoost)) {
      const wrong = rng.pick(
        world.professional.filter((p) => p !== d.department && !d.department.startsWith(p)),
      );
      b.after('centre', quick(d.urgent ? 3 : 7, 40), 'dispatch', DISPATCHER, wrong);
      const handler = world.handlerOf(wrong);
      const viaProcessing = rng.chance(0.4);
      if (viaProcessing) b.after('department', delay(rng, 5, 40, 240, 0.2), 'acceptTask', handler);
      b.after('department', delay(rng, 10, 60, 480, 0.2), 'requestReturn', handler, 'misrouted');
      const approve = !rng.chance(P.returnDenied);
      b.after('centre', quick(15, 120, 0.2), 'decideReturn', DISPATCHER, approve);
      if (!approve) {
        // Denied: the department keeps the case (推诿 candidate) and disposes of it.
        return dispose(world, b, d, rng, handler, viaProcessing);
      }
      b.after('centre', quick(6, 40), 'dispatch', DISPATCHER, d.department);
    } else {
      b.after('centre', quick(d.urgent ? 3 : 7, 40), 'dispatch', DISPATCHER, d.department);
    }
    return dispose(world, b, d, rng, world.handlerOf(d.department), false);
  } catch (e) {
    if (e instanceof Stop) return b;
    throw e;
  }
}

/** From DISPATCHED (or PROCESSING) to the end: disposal, requests, check, rework, close. */
function dispose(
  world: World,
  b: CaseBuilder,
  d: Draft,
  rng: Rng,
  handler: string,
  accepted: boolean,
): CaseBuilder {
  try {
    const dept = (minutes: number, action: CaseAction, arg?: string | number | boolean): void =>
      b.after('department', minutes, action, handler, arg);
    const centre = (
      minutes: number,
      action: CaseAction,
      actor: string,
      arg?: string | number | boolean,
    ): void => b.after('centre', minutes, action, actor, arg);
    let cycle = 0;
    for (;;) {
      if (!accepted) dept(delay(rng, 3, d.urgent ? 10 : 35, 300, 0.12), 'acceptTask');
      accepted = false;
      if (cycle === 0 && rng.chance(P.voidInProcess * b.requestBoost)) {
        centre(delay(rng, 30, 240, 2000, 0.2), 'requestVoid', DISPATCHER, 'wrong_report');
        const approve = rng.chance(0.9);
        centre(delay(rng, 5, 40, 300, 0.2), 'decideVoid', SHIFT_LEAD, approve);
        if (approve) return b;
      }
      const supervised = cycle === 0 && rng.chance(P.supervise);
      const overdue = rng.chance(P.overdue);
      if (supervised) {
        centre(
          delay(rng, 30, 180, 1500, 0.3),
          'supervise',
          rng.pick([LEADER, SHIFT_LEAD, DISPATCHER]),
          SUPERVISE_TEXT,
        );
        if (rng.chance(P.reply)) dept(delay(rng, 10, 60, 600, 0.2), 'replySupervision', REPLY_TEXT);
      }
      if (cycle === 0 && rng.chance(P.extension * b.requestBoost)) {
        dept(Math.max(5, share(b, rng, 0.4, 0.85)), 'requestExtension', rng.pick([1, 1, 2, 3]));
        const approve = rng.chance(P.extensionApproved);
        centre(quickOf(rng, 30, 240), 'decideExtension', SHIFT_LEAD, approve);
        if (approve && rng.chance(P.secondExtension)) {
          dept(Math.max(5, share(b, rng, 0.5, 0.9)), 'requestExtension', rng.pick([1, 2]));
          centre(quickOf(rng, 30, 240), 'decideExtension', SHIFT_LEAD, true);
          b.after('leader', quickOf(rng, 60, 600), 'decideExtension', LEADER, rng.chance(0.8));
        }
      }
      if (cycle === 0 && rng.chance(P.park * b.requestBoost)) {
        dept(
          delay(rng, 30, 240, 2000, 0.2),
          'requestPark',
          rng.pick(['engineering', 'seasonal', 'conditions_missing']),
        );
        const approve = rng.chance(P.parkApproved);
        centre(quickOf(rng, 30, 300), 'decidePark', DISPATCHER, approve);
        if (approve) {
          if (!rng.chance(P.resume)) return b;
          centre(rng.int(3, 40) * 1440, 'resume', rng.pick([DISPATCHER, SHIFT_LEAD]));
        }
      }
      // 处理反馈: before the disposal deadline, or late for the overdue share.
      b.step('feedback', feedbackAt(world, b, rng, overdue), handler);
      centre(quickOf(rng, 10, 90), 'sendCheck', OPERATOR, b.inspector);
      const done = !rng.chance(cycle === 0 ? P.checkFail : cycle === 1 ? 0.15 : 0);
      b.after('inspector', quickOf(rng, 35, 240), 'answerCheck', b.inspector, done);
      if (done) {
        if (cycle === 0 && rng.chance(P.reworkAtClose)) {
          centre(quickOf(rng, 15, 120), 'rework', SHIFT_LEAD);
        } else {
          centre(quickOf(rng, 15, 120), 'close', SHIFT_LEAD);
          return b;
        }
      }
      // 返工: re-dispatch to the same department.
      centre(quickOf(rng, 8, 60), 'dispatch', DISPATCHER, d.department);
      handler = world.handlerOf(d.department);
      cycle++;
      if (cycle > 3) throw new Error('rework loop');
    }
  } catch (e) {
    if (e instanceof Stop) return b;
    throw e;
  }
}

function quickOf(rng: Rng, typical: number, tail: number): number {
  return delay(rng, 1, typical, tail, 0.1);
}

/** Minutes from now to a share of the way to the disposal deadline. */
function share(b: CaseBuilder, rng: Rng, lo: number, hi: number): number {
  const deadline = b.disposalDeadline ?? b.now + 8 * 60 * MINUTE;
  return Math.round((Math.max(0, deadline - b.now) * rng.range(lo, hi)) / MINUTE);
}

/** When the department reports back: before the disposal deadline, or late for the overdue share. */
function feedbackAt(world: World, b: CaseBuilder, rng: Rng, overdue: boolean): number {
  const deadline = b.disposalDeadline;
  if (deadline === null)
    return atWork(world, 'department', b.now + delay(rng, 30, 600, 5000, 0.2) * MINUTE, rng);
  const span = Math.max(30 * MINUTE, deadline - b.now);
  if (overdue || deadline <= b.now) {
    return atWork(world, 'department', Math.max(deadline, b.now) + span * rng.range(0.1, 1.2) + MINUTE, rng);
  }
  const target = b.now + (deadline - b.now) * rng.range(0.15, 0.92);
  // Departments answer in working time when that still meets the deadline, else they work late.
  const inWork = atWork(world, 'department', target, rng, 0);
  return inWork < deadline - MINUTE ? inWork : target;
}

/**
 * The seeded limits with the calendar's zone as the fixed offset +08:00: the same instants for
 * Asia/Shanghai (no daylight saving since 1991) without an Intl lookup per calendar probe, which
 * would triple the generation time. The specs replay the scripts with the zone itself.
 */
function withFixedOffset(limits: CaseLimits): CaseLimits {
  if (limits.calendar.timeZone !== 'Asia/Shanghai') return limits;
  return { ...limits, calendar: { ...limits.calendar, timeZone: '+08:00' } };
}

/** The users and departments of a demo city as the scripts name them (ids = usernames and codes). */
export function demoCaseResolver(input: DemoCasesInput): ScriptResolver {
  return buildWorld(input, seededCaseLimits()).resolver;
}

/** The unit grid code of a point (lowest code on a shared edge), or null outside every grid. */
export function demoGridLocator(regions: readonly DemoRegion[]): (p: Position) => string | null {
  const index = new GridIndex(regions.filter((r) => r.level === 'grid').map((r) => gridRef(r, 1)));
  return (p) => index.find(p)?.code ?? null;
}

function gridRef(r: DemoRegion, weight: number): GridRef {
  const ring = ringOf(r);
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return {
    code: r.code,
    street: r.code.slice(0, 9),
    ring,
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    weight,
  };
}

// --- the year -------------------------------------------------------------------------------

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let r = rng.range(0, total);
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Report time of a source: patrols in the morning, hotlines through the day, sensors any time. */
function reportMinute(rng: Rng, source: CaseSource): number {
  const normal = (mean: number, sd: number): number => {
    const u = Math.max(1e-9, rng.float());
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
  };
  const clamp = (m: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(m)));
  switch (source) {
    case 'patrol':
    case 'self_disposal':
      return rng.chance(0.6) ? clamp(normal(9.5 * 60, 70), 7.5 * 60, 18 * 60) : rng.int(7.5 * 60, 18 * 60);
    case 'hotline_12345':
    case 'hotline_12319':
    case 'public_web':
    case 'media':
      return rng.chance(0.35) ? clamp(normal(10 * 60, 90), 0, 1439) : rng.int(7 * 60, 23 * 60);
    case 'video':
      return rng.int(8 * 60, 20 * 60);
    case 'leader':
      return rng.int(9 * 60, 17 * 60);
    case 'sensor':
      return rng.int(0, 1439);
  }
}

/** The demo year's cases, in reported order. Pure: depends only on the inputs, seed and scale. */
export function generateDemoCases(
  input: DemoCasesInput,
  seed: number,
  scale: number,
  options: { count?: number; limits?: CaseLimits } = {},
): DemoCaseScript[] {
  const limits = options.limits ?? withFixedOffset(seededCaseLimits());
  const world = buildWorld(input, limits);
  const rng = Rng.for(seed, 'cases');
  const placeRng = Rng.for(seed, 'cases:places');
  const count = options.count ?? Math.round(DEMO_CASES_PER_SCALE * Math.min(scale, DEMO_CASES_MAX_SCALE));
  const end = referenceInstant().getTime();
  const start = end - DAYS * 86_400_000;
  const calendar = limits.calendar;

  const gridRegions = input.regions.filter((r) => r.level === 'grid');
  // Hot spots: some grids (markets, old streets) report far more than others (log-normal weights).
  const grids: GridRef[] = gridRegions.map((r) =>
    gridRef(
      r,
      Math.exp(
        Math.sqrt(-2 * Math.log(Math.max(1e-9, placeRng.float()))) * Math.cos(2 * Math.PI * placeRng.float()),
      ),
    ),
  );
  const index = new GridIndex(grids);
  const gridTotal = grids.reduce((n, g) => n + g.weight, 0);
  const pickGrid = (): GridRef => {
    let r = placeRng.range(0, gridTotal);
    for (const g of grids) {
      r -= g.weight;
      if (r < 0) return g;
    }
    return grids[grids.length - 1];
  };
  const componentsByClass = new Map<string, DemoComponent[]>();
  for (const c of input.components) {
    const list = componentsByClass.get(c.classCode) ?? [];
    list.push(c);
    componentsByClass.set(c.classCode, list);
  }
  const componentClasses = COMPONENT_CLASSES.filter(([code]) => componentsByClass.has(code));
  const coverClasses = componentClasses.filter(([code]) => COVER_CLASSES.has(code));

  // Days weighted: working days full, weekends and holidays quiet, a summer bump.
  const dayWeight = (day: number): number => {
    const date = localDateOf(calendar.timeZone, new Date(day));
    const month = Number(date.slice(5, 7));
    const season = month >= 6 && month <= 9 ? 1.15 : month === 1 || month === 2 ? 0.85 : 1;
    return (isWorkingDate(calendar, date) ? 1 : 0.45) * season;
  };

  const drafts: Draft[] = [];
  while (drafts.length < count) {
    const dayStart = start + rng.int(0, DAYS - 1) * 86_400_000;
    if (!rng.chance(dayWeight(dayStart + 12 * 3_600_000) / 1.15)) continue;
    const source = weighted(rng, SOURCE_MIX);
    const reportedAt = dayStart + reportMinute(rng, source) * MINUTE;
    if (reportedAt >= end) continue;
    const isComponent = rng.chance(COMPONENT_SHARE[source] ?? 0.2) && componentClasses.length > 0;
    let draft: Draft;
    if (isComponent) {
      const classCode = weighted(
        rng,
        source === 'sensor' && coverClasses.length ? coverClasses : componentClasses,
      );
      const list = componentsByClass.get(classCode) ?? [];
      const comp = list[placeRng.int(0, list.length - 1)];
      const g = comp.geometry;
      if (g.type !== 'Point') continue;
      const position: Position = [g.coordinates[0], g.coordinates[1]];
      const grid = index.find(position);
      if (!grid) continue;
      const filing = filingCandidates(limits.filingStandards, {
        kind: 'component',
        smallClassCode: classCode,
        at: DEMO_CASES_REFERENCE_DATE,
      })[0]?.standard;
      const rule = filing?.responsibleUnitRule ?? 'component_maintainer';
      const department =
        rule === 'territorial'
          ? `JD-${grid.street}`
          : rule === 'component_owner' || rule === 'component_authority'
            ? comp.deptCode
            : comp.maintainerCode;
      draft = {
        source,
        kind: 'component',
        classCode,
        position,
        componentCode: comp.code,
        urgent: COVER_CLASSES.has(classCode) ? rng.chance(P.urgentCover) : rng.chance(P.urgentOther),
        grid,
        department,
        reportedAt,
      };
    } else {
      const classCode = weighted(rng, EVENT_CLASSES);
      const grid = pickGrid();
      const byRule = ruleDepartment(world.rules, 'event', classCode);
      draft = {
        source,
        kind: 'event',
        classCode,
        position: pointIn(grid, index, placeRng),
        urgent: rng.chance(P.urgentOther),
        grid,
        department: byRule && !rng.chance(P.territorialEvent) ? byRule : `JD-${grid.street}`,
        reportedAt,
      };
    }
    drafts.push(draft);
  }
  drafts.sort((a, b) => a.reportedAt - b.reportedAt);

  return drafts.map((d, k) => {
    const b = playCase(world, d, Rng.for(seed, `case:${k}`), end);
    const at = new Date(d.reportedAt).toISOString().slice(0, 16) + 'Z';
    const script: DemoCaseScript = {
      at,
      source: d.source,
      kind: d.kind,
      classCode: d.classCode,
      position: d.position,
      ...(d.componentCode ? { componentCode: d.componentCode } : {}),
      ...(d.urgent ? { urgent: true as const } : {}),
      steps: b.steps,
    };
    return script;
  });
}
