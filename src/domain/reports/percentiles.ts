/**
 * Percentiles by the nearest-rank method: the p-th percentile of n values is the value at rank
 * ⌈p/100 · n⌉ (1-based) of the values sorted in ascending order, and at rank 1 for p = 0. It is
 * always one of the observed values, never an interpolation, so a small month reads honestly:
 *
 * - one value: every percentile is that value;
 * - two values: the median (p50, rank ⌈1⌉ = 1) is the smaller one, p90 (rank ⌈1.8⌉ = 2) the larger;
 * - five values: the median is the 3rd, p90 (rank ⌈4.5⌉ = 5) the largest;
 * - ten values: the median is the 5th, p90 the 9th;
 * - no values: null (nothing to report), never 0.
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return null;
  // p·n first: (7 / 100) · 100 is 7.000000000000001 in floating point (rank 8), 7 · 100 / 100 is 7.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sortedAscending[rank - 1];
}

export interface Summary {
  n: number;
  median: number | null;
  p90: number | null;
}

/** Count, median and 90th percentile (nearest rank) of the values, in any order. */
export function summarise(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const asArray = Array.from(sorted);
  return { n: asArray.length, median: nearestRank(asArray, 50), p90: nearestRank(asArray, 90) };
}
