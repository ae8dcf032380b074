import type { SqlRunner } from '../../database/database';
import { type AuditFields, chainHash, chainOf, GENESIS_HASH } from '../audit/audit-chain';
import { type CaseRow, type FlowRow, flowAuditData, insertFlowRecords } from '../cases/cases.repository';

/** A demo user as the case replay needs it. */
export interface DemoActorRow {
  id: string;
  username: string;
  role: string;
  departmentId: string | null;
}

export interface DemoPlaceRow {
  ord: number;
  gridCode: string | null;
  communityCode: string | null;
  streetCode: string | null;
  districtCode: string | null;
  address: string | null;
}

/** SQL of the demo case seeding: lookups once for the whole year, inserts in batches. */
export class DemoCasesRepository {
  constructor(private readonly db: SqlRunner) {}

  async users(): Promise<DemoActorRow[]> {
    return this.db.query<DemoActorRow>(
      `SELECT id, username, role, department_id AS "departmentId" FROM app_user WHERE active ORDER BY username`,
    );
  }

  async departments(): Promise<{ id: string; code: string; parentId: string | null }[]> {
    return this.db.query(`SELECT id, code, parent_id AS "parentId" FROM department`);
  }

  async inspectorGrids(): Promise<{ username: string; gridCode: string }[]> {
    return this.db.query(
      `SELECT u.username, g.grid_code AS "gridCode" FROM inspector_grid g JOIN app_user u ON u.id = g.user_id
       WHERE u.role = 'inspector' AND u.active ORDER BY u.username, g.grid_code`,
    );
  }

  async currentClassNames(): Promise<{ kind: string; code: string; name: string }[]> {
    return this.db.query(`SELECT kind, code, name FROM classification WHERE valid_to IS NULL`);
  }

  /**
   * The unit grid (lowest code on a shared edge, as `RegionsRepository.locate`), community,
   * street and district of every point, in one statement.
   */
  async locate(points: readonly (readonly [number, number])[]): Promise<DemoPlaceRow[]> {
    return this.db.query<DemoPlaceRow>(
      `SELECT p.ord, g.code AS "gridCode", c.code AS "communityCode", s.code AS "streetCode",
              s.parent_code AS "districtCode", s.name || g.name AS address
       FROM jsonb_to_recordset($1::jsonb) AS p(ord int, lon float8, lat float8)
       LEFT JOIN LATERAL (
         SELECT r.code, r.name, r.parent_code FROM region r
         WHERE r.level = 'grid' AND r.valid_to IS NULL
           AND ST_Intersects(r.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
         ORDER BY r.code LIMIT 1
       ) g ON true
       LEFT JOIN region c ON c.level = 'community' AND c.code = g.parent_code AND c.valid_to IS NULL
       LEFT JOIN region s ON s.level = 'street' AND s.code = c.parent_code AND s.valid_to IS NULL
       ORDER BY p.ord`,
      [JSON.stringify(points.map(([lon, lat], ord) => ({ ord, lon, lat })))],
    );
  }

