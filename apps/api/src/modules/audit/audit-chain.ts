import { createHash } from 'node:crypto';

/** Chains per district: appends of different chains never wait for each other. */
export const CHAINS_PER_DISTRICT = 16;

/** The chain of an entity: fixed by its id, so one case's rows stay in one chain. */
export function chainOf(districtCode: string, entityId: string): string {
  return `${districtCode}:${createHash('sm3').update(entityId).digest()[0] % CHAINS_PER_DISTRICT}`;
}

/** SM3 of the empty chain's predecessor: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of one audit row that its hash covers. */
export interface AuditFields {
  districtCode: string;
  /** `<district>:<k>`; rows written before several chains existed have the district code. */
  chain: string;
  seq: number;
  entity: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  /** ISO 8601 UTC with milliseconds. */
  occurredAt: string;
  data: unknown;
}

/**
 * JSON with object keys sorted at every level, so the same content always hashes the same way
 * whatever order jsonb returns the keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SM3(prev_hash ‖ canonical JSON of the fields), hex (GB/T 32905). */
export function chainHash(prevHash: string, f: AuditFields): string {
  return createHash('sm3')
    .update(prevHash)
    .update(
      canonicalJson({
        actionName: f.action,
        actorId: f.actorId,
        actorRole: f.actorRole,
        data: f.data,
        // Hashed only when it differs from the district (older rows stay verifiable).
        chain: f.chain === f.districtCode ? undefined : f.chain,
        districtCode: f.districtCode,
        entity: f.entity,
        entityId: f.entityId,
        occurredAt: f.occurredAt,
        seq: f.seq,
      }),
    )
    .digest('hex');
}

export interface StoredAuditRow extends AuditFields {
  id: string;
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';
  message: string;
}

/**
 * Walks rows of one chain in seq order, `previous` being the row before the first (or null for
 * the chain's start), and returns the first broken link.
 */
export function firstBreak(
  rows: readonly StoredAuditRow[],
  previous: StoredAuditRow | null,
): ChainBreak | null {
  let prev = previous;
  for (const row of rows) {
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (row.seq !== expectedSeq) {
      return {
        seq: row.seq,
        id: row.id,
        reason: 'seq_gap',
        message: `seq ${row.seq} follows ${expectedSeq - 1}: rows are missing`,
      };
    }
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (row.prevHash !== expectedPrev) {
      return {
        seq: row.seq,
        id: row.id,
        reason: 'prev_hash_mismatch',
        message: `row ${row.seq} does not point at the hash of row ${expectedSeq - 1}`,
      };
    }
    if (chainHash(row.prevHash, row) !== row.hash) {
      return {
        seq: row.seq,
        id: row.id,
        reason: 'hash_mismatch',
        message: `row ${row.seq} was changed after it was written`,
      };
    }
    prev = row;
  }
  return null;
}
