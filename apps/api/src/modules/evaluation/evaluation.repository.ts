import { type EvaluationObjectType, OPEN_STATES } from '@urbangrid/domain';
import type { SqlRunner } from '../../database/database';
import { RAW_COUNTS, type RawCount, type RawCounts } from './evaluation-count-columns';

/**
 * All SQL of part 4 (docs/evaluation-counts.md). One counting statement per object type builds
 * the "contributions" of every case reported in [from, to) with its flow records at the cut-off:
 * rows (scope, object, case, day, one integer per raw count). The same statement, wrapped three
 * ways, gives the counts per object (GROUP BY object), the daily roll-up (GROUP BY day, scope,
 * object) and the drill-down (the cases of one object with a count > 0), so the three agree by
 * construction.
 */

/** A roll-up scope: the region levels and the other object types. */
export const EVALUATION_SCOPES = [
  'district',
  'street',
  'community',
  'unitGrid',
  'department',
  'inspector',
  'acceptor',
  'shiftLeader',
  'dispatcher',
] as const;
export type EvaluationScope = (typeof EVALUATION_SCOPES)[number];

/** The scopes one object type's statement emits. */
export const SCOPES_OF_TYPE: Record<EvaluationObjectType, EvaluationScope[]> = {
  region: ['district', 'street', 'community', 'unitGrid'],
  department: ['department'],
  inspector: ['inspector'],
  acceptor: ['acceptor'],
  shiftLeader: ['shiftLeader'],
  dispatcher: ['dispatcher'],
};

/** Where the period's cases and flow records are read: [from, to) of report time, records ≤ cut-off. */
export interface CountWindow {
  districtCode: string;
  /** PostgreSQL `AT TIME ZONE` zone of the city (see pgTimeZone). */
  pgZone: string;
  fromUtc: Date;
  toUtc: Date;
  cutoff: Date;
}

type Exprs = Partial<Record<RawCount, string>>;

const TERMINAL = `('CLOSED', 'REJECTED', 'VOID')`;
/** States of a disposal whose clock runs or stands (挂账) after a dispatch. */
const DISPOSING = `('DISPATCHED', 'PROCESSING', 'RETURN_PENDING', 'EXTENSION_PENDING', 'PARK_PENDING', 'PARKED', 'REWORK')`;
/** The same without 挂账 (a parked disposal is paused, not overdue). */
const DISPOSING_RUNNING = `('DISPATCHED', 'PROCESSING', 'RETURN_PENDING', 'EXTENSION_PENDING', 'PARK_PENDING', 'REWORK')`;

/** Per-case counts (region, and the disposing department). */
const CASE_COUNTS: Exprs = {
  reported: '1',
  inspector_reported: `d.source = 'patrol'`,
  self_reported: `d.source = 'self_disposal'`,
  valid_reported: `d.source = 'patrol' AND d.filed AND d.nv`,
  valid_self_reported: `d.source = 'self_disposal' AND (d.self_pass OR (d.filed AND d.nv))`,
  filed: 'd.filed',
  filed_on_time: 'd.filed_on_time',
  filed_accurately: 'd.filed AND d.nv',
  voided: 'd.voided',
  parked: `d.filed AND d.state_at = 'PARKED'`,
  deferred: `d.due_close AND d.state_at = 'PARKED'`,
  public_reports_verified: 'd.public_verified',
  due_to_dispatch: `d.dispatch_n + (d.nv AND d.state_at IN ('FILED', 'REWORK'))::int`,
  dispatched: 'd.dispatch_n',
  dispatched_on_time: 'd.dispatch_on_time_n',
  dispatched_accurately: 'd.dispatch_accurate_n',
  due_to_dispose: 'd.nv AND d.dispatch_n > 0',
  disposed: 'd.nv AND d.fed',
  disposed_on_time: 'd.nv AND d.fed AND d.fed_on_time IS TRUE',
  through_disposal: 'd.nv AND d.fed',
  overdue_undisposed: 'd.overdue',
  extended: 'd.extended',
  returned: 'd.returns_n',
  due_to_close: 'd.due_close',
  closed: 'd.closed',
  closed_on_time: 'd.closed_on_time',
  close_step_on_time: 'd.close_step_on_time',
  rework: 'd.nv AND d.rework_n > 0',
  rework_events: 'CASE WHEN d.nv THEN d.rework_n ELSE 0 END',
  rework_repeated: 'd.nv AND d.rework_n >= 3',
  due_to_verify: 'd.verify_sent_n',
  verified_on_time: 'd.verify_on_time_n',
  due_to_check: 'd.check_sent_n',
  checked_on_time: 'd.check_on_time_n',
  accepted: 'd.accepted',
  verify_send_due: 'd.verify_sent_n',
  verify_sent_on_time: 'd.verify_sent_on_time_n',
  check_send_due: 'd.check_sent_n',
  check_sent_on_time: 'd.check_sent_on_time_n',
  urgent_due_to_close: `d.due_close AND d.urgency = 'urgent'`,
  urgent_closed: `d.closed AND d.urgency = 'urgent'`,
  urgent_closed_on_time: `d.closed_on_time AND d.urgency = 'urgent'`,
};

function branch(scope: string, objectId: string, from: string, exprs: Exprs, where: string): string {
  const cols = RAW_COUNTS.map((c) => `(${exprs[c] ?? '0'})::int AS ${c}`).join(', ');
  return `SELECT ${scope} AS scope, ${objectId} AS object_id, d.id AS case_id, d.case_no, d.reported_at, d.day, ${cols}
    FROM ${from} WHERE ${where}`;
}

