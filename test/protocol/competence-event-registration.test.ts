import type { StaffMember } from '../../src/domain/roster';
import { botChat, type CardJson, cardText, executeAction } from '../support/bot-chat';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

/*
 * A resource nurse registers herself for a network event from the `nettverk` card, and the
 * deadline engine reminds her in personal chat two working days before, at the start of
 * working time, once; a nurse who withdrew is not reminded.
 */
describe('registering for a network event in Teams, and its reminder', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  // Monday 1 June 2026, 10:00 in Oslo.
  const clock = fixedClock('2026-06-01T08:00:00.000Z');
  const person = (id: string, name: string, roles: StaffMember['roles']): StaffMember => ({
    id,
    name,
    roles,
    zoneIds: ['nord'],
    locale: 'nb',
    contact: { userId: `29:${id}`, tenantId: 'tenant-1', serviceUrl: connector.serviceUrl },
  });
  let networkLeader: StaffMember;
  let anna: StaffMember;
  let berit: StaffMember;
  let leader: StaffMember;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    chat = botChat(bot, connector);
    networkLeader = person('aad-er-lead', 'Nils Nettverksleder', ['networkLeader']);
    anna = person('aad-er-anna', 'Anna Ressurs', ['nurse']);
    berit = person('aad-er-berit', 'Berit Ressurs', ['nurse']);
    leader = person('aad-er-leader', 'Lise Leder', ['leader']);
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    for (const m of [networkLeader, anna, berit, leader]) await bot.store.roster.put(m);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const eventsCard = async (who: StaffMember): Promise<CardJson> => {
    const { cards } = await chat.ask('nettverk', who);
    expect(cards).toHaveLength(1);
    return cards[0];
  };
  const press = async (card: CardJson, title: string, who: StaffMember) => {
    const { verb, data } = executeAction(card, title);
    const answer = await chat.press(verb, data, who);
    expect(answer.status).toBe(200);
    return cardText(answer.card);
  };
  const theEvent = async () => (await bot.store.competence.events('2026-01-01'))[0];

  it('lets a nurse register from the card; a double press and a stale card change nothing', async () => {
    const form = await eventsCard(networkLeader);
    const { verb, data } = executeAction(form, 'Opprett');
    await chat.press(
      verb,
      {
        ...data,
        eventKind: 'gathering',
        eventDate: '2026-06-11',
        eventHours: '6',
        eventPlace: 'Kulturhuset',
      },
      networkLeader,
    );
    expect(await theEvent()).toMatchObject({ place: 'Kulturhuset', registered: [] });
    // The network leader is no resource nurse: no button for her.
    expect(() => executeAction(form, 'Meld meg på')).toThrow();

    const card = await eventsCard(anna);
    expect(await press(card, 'Meld meg på', anna)).toContain('Du er påmeldt.');
    // The same card pressed again: she is registered once, nothing more is written.
    const version = (await theEvent()).version;
    expect(await press(card, 'Meld meg på', anna)).toContain('Du er allerede påmeldt.');
    expect((await theEvent()).version).toBe(version);
    expect((await theEvent()).registered.map((r) => r.nurseId)).toEqual([anna.id]);

    // Berit registers, then withdraws; her first card is stale by then.
    const first = await eventsCard(berit);
    await press(first, 'Meld meg på', berit);
    const second = await eventsCard(berit);
    expect(cardText(second)).toContain('2 påmeldte');
    expect(await press(second, 'Meld meg av', berit)).toContain('Du er meldt av.');
    expect(await press(first, 'Meld meg på', berit)).toContain('endret siden kortet ble vist');
    const event = await theEvent();
    expect(event.registered.map((r) => r.nurseId)).toEqual([anna.id]);
    expect(event.history.map((h) => h.action)).toEqual([
      'created',
      'registered',
      'registered',
      'unregistered',
    ]);
  });

  it('lets exactly one of two concurrent presses win', async () => {
    const card = await eventsCard(berit);
    const { verb, data } = executeAction(card, 'Meld meg på');
    await Promise.all([chat.press(verb, data, berit), chat.press(verb, data, berit)]);
    const event = await theEvent();
    expect(event.registered.filter((r) => r.nurseId === berit.id)).toHaveLength(1);
    expect(event.history.filter((h) => h.action === 'registered')).toHaveLength(3);
    // And withdraws again, so only Anna is registered for the reminder below.
    await press(await eventsCard(berit), 'Meld meg av', berit);
  });

  it('refuses a leader who is no resource nurse', async () => {
    const card = await eventsCard(leader);
    expect(() => executeAction(card, 'Meld meg på')).toThrow();
  });

  const remindersTo = (m: StaffMember, since: number) =>
    connector.calls
      .slice(since)
      .filter((c) => c.kind === 'createConversation' && c.body.members?.[0]?.id === `29:${m.id}`);

  it('reminds the registered nurse two working days before, at 08:00, once; not one who withdrew', async () => {
    let mark = connector.calls.length;
    await bot.app.escalate(clock.now());
    // Tuesday 9 June, 07:59 in Oslo: not yet.
    clock.set('2026-06-09T05:59:00.000Z');
    await bot.app.escalate(clock.now());
    expect(remindersTo(anna, mark)).toEqual([]);

    mark = connector.calls.length;
    clock.set('2026-06-09T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(1);
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    clock.set('2026-06-10T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    expect(remindersTo(anna, mark)).toHaveLength(1);
    expect(remindersTo(berit, mark)).toEqual([]);
    const sent = connector.calls
      .slice(mark)
      .filter((c) => c.kind !== 'createConversation')
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(sent).toContain('Påminnelse: Du er påmeldt Nettverkssamling (Kulturhuset)');
    expect(sent).toContain('"value":"nettverk"');
    // Not an overdue item: the leader's list does not show it.
    const { cards } = await chat.ask('forfalte nord', leader);
    expect(JSON.stringify(cards)).not.toContain('Kulturhuset');
  });
});
