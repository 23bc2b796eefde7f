import type { StaffMember } from '../../src/domain/roster';
import { botChat, type CardJson, cardText, executeAction, inputsOf } from '../support/bot-chat';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
  email?: string,
): StaffMember => ({ id, name, roles, zoneIds, locale: 'nb', ...(email && { email }) });
const networkLeader = member('aad-n-lead', 'Nils Nettverksleder', ['networkLeader'], []);
const leader = member('aad-n-leader', 'Lise Leder', ['leader'], ['nord']);
const nurses = Array.from({ length: 12 }, (_, i) =>
  member(
    `aad-n-${i}`,
    `Sykepleier ${i}`,
    ['nurse'],
    [i % 2 === 0 ? 'nord' : 'sor'],
    `s${i}@kommune.no`,
  ),
);
const NETWORK_CHANNEL = '19:nettverk@thread.tacv2';

describe('the network leader in Teams: `koble nettverk`, `nettverk`, events and attendance', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const clock = fixedClock('2026-04-01T08:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    chat = botChat(bot, connector);
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [networkLeader, leader, ...nurses]) await bot.store.roster.put(m);
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
  const press = async (
    card: CardJson,
    title: string,
    who: StaffMember,
    inputs: Record<string, string> = {},
  ) => {
    const { verb, data } = executeAction(card, title);
    const answer = await chat.press(verb, { ...data, ...inputs }, who);
    expect(answer.status).toBe(200);
    return answer;
  };

  it('links the network channel only for the network leader, and only in a channel', async () => {
    const { texts: personal } = await chat.ask('koble nettverk', networkLeader);
    expect(personal.join()).toContain('i kanalen');
    const { texts: refused } = await chat.ask('koble nettverk', leader, {
      channel: NETWORK_CHANNEL,
    });
    expect(refused.join()).toBe('Du har ikke lov til å gjøre dette i denne kompetanseplanen.');
    expect(await bot.store.competence.networkChannel()).toBeUndefined();
    const { texts } = await chat.ask('koble nettverk', networkLeader, { channel: NETWORK_CHANNEL });
    expect(texts.join()).toContain('nettverkets kanal');
    expect(await bot.store.competence.networkChannel()).toMatchObject({
      conversationId: NETWORK_CHANNEL,
      linkedBy: networkLeader.id,
    });
  });

  it('creates an event from the card and announces it in the network channel', async () => {
    const card = await eventsCard(networkLeader);
    expect(cardText(card)).toContain('Nye arrangementer kunngjøres i nettverkskanalen.');
    const before = connector.calls.length;
    const created = await press(card, 'Opprett', networkLeader, {
      eventKind: 'gathering',
      eventDate: '2026-04-01',
      eventHours: '6',
      eventPlace: 'Kulturhuset',
    });
    expect(cardText(created.card)).toContain('opprettet og kunngjort');
    expect(cardText(created.card)).toContain('Nettverkssamling');
    // A proactive message to the channel's conversation: a new post there.
    const posts = connector.calls
      .slice(before)
      .filter((c) => c.kind !== 'update' && c.conversationId === NETWORK_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(String(posts[0].body.text)).toContain('Nytt i nettverket: Nettverkssamling');
    const [event] = await bot.store.competence.events('2026-01-01');
    expect(event.announcement).toMatchObject({ conversationId: NETWORK_CHANNEL });
  });

  it('refuses an event with bad input, storing nothing', async () => {
    const card = await eventsCard(networkLeader);
    const refused = await press(card, 'Opprett', networkLeader, {
      eventKind: 'gathering',
      eventDate: '2026-05-01',
      eventHours: '50',
      eventPlace: 'Kulturhuset',
    });
    expect(cardText(refused.card)).toContain('Noe i skjemaet mangler eller er ugyldig (hours)');
    expect(await bot.store.competence.events('2026-01-01')).toHaveLength(1);
  });

  it('records attendance for many nurses at once, picked and typed, filling each plan', async () => {
    const card = await eventsCard(networkLeader);
    const [event] = await bot.store.competence.events('2026-01-01');
    const inputs = inputsOf(card);
    expect(inputs.get(`attendees:${event.id}`)).toMatchObject({ isMultiSelect: true });
    const picked = nurses
      .slice(0, 4)
      .map((n) => n.id)
      .join(',');
    const typed = ['Sykepleier 4', 's5@kommune.no', 'SYKEPLEIER 6', 'Ingen Slik'].join('\n');
    const answer = await press(card, 'Registrer oppmøte', networkLeader, {
      [`attendees:${event.id}`]: picked,
      [`attendeeList:${event.id}`]: typed,
    });
    expect(cardText(answer.card)).toContain('Oppmøte registrert for 7 ressurssykepleiere. 1 navn');
    expect(cardText(answer.card)).toContain('7 deltakere');
    for (const n of nurses.slice(0, 7)) {
      const record = await bot.store.competence.getRecord(n.id);
      expect(record?.activities).toEqual([
        expect.objectContaining({
          kind: 'gathering',
          hours: 6,
          date: '2026-04-01',
          eventId: event.id,
        }),
      ]);
    }
    expect(await bot.store.competence.getRecord(nurses[7].id)).toBeUndefined();
    // Again: nobody twice.
    const again = await press(answer.card, 'Registrer oppmøte', networkLeader, {
      [`attendees:${event.id}`]: picked,
    });
    expect(cardText(again.card)).toContain('7 deltakere');
    expect((await bot.store.competence.getRecord(nurses[0].id))?.activities).toHaveLength(1);
  });

  it('refreshes the events from the card’s own button', async () => {
    const card = await eventsCard(networkLeader);
    const refreshed = await press(card, 'Oppdater', networkLeader);
    expect(cardText(refreshed.card)).toContain('Nettverkets arrangementer');
    expect(cardText(refreshed.card)).toContain('7 deltakere');
  });

  it('shows a nurse the events without the forms or the attendance lists', async () => {
    const card = await eventsCard(nurses[0]);
    expect(cardText(card)).toContain('Nettverkssamling');
    expect(inputsOf(card).size).toBe(0);
    expect(cardText(card)).not.toContain('deltakere');
    const refused = await chat.press(
      'competence.event.create',
      { eventKind: 'gathering', eventDate: '2026-05-01', eventHours: '6', eventPlace: 'X' },
      nurses[0],
    );
    expect(cardText(refused.card)).toContain('Du har ikke lov');
    expect(await bot.store.competence.events('2026-01-01')).toHaveLength(1);
  });
});
