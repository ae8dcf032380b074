import type { CaseSource, CaseStage, CaseState, DuplicateCandidate } from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';
import { AuditRepository } from '../audit/audit.repository';

/** What the service writes for a new case or after a transition (columns copied from the aggregate). */
export interface CaseRow {
  id: string;
  caseNo: string;
  districtCode: string;
  streetCode: string | null;
  communityCode: string | null;
  gridCode: string | null;
  source: CaseSource;
  kind: 'component' | 'event';
  classCode: string;
  state: CaseState;
  description: string;
  address: string | null;
  lon: number;
  lat: number;
  positionManual: boolean;
  componentCode: string | null;
  reporterId: string | null;
  /** SM4-encrypted public reporter (CitizenDataCipher token), never plain. */
  publicReporterEnc: string | null;
  taskInspectorId: string | null;
  departmentId: string | null;
  firstDepartmentId: string | null;
  duplicateOf: string | null;
  urgency: 'normal' | 'urgent';
  areaClass: string | null;
  snapshot: unknown;
  clock: unknown;
  filingStandard: unknown;
  stage: CaseStage | null;
  stageStartedAt: Date | null;
  stageDeadline: Date | null;
  disposalDeadline: Date | null;
  disposalPaused: boolean;
  supervisionCount: number;
  reportedAt: Date;
  filedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
}

export interface FlowRow {
  caseId: string;
  districtCode: string;
  seq: number;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  actorId: string | null;
  actorRole: string;
  departmentId: string | null;
  opinion: string | null;
  payload: Record<string, unknown>;
  attachments: unknown[];
  stage: CaseStage | null;
  stageStartedAt: Date | null;
  stageDeadline: Date | null;
  stageOnTime: boolean | null;
  disposalDeadline: Date | null;
  disposalOnTime: boolean | null;
  occurredAt: Date;
}

/** A stored case as read back (dates as ISO strings, joined names). */
export interface StoredCase extends Omit<
  CaseRow,
  | 'stageStartedAt'
  | 'stageDeadline'
  | 'disposalDeadline'
  | 'reportedAt'
  | 'filedAt'
  | 'closedAt'
  | 'updatedAt'
> {
  stageStartedAt: string | null;
  stageDeadline: string | null;
  disposalDeadline: string | null;
  reportedAt: string;
  filedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  className: string | null;
  departmentName: string | null;
}

export interface StoredFlow extends Omit<
  FlowRow,
  'stageStartedAt' | 'stageDeadline' | 'disposalDeadline' | 'occurredAt'
> {
  stageStartedAt: string | null;
  stageDeadline: string | null;
  disposalDeadline: string | null;
  occurredAt: string;
  actorName: string | null;
  departmentName: string | null;
}

/** Which cases a caller may see (spec: department → its own, inspector → its reports and tasks). */
export type CaseScope =
  | { kind: 'district'; districtCode: string }
  | { kind: 'departments'; districtCode: string; departmentIds: string[] }
  | { kind: 'inspector'; districtCode: string; userId: string; gridCodes: string[] };

export interface CaseFilter {
  states?: CaseState[];
  classCode?: string;
  kind?: 'component' | 'event';
  departmentId?: string;
  regionCode?: string;
  source?: CaseSource;
  overdue?: boolean;
  from?: Date;
  to?: Date;
  q?: string;
  /** Only open cases (not CLOSED, REJECTED or VOID): served by the partial indexes. */
  openOnly?: boolean;
  /** Cases waiting for this caller: inspector tasks, department cases, desk states. */
  waitingStates?: CaseState[];
  taskInspectorId?: string;
}

export interface ListCursor {
  reportedAt: string;
  id: string;
}

export interface PlaceRow {
  kind: 'component' | 'event';
  classCode: string;
  componentCode: string | null;
  gridCode: string | null;
  streetCode: string | null;
}

export interface DepartmentRef {
  id: string;
  name: string;
  code: string;
}

