import type { StaffMember } from '../domain/roster';

/**
 * Who changes the roster when no person in it does: the IT operator's CLI and the start-up
 * bootstrap. Admins that are not in the roster; their ids are what a change record names, and
 * these names are how lists show them.
 */
export const ADMIN_CLI_ACTOR: StaffMember = {
  id: 'system:admin-cli',
  name: 'Administrasjonsverktøyet (CLI)',
  roles: ['admin'],
  zoneIds: [],
};

export const BOOTSTRAP_ACTOR: StaffMember = {
  id: 'system:bootstrap',
  name: 'Oppstart (BOOTSTRAP_ADMINS)',
  roles: ['admin'],
  zoneIds: [],
};

export const SYSTEM_ACTORS: readonly StaffMember[] = [ADMIN_CLI_ACTOR, BOOTSTRAP_ACTOR];
