import type { ConversationReference } from 'botbuilder';
import type { NetworkAnnouncer } from '../app/competence-events';
import type { Locale } from '../domain/roster';
import { formatDate } from '../i18n/format';
import type { Translator } from '../i18n/i18n';
import type { HsyreTeamsAdapter } from './bot-adapter';

/**
 * Announces a network event in the linked network channel, in the channel's language, as a new
 * post there. Throws when Teams refuses; the use case logs it and the event stays unannounced.
 */
export function createTeamsNetworkAnnouncer(deps: {
  adapter: HsyreTeamsAdapter;
  botAppId: string;
  translator: Translator;
  channelLocale: Locale;
}): NetworkAnnouncer {
  const { adapter, botAppId, translator, channelLocale } = deps;
  return {
    async announce(link, event) {
      const t = translator.forLocale(channelLocale);
      const text = t('competence.events.announcement', {
        kind: t(`competence.kinds.${event.kind}`),
        date: formatDate(event.date, channelLocale),
        place: event.place,
        hours: t('competence.card.hours', { count: event.hours }),
      });
      const reference: Partial<ConversationReference> = {
        channelId: link.channelId,
        serviceUrl: link.serviceUrl,
        bot: { id: link.botId ?? '', name: '' },
        conversation: {
          id: link.conversationId,
          isGroup: true,
          conversationType: 'channel',
          tenantId: link.tenantId,
          name: '',
        },
      };
      let activityId: string | undefined;
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        activityId = (await context.sendActivity(text))?.id;
      });
      if (!activityId) throw new Error('the channel did not return an activity id');
      return { conversationId: link.conversationId, activityId };
    },
  };
}
