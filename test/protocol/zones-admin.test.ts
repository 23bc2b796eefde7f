import type { StaffMember } from '../../src/domain/roster';
import {
  allActions,
  botChat,
  type CardJson,
  cardText,
  executeAction,
  inputsOf,
} from '../support/bot-chat';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const API_KEY = 'z'.repeat(40);
const NORD_CHANNEL = '19:nord-zones@thread.tacv2';

const member = (id: string, roles: StaffMember['roles'], zoneIds: string[]): StaffMember => ({
  id,
  name: `Navn ${id}`,
  roles,
  zoneIds,
});
const admin = member('aad-admin', ['admin'], []);
const leaderNord = member('aad-leader-nord', ['leader'], ['nord']);
const leaderSor = member('aad-leader-sor', ['leader'], ['sor']);
const nurseNord = member('aad-nurse-nord', ['nurse'], ['nord']);
const fve = member('aad-fve', ['fve'], []);
const stranger = member('aad-stranger', ['nurse'], ['nord']);

const FORBIDDEN =
  'Du har ikke rettigheter til denne endringen. Soneleder kan legge til og fjerne ressurssykepleiere i egne soner; alt annet gjør administrator.';
const NOT_IN_ROSTER =
  'Du står ikke i bottens liste over ansatte. Be soneleder eller administrator om å legge deg til.';

/** The message on top of an answered card (the first bold line after the subtitle). */
const outcome = (card: CardJson): string =>
  (card.body as { text?: string; weight?: string; color?: string }[]).find(
    (b) => b.weight === 'Bolder' && b.color !== undefined,
  )?.text ?? '';

