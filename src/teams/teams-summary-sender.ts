import type { SummarySender } from '../app/daily-summary';
import type { Locale } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { Store } from '../store/port';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { dueListMessage } from './due-list-card';
import { sendToPersonalChat } from './personal-chat';

/** The daily summary as the leader's overdue list card, in their personal chat. */
export function createTeamsSummarySender(deps: {
  adapter: HsyreTeamsAdapter;
  botAppId: string;
  store: Store;
  translator: Translator;
  defaultLocale: Locale;
  timeZone: string;
}): SummarySender {
  const { adapter, botAppId, store, translator, defaultLocale, timeZone } = deps;
  return {
    async send(leader, zoneIds, items, now) {
      const locale = leader.locale ?? defaultLocale;
      const t = translator.forLocale(locale);
      const [zones, roster] = await Promise.all([store.zones.list(), store.roster.list()]);
      const message = dueListMessage({
        items,
        zones,
        zoneIds,
        names: new Map(roster.map((m) => [m.id, m.name])),
        now,
        timeZone,
        window: 'today',
        title: t('due.titleDaily'),
        t,
        locale,
      });
      await sendToPersonalChat(adapter, botAppId, leader, message);
    },
  };
}
