import type { PathwayPublisher } from '../app/pathway-publisher';
import type { Locale } from '../domain/roster';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { createChannelCardPoster } from './channel-card-poster';
import type { PathwayCards } from './pathway-cards';

/**
 * Posts a point's card as a new thread in the zone channel and updates it in place, as the
 * HSYRE card is. Failures reach the workflow, which logs them and retries the post later.
 */
export function createTeamsPathwayPublisher(
  adapter: HsyreTeamsAdapter,
  botAppId: string,
  cards: PathwayCards,
  channelLocale: Locale,
): PathwayPublisher {
  const poster = createChannelCardPoster(adapter, botAppId);
  return {
    post: (zone, p, point) => poster.post(zone, () => cards(p, point, 'channel', channelLocale)),
    async update(zone, p, point) {
      const location = p.points.find((pt) => pt.point === point)?.card;
      if (!location) return;
      await poster.update(zone, location, () => cards(p, point, 'channel', channelLocale));
    },
  };
}
