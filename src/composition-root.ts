import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createAccessLog } from './app/access-log';
import { createAccessLogExport } from './app/access-log-export';
import { createCaseReads } from './app/case-reads';
import { type CaseService, createCaseService } from './app/case-service';
import { type CaseWorkflow, createCaseWorkflow } from './app/case-workflow';
import { createDailySummary, type SummaryResult } from './app/daily-summary';
import { createEscalationPass, type PassResult } from './app/escalation-pass';
import { createPacer } from './app/send-pacer';
import { listenHost, type Settings } from './config/settings';
import { type Clock, systemClock } from './domain/clock';
import type { Routine } from './domain/routine';
import { recordSystemAuthFromSettings } from './http/record-system-auth';
import { referralEndpoint } from './http/referral-endpoint';
import type { HealthReport } from './http/server';
import { createHttpServer } from './http/server';
import { createTranslator } from './i18n/i18n';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from './knowledge/knowledge-base';
import { createLogger, type Logger } from './logging/logger';
import { type Scheduler, startScheduler } from './scheduler/cron-scheduler';
import { heartbeatJob } from './scheduler/heartbeat';
import type { Store } from './store/port';
import { HsyreTeamsAdapter } from './teams/bot-adapter';
import { createBotApplication } from './teams/bot-application';
import { createCaseCards } from './teams/case-cards';
import { createTeamsCasePublisher } from './teams/teams-case-publisher';
import { createTeamsNotifier } from './teams/teams-notifier';
import { createTeamsSummarySender } from './teams/teams-summary-sender';

export interface AppOptions {
  settings: Settings;
  routine: Routine;
  store: Store;
  clock?: Clock;
  logger?: Logger;
}

export interface RunningApp {
  readonly port: number;
  readonly url: string;
}

export interface App {
  readonly store: Store;
  readonly caseService: CaseService;
  readonly workflow: CaseWorkflow;
  /** One escalation pass at `now` (the scheduler runs it on ESCALATION_CRON). */
  readonly escalate: (now: Date) => Promise<PassResult>;
  /** The card-post outbox, as the scheduler runs it; returns how many cards it posted. */
  readonly postMissingCards: () => Promise<number>;
  /** The leaders' daily summary, as the scheduler runs it (tests call it with their clock). */
  readonly dailySummary: (now: Date) => Promise<SummaryResult>;
  readonly server: restify.Server;
  readonly logger: Logger;
  start(): Promise<RunningApp>;
  /** Finishes scheduled work in progress, closes the HTTP server, then the store. */
  stop(): Promise<void>;
}

