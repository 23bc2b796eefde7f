import { hasRole, type StaffMember } from '../domain/roster';
import { leadsZone } from '../domain/staff-admin';
import { activeZones, normaliseZoneId } from '../domain/zone-admin';
import type { Store } from '../store/port';
import type { DirectoryPerson, DirectoryReply } from './admin-replies';
import { type MessageReply, message } from './reply';

const person = (m: StaffMember): DirectoryPerson => ({
  name: m.name,
  ...(m.email !== undefined && { email: m.email }),
});

const byName = (a: StaffMember, b: StaffMember) => a.name.localeCompare(b.name, 'nb');

/**
 * "Who is the resource nurse in zone X": the network's address list (the Innlandet action plan
 * asks that resource nurses be easy to find). For anyone who asks, in the roster or not, so it
 * holds staff names and addresses only, never roles beyond these three or anything of a case.
 */
export function createDirectory(deps: { store: Store }) {
  return async function directory(zoneId?: string): Promise<DirectoryReply | MessageReply> {
    const [zones, roster] = await Promise.all([deps.store.zones.list(), deps.store.roster.list()]);
    const active = activeZones(zones);
    const wanted = zoneId === undefined ? undefined : normaliseZoneId(zoneId);
    const shown = wanted === undefined ? active : active.filter((z) => z.id === wanted);
    if (shown.length === 0 && wanted !== undefined) {
      return message('staff.directory.unknownZone', { zones: active.map((z) => z.id).join(', ') });
    }
    const staff = [...roster].sort(byName);
    const networkLeaders = staff.filter((m) => hasRole(m, 'networkLeader')).map(person);
    return {
      kind: 'directory',
      zones: shown.map((zone) => ({
        id: zone.id,
        name: zone.name,
        nurses: staff.filter((m) => hasRole(m, 'nurse') && m.zoneIds.includes(zone.id)).map(person),
        leaders: staff.filter((m) => leadsZone(m, zone.id)).map(person),
        networkLeaders,
      })),
    };
  };
}

export type Directory = ReturnType<typeof createDirectory>;
