import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditFields,
  canonicalJson,
  chainHash,
  firstBreak,
  GENESIS_HASH,
  type StoredAuditRow,
} from './audit-chain';

const fields = (seq: number, data: unknown = { to: 'ACCEPTED' }): AuditFields => ({
  districtCode: '330105',
  chain: '330105:3',
  seq,
  entity: 'case',
  entityId: 'c1',
  action: 'accept',
  actorId: null,
  actorRole: 'operator',
  occurredAt: '2026-11-28T01:00:00.000Z',
  data,
});

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f = fields(seq, { n: seq });
    const hash = chainHash(prev, f);
    rows.push({ ...f, id: String(seq), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('SM3 audit chain', () => {
  it('uses SM3: the GB/T 32905 test vector "abc"', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('canonical JSON sorts keys at every level, so key order does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(chainHash(GENESIS_HASH, fields(1, { x: 1, y: 2 }))).toBe(
      chainHash(GENESIS_HASH, fields(1, { y: 2, x: 1 })),
    );
  });

  it('accepts an intact chain', () => {
    expect(firstBreak(chain(5), null)).toBeNull();
  });

  it('finds a changed row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], data: { n: 99 } };
    expect(firstBreak(rows, null)).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
  });

  it('finds a row whose hash was recomputed after a change (its successor no longer points at it)', () => {
    const rows = chain(5);
    const changed = { ...rows[1], data: { n: 99 } };
    rows[1] = { ...changed, hash: chainHash(changed.prevHash, changed) };
    expect(firstBreak(rows, null)).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('hashes the chain name of a per-entity chain, and leaves it out for a district-wide one', () => {
    const base = fields(1);
    // Rows written before several chains existed (chain = district) keep their hashes.
    expect(chainHash(GENESIS_HASH, { ...base, chain: '330105' })).not.toBe(chainHash(GENESIS_HASH, base));
  });

  it('finds a deleted row', () => {
    const rows = chain(5);
    rows.splice(3, 1);
    expect(firstBreak(rows, null)).toMatchObject({ seq: 5, reason: 'seq_gap' });
  });
});
