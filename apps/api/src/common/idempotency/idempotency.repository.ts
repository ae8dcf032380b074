import type { SqlRunner } from '../../database/database';

export interface StoredKey {
  requestHash: string;
  state: 'running' | 'done';
  responseStatus: number | null;
  responseBody: unknown;
  /** Claimed longer ago than the running timeout. */
  stale: boolean;
  /** First used longer ago than the retention: as good as purged. */
  expired: boolean;
  /** The resource the first attempt committed (bound in its transaction), if any. */
  resourceId: string | null;
}

export interface KeyClaim {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  claimId: string;
}

/** All SQL of the `idempotency_key` table. */
export class IdempotencyRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The race-free first claim: exactly one of any number of concurrent callers gets `true`. */
  async claim(c: KeyClaim): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash, state, claim_id)
       VALUES ($1, $2, $3, $4, $5, 'running', $6)
       ON CONFLICT ON CONSTRAINT idempotency_key_pk DO NOTHING
       RETURNING 1 AS ok`,
      [c.userId, c.key, c.method, c.path, c.requestHash, c.claimId],
    );
    return rows.length === 1;
  }

  async find(
    userId: string,
    key: string,
    runningTimeoutS: number,
    retentionH: number,
  ): Promise<StoredKey | null> {
    const [row] = await this.db.query<StoredKey>(
      `SELECT request_hash AS "requestHash", state, response_status AS "responseStatus",
              response_body AS "responseBody",
              claimed_at < now() - make_interval(secs => $3) AS stale,
              created_at < now() - make_interval(hours => $4) AS expired,
              resource_id AS "resourceId"
       FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [userId, key, runningTimeoutS, retentionH],
    );
    return row ?? null;
  }

  /**
   * Takes over a claim whose request died (its process ended before finishing). The row lock of
   * the UPDATE lets only one of several takers see the old `claimed_at`.
   */
  async takeOver(c: KeyClaim, runningTimeoutS: number): Promise<boolean> {
    const rows = await this.db.query(
      // In a CTE: TypeORM (PGlite) answers a bare UPDATE … RETURNING with [rows, rowCount].
      `WITH taken AS (
         UPDATE idempotency_key SET claim_id = $3, claimed_at = now()
         WHERE user_id = $1 AND key = $2 AND state = 'running'
           AND claimed_at < now() - make_interval(secs => $4)
         RETURNING 1 AS ok)
       SELECT ok FROM taken`,
      [c.userId, c.key, c.claimId, runningTimeoutS],
    );
    return rows.length === 1;
  }

  /**
   * Takes over a claim whose first attempt committed its resource but never stored a response
   * (killed in between): safe at once, the retry only reads the resource back.
   */
  async adopt(c: KeyClaim): Promise<boolean> {
    const rows = await this.db.query(
      `WITH taken AS (
         UPDATE idempotency_key SET claim_id = $3, claimed_at = now()
         WHERE user_id = $1 AND key = $2 AND state = 'running' AND resource_id IS NOT NULL
         RETURNING 1 AS ok)
       SELECT ok FROM taken`,
      [c.userId, c.key, c.claimId],
    );
    return rows.length === 1;
  }

  /** Records, inside the creating transaction `tx`, the resource this claim made. */
  static async bindResource(tx: SqlRunner, c: KeyClaim, resourceId: string): Promise<void> {
    await tx.query(
      `UPDATE idempotency_key SET resource_id = $4 WHERE user_id = $1 AND key = $2 AND claim_id = $3`,
      [c.userId, c.key, c.claimId, resourceId],
    );
  }

  async complete(c: KeyClaim, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key
       SET state = 'done', response_status = $4, response_body = $5::jsonb, completed_at = now()
       WHERE user_id = $1 AND key = $2 AND claim_id = $3`,
      [c.userId, c.key, c.claimId, status, JSON.stringify(body ?? null)],
    );
  }

  /**
   * Frees the key after a failed request, so a corrected retry runs; a key whose resource was
   * committed stays (the retry adopts it).
   */
  async release(c: KeyClaim): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2 AND claim_id = $3 AND resource_id IS NULL`,
      [c.userId, c.key, c.claimId],
    );
  }

  async deleteExpired(userId: string, key: string, retentionH: number): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_key
       WHERE user_id = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)`,
      [userId, key, retentionH],
    );
  }

  /** Deletes every key first used longer ago than the retention; returns how many. */
  async purge(retentionH: number): Promise<number> {
    const rows = await this.db.query(
      `WITH gone AS (DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1) RETURNING 1 AS ok)
       SELECT ok FROM gone`,
      [retentionH],
    );
    return rows.length;
  }
}
