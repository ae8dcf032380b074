import type { PoiCategory } from '@urbangrid/contracts';
import type { Database, SqlRunner } from '../../../database/database';
import { ReferenceIndexBuilder, type ReferenceIndex, type RegionLevel } from './reference-index';
import { readWkb } from './wkb-reader';

/** Rows per FETCH: large enough to keep round trips few, small enough to keep rows objects short-lived. */
const FETCH_ROWS = 20_000;
/** The change log keeps a day: far longer than any poll interval or write transaction. */
const CHANGE_LOG_DAYS = 1;

export interface LoadedIndex {
  index: ReferenceIndex;
  /** `pg_current_snapshot()` of the read: every change it does not see is newer than the index. */
  snapshot: string;
}

type Bytes = Uint8Array;

/**
 * Reads the reference layers (regions in force today, address points, POIs, roads, components not
 * removed) in one REPEATABLE READ transaction, so the index and its snapshot agree, streamed
 * through cursors in batches. `cancelled` is asked between batches (shutdown).
 */
export async function loadReferenceIndex(db: Database, cancelled: () => boolean): Promise<LoadedIndex> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const [head] = await tx.query<{ snapshot: string; components: number }>(
      `SELECT pg_current_snapshot()::text AS snapshot,
              (SELECT count(*)::int FROM component WHERE state <> '移除') AS components`,
    );
    const b = new ReferenceIndexBuilder(Number(head.components));
    await stream<{ level: RegionLevel; code: string; name: string; parent_code: string | null; wkb: Bytes | null }>(
      tx,
      cancelled,
      `SELECT level, code, name, parent_code, CASE WHEN level = 'grid' THEN ST_AsBinary(geom) END AS wkb
       FROM region WHERE valid_to IS NULL`,
      (r) => {
        const g = r.wkb === null ? null : readWkb(r.wkb);
        b.addRegion({
          level: r.level,
          code: r.code,
          name: r.name,
          parentCode: r.parent_code,
          polygons: g?.kind === 'polygons' ? g.polygons : null,
        });
      },
    );
    await stream<{ road_name: string; number: number; suffix: string; full_text: string; x: number; y: number }>(
      tx,
      cancelled,
      `SELECT road_name, number, suffix, full_text, ST_X(geom) AS x, ST_Y(geom) AS y FROM address_point`,
      (r) =>
        b.addAddress({
          road: r.road_name,
          number: Number(r.number),
          suffix: r.suffix,
          text: r.full_text,
          lon: Number(r.x),
          lat: Number(r.y),
        }),
    );
    await stream<{ id: string; name: string; category: PoiCategory; x: number; y: number }>(
      tx,
      cancelled,
      `SELECT id, name, category, ST_X(geom) AS x, ST_Y(geom) AS y FROM poi`,
      (r) => b.addPoi({ id: r.id, name: r.name, category: r.category, lon: Number(r.x), lat: Number(r.y) }),
    );
    await stream<{ id: string; name: string; road_class: string; wkb: Bytes }>(
      tx,
      cancelled,
      `SELECT id, name, road_class, ST_AsBinary(geom) AS wkb FROM road`,
      (r) => {
        const g = readWkb(r.wkb);
        if (g.kind === 'lines') b.addRoad({ id: r.id, name: r.name, roadClass: r.road_class, line: g.lines[0] });
      },
    );
    // Points as two float8 columns (cheaper to read than 2,000,000 WKB buffers); other shapes as WKB.
    await stream<{ code: string; name: string; state: string; x: number | null; y: number | null; wkb: Bytes | null }>(
      tx,
      cancelled,
      `SELECT code, name, state,
              CASE WHEN pt THEN ST_X(geom) END AS x, CASE WHEN pt THEN ST_Y(geom) END AS y,
              CASE WHEN pt THEN NULL ELSE ST_AsBinary(geom) END AS wkb
       FROM (SELECT code, name, state, geom, GeometryType(geom) = 'POINT' AS pt
             FROM component WHERE state <> '移除') c`,
      (r) =>
        b.addComponent({
          code: r.code,
          name: r.name,
          state: r.state,
          geometry:
            r.wkb === null
              ? { kind: 'points', points: Float64Array.of(Number(r.x), Number(r.y)) }
              : readWkb(r.wkb),
        }),
    );
    return { index: b.finish(), snapshot: head.snapshot };
  });
}

async function stream<T>(
  tx: SqlRunner,
  cancelled: () => boolean,
  sql: string,
  each: (row: T) => void,
): Promise<void> {
  await tx.query(`DECLARE reference_rows NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    if (cancelled()) throw new ReferenceLoadCancelled();
    const rows = await tx.query<T>(`FETCH ${FETCH_ROWS} FROM reference_rows`);
    for (const r of rows) each(r);
    if (rows.length < FETCH_ROWS) break;
  }
  await tx.query('CLOSE reference_rows');
}

export class ReferenceLoadCancelled extends Error {
  override name = 'ReferenceLoadCancelled';
}

/** Reference tables written by transactions that `snapshot` does not see (committed since). */
export async function changedSince(db: SqlRunner, snapshot: string): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM reference_change
     WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)`,
    [snapshot],
  );
  return rows.map((r) => r.table_name).sort();
}

/** Drops change-log rows older than {@link CHANGE_LOG_DAYS}. */
export async function pruneChangeLog(db: SqlRunner): Promise<void> {
  await db.query(`DELETE FROM reference_change WHERE changed_at < now() - make_interval(days => $1)`, [
    CHANGE_LOG_DAYS,
  ]);
}
