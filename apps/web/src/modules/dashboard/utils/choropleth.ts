/**
 * Problem density per unit grid (问题密度): class breaks and colours for the choropleth. Breaks
 * are quantiles of the grids that have cases, so a city with a few hot spots still shows
 * contrast; grids without cases stay uncoloured.
 */

/** Light to dark, colour-blind safe (ColorBrewer YlOrRd 5). */
export const DENSITY_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/**
 * Lower bounds of each class, ascending and distinct: a value v is in the last class whose
 * lower bound ≤ v. At most `classes` classes; fewer when the values have fewer distinct levels.
 */
export function densityBreaks(values: readonly number[], classes: number = DENSITY_COLOURS.length): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let k = 0; k < classes; k++) {
    const value = sorted[Math.floor((k * sorted.length) / classes)] ?? sorted[0] ?? 1;
    if (breaks.length === 0 || value > (breaks.at(-1) ?? 0)) breaks.push(value);
  }
  return breaks;
}

/** Index of the class a value falls in, or −1 below the first break (no cases). */
export function classIndex(value: number, breaks: readonly number[]): number {
  let index = -1;
  breaks.forEach((b, k) => {
    if (value >= b) index = k;
  });
  return index;
}

/** Colour of class k when there are n classes: spread over the ramp so 2 classes are light and dark. */
export function classColour(k: number, n: number): string {
  if (n <= 1) return DENSITY_COLOURS[DENSITY_COLOURS.length - 1] ?? '#bd0026';
  const at = Math.round((k * (DENSITY_COLOURS.length - 1)) / (n - 1));
  return DENSITY_COLOURS[at] ?? '#bd0026';
}

export interface LegendEntry {
  colour: string;
  /** Lowest and highest count of the class (inclusive); `to` null for the open top class. */
  from: number;
  to: number | null;
}

export function legendEntries(breaks: readonly number[]): LegendEntry[] {
  return breaks.map((from, k) => ({
    colour: classColour(k, breaks.length),
    from,
    to: k + 1 < breaks.length ? (breaks[k + 1] ?? from) - 1 : null,
  }));
}

/**
 * A maplibre `match` on the grid code: each grid with cases gets its class colour; others are
 * transparent. The map of counts comes from `/cases/stats/by-grid`.
 */
export function gridColourExpression(
  counts: readonly { gridCode: string; count: number }[],
  breaks: readonly number[],
): unknown[] | string {
  if (counts.length === 0 || breaks.length === 0) return 'rgba(0,0,0,0)';
  const pairs: string[] = [];
  for (const { gridCode, count } of counts) {
    const k = classIndex(count, breaks);
    if (k >= 0) pairs.push(gridCode, classColour(k, breaks.length));
  }
  if (pairs.length === 0) return 'rgba(0,0,0,0)';
  return ['match', ['get', 'code'], ...pairs, 'rgba(0,0,0,0)'];
}
