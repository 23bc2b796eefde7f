import type { CasePublisher } from '../app/case-publisher';
import type { Locale } from '../domain/roster';
import type { HsyreTeamsAdapter } from './bot-adapter';
import type { CaseCards } from './case-cards';
import { createChannelCardPoster } from './channel-card-poster';

/**
 * Posts and updates the "HSYRE ny pas." card in the zone's channel. Automatic card refresh
 * reaches at most 60 users, so updating the one channel message in place is what keeps the
 * card true for everybody.
 */
export function createTeamsCasePublisher(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  cards: CaseCards,
  channelLocale: Locale,
): CasePublisher {
  const poster = createChannelCardPoster(adapter, botAppId);
  return {
    post: (zone, c) => poster.post(zone, () => cards(c, 'channel', channelLocale, { zone })),
    async update(zone, c) {
      if (!c.card) return;
      await poster.update(zone, c.card, () => cards(c, 'channel', channelLocale, { zone }));
    },
  };
}