  /** Many case rows in one statement (the columns of `CasesRepository.insertCase`). */
  async insertCases(rows: readonly CaseRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO case_file (id, case_no, district_code, street_code, community_code, grid_code, source, kind,
         class_code, state, description, address, geom, position_manual, component_code, reporter_id,
         public_reporter_enc, task_inspector_id, department_id, first_department_id, duplicate_of, urgency,
         area_class, snapshot, clock, filing_standard, stage, stage_started_at, stage_deadline,
         disposal_deadline, disposal_paused, supervision_count, reported_at, filed_at, closed_at, updated_at, version)
       SELECT r.id, r.case_no, r.district_code, r.street_code, r.community_code, r.grid_code, r.source, r.kind,
         r.class_code, r.state, r.description, r.address, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326),
         r.position_manual, r.component_code, r.reporter_id, r.public_reporter_enc, r.task_inspector_id,
         r.department_id, r.first_department_id, r.duplicate_of, r.urgency, r.area_class, r.snapshot, r.clock,
         r.filing_standard, r.stage, r.stage_started_at, r.stage_deadline, r.disposal_deadline, r.disposal_paused,
         r.supervision_count, r.reported_at, r.filed_at, r.closed_at, r.updated_at, r.version
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, case_no text, district_code text, street_code text,
         community_code text, grid_code text, source text, kind text, class_code text, state text,
         description text, address text, lon float8, lat float8, position_manual boolean, component_code text,
         reporter_id uuid, public_reporter_enc text, task_inspector_id uuid, department_id uuid,
         first_department_id uuid, duplicate_of uuid, urgency text, area_class text, snapshot jsonb, clock jsonb,
         filing_standard jsonb, stage text, stage_started_at timestamptz, stage_deadline timestamptz,
         disposal_deadline timestamptz, disposal_paused boolean, supervision_count int,
         reported_at timestamptz, filed_at timestamptz, closed_at timestamptz, updated_at timestamptz, version int)`,
      [
        JSON.stringify(
          rows.map((c) => ({
            id: c.id,
            case_no: c.caseNo,
            district_code: c.districtCode,
            street_code: c.streetCode,
            community_code: c.communityCode,
            grid_code: c.gridCode,
            source: c.source,
            kind: c.kind,
            class_code: c.classCode,
            state: c.state,
            description: c.description,
            address: c.address,
            lon: c.lon,
            lat: c.lat,
            position_manual: c.positionManual,
            component_code: c.componentCode,
            reporter_id: c.reporterId,
            public_reporter_enc: c.publicReporterEnc,
            task_inspector_id: c.taskInspectorId,
            department_id: c.departmentId,
            first_department_id: c.firstDepartmentId,
            duplicate_of: c.duplicateOf,
            urgency: c.urgency,
            area_class: c.areaClass,
            snapshot: c.snapshot,
            clock: c.clock,
            filing_standard: c.filingStandard,
            stage: c.stage,
            stage_started_at: c.stageStartedAt,
            stage_deadline: c.stageDeadline,
            disposal_deadline: c.disposalDeadline,
            disposal_paused: c.disposalPaused,
            supervision_count: c.supervisionCount,
            reported_at: c.reportedAt,
            filed_at: c.filedAt,
            closed_at: c.closedAt,
            updated_at: c.updatedAt,
            version: c.version,
          })),
        ),
      ],
    );
  }

  /**
   * Many flow records in one statement (the SQL of `CasesRepository.insertFlows`, without its
   * audit append: `appendAudit` chains the whole year at once).
   */
  async insertFlows(rows: readonly FlowRow[]): Promise<void> {
    await insertFlowRecords(this.db, rows);
  }

  /**
   * 审计链: the audit rows `CasesRepository.insertFlows` appends for each flow record (same
   * entity, action and data), chained per district with SM3 in JS (`chainHash`, as
   * `AuditRepository.append`) and written in batches. Rows are in the order given.
   */
  async appendAudit(rows: readonly FlowRow[], batch: number): Promise<void> {
    const last = new Map<string, { seq: number; hash: string }>();
    const pending: (AuditFields & { prevHash: string; hash: string })[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await this.db.query(
        `INSERT INTO audit_log (district_code, seq, entity, entity_id, action, actor_id, actor_role, occurred_at,
           data, prev_hash, hash, chain)
         SELECT r.district_code, r.seq, r.entity, r.entity_id, r.action, r.actor_id, r.actor_role, r.occurred_at,
           r.data, r.prev_hash, r.hash, r.chain
         FROM jsonb_to_recordset($1::jsonb) AS r(district_code text, seq bigint, entity text, entity_id text,
           action text, actor_id uuid, actor_role text, occurred_at timestamptz, data jsonb, prev_hash text,
           hash text, chain text)`,
        [
          JSON.stringify(
            pending.map((f) => ({
              district_code: f.districtCode,
              seq: f.seq,
              entity: f.entity,
              entity_id: f.entityId,
              action: f.action,
              actor_id: f.actorId,
              actor_role: f.actorRole,
              occurred_at: f.occurredAt,
              data: f.data,
              prev_hash: f.prevHash,
              hash: f.hash,
              chain: f.chain,
            })),
          ),
        ],
      );
      pending.length = 0;
    };
    for (const r of rows) {
      const chain = chainOf(r.districtCode, r.caseId);
      let tip = last.get(chain);
      if (!tip) {
        await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log:' || $1::text))`, [chain]);
        const [row] = await this.db.query<{ seq: number; hash: string }>(
          `SELECT seq::int AS seq, hash FROM audit_log WHERE chain = $1 ORDER BY audit_log.seq DESC LIMIT 1`,
          [chain],
        );
        tip = row ?? { seq: 0, hash: GENESIS_HASH };
      }
      const fields: AuditFields = {
        districtCode: r.districtCode,
        chain,
        seq: tip.seq + 1,
        entity: 'case',
        entityId: r.caseId,
        action: r.action,
        actorId: r.actorId,
        actorRole: r.actorRole,
        occurredAt: r.occurredAt.toISOString(),
        // One JSON round trip, as the stored jsonb reads back.
        data: JSON.parse(JSON.stringify(flowAuditData(r))) as unknown,
      };
      const hash = chainHash(tip.hash, fields);
      pending.push({ ...fields, prevHash: tip.hash, hash });
      last.set(chain, { seq: fields.seq, hash });
      if (pending.length >= batch) await flush();
    }
    await flush();
  }

  /**
   * Continues the case numbers after the demo year: `case_no_<year>` (CasesRepository.nextCaseNo)
   * is created if needed and set to the last number used.
   */
  async setCaseNumberSequence(year: number, last: number): Promise<void> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`bad case year ${year}`);
    await this.db.query(`CREATE SEQUENCE IF NOT EXISTS case_no_${year}`);
    await this.db.query(`SELECT setval('case_no_${year}', $1)`, [last]);
  }
}
