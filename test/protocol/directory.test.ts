import type { StaffMember } from '../../src/domain/roster';
import { chatLink, DIRECTORY_PATTERN, directoryQuestion } from '../../src/teams/handlers/directory';
import { allActions, botChat, type CardJson, cardText } from '../support/bot-chat';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const NORD_CHANNEL = '19:nord-directory@thread.tacv2';
const PATIENT_REF = 'DIPS-DIR-0042';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
  email?: string,
): StaffMember => ({ id, name, roles, zoneIds, ...(email && { email }) });

const kari = member('aad-kari', 'Kari Nordmann', ['nurse'], ['nord'], 'kari+hsyre@kommune.no');
const ola = member('aad-ola', 'Ola Nord', ['nurse'], ['nord']);
const siri = member('aad-siri', 'Siri Sør', ['nurse'], ['sor'], 'siri@kommune.no');
const lise = member('aad-lise', 'Lise Leder', ['leader'], ['nord'], 'lise.leder@kommune.no');
const nina = member('aad-nina', 'Nina Nettverk', ['networkLeader'], [], 'nina@kommune.no');
const fve = member('aad-fve', 'Frida Forvaltning', ['fve'], []);
const gone: StaffMember = {
  ...member('aad-gone', 'Gunnar Gått', ['nurse'], ['nord']),
  removedAt: '2026-03-01T10:00:00.000Z',
  removedBy: 'aad-lise',
};
/** Nobody in the roster: a home nurse who only wants to know whom to call. */
const outsider = { id: 'aad-outsider' };

/** Names and chat links of a directory card, per group (nurses, leaders, network leaders). */
function groups(card: CardJson): { label: string; people: { name: string; url?: string }[] }[] {
  return (card.body as { type: string; items?: CardJson[] }[])
    .filter((b) => b.type === 'Container')
    .map((group) => ({
      label: group.items?.[0]?.text,
      people: (group.items ?? [])
        .filter((i: CardJson) => i.type === 'ColumnSet')
        .map((row: CardJson) => ({
          name: row.columns[0].items[0].text,
          ...(row.columns[1] && { url: row.columns[1].items[0].actions[0].url }),
        })),
    }));
}

