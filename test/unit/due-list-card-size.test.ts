import type { Activity, TurnContext } from 'botbuilder';
import { createDueLists } from '../../src/app/due-lists';
import { hsyreKind } from '../../src/app/hsyre-kind';
import { trackedKinds } from '../../src/app/tracked-kinds';
import type { Case } from '../../src/domain/case';
import { trackCase } from '../../src/domain/case-tracking';
import { jsonBytes } from '../../src/domain/list-budget';
import type { Locale, StaffMember } from '../../src/domain/roster';
import type { DeadlineKey } from '../../src/domain/routine';
import type { Zone } from '../../src/domain/zone';
import { createTranslator } from '../../src/i18n/i18n';
import type { Store } from '../../src/store/port';
import type { HsyreTeamsAdapter } from '../../src/teams/bot-adapter';
import { DUE_LIST_BUDGET, dueListCard } from '../../src/teams/due-list-card';
import { OVERDUE_PATTERN, sendDueList, WEEK_PATTERN } from '../../src/teams/handlers/due-list';
import { createTeamsSummarySender } from '../../src/teams/teams-summary-sender';
import { storedCase } from '../contract/store-contract';

/** Teams refuses a bot message over about 100 KB; Microsoft advises staying under 80 KB. */
const TEAMS_SAFE_BYTES = 80_000;
const TZ = 'Europe/Oslo';
const NOW = '2026-03-04T09:00:00.000Z'; // Wednesday 10:00 in Oslo
const translator = createTranslator('nb');

const ZONES: Zone[] = [
  { id: 'sentrum', name: 'Sone Sentrum', channel: null },
  { id: 'nord', name: 'Sone Nord', channel: null },
  { id: 'sor', name: 'Sone Sør', channel: null },
  { id: 'ost', name: 'Sone Øst', channel: null },
  { id: 'vest', name: 'Sone Vest', channel: null },
];
const zoneName = new Map(ZONES.map((z) => [z.id, z.name]));
const STEPS: DeadlineKey[] = [
  'firstContact',
  'followUpReview',
  'serviceDecision',
  'handover',
  'fveAssessment',
];
const NURSES: StaffMember[] = Array.from({ length: 40 }, (_, n) => ({
  id: `aad-nurse-${n}`,
  name: `Kari Nordmann-Johansen ${n}`,
  roles: ['nurse'],
  zoneIds: ['sentrum'],
}));
const fve: StaffMember = { id: 'aad-fve', name: 'Frida FVE', roles: ['fve'], zoneIds: [] };
const leader: StaffMember = {
  id: 'aad-leader',
  name: 'Lise Leder',
  roles: ['leader'],
  zoneIds: ['sentrum', 'nord'],
  contact: { userId: '29:lise', tenantId: 'tenant-1', serviceUrl: 'https://smba.example/' },
};

type When = 'overdue' | 'today' | 'week' | 'later';

/**
 * The open cases of a municipality: in each hundred one is overdue, one due later today and
 * one later this week, the rest later. Half are in Sentrum. The most late is the last overdue.
 */
function municipality(open: number) {
  const base = storedCase({ state: 'claimed' });
  const facts = Array.from({ length: open }, (_, i) => {
    const block = Math.floor(i / 100);
    const when: When = (['overdue', 'today', 'week'] as const)[i % 100] ?? 'later';
    return {
      i,
      when,
      zoneId: ['sentrum', 'sentrum', 'sentrum', 'sentrum', 'nord', 'sor', 'ost', 'vest'][block % 8],
      step: STEPS[block % STEPS.length],
      dueAt:
        when === 'overdue'
          ? new Date(Date.parse(NOW) - (60 + block) * 60_000).toISOString()
          : when === 'today'
            ? '2026-03-04T14:30:00.000Z'
            : when === 'week'
              ? '2026-03-06T14:30:00.000Z'
              : '2026-04-20T10:00:00.000Z',
      ownerId: i % 3 === 0 ? null : NURSES[i % NURSES.length].id,
    };
  });
  const cases: Case[] = facts.map((f) => ({
    ...base,
    id: `case-${f.i}`,
    code: `K${f.i.toString(32).toUpperCase().padStart(4, '0')}`,
    zoneId: f.zoneId,
    state: f.ownerId ? 'claimed' : 'awaiting_claim',
    claimedBy: f.ownerId,
    deadline: { key: f.step, dueAt: f.dueAt },
    nextDueAt: f.dueAt,
  }));
  const byZone = new Map<string, Case[]>();
  for (const c of cases) {
    const zone = byZone.get(c.zoneId) ?? [];
    zone.push(c);
    byZone.set(c.zoneId, zone);
  }
  const store = {
    zones: { list: async () => ZONES },
    roster: { list: async () => [fve, leader, ...NURSES] },
    cases: { byZone: async (zoneId: string) => byZone.get(zoneId) ?? [] },
  } as unknown as Store;
  return { facts, cases, store };
}

