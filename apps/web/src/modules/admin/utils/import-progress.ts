import type { ImportJobView } from '../api/admin-api';

/** Statuses after which a job changes no more (polling stops). */
export const FINAL_STATUSES: readonly string[] = ['invalid', 'done', 'failed'];

export function isFinal(job: { status: string }): boolean {
  return FINAL_STATUSES.includes(job.status);
}

/** One validation-report row: the line in the file (history imports) or the row index + 1. */
export interface ProblemRow {
  line: number | null;
  code: string | null;
  reason: string;
}

/**
 * The problems of a job as report rows. Grid and component imports number rows from 0 (the
 * feature or CSV record index); the report shows them from 1 like a line count would.
 */
export function problemRows(job: Pick<ImportJobView, 'errors'>): ProblemRow[] {
  return job.errors.map((p) => ({
    line: p.line ?? (p.index === undefined ? null : p.index + 1),
    code: p.code ?? p.caseNo ?? null,
    reason: p.reason,
  }));
}

/** Progress in percent (0–100) for the bar; a done job is 100 whatever the counters say. */
export function progressPercent(
  job: Pick<ImportJobView, 'status' | 'percent' | 'processed' | 'total'>,
): number {
  if (job.status === 'done') return 100;
  if (Number.isFinite(job.percent) && job.percent > 0) return Math.min(100, Math.max(0, job.percent));
  if (job.total && job.total > 0) return Math.min(100, Math.round((job.processed / job.total) * 100));
  return 0;
}
