import type { TurnContext } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import { canLinkZone } from '../../domain/roster';
import type { ChannelLink } from '../../domain/zone';
import type { Store } from '../../store/port';
import type { Caller } from '../turn-context';

export const ZONE_LINK_PATTERN = /^\s*(?:koble\s+sone|link\s+zone)(?:\s+(\S+))?\s*$/i;

interface TeamsChannelData {
  channel?: { id?: string };
  tenant?: { id?: string };
}

/**
 * `koble sone <sone>` in a channel: the zone's leader (or an admin) makes this channel the
 * place where the zone's "HSYRE ny pas." cards are posted. The link is stored, so it survives
 * restarts.
 */
export async function linkZone(context: TurnContext, caller: Caller, store: Store, clock: Clock) {
  const { t, member } = caller;
  const activity = context.activity;
  if (activity.conversation.conversationType !== 'channel') {
    await context.sendActivity(t('cases.messages.linkInChannel'));
    return;
  }
  if (!member) {
    await context.sendActivity(t('me.unknown'));
    return;
  }
  const zones = await store.zones.list();
  const wanted = ZONE_LINK_PATTERN.exec(activity.text ?? '')?.[1]?.toLowerCase();
  const zone = zones.find((z) => z.id === wanted);
  if (!zone) {
    await context.sendActivity(
      t('cases.messages.linkUsage', { zones: zones.map((z) => z.id).join(', ') }),
    );
    return;
  }
  if (!canLinkZone(member, zone.id)) {
    await context.sendActivity(t('errors.forbidden_role'));
    return;
  }
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const link: ChannelLink = {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    // A message in a thread has ";messageid=" on the conversation id; posts go to the channel.
    conversationId: channelData.channel?.id ?? activity.conversation.id.split(';')[0],
    tenantId: activity.conversation.tenantId ?? channelData.tenant?.id,
    botId: activity.recipient.id,
    linkedBy: member.id,
    linkedAt: clock.now().toISOString(),
  };
  await store.zones.put({ ...zone, channel: link });
  await context.sendActivity(t('cases.messages.zoneLinked', { zone: zone.name }));
}
