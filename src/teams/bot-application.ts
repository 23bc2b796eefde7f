import { type AdaptiveCard, Application } from '@microsoft/teams-ai';
import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import type { AccessLogExport } from '../app/access-log-export';
import type { CaseActions } from '../app/case-actions';
import type { Directory } from '../app/directory';
import type { DueLists } from '../app/due-lists';
import type { InstallEvents } from '../app/install-events';
import type { PathwayActions } from '../app/pathway-actions';
import type { PathwayForm } from '../app/pathway-form';
import type { People } from '../app/people';
import type { ReferralForm } from '../app/referral-form';
import type { StaffAdmin } from '../app/staff-admin';
import type { ZoneAdmin } from '../app/zone-admin';
import type { ZoneLinking } from '../app/zone-linking';
import type { Clock } from '../domain/clock';
import { findNationalIdField } from '../domain/privacy';
import type { Locale } from '../domain/roster';
import type { Translator } from '../i18n/i18n';
import type { KnowledgeAnswerer } from '../knowledge/answerer';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Logger } from '../logging/logger';
import type { HsyreTeamsAdapter } from './bot-adapter';
import { CASE_VERB_PREFIX } from './case-card';
import type { CaseCards } from './case-cards';
import { COMPETENCE_VERB_PREFIX } from './competence-action-data';
import { ACCESS_LOG_PATTERN, sendAccessLog } from './handlers/access-log';
import { type AreaAnswerer, answerFreeText, caseDeadlineAnswerer } from './handlers/area-answerers';
import { handleSectionAction, KNOWLEDGE_SECTION_VERB } from './handlers/ask';
import { handleCaseAction } from './handlers/case-actions';
import { CASE_LOOKUP_PATTERN, sendCase } from './handlers/case-lookup';
import {
  COMPETENCE_PATTERN,
  type CompetenceHandlerDeps,
  competenceHoursAnswerer,
  linkNetworkChannel,
  NETWORK_EVENTS_PATTERN,
  NETWORK_LINK_PATTERN,
  sendCompetence,
  sendNetworkEvents,
} from './handlers/competence';
import { handleCompetenceAction } from './handlers/competence-actions';
import { answerDirectoryQuestion, DIRECTORY_PATTERN, sendDirectory } from './handlers/directory';
import { OVERDUE_PATTERN, sendDueList, WEEK_PATTERN } from './handlers/due-list';
import { HELP_PATTERN, sendHelp } from './handlers/help';
import { isInstallEvent, onInstallationUpdate, onMembersAdded } from './handlers/install-events';
import { ME_PATTERN, sendWhoAmI } from './handlers/me';
import { handlePathwayAction } from './handlers/pathway-actions';
import {
  NEW_PATHWAY_PATTERN,
  SUBMIT_PATHWAY_VERB,
  sendPathwayForm,
  submitPathway,
} from './handlers/pathway-form';
import {
  NEW_REFERRAL_PATTERN,
  SUBMIT_REFERRAL_VERB,
  sendReferralForm,
  submitReferral,
} from './handlers/referral-form';
import { REPORT_PATTERN, type ReportHandlerDeps, sendReport } from './handlers/report';
import {
  handleStaffAction,
  STAFF_PATTERN,
  STAFF_VERB_PREFIX,
  STEP_DOWN_PATTERN,
  sendStaff,
  sendStepDown,
} from './handlers/staff-admin';
import { linkZone, ZONE_LINK_PATTERN } from './handlers/zone-link';
import {
  handleZoneAction,
  sendZones,
  ZONE_VERB_PREFIX,
  ZONES_PATTERN,
} from './handlers/zones-admin';
import { PATHWAY_VERB_PREFIX } from './pathway-card';
import type { PathwayCards } from './pathway-cards';
import { rememberContact, resolveCaller } from './turn-context';