/** The UNION ALL of an object type's attribution branches. */
function branchesOf(type: EvaluationObjectType): string[] {
  switch (type) {
    case 'region':
      // The unit grid of the case and every region above it (spec 05 §2).
      return [
        branch(
          'v.scope',
          'v.object_id',
          `d CROSS JOIN LATERAL (VALUES ('district', d.district_code), ('street', d.street_code),
             ('community', d.community_code), ('unitGrid', d.grid_code)) AS v(scope, object_id)`,
          CASE_COUNTS,
          'v.object_id IS NOT NULL',
        ),
      ];
    case 'department':
      return [
        // The disposing department: the target of the last 派遣 at the cut-off.
        branch(
          `'department'`,
          'd.last_dept::text',
          'd',
          { ...CASE_COUNTS, returned: '0' },
          'd.last_dept IS NOT NULL',
        ),
        // 回退数: approved returns, to the department that asked (its requestReturn record).
        branch(
          `'department'`,
          'rq.department_id::text',
          `fl r JOIN d ON d.id = r.case_id
             JOIN fl rq ON rq.case_id = r.case_id AND rq.rtask = r.rtask AND rq.action = 'requestReturn'`,
          { returned: '1' },
          `r.action = 'decideReturn' AND r.to_state = 'FILED' AND rq.department_id IS NOT NULL`,
        ),
      ];
    case 'inspector':
      return [
        // Reports by the inspector (patrol; 自处置 counted apart for the profile switch).
        branch(
          `'inspector'`,
          'd.reporter_id::text',
          'd',
          {
            inspector_reported: CASE_COUNTS.inspector_reported,
            self_reported: CASE_COUNTS.self_reported,
            valid_reported: CASE_COUNTS.valid_reported,
            valid_self_reported: CASE_COUNTS.valid_self_reported,
          },
          `d.source IN ('patrol', 'self_disposal') AND d.reporter_id IS NOT NULL`,
        ),
        // 核实 tasks: to the inspector who answered, or the one named when sent (unanswered).
        branch(
          `'inspector'`,
          `coalesce(a.actor_id, (s.payload->>'inspectorId')::uuid)::text`,
          `fl s JOIN d ON d.id = s.case_id
             LEFT JOIN answers a ON a.case_id = s.case_id AND a.task = s.vtask AND a.action = 'answerVerify'`,
          { due_to_verify: '1', verified_on_time: 'a.on_time IS TRUE' },
          `s.action = 'sendVerify'`,
        ),
        // 核查 tasks, likewise.
        branch(
          `'inspector'`,
          `coalesce(a.actor_id, (s.payload->>'inspectorId')::uuid)::text`,
          `fl s JOIN d ON d.id = s.case_id
             LEFT JOIN answers a ON a.case_id = s.case_id AND a.task = s.ctask AND a.action = 'answerCheck'`,
          { due_to_check: '1', checked_on_time: 'a.on_time IS TRUE' },
          `s.action = 'sendCheck'`,
        ),
      ];
    case 'acceptor':
      return [
        branch(
          `'acceptor'`,
          'f.actor_id::text',
          'fl f JOIN d ON d.id = f.case_id',
          {
            accepted: `f.action = 'accept'`,
            verify_send_due: `f.action = 'sendVerify'`,
            verify_sent_on_time: `f.action = 'sendVerify' AND f.stage_on_time IS TRUE`,
            check_send_due: `f.action = 'sendCheck'`,
            check_sent_on_time: `f.action = 'sendCheck' AND f.stage_on_time IS TRUE`,
          },
          `f.action IN ('accept', 'sendVerify', 'sendCheck')`,
        ),
      ];
    case 'shiftLeader':
      return [
        branch(
          `'shiftLeader'`,
          'f.actor_id::text',
          'fl f JOIN d ON d.id = f.case_id',
          {
            filed: `f.action = 'file'`,
            filed_on_time: `f.action = 'file' AND f.stage_on_time IS TRUE`,
            filed_accurately: `f.action = 'file' AND d.nv`,
            voided: `f.action = 'file' AND d.voided`,
            // The 结案 stage ends with 结案 or 返工: both are the 值班长's decision on it.
            due_to_close: `f.action IN ('close', 'rework')`,
            closed: `f.action = 'close'`,
            close_step_on_time: `f.action IN ('close', 'rework') AND f.stage_on_time IS TRUE`,
          },
          `f.action IN ('file', 'close', 'rework')`,
        ),
      ];
    case 'dispatcher':
      return [
        branch(
          `'dispatcher'`,
          'f.actor_id::text',
          'fl f JOIN d ON d.id = f.case_id',
          {
            due_to_dispatch: '1',
            dispatched: '1',
            dispatched_on_time: 'f.stage_on_time IS TRUE',
            // Accurate: this dispatch's target is the case's final department (not re-routed).
            dispatched_accurately: 'f.department_id IS NOT DISTINCT FROM d.last_dept',
          },
          `f.action = 'dispatch'`,
        ),
      ];
  }
}

/** The cases of the window ($1 district, $2 zone, $3–$4 report time, $5 cut-off, $6 local days). */
function casesSql(days: 'exclude' | 'only' | 'targets', extraCase = ''): string {
  const dayCond =
    days === 'targets'
      ? // The cases a store refresh recomputes (a temporary table of ids), outside the skipped days.
        `c.id IN (SELECT id FROM eval_store_target) AND (c.reported_at AT TIME ZONE $2)::date <> ALL($6::date[])`
      : days === 'only'
        ? // Only the listed days: the report-time range narrows to them, then each day is checked.
          `(c.reported_at AT TIME ZONE $2)::date = ANY($6::date[])
    AND c.reported_at >= (SELECT min(x)::timestamp AT TIME ZONE $2 FROM unnest($6::date[]) x)
    AND c.reported_at < (SELECT (max(x) + 1)::timestamp AT TIME ZONE $2 FROM unnest($6::date[]) x)`
        : `(c.reported_at AT TIME ZONE $2)::date <> ALL($6::date[])`;
  return `
  SELECT c.id, c.case_no, c.reported_at, c.district_code, c.street_code, c.community_code, c.grid_code,
         c.source, c.urgency, c.reporter_id, (c.reported_at AT TIME ZONE $2)::date AS day
  FROM case_file c
  WHERE c.district_code = $1 AND c.reported_at >= $3::timestamptz AND c.reported_at < $4::timestamptz
    AND c.reported_at <= $5::timestamptz AND ${dayCond} ${extraCase}`;
}

