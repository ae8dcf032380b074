/** A broken link of the SM3 audit chain: the first row that fails. */
export interface AuditChainBreak {
  seq: number;
  id: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';
  message: string;
}

/** GET /api/v1/audit/verify */
export interface AuditChainReport {
  checkedAt: string;
  intact: boolean;
  /** One entry per chain (`<district>:<k>`; several per district so appends do not queue on one lock). */
  chains: {
    chain: string;
    districtCode: string;
    checked: number;
    intact: boolean;
    firstBreak: AuditChainBreak | null;
  }[];
}

/** The audit rows of one case, checked (shown on the case detail). */
export interface CaseAuditStatus {
  entries: number;
  intact: boolean;
  firstBreak: AuditChainBreak | null;
}
