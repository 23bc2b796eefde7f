import type { Clock } from '../domain/clock';
import { type DueWindow, zonesForDueList } from '../domain/due-lists';
import type { StaffMember } from '../domain/roster';
import type { TrackedItem } from '../domain/tracked-item';
import type { Zone } from '../domain/zone';
import type { Store } from '../store/port';
import { type MessageReply, message, refusal } from './reply';
import type { TrackedKinds } from './tracked-kinds';

/** A due list to show: every kind's open items of the zones the asker may see. */
export interface DueListReply {
  kind: 'dueList';
  items: TrackedItem[];
  zones: Zone[];
  zoneIds: string[];
  /** Staff id → name, for who has each item. */
  names: Map<string, string>;
  now: Date;
  window: DueWindow;
  /** Where a long list goes on (0 = from the most late). */
  offset: number;
}

/**
 * `forfalte [sone [fra]]` and `uke [sone [fra]]`: a zone leader's lists of their zones, FVE's
 * of every zone, nobody else's; over every registered kind of tracked item.
 */
export function createDueLists(deps: { store: Store; kinds: TrackedKinds; clock: Clock }) {
  const { store, kinds, clock } = deps;
  return async function dueLists(
    member: StaffMember | undefined,
    window: DueWindow,
    requested: string | undefined,
    from = 1,
  ): Promise<DueListReply | MessageReply> {
    if (!member) return message('me.unknown');
    const zones = await store.zones.list();
    const allowed = zonesForDueList(
      member,
      zones.map((z) => z.id),
      requested?.toLowerCase(),
    );
    if (!allowed.ok) {
      return allowed.error.code === 'forbidden_role'
        ? message('due.onlyLeaders')
        : refusal(allowed.error, new Map());
    }
    const [items, roster] = await Promise.all([
      kinds.openInZones(allowed.zoneIds, member),
      store.roster.list(),
    ]);
    return {
      kind: 'dueList',
      items,
      zones,
      zoneIds: allowed.zoneIds,
      names: new Map(roster.map((m) => [m.id, m.name])),
      now: clock.now(),
      window,
      offset: Math.max(0, from - 1),
    };
  };
}

export type DueLists = ReturnType<typeof createDueLists>;
