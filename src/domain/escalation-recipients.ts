import { hasRole, type StaffMember } from './roster';
import type { EscalationLevel } from './routine';
import type { TrackedItem } from './tracked-item';

/**
 * Who is told at a level, for any kind of tracked item: the person who has it, the leaders of
 * its zone, or FVE. Pure over the roster; the Teams notifier only delivers.
 */
export function escalationRecipients(
  level: Pick<EscalationLevel, 'notify'>,
  item: Pick<TrackedItem, 'ownerId' | 'zoneId'>,
  roster: readonly StaffMember[],
): StaffMember[] {
  switch (level.notify) {
    case 'responsible':
      return roster.filter((m) => m.id === item.ownerId);
    case 'zoneLeader':
      return roster.filter((m) => hasRole(m, 'leader') && m.zoneIds.includes(item.zoneId));
    case 'fve':
      return roster.filter((m) => hasRole(m, 'fve'));
  }
}