export interface BotDeps {
  adapter: HsyreTeamsAdapter;
  botAppId?: string;
  actions: CaseActions;
  people: People;
  linkZone: ZoneLinking;
  dueLists: DueLists;
  referralForm: ReferralForm;
  accessLog: AccessLogExport;
  cards: CaseCards;
  timeZone: string;
  /** The app's clock: "overdue" in an answer is read at its now. */
  clock: Clock;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
  knowledge: KnowledgeBase;
  /** What answers free-text questions; the offline search over `knowledge` when not given. */
  answerer?: KnowledgeAnswerer;
  /** `rapport`: the compliance figures' use case and the link to the tab. */
  report: ReportHandlerDeps;
  /** Zones, the roster, the directory and the personal app's install events. */
  onboarding: OnboardingDeps;
  /** Pakkeforløp hjem: the registration form, the point cards' buttons, `sak <kode>-2`. */
  pathways: { actions: PathwayActions; form: PathwayForm; cards: PathwayCards };
  /** The competence plan: `kompetanse [sone]` and its cards' buttons. */
  competence: CompetenceHandlerDeps;
}

export interface OnboardingDeps {
  zones: ZoneAdmin;
  staff: StaffAdmin;
  directory: Directory;
  installEvents: InstallEvents;
  timeZone: string;
}

const verbPrefix = (prefix: string) => new RegExp(`^${prefix.replace('.', '\\.')}`);

/** Our card templates always render `type: "AdaptiveCard"`; teams-ai's type says so. */
const asInvokeAnswer = (answer: Record<string, unknown> | string): AdaptiveCard | string =>
  typeof answer === 'string' ? answer : (answer as AdaptiveCard);

/** An invoke response that shows the caller a message (Universal Actions' message type). */
const invokeMessage = (text: string): Partial<Activity> => ({
  type: ActivityTypes.InvokeResponse,
  value: {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
  },
});

/**
 * The one teams-ai Application: a handler per command and card verb. Every turn first passes
 * the national-id guard, so no handler ever sees (or stores, or logs) a fødselsnummer.
 */
