import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type restify from 'restify';
import { createAccessLog } from './app/access-log';
import { createAccessLogExport } from './app/access-log-export';
import { createCaseActions } from './app/case-actions';
import { caseJobs } from './app/case-jobs';
import { createCaseReads } from './app/case-reads';
import { type CaseService, createCaseService } from './app/case-service';
import { type CaseWorkflow, createCaseWorkflow } from './app/case-workflow';
import { createCompetenceArea } from './app/competence-area';
import { competenceEventKind } from './app/competence-event-kind';
import { competenceKind } from './app/competence-kind';
import { createDailySummary, type SummaryResult } from './app/daily-summary';
import { deadlineEngineJobs } from './app/deadline-engine-jobs';
import { createDirectory } from './app/directory';
import { createDueLists } from './app/due-lists';
import { createEscalationPass, type PassResult } from './app/escalation-pass';
import { hsyreKind } from './app/hsyre-kind';
import { createInstallEvents } from './app/install-events';
import { createPathwayActions } from './app/pathway-actions';
import { createPathwayForm } from './app/pathway-form';
import { pathwayJobs } from './app/pathway-jobs';
import { pathwayKind } from './app/pathway-kind';
import { createPathwayReads } from './app/pathway-reads';
import { createPathwayService } from './app/pathway-service';
import { createPathwayWorkflow, type PathwayWorkflow } from './app/pathway-workflow';
import { createPeople } from './app/people';
import { createReferralForm } from './app/referral-form';
import { reportJobs } from './app/report-jobs';
import { createMonthlyReport, createReports, type MonthlyReport } from './app/reports';
import { createPacer } from './app/send-pacer';
import { createStaffAdmin } from './app/staff-admin';
import { trackedKinds } from './app/tracked-kinds';
import { createZoneAdmin } from './app/zone-admin';
import { createZoneLinking } from './app/zone-linking';
import { loadCompetence } from './config/competence-file';
import { loadPathways } from './config/pathway-file';
import { azureOpenAiConnection, listenHost, type Settings } from './config/settings';
import { type Clock, systemClock } from './domain/clock';
import type { CompetenceConfig } from './domain/competence/requirements';
import type { PathwayConfig } from './domain/pathway/config';
import type { Routine } from './domain/routine';
import { pathwayRoutes } from './http/pathway-endpoint';
import { recordSystemAuthFromSettings } from './http/record-system-auth';
import { referralEndpoint } from './http/referral-endpoint';
import type { HealthReport } from './http/server';
import { createHttpServer } from './http/server';
import { createTabAuth } from './http/tab-auth';
import { tabRoutes } from './http/tab-routes';
import { createTranslator } from './i18n/i18n';
import { describeProblem, KNOWLEDGE_DIR, loadKnowledgeBase } from './knowledge/knowledge-base';
import { knowledgeAnswerer } from './knowledge/openai-answerer';
import { createLogger, type Logger } from './logging/logger';
import { projectRoot } from './project-root';
import { type Scheduler, startScheduler } from './scheduler/cron-scheduler';
import { heartbeatJob } from './scheduler/heartbeat';
import type { Store } from './store/port';
import { HsyreTeamsAdapter } from './teams/bot-adapter';
import { createBotApplication } from './teams/bot-application';
import { createCaseCards } from './teams/case-cards';
import { createTeamsNetworkAnnouncer } from './teams/competence-announcer';
import { createTeamsReportSender, teamsAppIdFor } from './teams/handlers/report';
import { createPathwayCards } from './teams/pathway-cards';
import { createTeamsCasePublisher } from './teams/teams-case-publisher';
import { createTeamsNotifier } from './teams/teams-notifier';
import { createTeamsPathwayPublisher } from './teams/teams-pathway-publisher';
import { createTeamsStaffNotifier } from './teams/teams-staff-notifier';
import { createTeamsSummarySender } from './teams/teams-summary-sender';

