import type { TurnContext } from 'botbuilder';
import type { ChannelAddress, ZoneLinking } from '../../app/zone-linking';
import { replyText } from '../reply-text';
import type { Caller } from '../turn-context';

export const ZONE_LINK_PATTERN = /^\s*(?:koble\s+sone|link\s+zone)(?:\s+(\S+))?\s*$/i;

interface TeamsChannelData {
  channel?: { id?: string };
  tenant?: { id?: string };
}

/** Where the channel of a message is, as a link stores it (zones and the network channel). */
export function channelAddressOf(activity: TurnContext['activity']): ChannelAddress {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    // A message in a thread has ";messageid=" on the conversation id; posts go to the channel.
    conversationId: channelData.channel?.id ?? activity.conversation.id.split(';')[0],
    tenantId: activity.conversation.tenantId ?? channelData.tenant?.id,
    botId: activity.recipient.id,
  };
}

/** `koble sone <sone>` in a channel: the address comes from Teams, the decision from the use case. */
export async function linkZone(
  context: TurnContext,
  caller: Caller,
  link: ZoneLinking,
  timeZone: string,
) {
  const activity = context.activity;
  if (activity.conversation.conversationType !== 'channel') {
    await context.sendActivity(caller.t('cases.messages.linkInChannel'));
    return;
  }
  const reply = await link(
    caller.member,
    ZONE_LINK_PATTERN.exec(activity.text ?? '')?.[1],
    channelAddressOf(activity),
  );
  await context.sendActivity(replyText(reply, caller, timeZone));
}
