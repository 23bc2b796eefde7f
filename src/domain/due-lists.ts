import { DateTime } from 'luxon';
import type { Case } from './case';
import { type DomainError, domainError } from './errors';
import { hasRole, type StaffMember } from './roster';

export interface DueItem {
  case: Case;
  /** Minutes past the deadline; negative while it is still ahead. */
  lateMinutes: number;
}

export type DueWindow = 'today' | 'week';

/**
 * Open cases whose running deadline has passed or falls due by the end of today (or of this
 * ISO week), in the routine's time zone, most late first. Pure over the cases and the time.
 */
export function dueList(
  cases: readonly Case[],
  now: Date,
  timeZone: string,
  window: DueWindow,
): DueItem[] {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const horizon = (window === 'today' ? local.endOf('day') : local.endOf('week')).toMillis();
  return cases
    .filter((c) => c.state !== 'closed' && c.deadline && Date.parse(c.deadline.dueAt) <= horizon)
    .map((c) => ({
      case: c,
      lateMinutes: Math.floor((now.getTime() - Date.parse(c.deadline?.dueAt ?? '')) / 60_000),
    }))
    .sort((a, b) => b.lateMinutes - a.lateMinutes || a.case.code.localeCompare(b.case.code));
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
