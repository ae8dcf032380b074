import type { NotificationDto } from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';
import type { CaseScope } from '../cases/cases.repository';

const MAX_ITEMS = 200;

/** All SQL of notifications: derived from flow records and deadlines, nothing stored. */
export class NotificationsRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The newest flow record id: a fresh cursor starts here (no backlog of old events). */
  async lastFlowId(): Promise<number> {
    const [row] = await this.db.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM case_flow`);
    return Number(row?.id ?? 0);
  }

  /**
   * Task events after `afterFlowId`: dispatches to the caller's departments, verify and check
   * tasks sent to the caller (or, unassigned, to one of its grids).
   */
  async taskEvents(
    who: { role: string; userId: string; departmentIds: string[]; gridCodes: string[]; districtCode: string },
    afterFlowId: number,
  ): Promise<(NotificationDto & { flowId: number })[]> {
    if (who.role !== 'department' && who.role !== 'inspector') return [];
    // Each variant names every parameter it is given (PostgreSQL cannot type an unused one).
    const [filter, extra] =
      who.role === 'department'
        ? [`f.action = 'dispatch' AND f.department_id = ANY($3::uuid[])`, [who.departmentIds]]
        : [
            `f.action IN ('sendVerify', 'sendCheck')
             AND (c.task_inspector_id = $3::uuid OR (c.task_inspector_id IS NULL AND c.grid_code = ANY($4::text[])))`,
            [who.userId, who.gridCodes],
          ];
    return this.db.query(
      `SELECT f.id::int AS "flowId", f.id::text AS id,
         CASE f.action WHEN 'dispatch' THEN 'dispatched' WHEN 'sendVerify' THEN 'verify_task' ELSE 'check_task' END AS kind,
         c.id AS "caseId", c.case_no AS "caseNo", c.class_code AS "classCode", c.description,
         to_json(f.occurred_at) #>> '{}' AS at,
         CASE WHEN f.action = 'dispatch' THEN to_json(f.disposal_deadline) #>> '{}' ELSE to_json(c.stage_deadline) #>> '{}' END AS deadline
       FROM case_flow f JOIN case_file c ON c.id = f.case_id
       WHERE f.id > $1 AND f.district_code = $2 AND ${filter}
       ORDER BY f.id
       LIMIT ${MAX_ITEMS}`,
      [afterFlowId, who.districtCode, ...extra],
    );
  }

  /** Deadlines (disposal or stage) that passed in (from, to] for open cases in scope. */
  async overdueBetween(scope: CaseScope, from: Date, to: Date): Promise<NotificationDto[]> {
    const params: unknown[] = [from, to, scope.districtCode];
    let where = `c.district_code = $3`;
    if (scope.kind === 'departments') {
      params.push(scope.departmentIds);
      where += ` AND c.department_id = ANY($4::uuid[])`;
    } else if (scope.kind === 'inspector') {
      params.push(scope.userId);
      where += ` AND (c.reporter_id = $4::uuid OR c.task_inspector_id = $4::uuid)`;
    }
    return this.db.query(
      `SELECT 'overdue:' || c.id || ':' || (to_json(d.deadline) #>> '{}') AS id, 'overdue' AS kind,
         c.id AS "caseId", c.case_no AS "caseNo", c.class_code AS "classCode", c.description,
         to_json(d.deadline) #>> '{}' AS at, to_json(d.deadline) #>> '{}' AS deadline
       FROM case_file c
       CROSS JOIN LATERAL (VALUES
         (CASE WHEN NOT c.disposal_paused THEN c.disposal_deadline END),
         (c.stage_deadline)) AS d(deadline)
       WHERE ${where} AND c.state NOT IN ('CLOSED', 'REJECTED', 'VOID')
         AND d.deadline > $1 AND d.deadline <= $2
       ORDER BY d.deadline
       LIMIT ${MAX_ITEMS}`,
      params,
    );
  }
}
