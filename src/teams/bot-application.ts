import { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { findNationalIdField } from '../domain/privacy';
import type { Locale } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { HELP_PATTERN, sendHelp } from './handlers/help';
import { ME_PATTERN, sendWhoAmI } from './handlers/me';
import { resolveCaller } from './turn-context';

export interface BotDeps {
  adapter: HsyreTeamsAdapter;
  botAppId?: string;
  store: Store;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}

/**
 * The one teams-ai Application: a handler per command and card verb. Every turn first passes
 * the national-id guard, so no handler ever sees (or stores, or logs) a fødselsnummer.
 */
export function createBotApplication(deps: BotDeps): Application {
  const { adapter, store, translator, defaultLocale, logger } = deps;
  const app = new Application({
    adapter,
    botAppId: deps.botAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
  });
  const caller = (context: TurnContext) => resolveCaller(context, store, translator, defaultLocale);

  app.turn('beforeTurn', async (context) => {
    const { text, value } = context.activity;
    if (!findNationalIdField({ text, value })) return true;
    logger.warn({ activityType: context.activity.type }, 'input refused: contains a national id');
    const { t } = await caller(context);
    await context.sendActivity(t('privacy.refused'));
    return false;
  });

  app.message(HELP_PATTERN, async (context) => sendHelp(context, await caller(context)));
  app.message(ME_PATTERN, async (context) => sendWhoAmI(context, await caller(context)));

  app.activity(ActivityTypes.Message, async (context) => {
    const { t } = await caller(context);
    await context.sendActivity(t('unknownCommand'));
  });

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    const { t } = await caller(context).catch(() => ({ t: translator.forLocale(defaultLocale) }));
    await context.sendActivity(t('errors.unexpected')).catch(() => undefined);
  };

  return app;
}
