import { Inject, Injectable } from '@nestjs/common';
import type { DepartmentRecord, DepartmentSummary, RoleCode, UserRecord } from '@urbangrid/contracts';
import { Database, type SqlRunner } from '../../database/database';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const USER_COLUMNS = `
  u.id, u.username, u.display_name AS "displayName", u.role, u.department_id AS "departmentId",
  u.district_code AS "districtCode", u.active, u.failed_login_count AS "failedLoginCount",
  CASE WHEN u.locked_until > now() THEN ${ISO('u.locked_until')} END AS "lockedUntil",
  ${ISO('u.password_changed_at')} AS "passwordChangedAt", ${ISO('u.created_at')} AS "createdAt",
  coalesce((SELECT array_agg(g.grid_code ORDER BY g.grid_code) FROM inspector_grid g WHERE g.user_id = u.id),
           '{}') AS "gridCodes"`;

const DEPARTMENT_COLUMNS = `
  id, code, name, name_en AS "nameEn", parent_id AS "parentId", district_code AS "districtCode"`;

export interface UserPatch {
  displayName?: string;
  role?: RoleCode;
  departmentId?: string | null;
  active?: boolean;
}

/** SQL of the user and department administration. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  run<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  listUsers(role: RoleCode | undefined): Promise<UserRecord[]> {
    return this.db.query<UserRecord>(
      `SELECT ${USER_COLUMNS} FROM app_user u WHERE ($1::text IS NULL OR u.role = $1) ORDER BY u.username`,
      [role ?? null],
    );
  }

  async findUser(id: string, db: SqlRunner = this.db): Promise<UserRecord | null> {
    const [row] = await db.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM app_user u WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  async usernameTaken(username: string): Promise<boolean> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user WHERE username = $1', [
      username,
    ]);
    return (row?.n ?? 0) > 0;
  }

  async insertUser(u: {
    username: string;
    displayName: string;
    role: RoleCode;
    departmentId: string | null;
    passwordHash: string;
    districtCode: string;
  }): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, role, department_id, password_hash, district_code)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT app_user_username_uq DO NOTHING
       RETURNING id`,
      [u.username, u.displayName, u.role, u.departmentId, u.passwordHash, u.districtCode],
    );
    return row?.id ?? '';
  }

  /** Applies a patch; a change of role, department or activity bumps the token version. */
  async updateUser(db: SqlRunner, id: string, p: UserPatch): Promise<void> {
    await db.query(
      `UPDATE app_user SET
         display_name  = coalesce($2, display_name),
         role          = coalesce($3, role),
         department_id = CASE WHEN $4::boolean THEN $5::uuid ELSE department_id END,
         active        = coalesce($6, active),
         token_version = token_version + CASE WHEN $3::text IS NOT NULL AND $3 <> role
                                                OR ($4::boolean AND $5::uuid IS DISTINCT FROM department_id)
                                                OR ($6::boolean IS NOT NULL AND $6 <> active) THEN 1 ELSE 0 END,
         updated_at    = now()
       WHERE id = $1`,
      [
        id,
        p.displayName ?? null,
        p.role ?? null,
        p.departmentId !== undefined,
        p.departmentId ?? null,
        p.active ?? null,
      ],
    );
  }

  async unlock(id: string): Promise<void> {
    await this.db.query(
      `UPDATE app_user SET failed_login_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async deleteGrids(db: SqlRunner, userId: string): Promise<void> {
    await db.query('DELETE FROM inspector_grid WHERE user_id = $1', [userId]);
  }

  async insertGrids(db: SqlRunner, userId: string, gridCodes: readonly string[]): Promise<void> {
    if (gridCodes.length === 0) return;
    await db.query(
      `INSERT INTO inspector_grid (user_id, grid_code, district_code)
       SELECT $1, c, left(c, 6) FROM unnest($2::text[]) AS c
       ON CONFLICT DO NOTHING`,
      [userId, gridCodes],
    );
  }

  /** Codes among `codes` that are not a current unit grid. */
  async unknownGridCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.query<{ code: string }>(
      `SELECT c AS code FROM unnest($1::text[]) AS c
       WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.level = 'grid' AND r.code = c AND r.valid_to IS NULL)
       ORDER BY c`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  listDepartments(): Promise<DepartmentRecord[]> {
    return this.db.query<DepartmentRecord>(
      `SELECT ${DEPARTMENT_COLUMNS}, ${ISO('created_at')} AS "createdAt" FROM department ORDER BY code`,
    );
  }

  async findDepartment(id: string): Promise<DepartmentSummary | null> {
    const [row] = await this.db.query<DepartmentSummary>(`SELECT ${DEPARTMENT_COLUMNS} FROM department WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  async insertDepartment(d: {
    code: string;
    name: string;
    nameEn: string | null;
    parentId: string | null;
    districtCode: string;
  }): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO department (code, name, name_en, parent_id, district_code)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT department_code_uq DO NOTHING
       RETURNING id`,
      [d.code, d.name, d.nameEn, d.parentId, d.districtCode],
    );
    return row?.id ?? '';
  }
}
