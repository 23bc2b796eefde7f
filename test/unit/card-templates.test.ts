import fs from 'node:fs';
import path from 'node:path';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { AccessLogExport, AccessLogRow } from '../../src/app/access-log-export';
import type { CaseWorkflow } from '../../src/app/case-workflow';
import { createDirectory } from '../../src/app/directory';
import { createPathwayForm } from '../../src/app/pathway-form';
import type { PathwayWorkflow } from '../../src/app/pathway-workflow';
import { createReferralForm } from '../../src/app/referral-form';
import { message } from '../../src/app/reply';
import { createReports, type ReportSummary } from '../../src/app/reports';
import { createStaffAdmin } from '../../src/app/staff-admin';
import { createZoneAdmin } from '../../src/app/zone-admin';
import type { Case } from '../../src/domain/case';
import type { CaseState } from '../../src/domain/case-state';
import { trackCase } from '../../src/domain/case-tracking';
import { decideClaimReminder } from '../../src/domain/claim-reminder';
import type { EscalationOccurrence } from '../../src/domain/escalation';
import type { Locale, StaffMember } from '../../src/domain/roster';
import type { Zone } from '../../src/domain/zone';
import { createTranslator, type Translate, type Translator } from '../../src/i18n/i18n';
import { hasString, readLocales } from '../../src/i18n/locale-check';
import { createLogger } from '../../src/logging/logger';
import { projectRoot } from '../../src/project-root';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { HsyreTeamsAdapter } from '../../src/teams/bot-adapter';
import type { CardName } from '../../src/teams/card-data';
import { caseCard } from '../../src/teams/case-card';
import { createCaseCards } from '../../src/teams/case-cards';
import { competenceOverviewCard, competencePlanCard } from '../../src/teams/competence-card';
import { competenceEventsCard } from '../../src/teams/competence-events-card';
import { dueListCard } from '../../src/teams/due-list-card';
import { sendAccessLog } from '../../src/teams/handlers/access-log';
import { answerCardFor, sectionCardFor } from '../../src/teams/handlers/ask';
import { directoryMessages } from '../../src/teams/handlers/directory';
import { sendHelp } from '../../src/teams/handlers/help';
import { sendPathwayForm, submitPathway } from '../../src/teams/handlers/pathway-form';
import { sendReferralForm, submitReferral } from '../../src/teams/handlers/referral-form';
import { reportCard, sendReport } from '../../src/teams/handlers/report';
import {
  handleStaffAction,
  STEP_DOWN_CANCEL_VERB,
  STEP_DOWN_VERB,
  sendStaff,
  sendStepDown,
  staffCard,
} from '../../src/teams/handlers/staff-admin';
import { sendZones, zonesCard } from '../../src/teams/handlers/zones-admin';
import { pathwayCard } from '../../src/teams/pathway-card';
import { createPathwayCards } from '../../src/teams/pathway-cards';
import { createTeamsNotifier } from '../../src/teams/teams-notifier';
import type { Caller } from '../../src/teams/turn-context';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';
import { competenceReplySamples } from '../support/competence';
import { caseIn, OSLO, oslo, staff, TIMELINE } from '../support/domain-fixtures';
import { pathwaysInEveryState } from '../support/pathways';

/*
 * Every template in cards/ rendered through the code that renders it in the bot, in both
 * languages. The templating library leaves a binding the data lacks in the card as the literal
 * `${...}`, which Teams then shows the reader; nothing else would notice.
 */

/** Every card the code expands while a test runs, by template. */
const rendered: { name: CardName; card: unknown }[] = [];

jest.mock('../../src/teams/card-renderer', () => {
  const actual = jest.requireActual('../../src/teams/card-renderer');
  return {
    ...actual,
    renderCard: (name: CardName, data: never) => {
      const card = actual.renderCard(name, data);
      rendered.push({ name, card });
      return card;
    },
    cardAttachment: (name: CardName, data: never) => {
      const attachment: Attachment = actual.cardAttachment(name, data);
      rendered.push({ name, card: attachment.content });
      return attachment;
    },
  };
});