export function createBotApplication(deps: BotDeps): Application {
  const { adapter, translator, defaultLocale, logger, cards } = deps;
  const app = new Application({
    adapter,
    botAppId: deps.botAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
  });
  const caller = (context: TurnContext) =>
    resolveCaller(context, deps.people, translator, defaultLocale);

  app.turn('beforeTurn', async (context) => {
    const { text, value } = context.activity;
    if (!findNationalIdField({ text, value })) {
      const { member } = await caller(context);
      // An install event's address is recorded in the order of the events' own times.
      if (member && !isInstallEvent(context.activity)) {
        await rememberContact(context, member, deps.people);
      }
      return true;
    }
    logger.warn({ activityType: context.activity.type }, 'input refused: contains a national id');
    const { t } = await caller(context);
    if (context.activity.type === ActivityTypes.Invoke) {
      // A card action waits for an invoke response; the refusal is its message.
      await context.sendActivity(invokeMessage(t('privacy.refused')));
    } else {
      await context.sendActivity(t('privacy.refused'));
    }
    return false;
  });

  app.message(HELP_PATTERN, async (context) => sendHelp(context, await caller(context)));
  app.message(ME_PATTERN, async (context) => sendWhoAmI(context, await caller(context)));
  app.message(ZONE_LINK_PATTERN, async (context) =>
    linkZone(context, await caller(context), deps.linkZone, deps.timeZone),
  );
  const caseDeps = {
    actions: deps.actions,
    cards,
    timeZone: deps.timeZone,
    pathwayCards: deps.pathways.cards,
  };
  const pathwayDeps = { ...deps.pathways, timeZone: deps.timeZone };
  const formDeps = { form: deps.referralForm, cards, timeZone: deps.timeZone };
  app.message(NEW_REFERRAL_PATTERN, async (context) =>
    sendReferralForm(context, await caller(context), formDeps),
  );
  app.message(NEW_PATHWAY_PATTERN, async (context) =>
    sendPathwayForm(context, await caller(context), pathwayDeps),
  );
  app.message(OVERDUE_PATTERN, async (context) =>
    sendDueList(context, await caller(context), deps.dueLists, deps.timeZone, 'today'),
  );
  app.message(WEEK_PATTERN, async (context) =>
    sendDueList(context, await caller(context), deps.dueLists, deps.timeZone, 'week'),
  );
  app.message(REPORT_PATTERN, async (context) =>
    sendReport(context, await caller(context), deps.report),
  );
  app.message(ACCESS_LOG_PATTERN, async (context) =>
    sendAccessLog(context, await caller(context), deps.accessLog, deps.timeZone),
  );
  app.message(COMPETENCE_PATTERN, async (context) =>
    sendCompetence(context, await caller(context), deps.competence),
  );
  app.message(NETWORK_EVENTS_PATTERN, async (context) =>
    sendNetworkEvents(context, await caller(context), deps.competence),
  );
  app.message(NETWORK_LINK_PATTERN, async (context) =>
    linkNetworkChannel(context, await caller(context), deps.competence),
  );
  app.message(CASE_LOOKUP_PATTERN, async (context) =>
    sendCase(context, await caller(context), caseDeps),
  );
  const onboarding = deps.onboarding;
  app.message(ZONES_PATTERN, async (context) =>
    sendZones(context, await caller(context), onboarding),
  );
  app.message(STAFF_PATTERN, async (context) =>
    sendStaff(context, await caller(context), onboarding),
  );
  app.message(STEP_DOWN_PATTERN, async (context) =>
    sendStepDown(context, await caller(context), onboarding),
  );
  app.message(DIRECTORY_PATTERN, async (context) =>
    sendDirectory(context, await caller(context), onboarding),
  );

  app.adaptiveCards.actionExecute(SUBMIT_REFERRAL_VERB, async (context, _state, data) =>
    asInvokeAnswer(await submitReferral(await caller(context), data, formDeps)),
  );
  app.adaptiveCards.actionExecute(
    new RegExp(`^${CASE_VERB_PREFIX.replace('.', '\\.')}`),
    async (context, _state, data) =>
      asInvokeAnswer(await handleCaseAction(context, await caller(context), data, caseDeps)),
  );

  app.adaptiveCards.actionExecute(verbPrefix(ZONE_VERB_PREFIX), async (context, _state, data) =>
    asInvokeAnswer(await handleZoneAction(context, await caller(context), data, onboarding)),
  );
  app.adaptiveCards.actionExecute(verbPrefix(STAFF_VERB_PREFIX), async (context, _state, data) =>
    asInvokeAnswer(await handleStaffAction(context, await caller(context), data, onboarding)),
  );

  app.adaptiveCards.actionExecute(SUBMIT_PATHWAY_VERB, async (context, _state, data) =>
    asInvokeAnswer(await submitPathway(await caller(context), data, pathwayDeps)),
  );
  app.adaptiveCards.actionExecute(verbPrefix(PATHWAY_VERB_PREFIX), async (context, _state, data) =>
    asInvokeAnswer(await handlePathwayAction(context, await caller(context), data, pathwayDeps)),
  );

  app.adaptiveCards.actionExecute(
    verbPrefix(COMPETENCE_VERB_PREFIX),
    async (context, _state, data) =>
      asInvokeAnswer(
        await handleCompetenceAction(context, await caller(context), data, deps.competence),
      ),
  );

  app.adaptiveCards.actionExecute(KNOWLEDGE_SECTION_VERB, async (context, _state, data) =>
    handleSectionAction(deps.knowledge, data, await caller(context)),
  );

  // An invoke nothing above answers (an unknown name or verb, a missing value): a clear answer
  // in the caller's language instead of botbuilder's empty 501.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const { t } = await caller(context);
    await context.sendActivity(invokeMessage(t('errors.unknown_action')));
  });

  // The personal app's install and uninstall: recorded, nothing answered.
  app.activity(ActivityTypes.InstallationUpdate, async (context) =>
    onInstallationUpdate(context, onboarding.installEvents, logger),
  );
  app.conversationUpdate('membersAdded', async (context) =>
    onMembersAdded(context, onboarding.installEvents, logger),
  );

  // Anything that is not a command is a question: for an area that recognises it (the
  // directory's "who is the resource nurse in zone X", a case's deadline), else about the
  // routine and the guidelines.
  const areas: AreaAnswerer[] = [
    (context, asking) => answerDirectoryQuestion(context, asking, onboarding),
    caseDeadlineAnswerer({ ...caseDeps, now: () => deps.clock.now() }),
    competenceHoursAnswerer(deps.competence),
  ];
  app.activity(ActivityTypes.Message, async (context) =>
    answerFreeText(context, await caller(context), areas, deps.knowledge, deps.answerer),
  );

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    const { t } = await caller(context).catch(() => ({ t: translator.forLocale(defaultLocale) }));
    await context.sendActivity(t('errors.unexpected')).catch(() => undefined);
  };

  return app;
}
