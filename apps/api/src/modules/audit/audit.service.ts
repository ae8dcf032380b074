import { Injectable } from '@nestjs/common';
import type { AuditChainReport, CaseAuditStatus } from '@urbangrid/contracts';
import { Database, type SqlRunner } from '../../database/database';
import { type ChainBreak, firstBreak, type StoredAuditRow } from './audit-chain';
import { type AuditEntry, AuditRepository } from './audit.repository';

const PAGE = 5000;

/** The SM3 audit chain: append inside a change's transaction, verify a chain or one case. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Database) {}

  append(tx: SqlRunner, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
    return new AuditRepository(tx).append(entry);
  }

  /** Walks every chain (or one district's) from its first row; reports the first broken link of each. */
  async verify(districtCode?: string): Promise<AuditChainReport> {
    return verifyChains(this.db, districtCode);
  }

  /** Whether the rows of one case are intact and linked to their predecessors. */
  async caseStatus(caseId: string): Promise<CaseAuditStatus> {
    const rows = await new AuditRepository(this.db).entityRows('case', caseId);
    for (const { row, previous } of rows) {
      const broken = firstBreak([row], previous);
      if (broken) return { entries: rows.length, intact: false, firstBreak: broken };
    }
    return { entries: rows.length, intact: true, firstBreak: null };
  }
}

/** Shared by the API endpoint and the `audit-verify` command. */
export async function verifyChains(db: SqlRunner, districtCode?: string): Promise<AuditChainReport> {
  const repo = new AuditRepository(db);
  const chains: AuditChainReport['chains'] = [];
  for (const { chain, districtCode: district } of await repo.chains(districtCode)) {
    let checked = 0;
    let previous: StoredAuditRow | null = null;
    let broken: ChainBreak | null = null;
    for (;;) {
      const page = await repo.chainPage(chain, previous?.seq ?? 0, PAGE);
      if (page.length === 0) break;
      const found = firstBreak(page, previous);
      if (found) {
        broken = found;
        checked += page.findIndex((r) => r.seq === found.seq);
        break;
      }
      checked += page.length;
      previous = page[page.length - 1]!;
    }
    chains.push({ chain, districtCode: district, checked, intact: broken === null, firstBreak: broken });
  }
  return { checkedAt: new Date().toISOString(), intact: chains.every((c) => c.intact), chains };
}
