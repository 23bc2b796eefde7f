import type { Case } from './case';
import { type StaffMember, worksInZone } from './roster';

/**
 * Who may see a case at all: staff of its zone and FVE, the same people the command guards let
 * act on it. Reads and writes share this rule, so a button's data (which carries the case id)
 * never shows more to a stranger than typing a code would.
 */
export const canSeeCase = (member: StaffMember | undefined, c: Case): member is StaffMember =>
  member !== undefined && worksInZone(member, c.zoneId);
