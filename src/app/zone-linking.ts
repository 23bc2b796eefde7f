import type { Clock } from '../domain/clock';
import { canLinkZone, type StaffMember } from '../domain/roster';
import type { ChannelLink } from '../domain/zone';
import type { Store } from '../store/port';
import { type MessageReply, message } from './reply';

/** Where a channel is, as the Teams adapter read it from the message that asked for the link. */
export type ChannelAddress = Omit<ChannelLink, 'linkedBy' | 'linkedAt'>;

/** The stored link: where the channel is, who linked it and when. */
export const channelLinkFrom = (
  address: ChannelAddress,
  member: StaffMember,
  now: Date,
): ChannelLink => ({ ...address, linkedBy: member.id, linkedAt: now.toISOString() });

/**
 * `koble sone <sone>`: the zone's leader (or an admin) makes this channel the place where the
 * zone's "HSYRE ny pas." cards are posted. The link is stored, so it survives restarts.
 */
export function createZoneLinking(deps: { store: Store; clock: Clock }) {
  return async function link(
    member: StaffMember | undefined,
    requested: string | undefined,
    address: ChannelAddress,
  ): Promise<MessageReply> {
    if (!member) return message('me.unknown');
    const zones = await deps.store.zones.list();
    const zone = zones.find((z) => z.id === requested?.toLowerCase());
    if (!zone)
      return message('cases.messages.linkUsage', { zones: zones.map((z) => z.id).join(', ') });
    if (!canLinkZone(member, zone.id)) return message('errors.forbidden_role');
    await deps.store.zones.put({
      ...zone,
      channel: channelLinkFrom(address, member, deps.clock.now()),
    });
    return message('cases.messages.zoneLinked', { zone: zone.name });
  };
}

export type ZoneLinking = ReturnType<typeof createZoneLinking>;