/** Flow records of the cases `k` up to the cut-off, with the ordinal of their 核实/核查/回退 task. */
const FLOW_SQL = `
  SELECT f.case_id, f.seq, f.action, f.to_state, f.actor_id, f.department_id, f.payload,
         f.stage_on_time, f.disposal_deadline, f.disposal_on_time,
         count(*) FILTER (WHERE f.action = 'sendVerify') OVER w AS vtask,
         count(*) FILTER (WHERE f.action = 'sendCheck') OVER w AS ctask,
         count(*) FILTER (WHERE f.action = 'requestReturn') OVER w AS rtask
  FROM k JOIN case_flow f ON f.case_id = k.id AND f.occurred_at <= $5::timestamptz
  WINDOW w AS (PARTITION BY f.case_id ORDER BY f.seq)`;

/** The first answer to each 核实 and 核查 task of `fl`. */
const ANSWERS_SQL = `
  SELECT case_id, action, CASE WHEN action = 'answerVerify' THEN vtask ELSE ctask END AS task,
         (array_agg(actor_id ORDER BY seq))[1] AS actor_id,
         (array_agg(stage_on_time ORDER BY seq))[1] AS on_time
  FROM fl WHERE action IN ('answerVerify', 'answerCheck')
  GROUP BY case_id, action, CASE WHEN action = 'answerVerify' THEN vtask ELSE ctask END`;

/** Per case of `fl`: its state at the cut-off and what its records add up to. */
const CASE_FLOW_SQL = `
  SELECT case_id,
    (array_agg(to_state ORDER BY seq DESC))[1] AS state_at,
    bool_or(action = 'file') AS filed,
    bool_or(action = 'file' AND stage_on_time IS TRUE) AS filed_on_time,
    bool_or(action IN ('decideVoid', 'refuseFiling') AND to_state = 'VOID') AS void_rec,
    bool_or(action = 'auditSelfDisposal' AND to_state = 'CLOSED') AS self_pass,
    bool_or(action = 'answerVerify' AND payload->>'truthful' = 'true') AS verified_true,
    bool_or(action = 'accept') AS accepted,
    count(*) FILTER (WHERE action = 'dispatch') AS dispatch_n,
    count(*) FILTER (WHERE action = 'dispatch' AND stage_on_time IS TRUE) AS dispatch_on_time_n,
    (array_agg(department_id ORDER BY seq DESC) FILTER (WHERE action = 'dispatch'))[1] AS last_dept,
    array_agg(department_id) FILTER (WHERE action = 'dispatch') AS dispatch_depts,
    bool_or(action = 'feedback') AS fed,
    (array_agg(disposal_on_time ORDER BY seq DESC) FILTER (WHERE action = 'feedback'))[1] AS fed_on_time,
    bool_or(action = 'close') AS closed,
    bool_or(action = 'close' AND disposal_on_time IS TRUE) AS closed_on_time,
    bool_or(action = 'close' AND stage_on_time IS TRUE) AS close_step_on_time,
    (array_agg(disposal_deadline ORDER BY seq DESC) FILTER (WHERE disposal_deadline IS NOT NULL))[1] AS disposal_deadline,
    count(*) FILTER (WHERE (action = 'answerCheck' AND payload->>'done' = 'false') OR action = 'rework') AS rework_n,
    bool_or(action = 'decideExtension' AND payload->'approval'->>'final' = 'true'
            AND payload->'approval'->>'approve' = 'true') AS extended,
    count(*) FILTER (WHERE action = 'decideReturn' AND to_state = 'FILED') AS returns_n,
    count(*) FILTER (WHERE action = 'sendVerify') AS verify_sent_n,
    count(*) FILTER (WHERE action = 'sendVerify' AND stage_on_time IS TRUE) AS verify_sent_on_time_n,
    count(*) FILTER (WHERE action = 'sendCheck') AS check_sent_n,
    count(*) FILTER (WHERE action = 'sendCheck' AND stage_on_time IS TRUE) AS check_sent_on_time_n,
    -- One answer per task (the workflow refuses a second), so counting answers counts tasks.
    count(*) FILTER (WHERE action = 'answerVerify' AND stage_on_time IS TRUE) AS verify_on_time_n,
    count(*) FILTER (WHERE action = 'answerCheck' AND stage_on_time IS TRUE) AS check_on_time_n
  FROM fl GROUP BY case_id`;

/** Per case: `k` and `cf` with the derived flags the counts read. */
const CASE_SQL = `
  SELECT k.*, cf.*,
    cf.filed AND cf.void_rec AS voided,
    NOT (cf.filed AND cf.void_rec) AS nv,
    k.source NOT IN ('patrol', 'self_disposal') AND cf.verified_true AND cf.filed AS public_verified,
    NOT (cf.filed AND cf.void_rec) AND cf.filed AND (cf.closed OR cf.state_at IN ('FEEDBACK', 'CHECKING', 'TO_CLOSE')
      OR (cf.state_at IN ${DISPOSING} AND cf.disposal_deadline < $5::timestamptz)) AS due_close,
    coalesce(NOT (cf.filed AND cf.void_rec) AND cf.dispatch_n > 0 AND cf.state_at IN ${DISPOSING_RUNNING}
      AND cf.disposal_deadline < $5::timestamptz, false) AS overdue,
    (SELECT count(*) FROM unnest(cf.dispatch_depts) u WHERE u = cf.last_dept) AS dispatch_accurate_n
  FROM k JOIN cf ON cf.case_id = k.id`;

/**
 * The contributions CTE of an object type. Parameters: $1 district, $2 zone, $3 from, $4 to,
 * $5 cut-off, $6 local days (excluded, or the only ones with `days: 'only'`). `extraCase` adds a
 * condition on `c` (the drill-down's keyset).
 */
function contributionsSql(type: EvaluationObjectType, days: 'exclude' | 'only', extraCase = ''): string {
  return `
WITH k AS MATERIALIZED (${casesSql(days, extraCase)}),
fl AS MATERIALIZED (${FLOW_SQL}),
answers AS (${ANSWERS_SQL}),
cf AS (${CASE_FLOW_SQL}),
d AS (${CASE_SQL}),
contrib AS (
  ${branchesOf(type).join('\n  UNION ALL\n  ')}
)`;
}

/** Digits of a region code per region table level (a grid code begins with those above it). */
const REGION_CODE_LENGTH: Record<string, number> = { district: 6, street: 9, community: 12 };

/** Days per statement when the roll-up is written (bounds the temporary per-case tables). */
const ROLLUP_CHUNK_DAYS = 31;