const CASE_COLUMNS = `
  c.id, c.case_no AS "caseNo", c.district_code AS "districtCode", c.street_code AS "streetCode",
  c.community_code AS "communityCode", c.grid_code AS "gridCode", c.source, c.kind,
  c.class_code AS "classCode", c.state, c.description, c.address,
  ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.position_manual AS "positionManual",
  c.component_code AS "componentCode", c.reporter_id AS "reporterId", c.public_reporter_enc AS "publicReporterEnc",
  c.task_inspector_id AS "taskInspectorId", c.department_id AS "departmentId",
  c.first_department_id AS "firstDepartmentId", c.duplicate_of AS "duplicateOf", c.urgency,
  c.area_class AS "areaClass", c.snapshot, c.clock, c.filing_standard AS "filingStandard", c.stage,
  to_json(c.stage_started_at) #>> '{}' AS "stageStartedAt", to_json(c.stage_deadline) #>> '{}' AS "stageDeadline",
  to_json(c.disposal_deadline) #>> '{}' AS "disposalDeadline", c.disposal_paused AS "disposalPaused",
  c.supervision_count AS "supervisionCount", to_json(c.reported_at) #>> '{}' AS "reportedAt",
  to_json(c.filed_at) #>> '{}' AS "filedAt", to_json(c.closed_at) #>> '{}' AS "closedAt",
  to_json(c.updated_at) #>> '{}' AS "updatedAt", c.version,
  (SELECT k.name FROM classification k WHERE k.kind = c.kind AND k.code = c.class_code AND k.valid_to IS NULL LIMIT 1) AS "className",
  d.name AS "departmentName"`;

const OPEN_STATES_SQL = `('CLOSED', 'REJECTED', 'VOID')`;

/**
 * `count` case numbers of a year, ascending: year + 8 digits from the sequence `case_no_<year>`.
 * A sequence takes no row lock, so intakes never queue on it. It is created on first use, under
 * an advisory lock: two first intakes of a year would otherwise both try to create it and one
 * would fail on the catalog's unique index (seen at 10,000 × 3 concurrent intakes).
 */
