import { DateTime } from 'luxon';
import { type DomainError, domainError } from './errors';
import { type BudgetedList, type ListBudget, withinBudget } from './list-budget';
import { hasRole, type StaffMember } from './roster';
import type { TrackedItem } from './tracked-item';

export interface DueItem {
  item: TrackedItem;
  /** Minutes past the deadline; negative while it is still ahead. */
  lateMinutes: number;
}

export type DueWindow = 'today' | 'week';

/**
 * Open items (of any kind) whose running deadline has passed or falls due by the end of today
 * (or of this ISO week), in the routine's time zone, most late first. Pure over the items and
 * the time.
 */
export function dueList(
  items: readonly TrackedItem[],
  now: Date,
  timeZone: string,
  window: DueWindow,
): DueItem[] {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const horizon = (window === 'today' ? local.endOf('day') : local.endOf('week')).toMillis();
  const due: DueItem[] = [];
  for (const item of items) {
    if (!item.open || !item.deadline) continue;
    const dueAt = Date.parse(item.deadline.dueAt);
    if (dueAt > horizon) continue;
    due.push({ item, lateMinutes: Math.floor((now.getTime() - dueAt) / 60_000) });
  }
  return due.sort(
    (a, b) => b.lateMinutes - a.lateMinutes || a.item.code.localeCompare(b.item.code),
  );
}

export type DueGroup = 'zone' | 'step';

export type BudgetedDueList = BudgetedList<DueItem, DueGroup>;

/**
 * A due list cut to what one message may carry: counts per zone and per step (of the whole
 * list, late ones counted apart), and the most late items from `offset` on.
 */
export function budgetDueList(
  due: readonly DueItem[],
  budget: ListBudget,
  measure: (page: BudgetedDueList) => number,
  offset = 0,
): BudgetedDueList {
  return withinBudget(due, {
    groupBy: { zone: (d) => d.item.zoneId, step: (d) => d.item.stepKey ?? '' },
    isUrgent: (d) => d.lateMinutes > 0,
    budget,
    offset,
    measure,
  });
}

/**
 * The zones whose lists a member may see: a leader their own zones, FVE every zone; nobody else.
 * With a zone named, only that one, if allowed.
 */
export function zonesForDueList(
  member: StaffMember,
  allZoneIds: readonly string[],
  requested?: string,
): { ok: true; zoneIds: string[] } | { ok: false; error: DomainError } {
  const visible = hasRole(member, 'fve')
    ? [...allZoneIds]
    : hasRole(member, 'leader')
      ? allZoneIds.filter((z) => member.zoneIds.includes(z))
      : [];
  if (visible.length === 0)
    return { ok: false, error: domainError('forbidden_role', { action: 'dueList' }) };
  if (requested === undefined) return { ok: true, zoneIds: visible };
  if (!allZoneIds.includes(requested))
    return { ok: false, error: domainError('unknown_zone', { zone: requested }) };
  if (!visible.includes(requested))
    return { ok: false, error: domainError('not_in_zone', { zone: requested }) };
  return { ok: true, zoneIds: [requested] };
}
