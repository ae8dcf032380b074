import type { SqlRunner } from '../../database/database';
import { type AuditFields, chainHash, chainOf, GENESIS_HASH, type StoredAuditRow } from './audit-chain';

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

const ROW_COLUMNS = `id::text AS id, district_code AS "districtCode", chain, seq::int AS seq, entity, entity_id AS "entityId",
  action, actor_id AS "actorId", actor_role AS "actorRole",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  data, prev_hash AS "prevHash", hash`;

/** All SQL of the SM3 audit chain. */
export class AuditRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * Appends one row to its entity's chain. Call it inside the transaction of the change: the
   * chain's advisory lock (released at commit) makes appends to one chain take turns, so each
   * row links to the row committed before it; other chains of the district do not wait.
   */
  async append(e: AuditEntry): Promise<{ seq: number; hash: string }> {
    const chain = chainOf(e.districtCode, e.entityId);
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log:' || $1::text))`, [chain]);
    const [last] = await this.db.query<{ seq: number; hash: string }>(
      // Ordered by the column, not the `seq::int` output alias, so the (chain, seq) index answers.
      `SELECT seq::int AS seq, hash FROM audit_log WHERE chain = $1 ORDER BY audit_log.seq DESC LIMIT 1`,
      [chain],
    );
    const fields: AuditFields = {
      districtCode: e.districtCode,
      chain,
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
      `INSERT INTO audit_log (district_code, seq, entity, entity_id, action, actor_id, actor_role, occurred_at, data, prev_hash, hash, chain)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
        chain,
      ],
    );
    return { seq: fields.seq, hash };
  }

  /** The chains (of one district, or all) with their district. */
  async chains(districtCode?: string): Promise<{ chain: string; districtCode: string }[]> {
    return this.db.query<{ chain: string; districtCode: string }>(
      `SELECT DISTINCT chain, district_code AS "districtCode" FROM audit_log
       WHERE $1::text IS NULL OR district_code = $1 ORDER BY 1`,
      [districtCode ?? null],
    );
  }

  /** One page of a chain in seq order, after `afterSeq`. */
  async chainPage(chain: string, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
    return this.db.query<StoredAuditRow>(
      `SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY audit_log.seq LIMIT $3`,
      [chain, afterSeq, limit],
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
            WHERE q.chain = a.chain AND q.seq = a.seq - 1) p) AS prev
       FROM audit_log a WHERE entity = $1 AND entity_id = $2 ORDER BY a.seq`,
      [entity, entityId],
    );
    return rows.map(({ prev, ...row }) => ({ row, previous: prev }));
  }
}
