import { hasRole, type StaffMember, worksInZone } from '../roster';
import type { Pathway } from './pathway';

/**
 * Who may see a pathway at all: staff of its zone, FVE (the municipality's contact point) and
 * the cancer coordinator, who works in every zone. The same people PATHWAY_GUARDS may let act,
 * so a button's data (which carries the pathway id) never shows a stranger more than typing a
 * code would. The record reference is only ever on the personal card.
 */
export const canSeePathway = (
  member: StaffMember | undefined,
  p: Pick<Pathway, 'zoneId'>,
): member is StaffMember =>
  member !== undefined && (worksInZone(member, p.zoneId) || hasRole(member, 'cancerCoordinator'));
