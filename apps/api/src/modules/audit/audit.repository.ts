import type { SqlRunner } from '../../database/database';
import { type AuditFields, chainHash, GENESIS_HASH, type StoredAuditRow } from './audit-chain';

export interface AuditEntry {
  districtCode: string;
  entity: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  occurredAt: Date;
  data: unknown;
}

const ROW_COLUMNS = `id::text AS id, district_code AS "districtCode", seq::int AS seq, entity, entity_id AS "entityId",
  action, actor_id AS "actorId", actor_role AS "actorRole",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  data, prev_hash AS "prevHash", hash`;

/** All SQL of the SM3 audit chain. */
export class AuditRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * Appends one row to its district's chain. Call it inside the transaction of the change: the
   * advisory lock (released at commit) makes appends of one district take turns, so each row
   * links to the row committed before it.
   */
  async append(e: AuditEntry): Promise<{ seq: number; hash: string }> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log:' || $1::text))`, [e.districtCode]);
    const [last] = await this.db.query<{ seq: number; hash: string }>(
      `SELECT seq::int AS seq, hash FROM audit_log WHERE district_code = $1 ORDER BY seq DESC LIMIT 1`,
      [e.districtCode],
    );
    const fields: AuditFields = {
      districtCode: e.districtCode,
      seq: (last?.seq ?? 0) + 1,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      actorId: e.actorId,
      actorRole: e.actorRole,
      occurredAt: e.occurredAt.toISOString(),
      // Stored and hashed after one JSON round trip, so what is read back hashes the same.
      data: JSON.parse(JSON.stringify(e.data ?? null)) as unknown,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, fields);
    await this.db.query(
      `INSERT INTO audit_log (district_code, seq, entity, entity_id, action, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        fields.districtCode,
        fields.seq,
        fields.entity,
        fields.entityId,
        fields.action,
        fields.actorId,
        fields.actorRole,
        fields.occurredAt,
        JSON.stringify(fields.data),
        prevHash,
        hash,
      ],
    );
    return { seq: fields.seq, hash };
  }

  async districts(): Promise<string[]> {
    const rows = await this.db.query<{ d: string }>(
      `SELECT DISTINCT district_code AS d FROM audit_log ORDER BY 1`,
    );
    return rows.map((r) => r.d);
  }

  /** One page of a chain in seq order, after `afterSeq`. */
  async chainPage(districtCode: string, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
    return this.db.query<StoredAuditRow>(
      `SELECT ${ROW_COLUMNS} FROM audit_log WHERE district_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [districtCode, afterSeq, limit],
    );
  }

  /** The rows of one entity, each with the row before it in the chain (to check the link). */
  async entityRows(
    entity: string,
    entityId: string,
  ): Promise<{ row: StoredAuditRow; previous: StoredAuditRow | null }[]> {
    const rows = await this.db.query<StoredAuditRow & { prev: StoredAuditRow | null }>(
      `SELECT ${ROW_COLUMNS},
         (SELECT to_jsonb(p) FROM (SELECT ${ROW_COLUMNS} FROM audit_log q
            WHERE q.district_code = a.district_code AND q.seq = a.seq - 1) p) AS prev
       FROM audit_log a WHERE entity = $1 AND entity_id = $2 ORDER BY seq`,
      [entity, entityId],
    );
    return rows.map(({ prev, ...row }) => ({ row, previous: prev }));
  }
}
