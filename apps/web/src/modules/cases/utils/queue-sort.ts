import type { CaseSummary } from '@urbangrid/contracts';
import { activeDeadline } from './countdown';

const deadlineMs = (c: CaseSummary): number => {
  const d = activeDeadline(c.clock);
  return d ? Date.parse(d.deadline) : Number.POSITIVE_INFINITY;
};

/**
 * The dispatcher's queue (派遣队列): urgent cases first, then the nearest deadline (cases without
 * one last), then the oldest report, then the case number so the order is stable.
 */
export function compareDispatchQueue(a: CaseSummary, b: CaseSummary): number {
  const urgency = Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent');
  if (urgency !== 0) return urgency;
  const da = deadlineMs(a);
  const db = deadlineMs(b);
  if (da !== db) return da < db ? -1 : 1;
  const ra = Date.parse(a.reportedAt);
  const rb = Date.parse(b.reportedAt);
  if (ra !== rb) return ra - rb;
  return a.caseNo.localeCompare(b.caseNo);
}

export function sortDispatchQueue(cases: readonly CaseSummary[]): CaseSummary[] {
  return [...cases].sort(compareDispatchQueue);
}