/**
 * The roll-up rows of one scope ($2) for whole months ($3, first days) from the monthly layer and
 * for other days ($4) from the daily rows, each with its month.
 */
const rolledRowsSql = `
  SELECT month, object_id, ${RAW_COUNTS.join(', ')} FROM evaluation_monthly
  WHERE district_code = $1 AND scope = $2 AND month = ANY($3::date[])
  UNION ALL
  SELECT date_trunc('month', day)::date AS month, object_id, ${RAW_COUNTS.join(', ')} FROM evaluation_daily
  WHERE district_code = $1 AND scope = $2 AND day = ANY($4::date[])`;

/** Days in a month YYYY-MM. */
function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Whether the stored contributions of case `caseId` serve cut-off `cutoff`: computed at or before
 * it, still valid at it, and no flow record written since (no dirty mark). `storedCounts` applies
 * the same rule to the copies of `as_of` and `valid_to` on each stored row.
 */
const storeServes = (caseId: string, cutoff: string): string =>
  `(EXISTS (SELECT 1 FROM evaluation_case_state s WHERE s.case_id = ${caseId} AND s.as_of <= ${cutoff}
      AND (s.valid_to IS NULL OR s.valid_to > ${cutoff}))
    AND NOT EXISTS (SELECT 1 FROM evaluation_dirty x WHERE x.case_id = ${caseId}))`;

const sumCols = (prefix = ''): string =>
  RAW_COUNTS.map((c) => `coalesce(sum(${prefix}${c}), 0)::int AS ${c}`).join(', ');

function windowParams(w: CountWindow, days: string[]): unknown[] {
  return [
    w.districtCode,
    w.pgZone,
    w.fromUtc.toISOString(),
    w.toUtc.toISOString(),
    w.cutoff.toISOString(),
    days,
  ];
}

export interface DayState {
  day: string;
  cases: number;
  terminal: boolean;
  settledAt: string | null;
}

export interface DrillRow {
  caseId: string;
  caseNo: string;
  reportedAt: string;
  n: number;
}

export interface RegionRow {
  code: string;
  name: string;
  unitGrids: number;
}

export interface SnapshotRow {
  id: string;
  objectType: string;
  regionLevel: string;
  periodKind: string;
  periodLabel: string;
  periodFrom: string;
  periodTo: string;
  cutoff: string;
  profileId: string;
  profileVersion: number;
  publishedBy: string | null;
  publishedAt: string;
}

const SNAPSHOT_COLUMNS = `id, object_type AS "objectType", region_level AS "regionLevel",
  period_kind AS "periodKind", period_label AS "periodLabel",
  to_char(period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(period_to, 'YYYY-MM-DD') AS "periodTo",
  to_json(cutoff) #>> '{}' AS cutoff, profile_id AS "profileId", profile_version AS "profileVersion",
  published_by AS "publishedBy", to_json(published_at) #>> '{}' AS "publishedAt"`;

export class EvaluationRepository {
  constructor(private readonly db: SqlRunner) {}

  // --- counting ---------------------------------------------------------------------------------

  /**
   * Raw counts per object of one scope over the period, leaving out `skipDays` (local days read
   * from the roll-up instead).
   */
  async rawCounts(
    type: EvaluationObjectType,
    scope: EvaluationScope,
    w: CountWindow,
    skipDays: string[],
    /** Leave out the cases whose stored contributions serve the cut-off (see `storedCounts`). */
    opts: { exceptStored?: boolean } = {},
  ): Promise<Map<string, RawCounts>> {
    const rows = await this.db.query<{ object_id: string } & RawCounts>(
      `${contributionsSql(type, 'exclude', opts.exceptStored ? `AND NOT ${storeServes('c.id', '$5::timestamptz')}` : '')}
       SELECT object_id, ${sumCols()} FROM contrib
       WHERE scope = $7 AND object_id IS NOT NULL GROUP BY object_id`,
      [...windowParams(w, skipDays), scope],
    );
    return toMap(rows);
  }

  /**
   * The per-case store's counts per object of one scope over the given local days: the cases
   * whose stored contributions serve the cut-off. `rawCounts(…, { exceptStored: true })` counts
   * the others, so the two add up to the raw count.
   */
  async storedCounts(
    districtCode: string,
    scope: EvaluationScope,
    days: string[],
    cutoff: Date,
  ): Promise<Map<string, RawCounts>> {
    if (days.length === 0) return new Map();
    const rows = await this.db.query<{ object_id: string } & RawCounts>(
      `SELECT e.object_id, ${sumCols('e.')}
       FROM evaluation_case e
       WHERE e.district_code = $1 AND e.scope = $2 AND e.day = ANY($3::date[])
         AND e.as_of <= $4::timestamptz AND (e.valid_to IS NULL OR e.valid_to > $4::timestamptz)
         AND NOT EXISTS (SELECT 1 FROM evaluation_dirty x WHERE x.case_id = e.case_id)
       GROUP BY e.object_id`,
      [districtCode, scope, days, cutoff.toISOString()],
    );
    return toMap(rows);
  }