describe('the directory: who is the resource nurse in zone X', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({
      clock: fixedClock('2026-03-02T09:00:00.000Z'),
      env: { LOG_LEVEL: 'silent' },
    });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    await bot.store.zones.put({
      id: 'gammel',
      name: 'Gammel sone',
      channel: null,
      retiredAt: '2026-02-01T10:00:00.000Z',
      retiredBy: 'aad-admin',
    });
    for (const m of [kari, ola, siri, lise, nina, fve, gone]) await bot.store.roster.put(m);
    // A case in nord: nothing of it may reach the directory.
    const registered = await bot.app.workflow.register(
      {
        zoneId: 'nord',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: PATIENT_REF,
        registerHsyre: true,
      },
      fve,
    );
    if (!registered.ok) throw new Error('registration failed');
    const claimed = await bot.app.workflow.act(registered.case.id, { type: 'claim' }, kari);
    if (!claimed.ok) throw new Error('claim failed');
    chat = botChat(bot, connector);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('answers somebody not in the roster with a card per zone in use, with chat links', async () => {
    const { texts, cards } = await chat.ask('ressurssykepleiere', outsider);
    expect(texts).toEqual([]);
    expect(cards.map((c) => c.body[0].text)).toEqual([
      'Ressurssykepleiere i Sone Nord',
      'Ressurssykepleiere i Sone Sør',
    ]);
    expect(groups(cards[0])).toEqual([
      {
        label: 'Ressurssykepleiere',
        people: [
          {
            name: 'Kari Nordmann',
            url: 'https://teams.microsoft.com/l/chat/0/0?users=kari%2Bhsyre%40kommune.no',
          },
          // No address known: no button.
          { name: 'Ola Nord' },
        ],
      },
      {
        label: 'Soneledere',
        people: [
          {
            name: 'Lise Leder',
            url: 'https://teams.microsoft.com/l/chat/0/0?users=lise.leder%40kommune.no',
          },
        ],
      },
      {
        label: 'Nettverksledere',
        people: [
          {
            name: 'Nina Nettverk',
            url: 'https://teams.microsoft.com/l/chat/0/0?users=nina%40kommune.no',
          },
        ],
      },
    ]);
    // Sør has no leader: said so.
    expect(cardText(cards[1])).toContain('Soneledere\nIngen');
    for (const card of cards) {
      expect(allActions(card).every((a) => a.type === 'Action.OpenUrl')).toBe(true);
      const json = JSON.stringify(card);
      // Staff names only: no removed person, no case, no record reference, no FVE.
      for (const absent of ['Gunnar Gått', PATIENT_REF, 'Frida Forvaltning', 'Gammel sone']) {
        expect(json).not.toContain(absent);
      }
      const codes = (await bot.store.cases.byZone('nord')).map((c) => c.code);
      for (const code of codes) expect(json).not.toContain(code);
    }
  });

  it.each([
    ['ressurssykepleiere nord', 'Ressurssykepleiere i Sone Nord'],
    ['ressurssykepleiere i sone nord', 'Ressurssykepleiere i Sone Nord'],
    ['Ressurssykepleiere SOR', 'Ressurssykepleiere i Sone Sør'],
    // The zone's name as people say it.
    ['ressurssykepleiere sør', 'Ressurssykepleiere i Sone Sør'],
  ])('`%s` gives one zone', async (text, title) => {
    const { cards } = await chat.ask(text, outsider);
    expect(cards.map((c) => c.body[0].text)).toEqual([title]);
  });

  it('names the zones there are when the one asked for is not one of them (a retired one neither)', async () => {
    for (const text of ['ressurssykepleiere vest', 'ressurssykepleiere gammel']) {
      expect(await chat.ask(text, outsider)).toEqual({
        texts: ['Fant ingen slik sone. Soner: nord, sor.'],
        cards: [],
      });
    }
  });

  it.each([
    ['hvem er ressurssykepleier i sone nord?', 'nb-NO', ['Ressurssykepleiere i Sone Nord']],
    ['Hvem er ressurssykepleierne i Sone Sør?', 'nb-NO', ['Ressurssykepleiere i Sone Sør']],
    [
      'hvem er ressurssykepleier?',
      'nb-NO',
      ['Ressurssykepleiere i Sone Nord', 'Ressurssykepleiere i Sone Sør'],
    ],
    ['Who is the resource nurse in zone nord?', 'en-US', ['Resource nurses in Sone Nord']],
    [
      'who are the resource nurses',
      'en-US',
      ['Resource nurses in Sone Nord', 'Resource nurses in Sone Sør'],
    ],
  ])('the question in words «%s» is answered from the directory', async (text, locale, titles) => {
    const { cards, texts } = await chat.ask(text, outsider, 'personal', { locale });
    expect(texts).toEqual([]);
    expect(cards.map((c) => c.body[0].text)).toEqual(titles);
  });

  it('in a channel too, for anybody there', async () => {
    const { cards } = await chat.ask('hvem er ressurssykepleier i sone nord?', outsider, {
      channel: NORD_CHANNEL,
    });
    expect(cards.map((c) => c.body[0].text)).toEqual(['Ressurssykepleiere i Sone Nord']);
  });

  it('a question about the routine that names the resource nurse still goes to the knowledge answerer', async () => {
    const { cards } = await chat.ask('Hvem varsler ressurssykepleier om nye pasienter?', outsider);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).not.toContain('Ressurssykepleiere i ');
    // The answerer's card: a quote with its source.
    expect(cardText(cards[0])).toContain('Kilde: ');
  });

  it('`resource nurses` in English', async () => {
    const { cards } = await chat.ask('resource nurses zone nord', outsider, 'personal', {
      locale: 'en-US',
    });
    expect(cardText(cards[0])).toContain('Resource nurses in Sone Nord');
    expect(cardText(cards[0])).toContain('Network leaders');
    expect(allActions(cards[0]).map((a) => a.title)).toEqual(['Chat', 'Chat', 'Chat']);
  });
});

describe('reading the question and the command', () => {
  it.each([
    ['hvem er ressurssykepleier i sone nord?', { zone: 'nord' }],
    ['Hvem er ressurssykepleieren i sone sentrum', { zone: 'sentrum' }],
    ['hei, hvem er vår ressurssykepleier?', {}],
    ["who's the resource nurse for zone north-2?", { zone: 'north-2' }],
    ['Who are our resource nurses in Zone Sør', { zone: 'Sør' }],
  ])('«%s» is a directory question', (text, expected) => {
    expect(directoryQuestion(text)).toEqual(expected);
  });

  it.each([
    'Hva gjør en ressurssykepleier?',
    'Hvem varsler ressurssykepleier?',
    'Hvem er kontaktpunkt i kommunen for pakkeforløp hjem?',
    'Who is responsible for ending HSYRE?',
    'ressurssykepleierens ansvar i sone nord',
    '',
  ])('«%s» is not', (text) => {
    expect(directoryQuestion(text)).toBeUndefined();
  });

  it.each([
    ['ressurssykepleiere', undefined],
    ['ressurssykepleiere nord', 'nord'],
    ['ressurssykepleiere i sone nord?', 'nord'],
    ['resource nurses in zone sor', 'sor'],
    ['Resource  Nurses', undefined],
  ])('the command «%s» names zone %s', (text, zone) => {
    expect(DIRECTORY_PATTERN.exec(text)?.[1]).toBe(zone);
  });

  it('URL-encodes the address in the chat link', () => {
    expect(chatLink('ola.nordmann+x@kommune.no')).toBe(
      'https://teams.microsoft.com/l/chat/0/0?users=ola.nordmann%2Bx%40kommune.no',
    );
  });
});
