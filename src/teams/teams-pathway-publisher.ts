import { type Activity, CardFactory, type ConversationReference } from 'botbuilder';
import type { PathwayPublisher } from '../app/pathway-publisher';
import type { Locale } from '../domain/roster';
import type { ChannelLink, Zone } from '../domain/zone';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { createConnectorClients } from './connector-clients';
import type { PathwayCards } from './pathway-cards';

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

const linkOf = (zone: Zone): ChannelLink => {
  if (!zone.channel) throw new Error(`zone ${zone.id} has no linked channel`);
  return zone.channel;
};

/**
 * Posts a point's card as a new thread in the zone channel and updates it in place, as the
 * HSYRE card is: automatic refresh reaches at most 60 users, the in-place update everybody.
 * Failures reach the workflow, which logs them and retries the post later.
 */
export function createTeamsPathwayPublisher(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  cards: PathwayCards,
  channelLocale: Locale,
): PathwayPublisher {
  const connectors = createConnectorClients(adapter, botAppId);
  return {
    async post(zone, p, point) {
      const link = linkOf(zone);
      const [card, connector] = await Promise.all([
        cards(p, point, 'channel', channelLocale),
        connectors.forServiceUrl(link.serviceUrl, channelReference(link, link.conversationId)),
      ]);
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
    async update(zone, p, point) {
      const link = linkOf(zone);
      const location = p.points.find((pt) => pt.point === point)?.card;
      if (!location) return;
      const { activityId, conversationId } = location;
      const reference = channelReference(link, conversationId);
      const [card, connector] = await Promise.all([
        cards(p, point, 'channel', channelLocale),
        connectors.forServiceUrl(link.serviceUrl, reference),
      ]);
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
