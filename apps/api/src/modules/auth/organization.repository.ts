import type { SqlRunner } from '../../database/database';

export interface NewDepartment {
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
  districtCode: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  departmentCode: string | null;
  passwordHash: string;
  districtCode: string;
}

/** Departments and users: all SQL of the organisation lives here. */
export class OrganizationRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Inserts departments in one statement; parents are resolved by code after the insert. */
  async insertDepartments(rows: NewDepartment[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO department (code, name, name_en, district_code)
       SELECT code, name, name_en, district_code
       FROM json_to_recordset($1::json) AS r(code text, name text, name_en text, district_code text)`,
      [
        JSON.stringify(
          rows.map((r) => ({ code: r.code, name: r.name, name_en: r.nameEn, district_code: r.districtCode })),
        ),
      ],
    );
    await this.db.query(
      `UPDATE department d SET parent_id = p.id
       FROM json_to_recordset($1::json) AS r(code text, parent_code text)
       JOIN department p ON p.code = r.parent_code
       WHERE d.code = r.code`,
      [
        JSON.stringify(
          rows.filter((r) => r.parentCode).map((r) => ({ code: r.code, parent_code: r.parentCode })),
        ),
      ],
    );
  }

  async insertUsers(rows: NewUser[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO app_user (username, display_name, role, department_id, password_hash, district_code)
       SELECT r.username, r.display_name, r.role, d.id, r.password_hash, r.district_code
       FROM json_to_recordset($1::json)
         AS r(username text, display_name text, role text, department_code text, password_hash text, district_code text)
       LEFT JOIN department d ON d.code = r.department_code`,
      [
        JSON.stringify(
          rows.map((r) => ({
            username: r.username,
            display_name: r.displayName,
            role: r.role,
            department_code: r.departmentCode,
            password_hash: r.passwordHash,
            district_code: r.districtCode,
          })),
        ),
      ],
    );
  }

  /** 责任网格 of inspectors by username; the district code is the grid code's first six digits. */
  async insertInspectorGrids(rows: { username: string; gridCodes: string[] }[]): Promise<void> {
    const pairs = rows.flatMap((r) => r.gridCodes.map((grid_code) => ({ username: r.username, grid_code })));
    if (pairs.length === 0) return;
    await this.db.query(
      `INSERT INTO inspector_grid (user_id, grid_code, district_code)
       SELECT u.id, r.grid_code, left(r.grid_code, 6)
       FROM json_to_recordset($1::json) AS r(username text, grid_code text)
       JOIN app_user u ON u.username = r.username`,
      [JSON.stringify(pairs)],
    );
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    return row?.n ?? 0;
  }
}
