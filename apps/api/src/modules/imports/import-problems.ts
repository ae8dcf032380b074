import type { ImportFormat, ImportKind, ImportProblem, RegionLevel } from '@urbangrid/contracts';

/** Problems listed per job; `errorCount` keeps the full count. */
export const MAX_LISTED_PROBLEMS = 1000;

/** Checked parameters of one import. */
export interface ImportParams {
  kind: ImportKind;
  format: ImportFormat;
  /** Default level of features without a `level` property (regions). */
  level: RegionLevel | null;
  validFrom: string;
  crs: string | null;
  fileName: string | null;
}

/** Collects problems: every one counted, the first MAX_LISTED_PROBLEMS kept. */
export class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;
  add(p: ImportProblem): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(p);
  }
  sorted(): ImportProblem[] {
    return [...this.listed].sort((a, b) => a.index - b.index);
  }
}

export function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}

export function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}
