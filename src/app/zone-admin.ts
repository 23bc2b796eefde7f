import type { Clock } from '../domain/clock';
import { hasRole, isActive, type StaffMember } from '../domain/roster';
import { leadsZone } from '../domain/staff-admin';
import type { Zone } from '../domain/zone';
import {
  decideZoneCommand,
  isZoneActive,
  normaliseZoneId,
  type ZoneCommand,
} from '../domain/zone-admin';
import type { Store } from '../store/port';
import { adminRefusal, type ZoneListReply, type ZoneSummary } from './admin-replies';
import { type MessageReply, message } from './reply';

/** More open cases than any zone has: the count in a refusal is exact. */
export const OPEN_CASE_COUNT_LIMIT = 100_000;

/** How many of a zone's cases are not closed. */
export async function openCaseCount(store: Store, zoneId: string): Promise<number> {
  return (await store.cases.byZone(zoneId, { openOnly: true, limit: OPEN_CASE_COUNT_LIMIT }))
    .length;
}

export function zoneSummaries(
  zones: readonly Zone[],
  roster: readonly StaffMember[],
): ZoneSummary[] {
  return zones.map((zone) => ({
    id: zone.id,
    name: zone.name,
    channelLinked: zone.channel !== null,
    nurseCount: roster.filter((m) => hasRole(m, 'nurse') && m.zoneIds.includes(zone.id)).length,
    leaders: roster.filter((m) => leadsZone(m, zone.id)).map((m) => m.name),
    ...(zone.retiredAt !== undefined && { retiredAt: zone.retiredAt }),
  }));
}

/**
 * Zone maintenance from the chat (the admin's): list, add, rename, retire and reinstate. The
 * rules are in src/domain/zone-admin.ts; this reads and stores around them.
 */
export function createZoneAdmin(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;

  /** Everybody in the roster may see the zones; retired ones only when asked for. */
  async function list(
    actor: StaffMember | undefined,
    options: { includeRetired?: boolean } = {},
  ): Promise<ZoneListReply | MessageReply> {
    if (!actor || !isActive(actor)) return message('me.unknown');
    const [zones, roster] = await Promise.all([store.zones.list(), store.roster.list()]);
    const shown = options.includeRetired ? zones : zones.filter(isZoneActive);
    return { kind: 'zones', zones: zoneSummaries(shown, roster) };
  }

  async function decide(
    actor: StaffMember | undefined,
    command: ZoneCommand,
    done: (zone: Zone) => MessageReply,
  ): Promise<MessageReply> {
    const zones = await store.zones.list();
    const decision = decideZoneCommand({ actor, zones, now: clock.now() }, command);
    if (!decision.ok) return adminRefusal(decision.error);
    if (!decision.changed) return message('staff.messages.noChange');
    await store.zones.put(decision.zone);
    return done(decision.zone);
  }

  return {
    list,
    add: (actor: StaffMember | undefined, id: string, name: string) =>
      decide(actor, { type: 'add', id, name }, (z) =>
        message('staff.zones.added', { zone: z.name, id: z.id }),
      ),
    rename: (actor: StaffMember | undefined, id: string, name: string) =>
      decide(actor, { type: 'rename', id, name }, (z) =>
        message('staff.zones.renamed', { zone: z.name, id: z.id }),
      ),
    /** Refused, with the count, while the zone has cases not closed. */
    async retire(actor: StaffMember | undefined, id: string): Promise<MessageReply> {
      // Counted only for an admin: nobody else learns how many cases a zone has.
      const openCases =
        actor && hasRole(actor, 'admin') ? await openCaseCount(store, normaliseZoneId(id)) : 0;
      return decide(actor, { type: 'retire', id, openCases }, (z) =>
        message('staff.zones.retired', { zone: z.name, id: z.id }),
      );
    },
    reinstate: (actor: StaffMember | undefined, id: string, name?: string) =>
      decide(actor, { type: 'reinstate', id, name }, (z) =>
        message('staff.zones.reinstated', { zone: z.name, id: z.id }),
      ),
  };
}

export type ZoneAdmin = ReturnType<typeof createZoneAdmin>;
