import { hasRole, type StaffMember } from './roster';
import type { WorkingTime } from './routine';
import { workingCalendar } from './working-calendar';

export interface SummaryRecipient {
  leader: StaffMember;
  zoneIds: readonly string[];
  /** Exactly-once key: one summary per leader and working day. */
  key: string;
}

/**
 * Who gets the daily summary at `now`: every zone leader with at least one zone, on working
 * days only (weekends, public holidays and the municipality's closed days get none).
 */
export function dailySummaryRecipients(
  roster: readonly StaffMember[],
  now: Date,
  workingTime: WorkingTime,
): SummaryRecipient[] {
  const calendar = workingCalendar(workingTime);
  const day = calendar.dayOf(now);
  if (!calendar.isWorkingDay(day)) return [];
  return roster
    .filter((m) => hasRole(m, 'leader') && m.zoneIds.length > 0)
    .map((leader) => ({
      leader,
      zoneIds: leader.zoneIds,
      key: `daily-summary:${leader.id}:${day.toISODate()}`,
    }));
}
