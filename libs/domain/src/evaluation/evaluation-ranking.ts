import { type EvaluationResult } from './evaluation-engine';
import { type RankingRule } from './evaluation-profile';

export interface RankEntry {
  /** The evaluated object (region code, department id, user id). */
  objectId: string;
  result: EvaluationResult;
}

export interface RankedEntry extends RankEntry {
  /** 1 = best; null for an object without a composite (listed last). */
  rank: number | null;
}

/** Used when no profile rule is given: ties on the reported composite share a rank (1, 2, 2, 4). */
export const DEFAULT_RANKING: RankingRule = { basis: 'reported', ties: 'shared' };

/**
 * Orders objects by 综合指标值, best first. The spec gives no tie rule; by default objects whose
 * reported (rounded) composites are equal share a rank, so the table never ranks two equal
 * displayed values differently, and the next rank skips (competition ranking). Objects without
 * a composite come last, unranked. Ties are listed by objectId so the order is stable.
 */
export function rank(entries: RankEntry[], rule: RankingRule = DEFAULT_RANKING): RankedEntry[] {
  const key = (e: RankEntry) =>
    rule.basis === 'reported' ? e.result.composite : e.result.compositeUnrounded;
  const scored = entries.filter((e) => key(e) !== null);
  const unscored = entries.filter((e) => key(e) === null);
  scored.sort((a, b) => key(b)! - key(a)! || a.objectId.localeCompare(b.objectId));
  const out: RankedEntry[] = [];
  let prev: number | null = null;
  let current = 0;
  scored.forEach((e, i) => {
    const k = key(e)!;
    if (k !== prev) current = rule.ties === 'shared' ? i + 1 : current + 1;
    prev = k;
    out.push({ ...e, rank: current });
  });
  unscored.sort((a, b) => a.objectId.localeCompare(b.objectId));
  for (const e of unscored) out.push({ ...e, rank: null });
  return out;
}
