import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 专业部门 departments (with sub-units through `parent_id`) and the users of every role.
 * Login, tokens and permissions build on these tables later.
 */
export class DepartmentsAndUsers1763800000200 implements MigrationInterface {
  name = 'DepartmentsAndUsers1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code          text NOT NULL,
        name          text NOT NULL,
        name_en       text NULL,
        parent_id     uuid NULL,
        district_code text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT department_code_uq UNIQUE (code),
        CONSTRAINT department_parent_fk FOREIGN KEY (parent_id) REFERENCES department (id) ON DELETE RESTRICT,
        CONSTRAINT department_district_ck CHECK (district_code ~ '^[0-9]{6}$')
      )`);
    await q.query(`CREATE INDEX department_parent_idx ON department (parent_id)`);

    await q.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      text NOT NULL,
        display_name  text NOT NULL,
        role          text NOT NULL,
        department_id uuid NULL,
        password_hash text NOT NULL,
        district_code text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_username_uq UNIQUE (username),
        CONSTRAINT app_user_username_ck CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        CONSTRAINT app_user_role_ck CHECK (role IN
          ('inspector', 'operator', 'shift_leader', 'dispatcher', 'department', 'leader', 'admin')),
        CONSTRAINT app_user_department_fk FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE RESTRICT,
        CONSTRAINT app_user_department_ck CHECK (role <> 'department' OR department_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX app_user_department_idx ON app_user (department_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE app_user');
    await q.query('DROP TABLE department');
  }
}
