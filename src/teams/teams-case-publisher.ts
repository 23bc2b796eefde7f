import { type Activity, CardFactory, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CasePublisher } from '../app/case-publisher';
import type { CardLocation } from '../domain/case';
import type { Locale } from '../domain/roster';
import type { ChannelLink } from '../domain/zone';
import type { HsyreTeamsAdapter } from './bot-adapter';
import type { CaseCards } from './case-cards';

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
 * one channel message in place is what keeps the card true for everybody.
 */
export function createTeamsCasePublisher(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  cards: CaseCards,
  channelLocale: Locale,
): CasePublisher {
  const linkOf = (zone: { channel: ChannelLink | null; id: string }) => {
    if (!zone.channel) throw new Error(`zone ${zone.id} has no linked channel`);
    return zone.channel;
  };
  return {
    async post(zone, c) {
      const link = linkOf(zone);
      const card = await cards(c, 'channel', channelLocale);
      let location: CardLocation | undefined;
      // A new post (thread) in the channel is a new conversation. botbuilder's
      // createConversationAsync drops the new post's activity id, so ask the connector directly.
      await adapter.continueConversationAsync(
        botAppId,
        channelReference(link, link.conversationId),
        async (context) => {
          const connector = context.turnState.get<ConnectorClient>(
            context.adapter.ConnectorClientKey,
          );
          const created = await connector.conversations.createConversation({
            isGroup: true,
            channelData: { channel: { id: link.conversationId } },
            activity: {
              type: 'message',
              attachments: [CardFactory.adaptiveCard(card)],
            } as Activity,
            bot: { id: link.botId ?? '', name: '' },
            tenantId: link.tenantId,
            members: [],
          });
          const activityId = created.activityId ?? created.id.split(';messageid=')[1];
          if (activityId) location = { conversationId: created.id, activityId };
        },
      );
      if (!location) throw new Error('the channel did not return an activity id');
      return location;
    },
    async update(zone, c) {
      const link = linkOf(zone);
      if (!c.card) return;
      const card = await cards(c, 'channel', channelLocale);
      const { activityId, conversationId } = c.card;
      await adapter.continueConversationAsync(
        botAppId,
        channelReference(link, conversationId),
        async (context) => {
          await context.updateActivity({
            type: 'message',
            id: activityId,
            attachments: [CardFactory.adaptiveCard(card)],
          });
        },
      );
    },
  };
}