export interface AppOptions {
  settings: Settings;
  routine: Routine;
  /** config/pathways.json; by default read from PATHWAYS_FILE (checked against the locales). */
  pathways?: PathwayConfig;
  /** config/competence.json; by default the shipped file. */
  competence?: CompetenceConfig;
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
  /** Pakkeforløp hjem: registration, the point cards (its job posts them), the commands. */
  readonly pathways: PathwayWorkflow;
  /** One escalation pass at `now` (the scheduler runs it on ESCALATION_CRON). */
  readonly escalate: (now: Date) => Promise<PassResult>;
  /** The card-post outbox, as the scheduler runs it; returns how many cards it posted. */
  readonly postMissingCards: () => Promise<number>;
  /** The leaders' daily summary, as the scheduler runs it (tests call it with their clock). */
  readonly dailySummary: (now: Date) => Promise<SummaryResult>;
  /** The leaders' monthly compliance card, as the scheduler runs it. */
  readonly monthlyReport: MonthlyReport;
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
  });
  const pathwayConfig =
    options.pathways ?? loadPathways(path.resolve(projectRoot, settings.PATHWAYS_FILE));
  const pathwayCards = createPathwayCards(store, translator, clock);
  const pathways = createPathwayWorkflow({
    store,
    pathways: createPathwayService({
      store,
      clock,
      config: pathwayConfig,
      workingTime: routine.policy.workingTime,
    }),
    publisher: createTeamsPathwayPublisher(
      adapter,
      settings.MICROSOFT_APP_ID ?? '',
      pathwayCards,
      settings.DEFAULT_LOCALE,
    ),
    clock,
    logger,
  });
  const pathwayActions = createPathwayActions({
    store,
    workflow: pathways,
    reads: createPathwayReads(store, accessLog),
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
  /** A point whose window closed without a conversation: its card says so, for everybody. */
  const refreshClosedWindow = async ({
    pathway,
    point,
  }: {
    pathway: { id: string };
    point: 2 | 3;
  }) => {
    const current = await store.pathways.get(pathway.id);
    if (!current?.points.find((pt) => pt.point === point)?.card) return;
    await pace();
    await pathways.refreshCard(current, point);
  };
  const competenceConfig =
    options.competence ?? loadCompetence(path.join(projectRoot, 'config', 'competence.json'));
  // Every kind of item with deadlines; a new area adds its kind here.
  const kinds = trackedKinds([
    hsyreKind(store, {
      // The channel card shows "FORFALT" for everybody, paced with the pass's messages.
      afterOverdue: async (c) => {
        if (!c.card) return;
        await pace();
        await workflow.refreshCard(c);
      },
    }),
    pathwayKind(store, { afterOverdue: refreshClosedWindow }),
    competenceKind({
      store,
      clock,
      config: competenceConfig,
      timeZone: routine.policy.workingTime.timeZone,
      workingTime: routine.policy.workingTime,
    }),
    competenceEventKind({
      store,
      config: competenceConfig,
      timeZone: routine.policy.workingTime.timeZone,
      workingTime: routine.policy.workingTime,
    }),
  ]);
  const people = createPeople(store);
  const competence = createCompetenceArea({
    store,
    clock,
    config: competenceConfig,
    timeZone: routine.policy.workingTime.timeZone,
    announcer: createTeamsNetworkAnnouncer({
      adapter,
      botAppId: settings.MICROSOFT_APP_ID ?? '',
      translator,
      channelLocale: settings.DEFAULT_LOCALE,
    }),
    logger,
  });
  const reports = createReports({
    store,
    clock,
    timeZone: routine.policy.workingTime.timeZone,
    target: settings.REPORT_TARGET_PERCENT / 100,
    refreshMs: settings.REPORT_REFRESH_SECONDS * 1000,
    logger,
  });
  const teamsAppId = teamsAppIdFor(settings);
  const onboarding = {
    zones: createZoneAdmin({ store, clock }),
    // A nurse who leaves a zone hands on her cases through the workflow: the cards are updated.
    staff: createStaffAdmin({
      store,
      clock,
      workflow,
      notifier: createTeamsStaffNotifier({
        ...proactive,
        timeZone: routine.policy.workingTime.timeZone,
        logger,
      }),
      logger,
    }),
    directory: createDirectory({ store }),
    installEvents: createInstallEvents({ store }),
    timeZone: routine.policy.workingTime.timeZone,
  };
  // A local procedure with an error is left out; its file and line go to the log.
  const knowledge = loadKnowledgeBase(KNOWLEDGE_DIR, routine, (problem) =>
    logger.error({ problem: describeProblem(problem) }, 'knowledge file left out'),
  );
  const bot = createBotApplication({
    adapter,
    clock,
    botAppId: settings.MICROSOFT_APP_ID,
    people,
    linkZone: createZoneLinking({ store, clock }),
    dueLists: createDueLists({ store, kinds, clock }),
    referralForm: createReferralForm({
      store,
      workflow,
      clock,
      timeZone: routine.policy.workingTime.timeZone,
    }),
    actions: createCaseActions({
      store,
      workflow,
      reads: createCaseReads(store, accessLog),
      pathways: pathwayActions,
    }),
    accessLog: createAccessLogExport(store),
    cards,
    timeZone: routine.policy.workingTime.timeZone,
    knowledge,
    answerer: knowledgeAnswerer(knowledge, azureOpenAiConnection(settings), logger),
    translator,
    defaultLocale: settings.DEFAULT_LOCALE,
    logger,
    report: { reports, timeZone: routine.policy.workingTime.timeZone, teamsAppId },
    onboarding,
    pathways: {
      actions: pathwayActions,
      form: createPathwayForm({
        store,
        workflow: pathways,
        clock,
        timeZone: routine.policy.workingTime.timeZone,
      }),
      cards: pathwayCards,
    },
    competence: { ...competence, timeZone: routine.policy.workingTime.timeZone },
  });

  const escalate = createEscalationPass({
    store,
    kinds: kinds.kinds,
    notifier: createTeamsNotifier({ ...proactive, logger }),
    logger,
    batchSize: settings.ESCALATION_BATCH,
    pace,
  });
  const summary = createDailySummary({
    store,
    kinds,
    sender: createTeamsSummarySender({
      ...proactive,
      timeZone: routine.policy.workingTime.timeZone,
    }),
    logger,
    workingTime: routine.policy.workingTime,
  });
  const monthlyReport = createMonthlyReport({
    store,
    reports,
    sender: createTeamsReportSender({
      ...proactive,
      timeZone: routine.policy.workingTime.timeZone,
      teamsAppId,
    }),
    logger,
    workingTime: routine.policy.workingTime,
  });
  // Each area brings its scheduled jobs; none are written here.
  const jobs = [
    ...deadlineEngineJobs({
      escalate,
      escalationCron: settings.ESCALATION_CRON,
      dailySummary: settings.DAILY_SUMMARY
        ? { run: summary, at: settings.DAILY_SUMMARY_TIME }
        : undefined,
    }),
    ...pathwayJobs({
      workflow: pathways,
      cron: settings.ESCALATION_CRON,
      batch: settings.ESCALATION_BATCH,
    }),
    ...caseJobs({
      workflow,
      accessLog,
      cron: settings.ESCALATION_CRON,
      batch: settings.ESCALATION_BATCH,
      retentionDays: settings.ACCESS_LOG_RETENTION_DAYS,
    }),
    ...reportJobs({
      monthly: settings.MONTHLY_REPORT
        ? {
            run: monthlyReport,
            at: settings.MONTHLY_REPORT_TIME,
            until: routine.policy.workingTime.end,
          }
        : undefined,
    }),
  ];
  const postMissingCards = () => workflow.postMissingCards(settings.ESCALATION_BATCH);
  const heartbeat = heartbeatJob(settings.HEARTBEAT_CRON);
  const health = async (): Promise<HealthReport> => {
    const storeCheck = await store.ping().then(
      () => ({ ok: true }),
      (err: Error) => ({ ok: false, detail: err.message }),
    );
    const beat = heartbeat.lastBeat();
    // Detail, not a failure: a restart cannot mend a bad document, so liveness stays ok. Only
    // the count: /healthz is unauthenticated; the ids are in the log and in store.health().
    const { setAside } = store.health();
    return {
      ok: storeCheck.ok,
      checks: {
        store: storeCheck,
        scheduler: { ok: true, detail: beat ? `last beat ${beat.toISOString()}` : 'no beat yet' },
        documents: { ok: true, detail: `${setAside} set aside (unreadable, left out of reads)` },
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
      mount: [
        pathwayRoutes({
          authenticate: recordSystemAuthFromSettings(settings, clock),
          idempotency: store.idempotency,
          workflow: pathways,
          clock,
          t: translator.forLocale(settings.DEFAULT_LOCALE),
          logger,
        }),
        tabRoutes({
          reports,
          authenticate: createTabAuth({
            settings,
            identify: (oid) => people.identify(oid),
            now: () => clock.now(),
          }),
          defaultLocale: settings.DEFAULT_LOCALE,
          logger,
        }),
      ],
    },
    logger,
  );

  let scheduler: Scheduler | undefined;
  let startupOutbox: Promise<void> = Promise.resolve();
  return {
    store,
    caseService,
    workflow,
    pathways,
    escalate,
    postMissingCards,
    dailySummary: summary,
    monthlyReport,
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
        [...jobs, heartbeat.job],
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
