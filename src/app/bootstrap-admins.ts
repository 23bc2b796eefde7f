import type { Clock } from '../domain/clock';
import { isActive } from '../domain/roster';
import {
  activeAdmins,
  canonicalRoles,
  decideRosterCommand,
  type RosterCommand,
} from '../domain/staff-admin';
import type { Store } from '../store/port';
import { BOOTSTRAP_ACTOR } from './system-actors';

/** One entry of BOOTSTRAP_ADMINS. */
export interface BootstrapAdmin {
  id: string;
  name?: string;
}

export type BootstrapResult =
  | { outcome: 'not_configured' }
  /** The roster already has an admin: BOOTSTRAP_ADMINS changed nothing. */
  | { outcome: 'admin_present'; admins: number }
  /** These ids are admins now (added, or given the role on top of what they had). */
  | { outcome: 'added'; ids: string[] };

/**
 * The first admin of an empty roster: without one, nobody can add anybody. Runs at every
 * start, so it must do nothing once any admin exists; later admins are made in the bot (or the
 * CSV import) and recorded there. A person without a name in the setting gets their id as a
 * name until an admin gives them one.
 */
export async function bootstrapAdmins(
  store: Store,
  admins: readonly BootstrapAdmin[],
  clock: Clock,
): Promise<BootstrapResult> {
  if (admins.length === 0) return { outcome: 'not_configured' };
  let roster = await store.roster.list();
  const present = activeAdmins(roster).length;
  if (present > 0) return { outcome: 'admin_present', admins: present };

  const zones = await store.zones.list();
  const ids: string[] = [];
  for (const admin of admins) {
    const known = roster.find((m) => m.id === admin.id);
    const command: RosterCommand =
      known && isActive(known)
        ? { type: 'update', id: admin.id, roles: canonicalRoles([...known.roles, 'admin']) }
        : {
            type: 'add',
            person: {
              id: admin.id,
              name: admin.name ?? known?.name ?? admin.id,
              roles: ['admin'],
              zoneIds: [],
            },
          };
    const decision = decideRosterCommand(
      { actor: BOOTSTRAP_ACTOR, roster, zones, now: clock.now() },
      command,
    );
    // The settings checked the ids; a refusal here is a bug, not an operator's mistake.
    if (!decision.ok) throw new Error(`BOOTSTRAP_ADMINS: ${decision.error.code} for ${admin.id}`);
    if (!decision.changed) continue;
    await store.roster.put(decision.after);
    roster = [...roster.filter((m) => m.id !== admin.id), decision.after];
    ids.push(admin.id);
  }
  return { outcome: 'added', ids };
}

/** The log line main.ts writes for the result; ids only, they are not patient data. */
export function describeBootstrap(result: BootstrapResult): string | undefined {
  switch (result.outcome) {
    case 'not_configured':
      return undefined;
    case 'admin_present':
      return 'BOOTSTRAP_ADMINS ignored: the roster already has an admin';
    case 'added':
      return `BOOTSTRAP_ADMINS: ${result.ids.length} admin(s) added to a roster without one`;
  }
}
