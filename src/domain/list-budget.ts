/**
 * How much of a list one message may carry. A chat message has a hard size limit (Teams refuses
 * a bot message over about 100 KB), and a list nobody can scroll through helps nobody either,
 * so every list card shows the counts of the whole list and only the most urgent part of it.
 */
export interface ListBudget {
  maxItems: number;
  /** Of the rendered message, as the measure function counts them. */
  maxBytes: number;
}

export interface GroupCount {
  key: string;
  count: number;
  /** How many of them are urgent (overdue, for a due list). */
  urgent: number;
}

export interface BudgetedList<T, G extends string> {
  total: number;
  urgent: number;
  /** For each grouping (zone, step, …): counts over the whole list, largest group first. */
  groups: Record<G, GroupCount[]>;
  /** Where the shown part starts in the whole list (0-based). */
  offset: number;
  shown: T[];
  /** Items after the shown ones. */
  remaining: number;
}

export interface BudgetOptions<T, G extends string> {
  groupBy: Record<G, (item: T) => string>;
  isUrgent?: (item: T) => boolean;
  budget: ListBudget;
  /** The first item to show (0-based); past the end of the list, the list starts from the top. */
  offset?: number;
  /**
   * The size of the message that would carry this part of the list. Expected to grow with the
   * number of items shown, which lets the fit be found by bisection in a handful of renders.
   */
  measure: (page: BudgetedList<T, G>) => number;
}

/** Counts per key, largest first (ties by key, so the order never depends on the input's). */
export function countBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  isUrgent: (item: T) => boolean = () => false,
): GroupCount[] {
  const counts = new Map<string, GroupCount>();
  for (const item of items) {
    const key = keyOf(item);
    const group = counts.get(key) ?? { key, count: 0, urgent: 0 };
    group.count += 1;
    if (isUrgent(item)) group.urgent += 1;
    counts.set(key, group);
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * The counts of the whole list and as many of its items, from `offset` on, as fit both the
 * item limit and the size limit. `items` come most urgent first; the order is kept.
 * When even the counts alone exceed the size limit, no item is shown (the caller's message is
 * then as small as it can be made here).
 */
export function withinBudget<T, G extends string>(
  items: readonly T[],
  options: BudgetOptions<T, G>,
): BudgetedList<T, G> {
  const { budget, measure } = options;
  const isUrgent = options.isUrgent ?? (() => false);
  const total = items.length;
  const groups = Object.fromEntries(
    (Object.entries(options.groupBy) as [G, (item: T) => string][]).map(([name, keyOf]) => [
      name,
      countBy(items, keyOf, isUrgent),
    ]),
  ) as Record<G, GroupCount[]>;
  const urgent = items.reduce((n, item) => (isUrgent(item) ? n + 1 : n), 0);
  const requested = Math.max(0, Math.floor(options.offset ?? 0));
  const offset = requested < total ? requested : 0;
  const page = (n: number): BudgetedList<T, G> => ({
    total,
    urgent,
    groups,
    offset,
    shown: items.slice(offset, offset + n),
    remaining: total - offset - n,
  });
  const fits = (n: number) => measure(page(n)) <= budget.maxBytes;

  const most = Math.max(0, Math.min(Math.floor(budget.maxItems), total - offset));
  if (fits(most)) return page(most);
  // The largest n below `most` that fits; 0 when none does.
  let lo = 0;
  let hi = most - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return page(lo);
}

/** The size of a JSON payload as it goes over the wire: UTF-8 bytes, not UTF-16 code units. */
export const jsonBytes = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(value), 'utf8');