export async function nextCaseNumbers(db: SqlRunner, year: number, count: number): Promise<string[]> {
  const seq = `case_no_${year}`;
  const take = () =>
    db.query<{ n: string | null }>(
      `SELECT nextval(to_regclass($1))::text AS n FROM generate_series(1, $2::int)`,
      [seq, count],
    );
  let rows = await take();
  if (rows.length > 0 && rows[0]?.n == null) {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('case_no_sequence'))`);
    await db.query(`CREATE SEQUENCE IF NOT EXISTS ${seq}`);
    rows = await take();
  }
  return rows
    .map((r) => Number(r.n))
    .sort((a, b) => a - b)
    .map((n) => `${year}${String(n).padStart(8, '0')}`);
}

/** All SQL of the case loop: cases, flow records, numbers, duplicates, dispatch suggestions. */
export class CasesRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Next case number of a year (see `nextCaseNumbers`). */
  async nextCaseNo(year: number): Promise<string> {
    const [no] = await nextCaseNumbers(this.db, year, 1);
    if (!no) throw new Error(`case_no_${year} returned nothing`);
    return no;
  }

  async insertCase(c: CaseRow): Promise<void> {
    await this.db.query(
      `INSERT INTO case_file (id, case_no, district_code, street_code, community_code, grid_code, source, kind,
         class_code, state, description, address, geom, position_manual, component_code, reporter_id,
         public_reporter_enc, task_inspector_id, department_id, first_department_id, duplicate_of, urgency,
         area_class, snapshot, clock, filing_standard, stage, stage_started_at, stage_deadline,
         disposal_deadline, disposal_paused, supervision_count, reported_at, filed_at, closed_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ST_SetSRID(ST_MakePoint($13, $14), 4326), $15,
         $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35,
         $36, $37, $38)`,
      [
        c.id,
        c.caseNo,
        c.districtCode,
        c.streetCode,
        c.communityCode,
        c.gridCode,
        c.source,
        c.kind,
        c.classCode,
        c.state,
        c.description,
        c.address,
        c.lon,
        c.lat,
        c.positionManual,
        c.componentCode,
        c.reporterId,
        c.publicReporterEnc,
        c.taskInspectorId,
        c.departmentId,
        c.firstDepartmentId,
        c.duplicateOf,
        c.urgency,
        c.areaClass,
        JSON.stringify(c.snapshot),
        JSON.stringify(c.clock),
        c.filingStandard === null ? null : JSON.stringify(c.filingStandard),
        c.stage,
        c.stageStartedAt,
        c.stageDeadline,
        c.disposalDeadline,
        c.disposalPaused,
        c.supervisionCount,
        c.reportedAt,
        c.filedAt,
        c.closedAt,
        c.updatedAt,
        c.version,
      ],
    );
  }

  /**
   * Writes the state after a transition, guarded by the version the caller read: returns false
   * (and changes nothing) when someone else changed the case in between.
   */
  async updateCase(c: CaseRow, expectedVersion: number): Promise<boolean> {
    // Wrapped in a CTE so every driver answers plain rows (TypeORM turns a bare UPDATE into
    // [rows, count]).
    const rows = await this.db.query<{ id: string }>(
      `WITH updated AS (UPDATE case_file SET state = $3, task_inspector_id = $4, department_id = $5, first_department_id = $6,
         duplicate_of = $7, urgency = $8, area_class = $9, snapshot = $10, clock = $11, filing_standard = $12,
         stage = $13, stage_started_at = $14, stage_deadline = $15, disposal_deadline = $16,
         disposal_paused = $17, supervision_count = $18, filed_at = $19, closed_at = $20, updated_at = $21,
         version = version + 1
       WHERE id = $1 AND version = $2
       RETURNING id)
       SELECT id FROM updated`,
      [
        c.id,
        expectedVersion,
        c.state,
        c.taskInspectorId,
        c.departmentId,
        c.firstDepartmentId,
        c.duplicateOf,
        c.urgency,
        c.areaClass,
        JSON.stringify(c.snapshot),
        JSON.stringify(c.clock),
        c.filingStandard === null ? null : JSON.stringify(c.filingStandard),
        c.stage,
        c.stageStartedAt,
        c.stageDeadline,
        c.disposalDeadline,
        c.disposalPaused,
        c.supervisionCount,
        c.filedAt,
        c.closedAt,
        c.updatedAt,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Appends flow records, each with its row in the district's SM3 audit chain (same
   * transaction: a state change and its audit row commit together or not at all).
   */
  async insertFlows(rows: FlowRow[]): Promise<void> {
    if (rows.length === 0) return;
    const audit = new AuditRepository(this.db);
    for (const r of rows) {
      await audit.append({
        districtCode: r.districtCode,
        entity: 'case',
        entityId: r.caseId,
        action: r.action,
        actorId: r.actorId,
        actorRole: r.actorRole,
        occurredAt: r.occurredAt,
        data: flowAuditData(r),
      });
    }
    await insertFlowRecords(this.db, rows);
  }

  async findCase(id: string): Promise<StoredCase | null> {
    const [row] = await this.db.query<StoredCase>(
      `SELECT ${CASE_COLUMNS} FROM case_file c LEFT JOIN department d ON d.id = c.department_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async lastSeq(caseId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT coalesce(max(seq), 0)::int AS n FROM case_flow WHERE case_id = $1`,
      [caseId],
    );
    return row?.n ?? 0;
  }

  async timeline(caseId: string): Promise<StoredFlow[]> {
    return this.db.query<StoredFlow>(
      `SELECT f.case_id AS "caseId", f.district_code AS "districtCode", f.seq, f.action, f.from_state AS "fromState",
         f.to_state AS "toState", f.actor_id AS "actorId", f.actor_role AS "actorRole",
         f.department_id AS "departmentId", f.opinion, f.payload, f.attachments, f.stage,
         to_json(f.stage_started_at) #>> '{}' AS "stageStartedAt", to_json(f.stage_deadline) #>> '{}' AS "stageDeadline",
         f.stage_on_time AS "stageOnTime", to_json(f.disposal_deadline) #>> '{}' AS "disposalDeadline",
         f.disposal_on_time AS "disposalOnTime", to_json(f.occurred_at) #>> '{}' AS "occurredAt",
         u.display_name AS "actorName", d.name AS "departmentName"
       FROM case_flow f
       LEFT JOIN app_user u ON u.id = f.actor_id
       LEFT JOIN department d ON d.id = f.department_id
       WHERE f.case_id = $1
       ORDER BY f.seq`,
      [caseId],
    );
  }

  /**
   * A desk list page: newest first, keyset on (reported_at, id). Every filter is a plain
   * predicate on indexed columns; region codes match by prefix level (district, street,
   * community or grid column).
   */
  async list(
    scope: CaseScope,
    f: CaseFilter,
    limit: number,
    after: ListCursor | null,
    now: Date,
  ): Promise<StoredCase[]> {
    const { where, params } = buildWhere(scope, f, now);
    if (after) {
      params.push(after.reportedAt, after.id);
      where.push(`(c.reported_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.db.query<StoredCase>(
      `SELECT ${CASE_COLUMNS} FROM case_file c LEFT JOIN department d ON d.id = c.department_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.reported_at DESC, c.id DESC
       LIMIT $${params.length}`,
      params,
    );
  }

  /** Counts per state and overdue, under the same scope and filters as the list. */
  async counts(
    scope: CaseScope,
    f: CaseFilter,
    now: Date,
  ): Promise<{ state: CaseState; n: number; overdue: number }[]> {
    const { where, params } = buildWhere(scope, { ...f, states: undefined }, now);
    params.push(now);
    return this.db.query(
      `SELECT c.state, count(*)::int AS n,
         count(*) FILTER (WHERE ${overduePredicate(`$${params.length}`)})::int AS overdue
       FROM case_file c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY c.state`,
      params,
    );
  }

  /**
   * Open cases of the same small class within `radiusM` reported since `since` (spec 03 §5),
   * nearest first. The inner query walks the class's open cases nearest-first through
   * `case_file_open_class_geom_gix` and stops after a few times `limit` matches (planar order);
   * the outer one keeps those within the radius on the ellipsoid and orders them by that distance.
   * A bitmap over the radius instead read every recent case of a busy class (4–10 ms an intake).
   */
  async nearbyOpen(
    kind: string,
    classCode: string,
    lon: number,
    lat: number,
    radiusM: number,
    since: Date,
    limit: number,
  ): Promise<DuplicateCandidate[]> {
    return this.db.query<DuplicateCandidate>(
      `SELECT n.id, n."caseNo", n.state, n."classCode", n.description,
         round(n.d)::int AS "distanceM", n."reportedAt"
       FROM (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4326) AS g) p
       CROSS JOIN LATERAL (
         SELECT c.id, c.case_no AS "caseNo", c.state, c.class_code AS "classCode", c.description,
           ST_Distance(c.geom::geography, p.g::geography) AS d,
           to_json(c.reported_at) #>> '{}' AS "reportedAt"
         FROM case_file c
         WHERE c.state NOT IN ${OPEN_STATES_SQL} AND c.class_code = $2
           AND c.kind = $1 AND c.reported_at >= $6
         ORDER BY c.geom <-> p.g
         LIMIT $7 * 4) n
       WHERE n.d <= $5
       ORDER BY n.d, n.id
       LIMIT $7`,
      [kind, classCode, lon, lat, radiusM, since, limit],
    );
  }

  /** The department of a component attribute, when the code names one of ours. */
  async componentDepartments(componentCode: string): Promise<{
    maintainer: DepartmentRef | null;
    owner: DepartmentRef | null;
    competent: DepartmentRef | null;
  } | null> {
    const [row] = await this.db.query<{
      m: DepartmentRef | null;
      o: DepartmentRef | null;
      c: DepartmentRef | null;
    }>(
      `SELECT
         (SELECT json_build_object('id', d.id, 'name', d.name, 'code', d.code) FROM department d WHERE d.code = k.maintainer_code) AS m,
         (SELECT json_build_object('id', d.id, 'name', d.name, 'code', d.code) FROM department d WHERE d.code = k.owner_code) AS o,
         (SELECT json_build_object('id', d.id, 'name', d.name, 'code', d.code) FROM department d WHERE d.code = k.competent_dept_code) AS c
       FROM component k WHERE k.code = $1`,
      [componentCode],
    );
    return row ? { maintainer: row.m, owner: row.o, competent: row.c } : null;
  }

  /**
   * The most specific dispatch rule for a class and a place: longest class prefix first, then
   * the smallest region (grid > community > street > district > anywhere).
   */
  async matchDispatchRule(
    districtCode: string,
    kind: string,
    classCode: string,
    regionCodes: string[],
  ): Promise<(DepartmentRef & { classPrefix: string; regionCode: string }) | null> {
    const [row] = await this.db.query<DepartmentRef & { classPrefix: string; regionCode: string }>(
      `SELECT d.id, d.name, d.code, r.class_prefix AS "classPrefix", r.region_code AS "regionCode"
       FROM dispatch_rule r JOIN department d ON d.id = r.department_id
       WHERE r.district_code = $1 AND r.kind IN ('', $2) AND left($3, char_length(r.class_prefix)) = r.class_prefix
         AND (r.region_code = '' OR r.region_code = ANY($4::text[]))
       ORDER BY char_length(r.class_prefix) DESC, char_length(r.region_code) DESC, r.kind DESC
       LIMIT 1`,
      [districtCode, kind, classCode, regionCodes],
    );
    return row ?? null;
  }

  /** 属地兜底: the territorial department of the street, else of the district. */
  async territorialDepartment(
    streetCode: string | null,
    districtCode: string,
  ): Promise<DepartmentRef | null> {
    const [row] = await this.db.query<DepartmentRef>(
      `SELECT d.id, d.name, d.code FROM department d
       WHERE d.territory_code = ANY($1::text[])
       ORDER BY char_length(d.territory_code) DESC LIMIT 1`,
      [[streetCode, districtCode].filter((c): c is string => c !== null)],
    );
    return row ?? null;
  }

  /** Name of a current small class of the kind, or null. */
  async currentClassName(kind: string, code: string): Promise<string | null> {
    const [row] = await this.db.query<{ name: string }>(
      `SELECT name FROM classification WHERE kind = $1 AND code = $2 AND level = 'small' AND valid_to IS NULL`,
      [kind, code],
    );
    return row?.name ?? null;
  }

  async departmentByCode(code: string): Promise<DepartmentRef | null> {
    const [row] = await this.db.query<DepartmentRef>(
      `SELECT id, name, code FROM department WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }

  async department(id: string): Promise<(DepartmentRef & { parentId: string | null }) | null> {
    const [row] = await this.db.query<DepartmentRef & { parentId: string | null }>(
      `SELECT id, name, code, parent_id AS "parentId" FROM department WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The inspector responsible for a grid (责任网格), for verify and check tasks. */
  async gridInspector(gridCode: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      `SELECT g.user_id AS id FROM inspector_grid g JOIN app_user u ON u.id = g.user_id
       WHERE g.grid_code = $1 AND u.role = 'inspector' AND u.active
       ORDER BY u.username LIMIT 1`,
      [gridCode],
    );
    return row?.id ?? null;
  }

  async insertDispatchRules(
    rows: {
      districtCode: string;
      kind: string;
      classPrefix: string;
      regionCode: string;
      departmentCode: string;
      note: string | null;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO dispatch_rule (district_code, kind, class_prefix, region_code, department_id, note)
       SELECT r.district_code, r.kind, r.class_prefix, r.region_code, d.id, r.note
       FROM json_to_recordset($1::json) AS r(district_code text, kind text, class_prefix text, region_code text,
         department_code text, note text)
       JOIN department d ON d.code = r.department_code
       ON CONFLICT (district_code, kind, class_prefix, region_code) DO NOTHING`,
      [
        JSON.stringify(
          rows.map((r) => ({
            district_code: r.districtCode,
            kind: r.kind,
            class_prefix: r.classPrefix,
            region_code: r.regionCode,
            department_code: r.departmentCode,
            note: r.note,
          })),
        ),
      ],
    );
  }

  async setTerritories(rows: { departmentCode: string; territoryCode: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE department d SET territory_code = r.territory_code
       FROM json_to_recordset($1::json) AS r(department_code text, territory_code text)
       WHERE d.code = r.department_code`,
      [
        JSON.stringify(
          rows.map((r) => ({ department_code: r.departmentCode, territory_code: r.territoryCode })),
        ),
      ],
    );
  }
}

/** Flow records in one statement (no audit rows: callers append those). */
export async function insertFlowRecords(db: SqlRunner, rows: readonly FlowRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO case_flow (case_id, district_code, seq, action, from_state, to_state, actor_id, actor_role,
       department_id, opinion, payload, attachments, stage, stage_started_at, stage_deadline, stage_on_time,
       disposal_deadline, disposal_on_time, occurred_at)
     SELECT r.case_id, r.district_code, r.seq, r.action, r.from_state, r.to_state, r.actor_id, r.actor_role,
       r.department_id, r.opinion, r.payload, r.attachments, r.stage, r.stage_started_at, r.stage_deadline,
       r.stage_on_time, r.disposal_deadline, r.disposal_on_time, r.occurred_at
     FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, district_code text, seq int, action text,
       from_state text, to_state text, actor_id uuid, actor_role text, department_id uuid, opinion text,
       payload jsonb, attachments jsonb, stage text, stage_started_at timestamptz, stage_deadline timestamptz,
       stage_on_time boolean, disposal_deadline timestamptz, disposal_on_time boolean, occurred_at timestamptz)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          case_id: r.caseId,
          district_code: r.districtCode,
          seq: r.seq,
          action: r.action,
          from_state: r.fromState,
          to_state: r.toState,
          actor_id: r.actorId,
          actor_role: r.actorRole,
          department_id: r.departmentId,
          opinion: r.opinion,
          payload: r.payload,
          attachments: r.attachments,
          stage: r.stage,
          stage_started_at: r.stageStartedAt,
          stage_deadline: r.stageDeadline,
          stage_on_time: r.stageOnTime,
          disposal_deadline: r.disposalDeadline,
          disposal_on_time: r.disposalOnTime,
          occurred_at: r.occurredAt,
        })),
      ),
    ],
  );
}

