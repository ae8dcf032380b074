import { DomainError } from '../errors';

/**
 * 单元网格标识码 unit grid code (GB/T 30428.1, spec 01 §1.4).
 * Segments left to right: 6 county-level admin code (GB/T 2260) + 3 street/township + 3 community
 * + a grid sequence of 2 digits (CJ/T 213-2005, 14 digits) or 3 digits (DB11 / 运管服, 15 digits).
 * The scheme is city configuration; a code is always stored with its scheme.
 */
export type GridCodeScheme = 'cjt213-14' | 'gbt30428-15';

export const GRID_CODE_SCHEMES: Record<GridCodeScheme, { length: number; sequenceDigits: number }> = {
  'cjt213-14': { length: 14, sequenceDigits: 2 },
  'gbt30428-15': { length: 15, sequenceDigits: 3 },
};

export interface GridCodeParts {
  districtCode: string;
  streetCode: string;
  communityCode: string;
  sequence: number;
}

/** Code lengths of the administrative levels above a grid: district 6, street 9, community 12. */
export const REGION_CODE_LENGTHS = { district: 6, street: 9, community: 12 } as const;

/** Splits a grid code into its parents' codes and its sequence, or throws `GRID.CODE_MALFORMED`. */
export function parseGridCode(code: string, scheme: GridCodeScheme): GridCodeParts {
  const { length } = GRID_CODE_SCHEMES[scheme];
  if (!new RegExp(`^\\d{${length}}$`).test(code)) {
    throw new DomainError('GRID.CODE_MALFORMED', `grid code must be ${length} digits (${scheme}), got "${code}"`);
  }
  const sequence = Number(code.slice(12));
  if (sequence === 0) {
    throw new DomainError('GRID.CODE_MALFORMED', `grid sequence of "${code}" is zero`);
  }
  return {
    districtCode: code.slice(0, 6),
    streetCode: code.slice(0, 9),
    communityCode: code.slice(0, 12),
    sequence,
  };
}

/** Builds the grid code for the `sequence`-th grid (1-based) of a 12-digit community. */
export function composeGridCode(communityCode: string, sequence: number, scheme: GridCodeScheme): string {
  const { sequenceDigits } = GRID_CODE_SCHEMES[scheme];
  if (!/^\d{12}$/.test(communityCode)) {
    throw new DomainError('GRID.PARENT_CODE_MALFORMED', `community code must be 12 digits, got "${communityCode}"`);
  }
  const max = 10 ** sequenceDigits - 1;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > max) {
    throw new DomainError(
      'GRID.SEQUENCE_OUT_OF_RANGE',
      `grid sequence must be 1..${max} for ${scheme}, got ${sequence}`,
    );
  }
  return communityCode + String(sequence).padStart(sequenceDigits, '0');
}

/** Checks that a grid code's prefix is its community's code (and so its street's and district's). */
export function assertGridCodeMatchesCommunity(code: string, communityCode: string, scheme: GridCodeScheme): void {
  const parts = parseGridCode(code, scheme);
  if (parts.communityCode !== communityCode) {
    throw new DomainError(
      'GRID.CODE_PARENT_MISMATCH',
      `grid code ${code} does not start with its community code ${communityCode}`,
    );
  }
}

/**
 * Orders grid centroids the way sequences are given inside one community: west to east, then
 * north to south (DB11, DB6101). A row starts at the northernmost grid not yet numbered and takes
 * every remaining grid whose centroid lies less than half a row height south of it; the row then
 * reads west to east. Anchoring rows at a grid (not at fixed latitude bands) keeps a row whole
 * when its centroids straddle a band line.
 */
export function orderForSequencing<T>(
  items: readonly T[],
  centroid: (item: T) => [number, number],
  rowHeightDeg: number,
): T[] {
  let rest = items
    .map((item) => ({ item, at: centroid(item) }))
    .sort((a, b) => b.at[1] - a.at[1] || a.at[0] - b.at[0]);
  const ordered: T[] = [];
  while (rest.length > 0) {
    const top = rest[0].at[1];
    const inRow = (p: { at: [number, number] }) => top - p.at[1] < rowHeightDeg / 2;
    ordered.push(...rest.filter(inRow).sort((a, b) => a.at[0] - b.at[0]).map((p) => p.item));
    rest = rest.filter((p) => !inRow(p));
  }
  return ordered;
}