/** What the list should count, worked out from the generator rather than from the code. */
function expected(
  facts: ReturnType<typeof municipality>['facts'],
  zoneIds: readonly string[],
  window: 'today' | 'week',
) {
  const listed = facts.filter(
    (f) =>
      zoneIds.includes(f.zoneId) &&
      (f.when === 'overdue' || f.when === 'today' || (window === 'week' && f.when === 'week')),
  );
  const tally = (keyOf: (f: (typeof listed)[number]) => string) => {
    const counts = new Map<string, { n: number; late: number }>();
    for (const f of listed) {
      const c = counts.get(keyOf(f)) ?? { n: 0, late: 0 };
      c.n += 1;
      if (f.when === 'overdue') c.late += 1;
      counts.set(keyOf(f), c);
    }
    return counts;
  };
  const mostLate = listed
    .filter((f) => f.when === 'overdue')
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  return {
    total: listed.length,
    late: listed.filter((f) => f.when === 'overdue').length,
    byZone: tally((f) => f.zoneId),
    byStep: tally((f) => f.step),
    mostLateCode: mostLate ? `K${mostLate.i.toString(32).toUpperCase().padStart(4, '0')}` : null,
  };
}

type CardElement = {
  type: string;
  text?: string;
  facts?: { title: string; value: string }[];
  items?: CardElement[];
  actions?: { title: string; data: { msteams: { value: string } } }[];
};
type Card = { body: CardElement[] };

const cardOf = (activity: Partial<Activity>): Card => activity.attachments?.[0].content as Card;
const entries = (card: Card) => card.body.filter((e) => e.type === 'Container');
const entryCodes = (card: Card) =>
  entries(card).map((e) => e.items?.[2].actions?.[0].data.msteams.value.replace(/^sak /, ''));
const factsAfter = (card: Card, label: string) => {
  const at = card.body.findIndex((e) => e.type === 'TextBlock' && e.text === label);
  return at < 0 ? undefined : card.body[at + 1].facts;
};
const moreButtons = (card: Card) =>
  card.body
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions ?? [])
    .map((a) => ({ title: a.title, command: a.data.msteams.value }));
const lines = (card: Card) => card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text);

const nb = new Intl.NumberFormat('nb');
const num = (n: number) => nb.format(n);
const countValue = (c: { n: number; late: number }) => `${num(c.n)} (${num(c.late)} forfalt)`;

async function ask(
  store: Store,
  member: StaffMember,
  text: string,
  locale: Locale = 'nb',
): Promise<Partial<Activity>> {
  const sent: Partial<Activity>[] = [];
  const context = {
    activity: { text },
    sendActivity: async (activity: Partial<Activity> | string) => {
      sent.push(typeof activity === 'string' ? { text: activity } : activity);
    },
  } as unknown as TurnContext;
  const window = OVERDUE_PATTERN.test(text) ? 'today' : 'week';
  const caller = { member, locale, t: translator.forLocale(locale) };
  const dueLists = createDueLists({
    store,
    kinds: trackedKinds([hsyreKind(store)]),
    clock: { now: () => new Date(NOW) },
  });
  await sendDueList(context, caller, dueLists, TZ, window);
  expect(sent).toHaveLength(1);
  return sent[0];
}

async function dailySummary(store: Store, cases: readonly Case[]): Promise<Partial<Activity>> {
  const sent: Partial<Activity>[] = [];
  const adapter = {
    createConversationAsync: async (...args: unknown[]) => {
      const logic = args[5] as (context: TurnContext) => Promise<void>;
      await logic({
        sendActivity: async (activity: Partial<Activity>) => {
          sent.push(activity);
        },
      } as unknown as TurnContext);
    },
  } as unknown as HsyreTeamsAdapter;
  const sender = createTeamsSummarySender({
    adapter,
    botAppId: 'bot',
    store,
    translator,
    defaultLocale: 'nb',
    timeZone: TZ,
  });
  // As src/app/daily-summary.ts hands them over: the leader's zones' open cases, tracked.
  const open = cases.filter((c) => leader.zoneIds.includes(c.zoneId)).map(trackCase);
  await sender.send(leader, leader.zoneIds, open, new Date(NOW));
  expect(sent).toHaveLength(1);
  return sent[0];
}