/** What the audit chain records of a flow record (the same for live steps and demo history). */
export function flowAuditData(r: FlowRow): Record<string, unknown> {
  return {
    seq: r.seq,
    fromState: r.fromState,
    toState: r.toState,
    departmentId: r.departmentId,
    opinion: r.opinion,
    payload: r.payload,
    attachments: r.attachments,
    stage: r.stage,
    stageDeadline: r.stageDeadline?.toISOString() ?? null,
    stageOnTime: r.stageOnTime,
    disposalDeadline: r.disposalDeadline?.toISOString() ?? null,
    disposalOnTime: r.disposalOnTime,
  };
}

/** Overdue now: a running disposal clock past its deadline, or a running stage past its own. */
function overduePredicate(nowParam: string): string {
  return `c.state NOT IN ${OPEN_STATES_SQL} AND (
    (NOT c.disposal_paused AND c.disposal_deadline IS NOT NULL AND c.disposal_deadline < ${nowParam})
    OR (c.stage_deadline IS NOT NULL AND c.stage_deadline < ${nowParam}))`;
}

function buildWhere(scope: CaseScope, f: CaseFilter, now: Date): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  where.push(`c.district_code = ${p(scope.districtCode)}`);
  if (scope.kind === 'departments') where.push(`c.department_id = ANY(${p(scope.departmentIds)}::uuid[])`);
  if (scope.kind === 'inspector') {
    where.push(
      `(c.reporter_id = ${p(scope.userId)}::uuid OR c.task_inspector_id = ${p(scope.userId)}::uuid)`,
    );
  }
  if (f.states?.length) where.push(`c.state = ANY(${p(f.states)}::text[])`);
  if (f.openOnly) where.push(`c.state NOT IN ${OPEN_STATES_SQL}`);
  if (f.waitingStates?.length) where.push(`c.state = ANY(${p(f.waitingStates)}::text[])`);
  if (f.taskInspectorId) where.push(`c.task_inspector_id = ${p(f.taskInspectorId)}::uuid`);
  if (f.classCode) where.push(`c.class_code = ${p(f.classCode)}`);
  if (f.kind) where.push(`c.kind = ${p(f.kind)}`);
  if (f.departmentId) where.push(`c.department_id = ${p(f.departmentId)}::uuid`);
  if (f.source) where.push(`c.source = ${p(f.source)}`);
  if (f.regionCode) {
    const column =
      f.regionCode.length === 6
        ? 'district_code'
        : f.regionCode.length === 9
          ? 'street_code'
          : f.regionCode.length === 12
            ? 'community_code'
            : 'grid_code';
    where.push(`c.${column} = ${p(f.regionCode)}`);
  }
  if (f.from) where.push(`c.reported_at >= ${p(f.from)}`);
  if (f.to) where.push(`c.reported_at < ${p(f.to)}`);
  if (f.q) {
    // A case number is found through its unique index; other text searches descriptions (a scan
    // of the otherwise filtered cases: no text index yet).
    if (/^[0-9A-Za-z-]{6,20}$/.test(f.q)) where.push(`c.case_no = ${p(f.q)}`);
    else where.push(`c.description LIKE ${p(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`)}`);
  }
  if (f.overdue !== undefined) {
    const pred = overduePredicate(p(now));
    where.push(f.overdue ? `(${pred})` : `NOT (${pred})`);
  }
  return { where, params };
}