  /**
   * Brings the per-case store up to the window's cut-off: every case reported in the window
   * (outside `skipDays`) that the store does not serve at the cut-off — never stored, changed
   * since (a dirty mark), or past its `valid_to` — is recomputed with the same counting as
   * `rawCounts`. Run it in a REPEATABLE READ transaction (`Database.transaction(…, 'repeatable
   * read')`): the flow records counted and the dirty marks deleted are then the same snapshot's,
   * so a record committed meanwhile keeps its mark. Returns the number of cases recomputed.
   */
  async refreshStore(w: CountWindow, skipDays: string[]): Promise<number> {
    const params = windowParams(w, skipDays);
    // Taken first: a second refresh of the district waits here and then fails to serialise
    // (REPEATABLE READ), and the caller retries it on a snapshot that includes this one.
    await this.db.query(
      `INSERT INTO evaluation_store_generation (district_code) VALUES ($1) ON CONFLICT DO NOTHING`,
      [w.districtCode],
    );
    await this.db.query(
      `UPDATE evaluation_store_generation SET generation = generation + 1, refreshed_at = now()
       WHERE district_code = $1`,
      [w.districtCode],
    );
    await this.db.query(
      `CREATE TEMP TABLE eval_store_target ON COMMIT DROP AS
       SELECT c.id FROM (${casesSql('exclude')}) c WHERE NOT ${storeServes('c.id', '$5::timestamptz')}`,
      params,
    );
    await this.db.query('ANALYZE eval_store_target');
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM eval_store_target`);
    if (n === 0) return 0;
    await this.db.query(`DELETE FROM evaluation_case WHERE case_id IN (SELECT id FROM eval_store_target)`);
    await this.db.query(
      `DELETE FROM evaluation_case_state WHERE case_id IN (SELECT id FROM eval_store_target)`,
    );
    const cols = RAW_COUNTS.join(', ');
    await this.withCaseTables('targets', params, async () => {
      // Valid until the first instant the counting could answer otherwise: the disposal
      // deadline of a case still disposing (its 超期/应结案 flags turn there), or a record
      // stamped after the cut-off (not counted now).
      await this.db.query(
        `INSERT INTO evaluation_case_state (case_id, district_code, day, as_of, valid_to)
         SELECT k.id, $1, (k.reported_at AT TIME ZONE $2)::date, $3::timestamptz,
           least(CASE WHEN d.state_at IN ${DISPOSING} AND d.disposal_deadline > $3::timestamptz
                      THEN d.disposal_deadline END,
                 later.first_at)
         FROM case_file k
         LEFT JOIN eval_roll_d d ON d.id = k.id
         LEFT JOIN (SELECT f.case_id, min(f.occurred_at) AS first_at FROM case_flow f
                    WHERE f.occurred_at > $3::timestamptz GROUP BY f.case_id) later ON later.case_id = k.id
         WHERE k.id IN (SELECT id FROM eval_store_target)`,
        [w.districtCode, w.pgZone, w.cutoff.toISOString()],
      );
      for (const type of Object.keys(SCOPES_OF_TYPE) as EvaluationObjectType[]) {
        await this.db.query(
          `INSERT INTO evaluation_case (district_code, case_id, day, scope, object_id, as_of, valid_to, ${cols})
           WITH fl AS NOT MATERIALIZED (SELECT * FROM eval_roll_fl),
                d AS NOT MATERIALIZED (SELECT * FROM eval_roll_d),
                answers AS NOT MATERIALIZED (SELECT * FROM eval_roll_answers),
                contrib AS (${branchesOf(type).join('\n UNION ALL\n ')}),
                g AS (SELECT case_id, day, scope, object_id, ${sumCols()} FROM contrib
                      WHERE object_id IS NOT NULL GROUP BY case_id, day, scope, object_id)
           SELECT $1, g.case_id, g.day, g.scope, g.object_id, s.as_of, s.valid_to, ${RAW_COUNTS.map((c) => `g.${c}`).join(', ')}
           FROM g JOIN evaluation_case_state s ON s.case_id = g.case_id`,
          [w.districtCode],
        );
      }
    });
    // Only the marks this snapshot saw: a record committed after it keeps its case dirty.
    await this.db.query(`DELETE FROM evaluation_dirty WHERE case_id IN (SELECT id FROM eval_store_target)`);
    return n;
  }

  /** Drops the stored contributions and marks of the cases of rolled-up days (the roll-up serves them). */
  private async dropStoreOfDays(districtCode: string, pgZone: string, days: string[]): Promise<void> {
    const ofDays = `SELECT case_id FROM evaluation_case_state WHERE district_code = $1 AND day = ANY($2::date[])`;
    await this.db.query(`DELETE FROM evaluation_case WHERE case_id IN (${ofDays})`, [districtCode, days]);
    await this.db.query(
      `DELETE FROM evaluation_case_state WHERE district_code = $1 AND day = ANY($2::date[])`,
      [districtCode, days],
    );
    await this.db.query(
      `DELETE FROM evaluation_dirty x USING case_file c
       WHERE x.district_code = $1 AND c.id = x.case_id AND (c.reported_at AT TIME ZONE $3)::date = ANY($2::date[])`,
      [districtCode, days, pgZone],
    );
  }

  /** Roll-up counts per object of one scope summed over the given local days. */
  async rolledCounts(
    districtCode: string,
    scope: EvaluationScope,
    days: string[],
  ): Promise<Map<string, RawCounts>> {
    if (days.length === 0) return new Map();
    const { months, rest } = await this.wholeMonths(districtCode, days);
    const rows = await this.db.query<{ object_id: string } & RawCounts>(
      `SELECT object_id, ${sumCols()} FROM (${rolledRowsSql}) x GROUP BY object_id`,
      [districtCode, scope, months, rest],
    );
    return toMap(rows);
  }

  /**
   * Roll-up unit-grid counts over the given local days summed per inspector over the grids
   * assigned to each now (责任网格), in the database: the per-grid rows never reach the API.
   */
  async rolledInspectorGridCounts(districtCode: string, days: string[]): Promise<Map<string, RawCounts>> {
    if (days.length === 0) return new Map();
    const { months, rest } = await this.wholeMonths(districtCode, days);
    const rows = await this.db.query<{ object_id: string } & RawCounts>(
      `SELECT ig.user_id::text AS object_id, ${sumCols('x.')}
       FROM (${rolledRowsSql}) x
       JOIN inspector_grid ig ON ig.district_code = $1 AND ig.grid_code = x.object_id
       GROUP BY ig.user_id`,
      [districtCode, 'unitGrid', months, rest],
    );
    return toMap(rows);
  }

  /** Roll-up counts per calendar month (YYYY-MM) and object of one scope over the given local days. */
  async rolledCountsByMonth(
    districtCode: string,
    scope: EvaluationScope,
    days: string[],
  ): Promise<Map<string, Map<string, RawCounts>>> {
    if (days.length === 0) return new Map();
    const { months, rest } = await this.wholeMonths(districtCode, days);
    const rows = await this.db.query<{ month: string; object_id: string } & RawCounts>(
      `SELECT to_char(x.month, 'YYYY-MM') AS month, object_id, ${sumCols()} FROM (${rolledRowsSql}) x GROUP BY 1, 2`,
      [districtCode, scope, months, rest],
    );
    const out = new Map<string, Map<string, RawCounts>>();
    for (const row of rows) {
      const { month, ...rest } = row;
      let byObject = out.get(month);
      if (!byObject) out.set(month, (byObject = new Map<string, RawCounts>()));
      for (const [id, counts] of toMap([rest])) byObject.set(id, counts);
    }
    return out;
  }

  /**
   * Splits rolled-up local days into whole months that have their monthly rows (first days,
   * YYYY-MM-01) and the remaining days, read from the daily rows.
   */
  private async wholeMonths(
    districtCode: string,
    days: string[],
  ): Promise<{ months: string[]; rest: string[] }> {
    const perMonth = new Map<string, number>();
    for (const d of days) perMonth.set(d.slice(0, 7), (perMonth.get(d.slice(0, 7)) ?? 0) + 1);
    const whole = [...perMonth].filter(([m, n]) => n === daysInMonth(m)).map(([m]) => `${m}-01`);
    const built =
      whole.length === 0
        ? []
        : (
            await this.db.query<{ month: string }>(
              `SELECT to_char(month, 'YYYY-MM-DD') AS month FROM evaluation_rollup_month
               WHERE district_code = $1 AND month = ANY($2::date[])`,
              [districtCode, whole],
            )
          ).map((r) => r.month);
    const monthSet = new Set(built.map((m) => m.slice(0, 7)));
    return { months: built, rest: days.filter((d) => !monthSet.has(d.slice(0, 7))) };
  }

  /**
   * Rebuilds the monthly rows of the given months (YYYY-MM) from the daily rows: only the months
   * whose every day is rolled up get them. Run after every write or drop of daily rows.
   */
  private async rebuildMonths(districtCode: string, days: string[]): Promise<void> {
    const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
    if (months.length === 0) return;
    await this.db.query(
      `DELETE FROM evaluation_monthly WHERE district_code = $1 AND month = ANY($2::date[])`,
      [districtCode, months],
    );
    await this.db.query(
      `DELETE FROM evaluation_rollup_month WHERE district_code = $1 AND month = ANY($2::date[])`,
      [districtCode, months],
    );
    await this.db.query(
      `INSERT INTO evaluation_rollup_month (district_code, month)
       SELECT $1, date_trunc('month', day)::date FROM evaluation_rollup_day
       WHERE district_code = $1 AND date_trunc('month', day)::date = ANY($2::date[])
       GROUP BY 2
       HAVING count(*) = extract(day FROM date_trunc('month', min(day)) + interval '1 month' - interval '1 day')`,
      [districtCode, months],
    );
    await this.db.query(
      `INSERT INTO evaluation_monthly (district_code, month, scope, object_id, ${RAW_COUNTS.join(', ')})
       SELECT $1, m.month, d.scope, d.object_id, ${sumCols('d.')}
       FROM evaluation_rollup_month m
       JOIN evaluation_daily d ON d.district_code = m.district_code
         AND d.day >= m.month AND d.day < (m.month + interval '1 month')::date
       WHERE m.district_code = $1 AND m.month = ANY($2::date[])
       GROUP BY m.month, d.scope, d.object_id`,
      [districtCode, months],
    );
  }

  /** The cases behind raw columns for objects of a scope, keyset-paged by (reported_at, id). */
  async drilldown(
    type: EvaluationObjectType,
    scope: EvaluationScope,
    w: CountWindow,
    objectIds: string[],
    columns: RawCount[],
    after: { reportedAt: string; id: string } | null,
    limit: number,
  ): Promise<DrillRow[]> {
    const n = columns.map((c) => `coalesce(${c}, 0)`).join(' + ');
    const keyset = `AND ($9::timestamptz IS NULL OR (c.reported_at, c.id) > ($9::timestamptz, $10::uuid))`;
    const params = [
      ...windowParams(w, []),
      scope,
      objectIds,
      after?.reportedAt ?? null,
      after?.id ?? null,
      limit,
    ];
    return this.db.query<DrillRow>(
      `${contributionsSql(type, 'exclude', keyset)}
       SELECT case_id AS "caseId", case_no AS "caseNo", to_json(reported_at) #>> '{}' AS "reportedAt",
              sum(${n})::int AS n
       FROM contrib
       WHERE scope = $7 AND object_id = ANY($8::text[])
       GROUP BY case_id, case_no, reported_at
       HAVING sum(${n}) > 0
       ORDER BY reported_at, case_id
       LIMIT $11`,
      params,
    );
  }

  /**
   * Planner statistics of the case tables, refreshed by the rule autovacuum applies (more than
   * 10 % of the rows, at least 500, changed since the last ANALYZE, or never analysed). The
   * embedded database has no autovacuum, and with stale counts the planner joins the counting
   * CTEs by nested loops: on the demo year 13 s instead of 1 s.
   */
  async refreshStatistics(): Promise<void> {
    const stale = await this.db.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE c.relname IN ('case_file', 'case_flow') AND c.relnamespace = current_schema()::regnamespace
         AND (c.reltuples < 0 OR coalesce(s.n_mod_since_analyze, 0) > greatest(500, c.reltuples * 0.1))`,
    );
    for (const { relname } of stale)
      await this.db.query(relname === 'case_file' ? 'ANALYZE case_file' : 'ANALYZE case_flow');
  }

  // --- roll-up -----------------------------------------------------------------------------------

  /** Per local day in [from, to): its cases, whether all are terminal, and the last flow record. */
  async dayStates(districtCode: string, pgZone: string, fromUtc: Date, toUtc: Date): Promise<DayState[]> {
    return this.db.query<DayState>(
      // A case's `updated_at` is the time of its last flow record (every write of the row comes
      // with one, stamped alike: case-rows.ts), so no flow record needs reading here.
      `SELECT to_char(x.day, 'YYYY-MM-DD') AS day, count(*)::int AS cases,
              bool_and(x.state IN ${TERMINAL}) AS terminal,
              to_json(max(x.last_at)) #>> '{}' AS "settledAt"
       FROM (
         SELECT (c.reported_at AT TIME ZONE $2)::date AS day, c.state, c.updated_at AS last_at
         FROM case_file c
         WHERE c.district_code = $1 AND c.reported_at >= $3::timestamptz AND c.reported_at < $4::timestamptz
       ) x
       GROUP BY x.day ORDER BY x.day`,
      [districtCode, pgZone, fromUtc.toISOString(), toUtc.toISOString()],
    );
  }

  /** Rolled-up days in [from, to) valid at the cut-off (settled no later than it). */
  async rolledDays(districtCode: string, fromDay: string, toDay: string, cutoff: Date): Promise<string[]> {
    const rows = await this.db.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM evaluation_rollup_day
       WHERE district_code = $1 AND day >= $2::date AND day < $3::date AND settled_at <= $4::timestamptz
       ORDER BY day`,
      [districtCode, fromDay, toDay, cutoff.toISOString()],
    );
    return rows.map((r) => r.day);
  }

  /**
   * The local days in [from, to) with a case still open, read through the (state, reported_at)
   * index: a day among them cannot be rolled up, so a read need not look at its cases at all.
   */
  async openDays(districtCode: string, pgZone: string, fromUtc: Date, toUtc: Date): Promise<string[]> {
    const rows = await this.db.query<{ day: string }>(
      `SELECT DISTINCT to_char((reported_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day FROM case_file
       WHERE state = ANY($5::text[]) AND reported_at >= $3::timestamptz AND reported_at < $4::timestamptz
         AND district_code = $1`,
      [districtCode, pgZone, fromUtc.toISOString(), toUtc.toISOString(), [...OPEN_STATES]],
    );
    return rows.map((r) => r.day);
  }

  /** Every rolled-up day in [from, to), settled or not at any cut-off. */
  async allRolledDays(districtCode: string, fromDay: string, toDay: string): Promise<string[]> {
    const rows = await this.db.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM evaluation_rollup_day
       WHERE district_code = $1 AND day >= $2::date AND day < $3::date`,
      [districtCode, fromDay, toDay],
    );
    return rows.map((r) => r.day);
  }

  /** Serialises roll-up writers of a district (two refreshes would insert the same keys). */
  async lockRollup(districtCode: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('evaluation_rollup:' || $1))`, [districtCode]);
  }

  /** Replaces the roll-up rows of the given days with the counts of all their records. */
  async writeRollup(
    w: CountWindow,
    days: { day: string; cases: number; settledAt: string }[],
  ): Promise<number> {
    if (days.length === 0) return 0;
    const list = days.map((d) => d.day);
    await this.db.query(`DELETE FROM evaluation_daily WHERE district_code = $1 AND day = ANY($2::date[])`, [
      w.districtCode,
      list,
    ]);
    const cols = RAW_COUNTS.join(', ');
    for (let i = 0; i < list.length; i += ROLLUP_CHUNK_DAYS) {
      const params = windowParams(w, list.slice(i, i + ROLLUP_CHUNK_DAYS));
      await this.withCaseTables('only', params, async () => {
        for (const type of Object.keys(SCOPES_OF_TYPE) as EvaluationObjectType[]) {
          await this.db.query(
            `INSERT INTO evaluation_daily (district_code, day, scope, object_id, ${cols})
             WITH fl AS NOT MATERIALIZED (SELECT * FROM eval_roll_fl),
                  d AS NOT MATERIALIZED (SELECT * FROM eval_roll_d),
                  answers AS NOT MATERIALIZED (SELECT * FROM eval_roll_answers),
                  contrib AS (${branchesOf(type).join('\n UNION ALL\n ')})
             SELECT $1, day, scope, object_id, ${sumCols()} FROM contrib
             WHERE object_id IS NOT NULL GROUP BY day, scope, object_id`,
            [w.districtCode],
          );
        }
      });
    }
    await this.dropStoreOfDays(w.districtCode, w.pgZone, list);
    await this.db.query(
      `INSERT INTO evaluation_rollup_day (district_code, day, cases, settled_at, refreshed_at)
       SELECT $1, x.day, x.cases, x.settled_at, now()
       FROM unnest($2::date[], $3::int[], $4::timestamptz[]) AS x(day, cases, settled_at)
       ON CONFLICT ON CONSTRAINT evaluation_rollup_day_pk
       DO UPDATE SET cases = EXCLUDED.cases, settled_at = EXCLUDED.settled_at, refreshed_at = now()`,
      [w.districtCode, list, days.map((d) => d.cases), days.map((d) => d.settledAt)],
    );
    await this.rebuildMonths(w.districtCode, list);
    return list.length;
  }

  /**
   * The per-case part of the counting, the same for every object type, computed once into
   * temporary tables (`eval_roll_fl`, `eval_roll_d`, `eval_roll_answers`) for the cases that
   * `casesSql(days)` selects with `params`; `work` then runs each type's branches over them.
   */
  private async withCaseTables(
    days: 'only' | 'targets',
    params: unknown[],
    work: () => Promise<void>,
  ): Promise<void> {
    await this.db.query(
      `CREATE TEMP TABLE eval_roll_fl AS WITH k AS MATERIALIZED (${casesSql(days)}) ${FLOW_SQL}`,
      params,
    );
    await this.db.query(
      `CREATE TEMP TABLE eval_roll_d AS
       WITH k AS MATERIALIZED (${casesSql(days)}), fl AS (SELECT * FROM eval_roll_fl), cf AS (${CASE_FLOW_SQL})
       ${CASE_SQL}`,
      params,
    );
    await this.db.query(
      `CREATE TEMP TABLE eval_roll_answers AS WITH fl AS (SELECT * FROM eval_roll_fl) ${ANSWERS_SQL}`,
    );
    await this.db.query('ANALYZE eval_roll_fl, eval_roll_d, eval_roll_answers');
    await work();
    await this.db.query('DROP TABLE eval_roll_fl, eval_roll_d, eval_roll_answers');
  }

  /** Drops the roll-up of days that are no longer settled (a refresh found an open case). */
  async dropRollup(districtCode: string, days: string[]): Promise<void> {
    if (days.length === 0) return;
    await this.db.query(`DELETE FROM evaluation_daily WHERE district_code = $1 AND day = ANY($2::date[])`, [
      districtCode,
      days,
    ]);
    await this.db.query(
      `DELETE FROM evaluation_rollup_day WHERE district_code = $1 AND day = ANY($2::date[])`,
      [districtCode, days],
    );
    await this.rebuildMonths(districtCode, days);
  }

  // --- objects -----------------------------------------------------------------------------------

  /** Current regions of a level (region table level names) under a code prefix, with their unit grids. */
  async regions(districtCode: string, level: string, prefix: string): Promise<RegionRow[]> {
    if (level === 'grid')
      return this.db.query<RegionRow>(
        `SELECT code, name, 1 AS "unitGrids" FROM region
         WHERE district_code = $1 AND level = 'grid' AND valid_to IS NULL AND code LIKE $2 || '%'
         ORDER BY code`,
        [districtCode, prefix],
      );
    return this.db.query<RegionRow>(
      // The current unit grids under the prefix counted once per region code of the level (the
      // first 6, 9 or 12 digits of the grid code), not once per region.
      `WITH above AS (
         SELECT left(g.code, $4) AS code, count(*)::int AS n
         FROM region g
         WHERE g.level = 'grid' AND g.valid_to IS NULL AND g.district_code = $1 AND g.code LIKE $3 || '%'
         GROUP BY 1)
       SELECT r.code, r.name, coalesce(a.n, 0) AS "unitGrids"
       FROM region r LEFT JOIN above a ON a.code = r.code
       WHERE r.district_code = $1 AND r.level = $2 AND r.valid_to IS NULL AND r.code LIKE $3 || '%'
       ORDER BY r.code`,
      [districtCode, level, prefix, REGION_CODE_LENGTH[level] ?? 12],
    );
  }

  async departmentNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; name: string }>(
      `SELECT id::text AS id, name FROM department WHERE id::text = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; name: string }>(
      `SELECT id::text AS id, display_name AS name FROM app_user WHERE id::text = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The inspectors that have 责任网格 in the district. */
  async inspectorsWithGrids(districtCode: string): Promise<string[]> {
    const rows = await this.db.query<{ userId: string }>(
      `SELECT DISTINCT user_id::text AS "userId" FROM inspector_grid WHERE district_code = $1`,
      [districtCode],
    );
    return rows.map((r) => r.userId);
  }

  /** 责任网格 of the district's inspectors. */
  async inspectorGrids(districtCode: string): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ userId: string; gridCode: string }>(
      `SELECT user_id::text AS "userId", grid_code AS "gridCode" FROM inspector_grid
       WHERE district_code = $1 ORDER BY user_id, grid_code`,
      [districtCode],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.gridCode]);
    return out;
  }

  // --- profiles ----------------------------------------------------------------------------------

  async insertProfile(
    p: { id: string; version: number; name: string; body: unknown; shipped: boolean },
    createdBy: string | null,
  ): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO evaluation_profile (id, version, name, body, shipped, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT ON CONSTRAINT evaluation_profile_pk DO NOTHING RETURNING id`,
      [p.id, p.version, p.name, JSON.stringify(p.body), p.shipped, createdBy],
    );
    return rows.length > 0;
  }

  /** A profile's body: the given version, or the latest. */
  async profile(id: string, version?: number): Promise<{ version: number; body: unknown } | null> {
    const [row] = await this.db.query<{ version: number; body: unknown }>(
      `SELECT version, body FROM evaluation_profile
       WHERE id = $1 AND ($2::int IS NULL OR version = $2::int) ORDER BY version DESC LIMIT 1`,
      [id, version ?? null],
    );
    return row ?? null;
  }

  async latestVersion(id: string): Promise<number | null> {
    const [row] = await this.db.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM evaluation_profile WHERE id = $1`,
      [id],
    );
    return row?.v ?? null;
  }

  async listProfiles(): Promise<
    {
      id: string;
      version: number;
      name: string;
      shipped: boolean;
      basedOn: string | null;
      createdAt: string;
    }[]
  > {
    return this.db.query(
      `SELECT id, version, name, shipped, body->>'basedOn' AS "basedOn", to_json(created_at) #>> '{}' AS "createdAt"
       FROM evaluation_profile ORDER BY id, version`,
    );
  }

  // --- snapshots ---------------------------------------------------------------------------------

  async insertSnapshot(s: {
    districtCode: string;
    objectType: string;
    regionLevel: string;
    periodKind: string;
    periodLabel: string;
    periodFrom: string;
    periodTo: string;
    cutoff: Date;
    profileId: string;
    profileVersion: number;
    inputs: unknown;
    results: unknown;
    publishedBy: string;
  }): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO evaluation_snapshot (district_code, object_type, region_level, period_kind, period_label,
         period_from, period_to, cutoff, profile_id, profile_version, inputs, results, published_by)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8::timestamptz, $9, $10, $11::jsonb, $12::jsonb, $13)
       ON CONFLICT ON CONSTRAINT evaluation_snapshot_uq DO NOTHING RETURNING id`,
      [
        s.districtCode,
        s.objectType,
        s.regionLevel,
        s.periodKind,
        s.periodLabel,
        s.periodFrom,
        s.periodTo,
        s.cutoff.toISOString(),
        s.profileId,
        s.profileVersion,
        JSON.stringify(s.inputs),
        JSON.stringify(s.results),
        s.publishedBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async listSnapshots(districtCode: string): Promise<SnapshotRow[]> {
    return this.db.query<SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM evaluation_snapshot WHERE district_code = $1
       ORDER BY published_at DESC, id DESC`,
      [districtCode],
    );
  }

  async snapshot(
    districtCode: string,
    id: string,
  ): Promise<(SnapshotRow & { inputs: unknown; results: unknown }) | null> {
    const [row] = await this.db.query<SnapshotRow & { inputs: unknown; results: unknown }>(
      `SELECT ${SNAPSHOT_COLUMNS}, inputs, results FROM evaluation_snapshot WHERE district_code = $1 AND id = $2`,
      [districtCode, id],
    );
    return row ?? null;
  }
}

function toMap(rows: ({ object_id: string } & RawCounts)[]): Map<string, RawCounts> {
  const out = new Map<string, RawCounts>();
  for (const r of rows) {
    const counts = {} as RawCounts;
    for (const c of RAW_COUNTS) counts[c] = Number(r[c]);
    out.set(r.object_id, counts);
  }
  return out;
}
