import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/test-database';

describe('database session', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => t?.dispose());

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'runs PostgreSQL sessions without JIT and in the test schema',
    async () => {
      const [row] = await t.db.query<{ jit: string; schema: string }>(
        `SELECT current_setting('jit') AS jit, current_schema() AS schema`,
      );
      expect(row.jit).toBe('off');
      expect(row.schema).toMatch(/^test_/);
    },
  );

  it('has PostGIS', async () => {
    const [row] = await t.db.query<{ v: string }>(`SELECT postgis_lib_version() AS v`);
    expect(row.v).toMatch(/^3\./);
  });
});
