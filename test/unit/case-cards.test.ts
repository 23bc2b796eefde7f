import type { Case } from '../../src/domain/case';
import { caseStateSchema } from '../../src/domain/case-state';
import type { Locale } from '../../src/domain/roster';
import { createTranslator } from '../../src/i18n/i18n';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { type CardVariant, caseCard } from '../../src/teams/case-card';
import { type CardOptions, createCaseCards } from '../../src/teams/case-cards';
import { caseIn, staff, TIMELINE } from '../support/domain-fixtures';
import { linkedZone } from '../support/zones';

/*
 * createCaseCards keeps translations, the roster and renderings between cards; none of it may
 * change a card. Each card it renders is compared, as JSON text, with caseCard given the plain
 * translator and the store read afresh.
 */

const translator = createTranslator('nb');
const clock = { now: () => TIMELINE.later };
const members = Object.values(staff);

async function setUp() {
  const store = openSqliteStore(':memory:');
  await store.zones.put(linkedZone('nord', 'Sone Nord', 'https://smba.example/', '19:nord'));
  for (const m of members) await store.roster.put(m);
  return store;
}

const plainCard = (c: Case, variant: CardVariant, locale: Locale, options: CardOptions) =>
  caseCard(c, {
    t: translator.forLocale(locale),
    locale,
    zoneName: 'Sone Nord',
    names: new Map(members.map((m) => [m.id, m.name])),
    variant,
    now: clock.now(),
    message: options.message,
    showHistory: options.showHistory,
    zoneNurses: members
      .filter((m) => m.roles.includes('nurse') && m.zoneIds.includes(c.zoneId))
      .map((m) => ({ id: m.id, name: m.name })),
    refreshUserIds: [],
  });

describe('case cards rendered with what createCaseCards keeps', () => {
  const optionSets: CardOptions[] = [
    {},
    { showHistory: true },
    { message: { text: 'Lagret.', kind: 'good' } },
    { message: { text: 'Saken er tatt av Nina.', kind: 'attention' }, showHistory: true },
  ];

  it('are the cards caseCard renders, in every state, variant and language, twice over', async () => {
    const store = await setUp();
    const cards = createCaseCards(store, translator, clock);
    const cases = caseStateSchema.options.map((state) => caseIn(state));
    // Twice: the second round is served from what the first kept.
    for (let round = 0; round < 2; round++) {
      for (const c of cases)
        for (const variant of ['channel', 'personal'] as const)
          for (const locale of ['nb', 'en'] as const)
            for (const options of optionSets) {
              const kept = await cards(c, variant, locale, options);
              expect(JSON.stringify(kept)).toBe(
                JSON.stringify(plainCard(c, variant, locale, options)),
              );
            }
    }
    await store.close();
  });

  it('render the channel update and the clicker answer as one card', async () => {
    const store = await setUp();
    const cards = createCaseCards(store, translator, clock);
    const c = caseIn('claimed');
    const zone = await store.zones.get(c.zoneId);
    const channel = await cards(c, 'channel', 'nb', { zone });
    expect(await cards(c, 'channel', 'nb', { showHistory: false })).toBe(channel);
    // The clicker's answer is that very rendering with the outcome under its header.
    const answer = await cards(c, 'channel', 'nb', {
      message: { text: 'Lagret.', kind: 'good' },
      showHistory: false,
    });
    const body = channel.body as unknown[];
    const answerBody = answer.body as unknown[];
    expect(answerBody).toHaveLength(body.length + 1);
    expect(answerBody[1]).toMatchObject({ type: 'TextBlock', text: 'Lagret.', color: 'Good' });
    expect(answerBody[0]).toBe(body[0]);
    answerBody.slice(2).forEach((element, i) => {
      expect(element).toBe(body[i + 1]);
    });
    await store.close();
  });

  it('show a renamed member at once', async () => {
    const store = await setUp();
    const cards = createCaseCards(store, translator, clock);
    const c = caseIn('claimed');
    const before = JSON.stringify(await cards(c, 'channel', 'nb'));
    const claimer = members.find((m) => m.id === c.claimedBy);
    if (!claimer) throw new Error('the fixture case has no claimer in the roster');
    await store.roster.put({ ...claimer, name: 'Nytt Navn' });
    const after = JSON.stringify(await cards({ ...c, version: c.version + 1 }, 'channel', 'nb'));
    expect(before).not.toContain('Nytt Navn');
    expect(after).toContain('Nytt Navn');
    await store.close();
  });
});
