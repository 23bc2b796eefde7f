import { type Activity, CardFactory, type ConversationReference } from 'botbuilder';
import type { CardLocation } from '../domain/case';
import type { ChannelLink } from '../domain/zone';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { createConnectorClients } from './connector-clients';

type Card = Record<string, unknown>;
type LinkedPlace = { id: string; channel: ChannelLink | null };

/** Posts a card as a new thread in a linked channel and updates it in place. */
export interface ChannelCardPoster {
  post(place: LinkedPlace, render: () => Promise<Card>): Promise<CardLocation>;
  update(place: LinkedPlace, location: CardLocation, render: () => Promise<Card>): Promise<void>;
}

const channelReference = (
  link: ChannelLink,
  conversationId: string,
): Partial<ConversationReference> => ({
  channelId: link.channelId,
  serviceUrl: link.serviceUrl,
  bot: { id: link.botId ?? '', name: '' },
  conversation: {
    id: conversationId,
    isGroup: true,
    conversationType: 'channel',
    tenantId: link.tenantId,
    name: '',
  },
});

const linkOf = (place: LinkedPlace): ChannelLink => {
  if (!place.channel) throw new Error(`${place.id} has no linked channel`);
  return place.channel;
};

/**
 * Proactive requests through the conversation reference stored when the channel was linked.
 * They go straight to a kept connector client, so a failure reaches the caller (whose outbox
 * posts again) rather than the adapter's turn-error handler. The card renders while the
 * connector client is fetched.
 */
export function createChannelCardPoster(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
): ChannelCardPoster {
  const connectors = createConnectorClients(adapter, botAppId);
  return {
    async post(place, render) {
      const link = linkOf(place);
      const [card, connector] = await Promise.all([
        render(),
        connectors.forServiceUrl(link.serviceUrl, channelReference(link, link.conversationId)),
      ]);
      // A new post (thread) in the channel is a new conversation. botbuilder's
      // createConversationAsync drops the new post's activity id, so ask the connector directly.
      const created = await connector.conversations.createConversation({
        isGroup: true,
        channelData: { channel: { id: link.conversationId } },
        activity: { type: 'message', attachments: [CardFactory.adaptiveCard(card)] } as Activity,
        bot: { id: link.botId ?? '', name: '' },
        tenantId: link.tenantId,
        members: [],
      });
      const activityId = created.activityId ?? created.id.split(';messageid=')[1];
      if (!activityId) throw new Error('the channel did not return an activity id');
      return { conversationId: created.id, activityId };
    },
    async update(place, { activityId, conversationId }, render) {
      const link = linkOf(place);
      const reference = channelReference(link, conversationId);
      const [card, connector] = await Promise.all([
        render(),
        connectors.forServiceUrl(link.serviceUrl, reference),
      ]);
      // What a turn's updateActivity would send: the card, addressed from the bot.
      const activity = {
        type: 'message',
        id: activityId,
        attachments: [CardFactory.adaptiveCard(card)],
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        conversation: reference.conversation,
        from: reference.bot,
      } as Activity;
      await connector.conversations.updateActivity(conversationId, activityId, activity);
    },
  };
}