const CARDS_DIR = path.join(projectRoot, 'cards');
const LANGUAGES: readonly Locale[] = ['nb', 'en'];

/**
 * The real strings, through a translate function that throws on a key the locale lacks:
 * i18next would show the bare key, and keys built at run time (a button per action, a line per
 * command) are checked nowhere else.
 */
function strictTranslator(): Translator {
  const real = createTranslator('nb');
  const locales = readLocales();
  return {
    forLocale(locale) {
      const t = real.forLocale(locale);
      const strings = locales.get(locale) ?? {};
      const strict = (key: string, options?: Record<string, unknown>) => {
        if (!hasString(strings, key)) throw new Error(`no ${locale} string for "${key}"`);
        return t(key, options);
      };
      return strict as unknown as Translate;
    },
  };
}
const translator = strictTranslator();
const callerFor = (locale: Locale, member?: StaffMember): Caller => ({
  member,
  locale,
  t: translator.forLocale(locale),
});

/** A TurnContext that keeps what is sent; only the members the handlers use. */
function fakeContext(text = '') {
  const sent: Partial<Activity>[] = [];
  const context = {
    activity: { text },
    sendActivity: async (activity: Partial<Activity> | string) => {
      sent.push(typeof activity === 'string' ? { text: activity } : activity);
      return undefined;
    },
  } as unknown as TurnContext;
  return { context, sent };
}

const channel = {
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversationId: '19:nord@thread.tacv2',
  tenantId: 'tenant-1',
  linkedBy: staff.leader.id,
  linkedAt: TIMELINE.registered.toISOString(),
};
const ZONES: Zone[] = [
  { id: 'nord', name: 'Nord', channel },
  { id: 'sor', name: 'Sør', channel: null },
];
const names = new Map(Object.values(staff).map((m) => [m.id, m.name]));

async function storeWithZones(): Promise<Store> {
  const store = openSqliteStore(':memory:');
  for (const zone of ZONES) await store.zones.put(zone);
  for (const member of Object.values(staff)) await store.roster.put(member);
  return store;
}

const STATES: readonly CaseState[] = [
  'referred',
  'awaiting_claim',
  'claimed',
  'in_follow_up',
  'services_needed',
  'hsy_granted',
  'closed',
];

/** Cases covering every state, both urgencies, an admission and a reassignment's history. */
function sampleCases(): Case[] {
  const byState = STATES.map((state, i) =>
    caseIn(state, { seriouslyIll: i % 2 === 0, note: 'Ring datter først' }),
  );
  const admitted: Case = { ...caseIn('claimed'), admitted: true, code: 'ADMIT' };
  return [...byState, admitted];
}

/** Renders one template in one language through the code that renders it in the bot. */
type Renderer = (locale: Locale) => Promise<void>;