/** Within Teams' limit as a whole, and the card within the budget the lists are cut to. */
function expectSmallEnough(activity: Partial<Activity>) {
  expect(jsonBytes(activity.attachments?.[0])).toBeLessThan(TEAMS_SAFE_BYTES);
  expect(jsonBytes(activity)).toBeLessThan(TEAMS_SAFE_BYTES);
  expect(jsonBytes(cardOf(activity))).toBeLessThanOrEqual(DUE_LIST_BUDGET.maxBytes);
}

function expectCounts(card: Card, want: ReturnType<typeof expected>, window: 'today' | 'week') {
  const later = window === 'today' ? 'med frist senere i dag' : 'med frist senere denne uken';
  expect(lines(card)).toContain(
    `${num(want.total)} på listen: ${num(want.late)} forfalt, ${num(want.total - want.late)} ${later}.`,
  );
  const step = translator.forLocale('nb');
  const steps = factsAfter(card, 'Per steg');
  expect(steps).toHaveLength(want.byStep.size);
  expect(steps).toEqual(
    expect.arrayContaining(
      [...want.byStep].map(([key, c]) => ({
        title: step(`cases.deadlineKeys.${key}`),
        value: countValue(c),
      })),
    ),
  );
}

function expectZoneCounts(card: Card, want: ReturnType<typeof expected>) {
  const zones = factsAfter(card, 'Per sone');
  expect(zones).toHaveLength(want.byZone.size);
  expect(zones).toEqual(
    expect.arrayContaining(
      [...want.byZone].map(([zoneId, c]) => ({
        title: zoneName.get(zoneId),
        value: countValue(c),
      })),
    ),
  );
}

describe.each([1_000, 100_000])('list cards with %i open cases', (open) => {
  const { facts, cases, store } = municipality(open);
  const allZones = ZONES.map((z) => z.id);

  it('`forfalte` over every zone: counts per zone and step, the most late, a button per zone', async () => {
    const activity = await ask(store, fve, 'forfalte');
    expectSmallEnough(activity);
    const card = cardOf(activity);
    const want = expected(facts, allZones, 'today');
    expectCounts(card, want, 'today');
    expectZoneCounts(card, want);
    const shown = entryCodes(card);
    expect(shown).toHaveLength(Math.min(DUE_LIST_BUDGET.maxItems, want.total));
    expect(shown[0]).toBe(want.mostLateCode);
    const buttons = moreButtons(card);
    if (want.total <= DUE_LIST_BUDGET.maxItems) {
      expect(buttons).toEqual([]);
      expect(lines(card).join('\n')).not.toContain('Viser nr.');
      return;
    }
    expect(lines(card)).toContain(
      `Viser nr. 1–25 av ${num(want.total)}, de mest forsinkede. ${num(want.total - 25)} til står ikke her: velg en sone for å se flere.`,
    );
    expect(buttons.map((b) => b.command).sort()).toEqual(
      [...want.byZone.keys()].map((z) => `forfalte ${z}`).sort(),
    );
    expect(buttons).toContainEqual({
      title: `Sone Sentrum (${num(want.byZone.get('sentrum')?.n ?? 0)})`,
      command: 'forfalte sentrum',
    });
    for (const b of buttons) expect(b.command).toMatch(OVERDUE_PATTERN);
  });

  it('`forfalte sentrum`: the zone alone, and "show more" walks the whole list once', async () => {
    const want = expected(facts, ['sentrum'], 'today');
    let activity = await ask(store, fve, 'forfalte sentrum');
    const card = cardOf(activity);
    expectCounts(card, want, 'today');
    expect(factsAfter(card, 'Per sone')).toBeUndefined();
    const seen: string[] = [];
    for (let page = 0; ; page += 1) {
      expectSmallEnough(activity);
      const current = cardOf(activity);
      const codes = entryCodes(current) as string[];
      expect(codes.length).toBeGreaterThan(0);
      seen.push(...codes);
      const next = moreButtons(current);
      if (seen.length === want.total) {
        expect(next).toEqual([]);
        if (page > 0) {
          expect(lines(current)).toContain(
            `Viser nr. ${num(seen.length - codes.length + 1)}–${num(seen.length)} av ${num(want.total)}.`,
          );
        }
        break;
      }
      expect(next).toEqual([
        {
          title: `Vis flere (fra nr. ${num(seen.length + 1)})`,
          command: `forfalte sentrum ${seen.length + 1}`,
        },
      ]);
      expect(next[0].command).toMatch(OVERDUE_PATTERN);
      activity = await ask(store, fve, next[0].command);
    }
    expect(new Set(seen).size).toBe(want.total);
    expect(seen[0]).toBe(want.mostLateCode);
  });

  it("`uke` for a leader's two zones: this week's deadlines, within the budget", async () => {
    const activity = await ask(store, leader, 'uke');
    expectSmallEnough(activity);
    const card = cardOf(activity);
    const want = expected(facts, leader.zoneIds, 'week');
    expect(lines(card)[0]).toBe('Frister denne uken');
    expectCounts(card, want, 'week');
    expectZoneCounts(card, want);
    expect(entryCodes(card)).toHaveLength(Math.min(DUE_LIST_BUDGET.maxItems, want.total));
    const buttons = moreButtons(card).map((b) => b.command);
    expect(buttons).toEqual(
      want.total > DUE_LIST_BUDGET.maxItems ? ['uke sentrum', 'uke nord'] : [],
    );
    for (const b of buttons) expect(b).toMatch(WEEK_PATTERN);
  });

  it("the daily summary: the leader's zones, within the budget", async () => {
    const activity = await dailySummary(store, cases);
    expectSmallEnough(activity);
    const card = cardOf(activity);
    const want = expected(facts, leader.zoneIds, 'today');
    expect(lines(card)[0]).toBe('God morgen! Dagens frister og forfalte saker');
    expectCounts(card, want, 'today');
    expectZoneCounts(card, want);
    expect(entryCodes(card)[0]).toBe(want.mostLateCode);
    expect(moreButtons(card).map((b) => b.command)).toEqual(
      want.total > DUE_LIST_BUDGET.maxItems ? ['forfalte sentrum', 'forfalte nord'] : [],
    );
  });
});

