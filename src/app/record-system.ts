import type { StaffMember } from '../domain/roster';

/**
 * The municipality's record system, registering referrals over REST on FVE's behalf. Not in
 * the roster: it cannot log in to Teams. Its changes show under this name in a case's history.
 */
export const RECORD_SYSTEM_ACTOR: StaffMember = {
  id: 'system:record-system',
  name: 'Journalsystemet (API)',
  roles: ['fve'],
  zoneIds: [],
};
