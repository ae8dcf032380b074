import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the in-process reference index of reverse geocoding is built from. */
const REFERENCE_TABLES = ['region', 'road', 'address_point', 'poi', 'component'];

/**
 * Change log for the in-process reference index (apps/api/src/modules/geocoding/spatial-index):
 * every statement that writes one of the reference tables records (its transaction id, the
 * table) once per transaction, from a statement trigger, so no write path can forget it and no
 * row is locked (each transaction inserts its own key). An API process remembers the snapshot it
 * built its index from and asks, every few seconds, for logged transactions that snapshot does
 * not see: exactly the writes committed since, whatever order they committed in.
 * Rows older than a day are pruned by the index's poller.
 */
export class ReferenceGeneration1763800001300 implements MigrationInterface {
  name = 'ReferenceGeneration1763800001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reference_change (
        xid         xid8 NOT NULL,
        table_name  text NOT NULL,
        changed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT reference_change_pk PRIMARY KEY (xid, table_name)
      )`);
    await q.query(`
      CREATE FUNCTION reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO reference_change (xid, table_name) VALUES (pg_current_xact_id(), TG_TABLE_NAME)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const t of REFERENCE_TABLES) {
      await q.query(
        `CREATE TRIGGER ${t}_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
         FOR EACH STATEMENT EXECUTE FUNCTION reference_changed()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of REFERENCE_TABLES) await q.query(`DROP TRIGGER ${t}_reference_changed ON ${t}`);
    await q.query('DROP FUNCTION reference_changed()');
    await q.query('DROP TABLE reference_change');
  }
}