const RENDERERS: { [N in CardName]: Renderer } = {
  async help(locale) {
    const { context, sent } = fakeContext('hjelp');
    await sendHelp(context, callerFor(locale));
    expect(sent).toHaveLength(1);
  },

  async case(locale) {
    const t = translator.forLocale(locale);
    for (const c of sampleCases()) {
      for (const variant of ['channel', 'personal'] as const) {
        caseCard(c, {
          t,
          locale,
          zoneName: 'Nord',
          names,
          variant,
          now: TIMELINE.later,
          message: { text: t('cases.messages.done'), kind: 'good' },
          zoneNurses: [staff.nurseA, staff.nurseB].map((m) => ({ id: m.id, name: m.name })),
          showHistory: variant === 'personal',
          refreshUserIds: ['8:orgid:00000000-0000-4000-8000-000000000001'],
        });
      }
    }
    // And as the bot renders it, with the names and nurses from the store, without a message.
    const cards = createCaseCards(await storeWithZones(), translator, {
      now: () => TIMELINE.later,
    });
    await cards(caseIn('awaiting_claim'), 'channel', locale);
  },

  async 'case-message'(locale) {
    // The clicker's answer after an action: the channel's card with the outcome under its header.
    const t = translator.forLocale(locale);
    const cards = createCaseCards(await storeWithZones(), translator, {
      now: () => TIMELINE.later,
    });
    for (const kind of ['good', 'attention'] as const) {
      await cards(caseIn('claimed'), 'channel', locale, {
        message: { text: t('cases.messages.done'), kind },
      });
    }
  },

  async 'referral-form'(locale) {
    const store = await storeWithZones();
    const clock = { now: () => TIMELINE.registered };
    const deps = {
      form: createReferralForm({
        store,
        // Neither showing the form nor refusing its input reaches the workflow.
        workflow: {} as CaseWorkflow,
        clock,
        timeZone: OSLO,
      }),
      cards: createCaseCards(store, translator, clock),
      timeZone: OSLO,
    };
    const { context, sent } = fakeContext('ny');
    await sendReferralForm(context, callerFor(locale, staff.fve), deps);
    expect(sent[0]?.attachments).toHaveLength(1);
    // Sent back without a patient reference: the form again, with the reason on it.
    const again = await submitReferral(
      callerFor(locale, staff.fve),
      { zoneId: 'nord', hospitalContactDate: '2026-03-09', hospitalContactTime: '08:00' },
      deps,
    );
    expect(JSON.stringify(again)).toContain('patientRef');
  },

  async answer(locale) {
    const kb = shippedKnowledgeBase();
    const questions =
      locale === 'nb'
        ? ['Hva er utvidet kompetanse?', 'Hvor lang frist har FVE for alvorlig syke?']
        : ['What does IP mean?', 'What is the deadline for the first contact?'];
    for (const question of questions) {
      const card = answerCardFor(kb, question, callerFor(locale));
      expect(card.actions).toBeDefined();
    }
  },

  async section(locale) {
    const kb = shippedKnowledgeBase();
    const bigOnes = [...kb.sections.entries()]
      .sort(([, a], [, b]) => b.section.passages.length - a.section.passages.length)
      .slice(0, 3);
    const config = [...kb.sections.entries()].find(([, e]) => e.document.kind === 'config');
    for (const [id] of [...bigOnes, ...(config ? [config] : [])]) {
      expect(typeof sectionCardFor(kb, id, callerFor(locale))).toBe('object');
    }
  },

  async 'no-answer'(locale) {
    const card = answerCardFor(shippedKnowledgeBase(), 'xyzzy plugh qwerty', callerFor(locale));
    expect(card.actions).toBeUndefined();
  },

  async 'due-list'(locale) {
    const t = translator.forLocale(locale);
    const items = sampleCases().map((c, i) => trackCase({ ...c, code: `K${i}M2Q` }));
    const common = { zones: ZONES, names, timeZone: OSLO, t, locale };
    // A late first contact, a due one, and a week ahead; several zones, then one zone in parts.
    dueListCard({
      ...common,
      items,
      zoneIds: ['nord', 'sor'],
      now: oslo('2026-03-09T16:00'),
      window: 'today',
    });
    dueListCard({ ...common, items, zoneIds: ['nord'], now: TIMELINE.later, window: 'week' });
    dueListCard({
      ...common,
      items,
      zoneIds: ['nord'],
      now: oslo('2026-03-10T09:00'),
      window: 'week',
      budget: { maxItems: 2, maxBytes: 40_000 },
    });
    // Its last part, as the "more" button asks for it.
    dueListCard({
      ...common,
      items,
      zoneIds: ['nord'],
      now: oslo('2026-03-10T09:00'),
      window: 'week',
      offset: 4,
      budget: { maxItems: 2, maxBytes: 40_000 },
    });
    dueListCard({
      ...common,
      items,
      zoneIds: ['nord', 'sor'],
      now: oslo('2026-03-10T09:00'),
      window: 'today',
      title: t('due.titleDaily'),
      budget: { maxItems: 1, maxBytes: 40_000 },
    });
    // Nothing due.
    dueListCard({ ...common, items: [], zoneIds: ['sor'], now: TIMELINE.later, window: 'today' });
  },

  async reminder(locale) {
    const store = await storeWithZones();
    const sent: Partial<Activity>[] = [];
    const deliver = async (logic: (context: TurnContext) => Promise<void>) =>
      logic({
        sendActivity: async (a: Partial<Activity>) => sent.push(a),
      } as unknown as TurnContext);
    const adapter = {
      createConversationAsync: async (...args: unknown[]) =>
        deliver(args[5] as (context: TurnContext) => Promise<void>),
      continueConversationAsync: async (...args: unknown[]) =>
        deliver(args[2] as (context: TurnContext) => Promise<void>),
    } as unknown as HsyreTeamsAdapter;
    const notifier = createTeamsNotifier({
      adapter,
      botAppId: 'bot',
      store,
      translator,
      defaultLocale: locale,
      logger: createLogger('silent'),
    });
    const reachable: StaffMember = {
      ...staff.nurseA,
      locale,
      contact: { userId: '29:nurse-a', serviceUrl: channel.serviceUrl, tenantId: 'tenant-1' },
    };
    // No Teams address: the reminder goes to the zone channel, mentioning her.
    const unreachable: StaffMember = { ...staff.nurseB, locale };
    const c = caseIn('claimed');
    const deadline = c.deadline;
    if (!deadline) throw new Error('a claimed case has a deadline');
    // Every level of the routine, each a few minutes after it fell due, as the pass runs.
    const occurrences: { occurrence: EscalationOccurrence; now: Date }[] = c.policy.escalation.map(
      (level) => {
        const at = new Date(Date.parse(deadline.dueAt) + level.offsetMinutes * 60_000);
        return {
          occurrence: { level, deadline, at: at.toISOString(), key: `test:${level.id}` },
          now: new Date(at.getTime() + 7 * 60_000),
        };
      },
    );
    // And the silent claim's reminder, with its snooze buttons, as the domain decides it.
    const silentAt = oslo('2026-03-09T10:40');
    const silent = decideClaimReminder(c, silentAt).due;
    if (!silent) throw new Error('a claim without contact for an hour is reminded');
    occurrences.push({ occurrence: silent, now: silentAt });
    for (const { occurrence, now } of occurrences) {
      await notifier.notify(trackCase(c), occurrence, [reachable, unreachable], now);
    }
    expect(sent.length).toBe(2 * occurrences.length);
  },

  async 'access-log'(locale) {
    const rows: AccessLogRow[] = Array.from({ length: 35 }, (_, i) => ({
      id: `entry-${i}`,
      at: new Date(TIMELINE.registered.getTime() + i * 60_000).toISOString(),
      actorId: i % 3 === 0 ? staff.fve.id : staff.nurseA.id,
      actorName: i % 3 === 0 ? staff.fve.name : staff.nurseA.name,
      caseId: 'case-1',
      caseCode: 'K7M2Q',
      action: ['view', 'registerReferral', 'claim', 'logContact', 'postCard'][i % 5],
      via: (['personal', 'channel', 'rest', 'system'] as const)[i % 4],
    }));
    for (const shown of [rows, rows.slice(0, 3), []]) {
      const log = {
        forCase: async () => ({ ok: true as const, caseCode: 'K7M2Q', rows: shown }),
        between: async () => shown,
      } satisfies AccessLogExport;
      const { context, sent } = fakeContext('tilgangslogg K7M2Q');
      await sendAccessLog(context, callerFor(locale, staff.admin), log, OSLO);
      expect(sent[0]?.attachments).toHaveLength(1);
    }
  },

  async zones(locale) {
    const store = await storeWithZones();
    await store.zones.put({
      id: 'gammel',
      name: 'Gammel sone',
      channel: null,
      retiredAt: TIMELINE.registered.toISOString(),
      retiredBy: staff.admin.id,
    });
    const zones = createZoneAdmin({ store, clock: { now: () => TIMELINE.later } });
    const all = await zones.list(staff.admin, { includeRetired: true });
    if (all.kind !== 'zones') throw new Error('an admin sees the zones');
    const admin = callerFor(locale, staff.admin);
    const common = { timeZone: OSLO, includeRetired: true };
    // The admin in a personal chat (inputs), in a channel (buttons only), with outcomes.
    zonesCard(all, admin, {
      ...common,
      personal: true,
      message: message('staff.zones.added', { zone: 'Nord', id: 'nord' }),
    });
    zonesCard(all, admin, {
      ...common,
      personal: false,
      message: message('staff.errors.zoneExists', { zone: 'Nord' }),
    });
    zonesCard({ kind: 'zones', zones: [] }, admin, { ...common, personal: true });
    // Somebody else: the list only.
    zonesCard(all, callerFor(locale, staff.nurseA), { ...common, personal: true });
    const { context, sent } = fakeContext('soner');
    await sendZones(context, callerFor(locale, staff.leader), { zones, timeZone: OSLO });
    expect(sent[0]?.attachments).toHaveLength(1);
  },

  async staff(locale) {
    const store = await storeWithZones();
    const clock = { now: () => TIMELINE.later };
    const people = createStaffAdmin({
      store,
      clock,
      workflow: { act: async () => ({ ok: false }) } as never,
      notifier: { tell: async () => undefined },
    });
    const zones = createZoneAdmin({ store, clock });
    // Changes on somebody, so the history shows (more than the card lists of it).
    for (const value of ['nurse,leader', 'nurse', 'nurse,leader', 'nurse']) {
      await people.setRoles(staff.admin, staff.nurseBoth.id, value);
    }
    await people.addPeople(
      staff.admin,
      {
        ids: '6b1c0000-0000-4000-8000-000000000001',
        name: 'Nina Ny',
        email: 'nina@kommune.no',
        zoneIds: 'nord',
      },
      async () => undefined,
    );
    await people.remove(staff.admin, staff.fveSouth.id);
    const list = await people.list(staff.admin, undefined, { includeRemoved: true });
    const zoneList = await zones.list(staff.admin, { includeRetired: true });
    if (list.kind !== 'staff' || zoneList.kind !== 'zones') throw new Error('an admin sees all');
    const admin = callerFor(locale, staff.admin);
    const small = { maxItems: 3, maxBytes: 40_000 };
    staffCard(list, zoneList.zones, admin, { personal: true, from: 1, timeZone: OSLO });
    // A long list in parts, from a channel, with an outcome.
    staffCard(list, zoneList.zones, admin, {
      personal: false,
      from: 1,
      timeZone: OSLO,
      budget: small,
      message: message('staff.messages.added', { names: 'Nina Ny' }),
    });
    staffCard(list, zoneList.zones, admin, {
      personal: true,
      from: 10,
      timeZone: OSLO,
      budget: small,
    });
    staffCard({ kind: 'staff', zoneId: 'sor', staff: [] }, zoneList.zones, admin, {
      personal: true,
      from: 1,
      timeZone: OSLO,
    });
    // As the bot answers `ansatte nord` and a button on it.
    const deps = { staff: people, zones, timeZone: OSLO };
    const { context, sent } = fakeContext('ansatte nord');
    await sendStaff(context, callerFor(locale, staff.leader), deps);
    expect(sent[0]?.attachments).toHaveLength(1);
    const pressed = {
      activity: {
        conversation: { conversationType: 'personal' },
        value: { action: { verb: 'staff.setZones' } },
      },
    } as unknown as TurnContext;
    const answer = await handleStaffAction(
      pressed,
      callerFor(locale, staff.admin),
      { id: staff.nurseBoth.id, 'zones:nurse-both': 'nord', listZone: 'nord', from: 1 },
      deps,
    );
    expect(typeof answer).toBe('object');
  },

  async confirm(locale) {
    const store = await storeWithZones();
    const deps = {
      staff: createStaffAdmin({
        store,
        clock: { now: () => TIMELINE.later },
        workflow: { act: async () => ({ ok: false }) } as never,
        notifier: { tell: async () => undefined },
      }),
      zones: createZoneAdmin({ store, clock: { now: () => TIMELINE.later } }),
      timeZone: OSLO,
    };
    const nurse = callerFor(locale, staff.nurseB);
    const { context, sent } = fakeContext('fratre');
    await sendStepDown(context, nurse, deps);
    expect(sent[0]?.attachments).toHaveLength(1);
    for (const verb of [STEP_DOWN_CANCEL_VERB, STEP_DOWN_VERB]) {
      const pressed = {
        activity: { conversation: { conversationType: 'personal' }, value: { action: { verb } } },
      } as unknown as TurnContext;
      expect(typeof (await handleStaffAction(pressed, nurse, {}, deps))).toBe('object');
    }
  },

  async directory(locale) {
    const store = await storeWithZones();
    await store.roster.put({ ...staff.leader, email: 'lise.leder@kommune.no' });
    await store.roster.put({
      id: 'network-1',
      name: 'Nora Nettverk',
      roles: ['networkLeader'],
      zoneIds: [],
      email: 'nora+nettverk@kommune.no',
    });
    const reply = await createDirectory({ store })();
    const messages = directoryMessages(reply, callerFor(locale), OSLO);
    expect(messages).toHaveLength(1);
  },

  async report(locale) {
    const t = translator.forLocale(locale);
    const share = (within: number, total: number, pending = 0) => ({
      kind: 'share' as const,
      within,
      total,
      share: total === 0 ? null : within / total,
      pending,
      excluded: 0,
    });
    const figures = (s: ReturnType<typeof share>): ReportSummary['sections'][number]['figures'] => [
      { id: 'referralsRegistered', value: { kind: 'count', count: 12 } },
      { id: 'firstContactInTimeSeriouslyIll', value: s },
      { id: 'firstContactInTimeNormal', value: share(0, 0, 2) },
      { id: 'fveAssessmentInTimeSeriouslyIll', value: share(0, 0) },
      { id: 'serviceDecisionInTimeSeriouslyIll', value: share(3, 3) },
      {
        id: 'overdueAtMonthEnd',
        value: {
          kind: 'countsByKey',
          total: 3,
          counts: [
            { key: 'firstContact', count: 2 },
            { key: 'handover', count: 1 },
          ],
        },
      },
    ];
    const summary: ReportSummary = {
      kind: 'report',
      month: '2026-03',
      provisional: true,
      asOf: TIMELINE.later.toISOString(),
      target: 0.9,
      zone: null,
      sections: [
        { kind: 'allZones', zoneId: null, zoneName: null, figures: figures(share(9, 10, 1)) },
        { kind: 'zone', zoneId: 'nord', zoneName: 'Nord', figures: figures(share(5, 8)) },
        { kind: 'own', zoneId: null, zoneName: null, figures: figures(share(1, 1)) },
      ],
    };
    const options = { t, locale, timeZone: OSLO };
    reportCard(summary, { ...options, teamsAppId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    reportCard({ ...summary, provisional: false, zone: 'nord' }, options);
    reportCard({ ...summary, sections: [] }, options);
    // And as the bot answers `rapport`, from a store without cases.
    const reports = createReports({
      store: await storeWithZones(),
      clock: { now: () => TIMELINE.later },
      timeZone: OSLO,
      target: 0.9,
      refreshMs: 0,
      logger: createLogger('silent'),
    });
    const { context, sent } = fakeContext('rapport nord 2026-03');
    await sendReport(context, callerFor(locale, staff.leader), { reports, timeZone: OSLO });
    expect(sent[0]?.attachments).toHaveLength(1);
  },

  async pathway(locale) {
    const t = translator.forLocale(locale);
    for (const { pathway, now } of pathwaysInEveryState()) {
      for (const point of [2, 3, null] as const) {
        for (const variant of ['channel', 'personal'] as const) {
          pathwayCard(pathway, point, {
            t,
            locale,
            zoneName: 'Nord',
            names,
            variant,
            now,
            message: { text: t('pathways.messages.done'), kind: 'good' },
            showHistory: variant === 'personal',
            refreshUserIds: ['8:orgid:00000000-0000-4000-8000-000000000001'],
          });
        }
      }
      // After the window closed.
      pathwayCard(pathway, 2, {
        t,
        locale,
        zoneName: 'Nord',
        names,
        variant: 'channel',
        now: new Date('2026-06-01T08:00:00.000Z'),
      });
    }
    // And as the bot renders it, with the names and the zone from the store.
    const cards = createPathwayCards(await storeWithZones(), translator, {
      now: () => TIMELINE.later,
    });
    await cards(pathwaysInEveryState()[1].pathway, 2, 'channel', locale);
  },

  async 'competence-plan'(locale) {
    const t = translator.forLocale(locale);
    const { plans } = await competenceReplySamples();
    for (const reply of plans) {
      if (reply.kind !== 'competencePlan') throw new Error(`expected a plan, got ${reply.kind}`);
      competencePlanCard(reply, { t, locale, timeZone: OSLO });
    }
  },

  async 'competence-overview'(locale) {
    const t = translator.forLocale(locale);
    const { overview } = await competenceReplySamples();
    if (overview.kind !== 'competenceOverview') throw new Error('expected an overview');
    competenceOverviewCard(overview, { t, locale, timeZone: OSLO });
  },

  async 'competence-events'(locale) {
    const t = translator.forLocale(locale);
    const { events } = await competenceReplySamples();
    for (const reply of events) {
      if (reply.kind !== 'competenceEvents') throw new Error(`expected events, got ${reply.kind}`);
      competenceEventsCard(reply, { t, locale, timeZone: OSLO });
    }
  },

  async 'pathway-form'(locale) {
    const store = await storeWithZones();
    const clock = { now: () => TIMELINE.registered };
    const deps = {
      form: createPathwayForm({
        store,
        // Neither showing the form nor refusing its input reaches the workflow.
        workflow: {} as PathwayWorkflow,
        clock,
        timeZone: OSLO,
      }),
      cards: createPathwayCards(store, translator, clock),
      timeZone: OSLO,
    };
    const { context, sent } = fakeContext('ny pakkeforløp');
    // The form is for a personal chat only.
    Object.assign(context.activity, { conversation: { conversationType: 'personal' } });
    await sendPathwayForm(context, callerFor(locale, staff.fve), deps);
    expect(sent[0]?.attachments).toHaveLength(1);
    // Sent back without a diagnosis date: the form again, with the reason on it.
    const again = await submitPathway(
      callerFor(locale, staff.fve),
      { zoneId: 'nord', patientRef: 'DIPS-1' },
      deps,
    );
    expect(JSON.stringify(again)).toContain('diagnosisDate');
  },
};

/** Places in a card where a binding or a templating keyword survived expansion. */
function leftovers(node: unknown, at = '$'): string[] {
  if (typeof node === 'string') return node.includes('${') ? [`${at}: ${node}`] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => leftovers(v, `${at}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k.startsWith('$') && k !== '$schema' ? [`${at}.${k}`] : []),
    ...leftovers(v, `${at}.${k}`),
  ]);
}

describe('card templates', () => {
  const templates = fs
    .readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

  it('every template in cards/ has a renderer in this test (and a data type in card-data.ts)', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual(templates);
  });

  describe.each(LANGUAGES)('in %s', (locale) => {
    it.each(Object.keys(RENDERERS) as CardName[])(
      '%s renders with every binding filled',
      async (name) => {
        rendered.length = 0;
        await RENDERERS[name](locale);
        const own = rendered.filter((r) => r.name === name);
        expect(own.length).toBeGreaterThan(0);
        for (const { name: template, card } of rendered) {
          expect({ template, leftovers: leftovers(card) }).toEqual({ template, leftovers: [] });
          expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
        }
      },
    );
  });

  it('renders the reader’s language', async () => {
    const texts = async (locale: Locale) => {
      rendered.length = 0;
      await RENDERERS.help(locale);
      return JSON.stringify(rendered.map((r) => r.card));
    };
    expect(await texts('nb')).toContain('Skriv aldri navn, adresse eller fødselsnummer.');
    expect(await texts('en')).toContain('Never write a name, address or national identity number.');
  });
});