/** The one place where config, store, domain services, bot, scheduler and HTTP meet. */
export function buildApp(options: AppOptions): App {
  const { settings, routine, store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(settings.LOG_LEVEL);
  const translator = createTranslator(settings.DEFAULT_LOCALE);
  const caseService = createCaseService({ store, clock, routine });

  const adapter = new HsyreTeamsAdapter(
    {
      appId: settings.MICROSOFT_APP_ID,
      appPassword: settings.MICROSOFT_APP_PASSWORD,
      tenantId: settings.MICROSOFT_APP_TENANT_ID,
      appType: settings.MICROSOFT_APP_TYPE,
    },
    logger,
  );
  const cards = createCaseCards(store, translator, clock);
  const publisher = createTeamsCasePublisher(
    adapter,
    settings.MICROSOFT_APP_ID ?? '',
    cards,
    settings.DEFAULT_LOCALE,
  );
  const accessLog = createAccessLog(store, clock);
  const workflow = createCaseWorkflow({
    store,
    cases: caseService,
    publisher,
    clock,
    logger,
    accessLog,
  });
  const bot = createBotApplication({
    adapter,
    botAppId: settings.MICROSOFT_APP_ID,
    store,
    workflow,
    reads: createCaseReads(store, accessLog),
    accessLog: createAccessLogExport(store),
    cards,
    clock,
    timeZone: routine.policy.workingTime.timeZone,
    knowledge: loadKnowledgeBase(KNOWLEDGE_DIR, routine),
    translator,
    defaultLocale: settings.DEFAULT_LOCALE,
    logger,
  });

  /** What every proactive Teams sender needs. */
  const proactive = {
    adapter,
    botAppId: settings.MICROSOFT_APP_ID ?? '',
    store,
    translator,
    defaultLocale: settings.DEFAULT_LOCALE,
  };
  const pace = createPacer(settings.ESCALATION_SEND_RATE);
  const escalate = createEscalationPass({
    store,
    notifier: createTeamsNotifier({ ...proactive, logger }),
    logger,
    batchSize: settings.ESCALATION_BATCH,
    // One pacer for both kinds of Teams request the pass makes.
    onOverdue: async (c) => {
      if (!c.card) return;
      await pace();
      await workflow.refreshCard(c);
    },
    pace,
  });
  const summary = createDailySummary({
    store,
    sender: createTeamsSummarySender({
      ...proactive,
      timeZone: routine.policy.workingTime.timeZone,
    }),
    logger,
    workingTime: routine.policy.workingTime,
  });
  const [summaryHour, summaryMinute] = settings.DAILY_SUMMARY_TIME.split(':').map(Number);
  const summaryJob = {
    name: 'daily-summary',
    schedule: `${summaryMinute} ${summaryHour} * * *`,
    run: (now: Date) => summary(now).then(() => undefined),
  };
  const escalationJob = {
    name: 'escalation',
    schedule: settings.ESCALATION_CRON,
    run: (now: Date) => escalate(now).then(() => undefined),
  };
  // The card-post outbox runs with the escalation pass: a card that could not be posted is
  // posted within a minute or two, and the start-up run catches a crash's leftovers at once.
  const postMissingCards = () => workflow.postMissingCards(settings.ESCALATION_BATCH);
  const outboxJob = {
    name: 'card-outbox',
    schedule: settings.ESCALATION_CRON,
    run: () => postMissingCards().then(() => undefined),
  };
  // Nightly, outside working hours: the purge touches only entries past the retention period.
  const accessLogPurgeJob = {
    name: 'access-log-purge',
    schedule: '30 3 * * *',
    run: () => accessLog.purge(settings.ACCESS_LOG_RETENTION_DAYS).then(() => undefined),
  };
  const heartbeat = heartbeatJob(settings.HEARTBEAT_CRON);
  const health = async (): Promise<HealthReport> => {
    const storeCheck = await store.ping().then(
      () => ({ ok: true }),
      (err: Error) => ({ ok: false, detail: err.message }),
    );
    const beat = heartbeat.lastBeat();
    return {
      ok: storeCheck.ok,
      checks: {
        store: storeCheck,
        scheduler: { ok: true, detail: beat ? `last beat ${beat.toISOString()}` : 'no beat yet' },
      },
    };
  };

  // Ready between a finished start and the beginning of a stop: during a graceful shutdown
  // the load balancer stops sending new work while the running pass finishes.
  let lifecycle: 'starting' | 'ready' | 'stopping' = 'starting';
  const ready = async (): Promise<HealthReport> => {
    const live = await health();
    const state = { ok: lifecycle === 'ready', detail: lifecycle };
    return { ok: live.ok && state.ok, checks: { ...live.checks, lifecycle: state } };
  };

  const server = createHttpServer(
    {
      messages: (req, res) =>
        adapter.process(req, res, (context) => bot.run(context).then(() => undefined)),
      referrals: referralEndpoint({
        authenticate: recordSystemAuthFromSettings(settings, clock),
        idempotency: store.idempotency,
        workflow,
        clock,
        t: translator.forLocale(settings.DEFAULT_LOCALE),
        logger,
      }),
      health,
      ready,
    },
    logger,
  );

  let scheduler: Scheduler | undefined;
  let startupOutbox: Promise<void> = Promise.resolve();
  return {
    store,
    caseService,
    workflow,
    escalate,
    postMissingCards,
    dailySummary: summary,
    server,
    logger,
    async start() {
      const listenOn = listenHost(settings);
      await new Promise<void>((resolve) => server.listen(settings.PORT, listenOn, resolve));
      if (!settings.MICROSOFT_APP_ID) {
        const reach = settings.HOST
          ? `listening on ${listenOn} because HOST is set`
          : 'listening on 127.0.0.1 only';
        logger.warn(
          { host: listenOn },
          `anonymous mode: no MICROSOFT_APP_ID, requests are accepted without a token; ${reach}`,
        );
      }
      scheduler = startScheduler(
        [
          escalationJob,
          outboxJob,
          accessLogPurgeJob,
          heartbeat.job,
          ...(settings.DAILY_SUMMARY ? [summaryJob] : []),
        ],
        routine.policy.workingTime.timeZone,
        clock,
        logger,
      );
      lifecycle = 'ready';
      startupOutbox = postMissingCards().then(
        () => undefined,
        (err: unknown) => logger.error({ err }, 'posting the cards left without one failed'),
      );
      const { port } = server.address() as AddressInfo;
      const host = listenOn === '0.0.0.0' ? 'localhost' : listenOn;
      logger.info(
        { host: listenOn, port, store: settings.STORE, routine: routine.version },
        'HSYRE-boten listening',
      );
      return { port, url: `http://${host}:${port}` };
    },
    async stop() {
      lifecycle = 'stopping';
      await scheduler?.stop();
      await startupOutbox;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
