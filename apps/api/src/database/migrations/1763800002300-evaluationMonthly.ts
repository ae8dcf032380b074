import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly layer of the evaluation roll-up (docs/evaluation-counts.md): a month whose every
 * local day is rolled up gets the sums of its daily rows once, so a year reads 12 rows per object
 * instead of 365 (a unit grid table for a month, 1 row per grid instead of 30).
 * - `evaluation_rollup_month`: the months built; a month is dropped with any of its days.
 * - `evaluation_monthly`: the same columns as `evaluation_daily`, `month` (its first day) for `day`.
 * Filled here from the daily rows already rolled up.
 */
export class EvaluationMonthly1763800002300 implements MigrationInterface {
  name = 'EvaluationMonthly1763800002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_rollup_month (
        district_code text NOT NULL,
        month         date NOT NULL,
        CONSTRAINT evaluation_rollup_month_pk PRIMARY KEY (district_code, month),
        CONSTRAINT evaluation_rollup_month_first_ck CHECK (extract(day FROM month) = 1)
      )`);
    await q.query(
      `CREATE TABLE evaluation_monthly (LIKE evaluation_daily INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await q.query(`ALTER TABLE evaluation_monthly RENAME COLUMN day TO month`);
    await q.query(
      `ALTER TABLE evaluation_monthly ADD CONSTRAINT evaluation_monthly_pk PRIMARY KEY (district_code, month, scope, object_id)`,
    );
    await q.query(
      `CREATE INDEX evaluation_monthly_scope_idx ON evaluation_monthly (district_code, scope, month)`,
    );
    await q.query(`
      INSERT INTO evaluation_rollup_month (district_code, month)
      SELECT district_code, date_trunc('month', day)::date FROM evaluation_rollup_day
      GROUP BY 1, 2
      HAVING count(*) = extract(day FROM date_trunc('month', min(day)) + interval '1 month' - interval '1 day')`);
    const columns = (await q.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'evaluation_daily'
         AND column_name NOT IN ('district_code', 'day', 'scope', 'object_id')
       ORDER BY ordinal_position`,
    )) as { column_name: string }[];
    const cols = columns.map((r) => r.column_name);
    await q.query(`
      INSERT INTO evaluation_monthly (district_code, month, scope, object_id, ${cols.join(', ')})
      SELECT d.district_code, m.month, d.scope, d.object_id, ${cols.map((c) => `sum(d.${c})`).join(', ')}
      FROM evaluation_daily d
      JOIN evaluation_rollup_month m ON m.district_code = d.district_code AND m.month = date_trunc('month', d.day)::date
      GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluation_monthly`);
    await q.query(`DROP TABLE evaluation_rollup_month`);
  }
}
