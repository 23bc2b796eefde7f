import { type Activity, CardFactory, type ConversationReference } from 'botbuilder';
import type { CasePublisher } from '../app/case-publisher';
import type { CardLocation } from '../domain/case';
import type { Locale } from '../domain/roster';
import type { ChannelLink } from '../domain/zone';
import type { HsyreTeamsAdapter } from './bot-adapter';
import type { CaseCards } from './case-cards';
import { createConnectorClients } from './connector-clients';

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

/**
 * Posts and updates the channel card proactively, through the conversation reference stored
 * when the channel was linked. Automatic card refresh reaches at most 60 users, so updating the
 * one channel message in place is what keeps the card true for everybody. The requests go
 * straight to a kept connector client, so a failure reaches the workflow (which logs it, and
 * whose outbox posts a card again) rather than the adapter's turn-error handler.
 */
export function createTeamsCasePublisher(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  cards: CaseCards,
  channelLocale: Locale,
): CasePublisher {
  const connectors = createConnectorClients(adapter, botAppId);
  const linkOf = (zone: { channel: ChannelLink | null; id: string }) => {
    if (!zone.channel) throw new Error(`zone ${zone.id} has no linked channel`);
    return zone.channel;
  };
  return {
    async post(zone, c) {
      const link = linkOf(zone);
      const [card, connector] = await Promise.all([
        cards(c, 'channel', channelLocale, { zone }),
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
      const location: CardLocation = { conversationId: created.id, activityId };
      return location;
    },
    async update(zone, c) {
      const link = linkOf(zone);
      if (!c.card) return;
      const { activityId, conversationId } = c.card;
      const reference = channelReference(link, conversationId);
      const [card, connector] = await Promise.all([
        cards(c, 'channel', channelLocale, { zone }),
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