describe('the size limit, when items are large', () => {
  const { cases } = municipality(10_000);
  const t = translator.forLocale('nb');
  const input = {
    items: cases.map(trackCase),
    zones: ZONES,
    zoneIds: ['sentrum'],
    names: new Map(NURSES.map((m) => [m.id, m.name])),
    now: new Date(NOW),
    timeZone: TZ,
    window: 'today' as const,
    t,
    locale: 'nb' as const,
  };

  it('shows fewer items, and "show more" goes on right after the last one shown', () => {
    const budget = { maxItems: 25, maxBytes: 8_000 };
    const first = dueListCard({ ...input, budget }) as Card;
    expect(jsonBytes(first)).toBeLessThanOrEqual(budget.maxBytes);
    const shown = entryCodes(first);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(25);
    const [next] = moreButtons(first);
    expect(next.command).toBe(`forfalte sentrum ${shown.length + 1}`);
    const second = dueListCard({ ...input, budget, offset: shown.length }) as Card;
    const all = entryCodes(
      dueListCard({ ...input, budget: { maxItems: 50, maxBytes: 1e6 } }) as Card,
    );
    expect([...shown, ...entryCodes(second)]).toEqual(
      all.slice(0, shown.length + entryCodes(second).length),
    );
  });

  it('the real budget holds with the longest zone and staff names the roster allows', () => {
    const long = 'Æ'.repeat(100);
    const card = dueListCard({
      ...input,
      zones: ZONES.map((z) => ({ ...z, name: `${z.name} ${long}`.slice(0, 100) })),
      zoneIds: ZONES.map((z) => z.id),
      names: new Map(NURSES.map((m) => [m.id, `${m.name} ${long}`])),
    }) as Card;
    expect(jsonBytes(card)).toBeLessThanOrEqual(DUE_LIST_BUDGET.maxBytes);
    expect(entryCodes(card).length).toBeGreaterThan(0);
  });

  it('reads the same in English, with the English number format', async () => {
    const { store } = municipality(100_000);
    const card = cardOf(await ask(store, fve, 'overdue sentrum 26', 'en'));
    expect(lines(card)).toContain(
      'Showing no. 26–50 of 1,000, most overdue first. 950 more are not shown here.',
    );
    expect(moreButtons(card)).toEqual([
      { title: 'Show more (from no. 51)', command: 'forfalte sentrum 51' },
    ]);
  });
});
