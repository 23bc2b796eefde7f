import fs from 'node:fs';
import path from 'node:path';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { AccessLogExport, AccessLogRow } from '../../src/app/access-log-export';
import type { CaseWorkflow } from '../../src/app/case-workflow';
import { createReferralForm } from '../../src/app/referral-form';
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
import { dueListCard } from '../../src/teams/due-list-card';
import { sendAccessLog } from '../../src/teams/handlers/access-log';
import { answerCardFor, sectionCardFor } from '../../src/teams/handlers/ask';
import { sendHelp } from '../../src/teams/handlers/help';
import { sendReferralForm, submitReferral } from '../../src/teams/handlers/referral-form';
import { createTeamsNotifier } from '../../src/teams/teams-notifier';
import type { Caller } from '../../src/teams/turn-context';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';
import { caseIn, OSLO, oslo, staff, TIMELINE } from '../support/domain-fixtures';

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