describe('zones from the chat: `soner` and its card', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent', REFERRAL_API_KEYS: API_KEY } });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [admin, leaderNord, leaderSor, nurseNord, fve]) await bot.store.roster.put(m);
    chat = botChat(bot, connector);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const zonesCardOf = async (
    who: StaffMember,
    where: Parameters<typeof chat.ask>[2] = 'personal',
  ) => {
    const { cards, texts } = await chat.ask('soner', who, where);
    expect(texts).toEqual([]);
    expect(cards).toHaveLength(1);
    return cards[0];
  };

  it('shows an admin every zone with its channel, resource nurses and leader, and the forms', async () => {
    const card = await zonesCardOf(admin);
    const text = cardText(card);
    expect(text).toContain('Soner');
    expect(text).toContain('Sone Nord (nord)');
    expect(text).toContain('Kanal: Kanal koblet');
    expect(text).toContain('Sone Sør (sor)');
    expect(text).toContain('Kanal: Ikke koblet: skriv «koble sone sor» i sonens kanal');
    expect(text).toContain('Ressurssykepleiere: 1');
    expect(text).toContain(`Soneledere: ${leaderNord.name}`);
    expect(text).toContain(`Soneledere: ${leaderSor.name}`);
    const titles = allActions(card).map((a) => `${a.type}:${a.title}`);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Action.ShowCard:Legg til sone',
        'Action.Execute:Opprett',
        'Action.ShowCard:Gi nytt navn',
        'Action.Execute:Avvikle',
        'Action.Submit:Vis også avviklede soner',
      ]),
    );
    expect([...inputsOf(card).keys()]).toEqual([
      'name:nord',
      'name:sor',
      'newZoneId',
      'newZoneName',
    ]);
    // Each zone's button carries its zone: it works where Teams drops inputs.
    const retire = allActions(card).filter((a) => a.verb === 'zones.retire');
    expect(retire.map((a) => a.data)).toEqual([
      { zoneId: 'nord', all: false },
      { zoneId: 'sor', all: false },
    ]);
  });

  it('in a channel: the list and the retire buttons, no inputs, and where to type instead', async () => {
    const card = await zonesCardOf(admin, { channel: NORD_CHANNEL });
    expect(inputsOf(card).size).toBe(0);
    expect(allActions(card).filter((a) => a.verb === 'zones.retire')).toHaveLength(2);
    expect(cardText(card)).toContain('Nye soner og nye navn legges inn i personlig chat med boten');
  });

  it.each([
    ['a zone leader', leaderNord],
    ['a nurse', nurseNord],
    ['FVE', fve],
  ])('shows %s the zones without any button that changes them', async (_label, who) => {
    const card = await zonesCardOf(who);
    expect(cardText(card)).toContain('Sone Nord (nord)');
    expect(cardText(card)).toContain('Bare administrator endrer soner.');
    expect(allActions(card).filter((a) => a.type !== 'Action.Submit')).toEqual([]);
    expect(inputsOf(card).size).toBe(0);
  });

  it('answers somebody not in the roster that they are not in it', async () => {
    const { texts, cards } = await chat.ask('soner', stranger);
    expect(cards).toEqual([]);
    expect(texts).toEqual([NOT_IN_ROSTER]);
  });

  it('adds a zone from the form; the answer is the card again with the outcome and the new zone', async () => {
    const card = await zonesCardOf(admin);
    const { verb, data } = executeAction(card, 'Opprett');
    const answer = await chat.press(
      verb,
      { ...data, newZoneId: ' Vest ', newZoneName: 'Sone Vest' },
      admin,
    );
    expect(answer.status).toBe(200);
    expect(outcome(answer.card)).toBe(
      'Sonen Sone Vest (vest) er opprettet. Koble kanalen med «koble sone vest» i sonens kanal.',
    );
    expect(cardText(answer.card)).toContain('Sone Vest (vest)');
    expect(await bot.store.zones.get('vest')).toEqual({
      id: 'vest',
      name: 'Sone Vest',
      channel: null,
    });
  });

  it.each([
    [
      'an id with spaces and capitals',
      { newZoneId: 'Nord Øst', newZoneName: 'Nordøst' },
      'Sone-ID må være 2–30 tegn',
    ],
    [
      'an id in use',
      { newZoneId: 'nord', newZoneName: 'Nord igjen' },
      'Sonen Sone Nord finnes allerede.',
    ],
    [
      'a name that is a formula',
      { newZoneId: 'ost', newZoneName: '=HYPERLINK("x")' },
      'Sonenavnet må være 1–80 tegn',
    ],
    ['no inputs at all (a channel dropped them)', {}, 'Sone-ID må være 2–30 tegn'],
  ])('refuses %s, storing nothing', async (_label, inputs, text) => {
    const before = await bot.store.zones.list();
    const answer = await chat.press('zones.add', { all: false, ...inputs }, admin);
    expect(outcome(answer.card)).toContain(text);
    expect(await bot.store.zones.list()).toEqual(before);
  });

  it('renames a zone from its own input', async () => {
    const card = await zonesCardOf(admin);
    const renameVest = allActions(card).find(
      (a) => a.verb === 'zones.rename' && (a.data as { zoneId?: string }).zoneId === 'vest',
    );
    expect(renameVest).toBeDefined();
    const answer = await chat.press(
      'zones.rename',
      { ...renameVest?.data, 'name:vest': 'Sone Vestre', 'name:nord': 'Sone Nord' },
      admin,
    );
    expect(outcome(answer.card)).toBe('Sonen vest heter nå Sone Vestre.');
    expect((await bot.store.zones.get('vest'))?.name).toBe('Sone Vestre');
  });

  describe('who may change zones: the admin only', () => {
    const actors: [string, StaffMember, string][] = [
      ['the zone leader', leaderNord, FORBIDDEN],
      ['a leader of another zone', leaderSor, FORBIDDEN],
      ['a nurse', nurseNord, FORBIDDEN],
      ['FVE', fve, FORBIDDEN],
      ['somebody not in the roster', stranger, NOT_IN_ROSTER],
    ];
    const actions: [string, object][] = [
      ['zones.add', { newZoneId: 'ny', newZoneName: 'Sone Ny', all: false }],
      ['zones.rename', { zoneId: 'nord', 'name:nord': 'Sone Nordre', all: false }],
      ['zones.retire', { zoneId: 'sor', all: false }],
      ['zones.reinstate', { zoneId: 'sor', all: false }],
    ];
    it.each(
      actors.flatMap(([label, who, text]) =>
        actions.map(([verb, data]) => [label, verb, who, data, text] as const),
      ),
    )('%s: %s is refused and changes nothing', async (_label, verb, who, data, text) => {
      const before = await bot.store.zones.list();
      const answer = await chat.press(verb, data, who);
      expect(answer.status).toBe(200);
      if (who === stranger) {
        expect(answer.card).toBeUndefined();
        expect(answer.message).toBe(text);
      } else {
        expect(outcome(answer.card)).toBe(text);
      }
      expect(await bot.store.zones.list()).toEqual(before);
    });
  });

  it('will not retire a zone with open cases, and says how many', async () => {
    const registered = await bot.app.caseService.register(
      {
        zoneId: 'sor',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: 'DIPS-ZONE-1',
        registerHsyre: false,
      },
      fve,
    );
    expect(registered.ok).toBe(true);
    const answer = await chat.press('zones.retire', { zoneId: 'sor', all: false }, admin);
    expect(outcome(answer.card)).toBe(
      'Sonen Sone Sør har 1 åpne saker og kan ikke avvikles før de er avsluttet.',
    );
    expect((await bot.store.zones.get('sor'))?.retiredAt).toBeUndefined();
    // Nothing of the case is on the card.
    expect(JSON.stringify(answer.card)).not.toContain('DIPS-ZONE-1');
  });

  it('retires a zone without open cases: gone from the list, the form and the intake; back when reinstated', async () => {
    const answer = await chat.press('zones.retire', { zoneId: 'vest', all: false }, admin);
    expect(outcome(answer.card)).toBe(
      'Sonen Sone Vestre (vest) er avviklet. Den tar ikke imot nye henvisninger; historikken beholdes.',
    );
    expect(cardText(answer.card).split('\n')).not.toContain('Sone Vestre (vest)');
    expect((await bot.store.zones.get('vest'))?.retiredAt).toBe('2026-03-02T09:00:00.000Z');

    // `soner alle` shows it, retired, with the button that takes it back.
    const { cards } = await chat.ask('soner alle', admin);
    expect(cardText(cards[0])).toContain('Sone Vestre (vest), avviklet');
    expect(cardText(cards[0])).toContain('Avviklet: ');
    const reinstate = executeAction(cards[0], 'Ta i bruk igjen');
    expect(reinstate).toEqual({ verb: 'zones.reinstate', data: { zoneId: 'vest', all: true } });

    // The referral form offers only the zones in use.
    const form = await chat.ask('ny', fve);
    const zoneChoices = inputsOf(form.cards[0]).get('zoneId')?.choices as { value: string }[];
    expect(zoneChoices.map((c) => c.value)).toEqual(['nord', 'sor']);
    // The record system cannot register into it either (nothing stored).
    const refused = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        zoneId: 'vest',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: 'DIPS-ZONE-2',
        registerHsyre: false,
      }),
    });
    expect(refused.status).toBe(422);
    expect(await bot.store.cases.byZone('vest')).toEqual([]);

    const back = await chat.press(reinstate.verb, reinstate.data, admin);
    expect(outcome(back.card)).toBe('Sonen Sone Vestre (vest) er tatt i bruk igjen.');
    expect((await bot.store.zones.get('vest'))?.retiredAt).toBeUndefined();
    // The answer keeps showing the retired zones, as the card it answered did.
    expect(allActions(back.card).some((a) => a.title === 'Vis også avviklede soner')).toBe(false);
  });

  it('answers an unknown zone verb with the unknown-action message', async () => {
    const answer = await chat.press('zones.explode', { zoneId: 'nord' }, admin);
    expect(answer.card).toBeUndefined();
    expect(answer.message).toBe(
      'Denne handlingen kjenner jeg ikke. Ingenting er endret. Skriv «hjelp» for å se hva jeg kan.',
    );
  });

  it('answers `zones` in English to an English Teams', async () => {
    const { cards } = await chat.ask('zones', nurseNord, 'personal', { locale: 'en-US' });
    expect(cardText(cards[0])).toContain('Only an admin changes zones.');
    expect(cardText(cards[0])).toContain('Channel: Channel linked');
  });
});
