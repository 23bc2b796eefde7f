import type { StaffNotifier } from '../app/staff-admin';
import type { Locale } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { sendToPersonalChat } from './personal-chat';
import { replyText } from './reply-text';

/**
 * Tells people about a roster change in their personal chat, each in their own language. A
 * person the bot cannot reach (no Teams address yet, the app not installed, Teams refusing) is
 * logged and skipped: the change is made and the channel cards are true without the message.
 */
export function createTeamsStaffNotifier(deps: {
  adapter: HsyreTeamsAdapter;
  botAppId: string;
  translator: Translator;
  defaultLocale: Locale;
  timeZone: string;
  logger: Logger;
}): StaffNotifier {
  const { adapter, botAppId, translator, defaultLocale, timeZone, logger } = deps;
  return {
    async tell(people, reply) {
      for (const person of people) {
        const locale = person.locale ?? defaultLocale;
        const text = replyText(reply, { t: translator.forLocale(locale), locale }, timeZone);
        try {
          await sendToPersonalChat(adapter, botAppId, person, { type: 'message', text });
        } catch (err) {
          logger.warn(
            {
              staff: person.id,
              message: reply.key,
              status: (err as { statusCode?: number }).statusCode,
            },
            'personal chat failed; a roster change was not told',
          );
        }
      }
    },
  };
}
