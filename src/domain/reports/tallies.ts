/*
 * Small helpers of the report index (report-index.ts): counts in plain arrays, and cases
 * grouped by a number, as typed arrays.
 */

/** Adds one at `at`, the array grown with zeros to reach it. */
export function countAt(counts: number[], at: number): void {
  // As an integer: the packed records' numbers are doubles.
  const i = at | 0;
  while (counts.length <= i) counts.push(0);
  counts[i]++;
}

/** The sum of the counts of `zone` (all zones: null), each zone's `width` counts from `offset`. */
export function zoneSum(
  counts: readonly number[],
  zone: number | null,
  width: number,
  offset: number,
): number {
  if (zone !== null && zone < 0) return 0;
  let sum = 0;
  for (let at = (zone ?? 0) * width + offset; at < counts.length; at += width) {
    sum += counts[at];
    if (zone !== null) break;
  }
  return sum;
}

/** Case indices in groups 0..count-1: group g's are cases[start[g]..start[g + 1]). */
export interface Groups {
  start: Int32Array;
  cases: Int32Array;
}

/** Builds groups from `each`, which calls `add(group, case)` (twice over: a count, then a fill). */
export function groups(
  count: number,
  each: (add: (group: number, i: number) => void) => void,
): Groups {
  const start = new Int32Array(count + 1);
  each((g) => {
    start[g + 1]++;
  });
  for (let g = 0; g < count; g++) start[g + 1] += start[g];
  const cases = new Int32Array(start[count]);
  const next = start.slice(0, count);
  each((g, i) => {
    cases[next[g]++] = i;
  });
  return { start, cases };
}
