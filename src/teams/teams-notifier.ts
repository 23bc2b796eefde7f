import { type Activity, CardFactory, type ConversationReference } from 'botbuilder';
import type { Notifier } from '../app/escalation-pass';
import type { EscalationOccurrence } from '../domain/escalation';
import type { Locale, StaffMember } from '../domain/roster';
import { openCommand, type TrackedItem } from '../domain/tracked-item';
import { formatDateTime, formatDuration } from '../i18n/format';
import type { Translator } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { renderCard } from './card-renderer';
import { sendToPersonalChat } from './personal-chat';

/**
 * Delivers escalations of any kind of tracked item in Teams, to the people the domain chose:
 * to each recipient's personal chat (a 1:1 conversation opened
 * with the Teams address learned from their own messages), and to the case's thread in the zone
 * channel when nobody has claimed the case or a recipient cannot be reached (not installed,
 * never seen, Teams refusing after retries). Throws only when not even the channel took it.
 * Throttling (429, honouring Retry-After) and 5xx are retried with backoff by the Bot Connector
 * client's own pipeline, so this code does not retry again on top.
 */
export function createTeamsNotifier(deps: {
  adapter: HsyreTeamsAdapter;
  botAppId: string;
  store: Store;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}): Notifier {
  const { adapter, botAppId, store, translator, defaultLocale, logger } = deps;

  /**
   * The reminder card. In personal chat a silent claim's reminder offers its snooze choices;
   * in the zone channel the people who could not be reached are mentioned, so Teams notifies
   * them there.
   */
  const message = (
    c: TrackedItem,
    o: EscalationOccurrence,
    now: Date,
    locale: Locale,
    audience: { personal: StaffMember } | { personal: false; mention: StaffMember[] },
  ): Partial<Activity> => {
    const t = translator.forLocale(locale);
    const tz = c.policy.workingTime.timeZone;
    const late = Math.max(0, Math.floor((now.getTime() - Date.parse(o.deadline.dueAt)) / 60_000));
    const text = t(o.level.messageKey, {
      code: c.code,
      dueAt: formatDateTime(o.deadline.dueAt, locale, tz),
      step: c.stepKey ? t(c.stepKey) : '',
      late: formatDuration(late, t),
    });
    const mentioned = audience.personal ? [] : audience.mention;
    const snooze = audience.personal ? (o.snoozeMinutes ?? []) : [];
    const card = renderCard('reminder', {
      text,
      open: t('due.open', { code: c.code }),
      command: openCommand(c, audience.personal ? audience.personal.id : undefined),
      mention: mentioned.map((m) => `<at>${m.name}</at>`).join(' '),
      snooze: snooze.map((minutes) => ({
        title: t('cases.actions.snooze', { duration: formatDuration(minutes, t) }),
        caseId: c.id,
        v: c.version,
        minutes,
      })),
    });
    if (mentioned.length > 0) {
      card.msteams = {
        entities: mentioned.map((m) => ({
          type: 'mention',
          text: `<at>${m.name}</at>`,
          mentioned: { id: m.contact?.userId ?? m.id, name: m.name },
        })),
      };
    }
    return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
  };

  async function toZoneChannel(c: TrackedItem, activity: Partial<Activity>) {
    const zone = await store.zones.get(c.zoneId);
    if (!zone?.channel) throw new Error(`zone ${c.zoneId} has no linked channel`);
    const link = zone.channel;
    const reference: Partial<ConversationReference> = {
      channelId: link.channelId,
      serviceUrl: link.serviceUrl,
      bot: { id: link.botId ?? '', name: '' },
      // In the card's own thread when there is one, so the reminder sits under the card.
      conversation: {
        id: c.thread?.conversationId ?? link.conversationId,
        isGroup: true,
        conversationType: 'channel',
        tenantId: link.tenantId,
        name: '',
      },
    };
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  }

  return {
    async notify(c, o, people, now) {
      const unreached: StaffMember[] = [];
      for (const person of people) {
        try {
          await sendToPersonalChat(
            adapter,
            botAppId,
            person,
            message(c, o, now, person.locale ?? defaultLocale, { personal: person }),
          );
        } catch (err) {
          unreached.push(person);
          logger.warn(
            {
              caseCode: c.code,
              level: o.level.id,
              staff: person.id,
              status: (err as { statusCode?: number }).statusCode,
            },
            'personal chat failed; the zone channel is told',
          );
        }
      }
      if (people.length === 0 || unreached.length > 0) {
        await toZoneChannel(
          c,
          message(c, o, now, defaultLocale, { personal: false, mention: unreached }),
        );
      }
    },
  };
}
