import type { StaffMember } from '../../src/domain/roster';
import { botChat, executeAction } from '../support/bot-chat';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

/*
 * A competence reminder end to end: the nurse records her appointment in Teams, the app's own
 * escalation pass (the deadline engine, every kind registered) sends the reminder to her
 * personal chat in working time, once, then to her zone leader.
 */
describe('competence reminders in Teams', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  // Monday 1 June 2026, 10:00 in Oslo.
  const clock = fixedClock('2026-06-01T08:00:00.000Z');
  let nurse: StaffMember;
  let leader: StaffMember;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    const contact = (userId: string) => ({
      userId,
      tenantId: 'tenant-1',
      serviceUrl: connector.serviceUrl,
    });
    nurse = {
      id: 'aad-kr-nurse',
      name: 'Nina Nettverk',
      roles: ['nurse'],
      zoneIds: ['nord'],
      locale: 'nb',
      contact: contact('29:aad-kr-nurse'),
    };
    leader = {
      id: 'aad-kr-leader',
      name: 'Lise Leder',
      roles: ['leader'],
      zoneIds: ['nord'],
      locale: 'nb',
      contact: contact('29:aad-kr-leader'),
    };
    for (const m of [nurse, leader]) await bot.store.roster.put(m);
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const remindersTo = (userId: string, since: number) =>
    connector.calls
      .slice(since)
      .filter((c) => c.kind === 'createConversation' && c.body.members?.[0]?.id === userId);
  const texts = (since: number) =>
    connector.calls
      .slice(since)
      .filter((c) => c.kind !== 'createConversation')
      .map((c) => JSON.stringify(c.body));

  it('reminds the nurse of her first-year items at the next start of working time, once, then her leader', async () => {
    const chat = botChat(bot, connector);
    const { cards } = await chat.ask('kompetanse', nurse);
    const { verb, data } = executeAction(cards[0], 'Lagre');
    await chat.press(verb, { ...data, appointedAt: '2025-09-10' }, nurse);

    let mark = connector.calls.length;
    await bot.app.escalate(clock.now());
    clock.set('2026-06-10T21:59:00.000Z');
    await bot.app.escalate(clock.now());
    expect(remindersTo('29:aad-kr-nurse', mark)).toEqual([]);

    // Thursday 11 June, 08:00 in Oslo: both first-year items, to her personal chat.
    mark = connector.calls.length;
    clock.set('2026-06-11T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    expect(remindersTo('29:aad-kr-nurse', mark)).toHaveLength(2);
    const sent = texts(mark).join('\n');
    expect(sent).toContain(
      'Kompetanseplan: Introduksjonskurs med leder (første år) er ikke registrert',
    );
    expect(sent).toContain('Kompetanseplan: Hospitering (første år) er ikke registrert');
    // Her button opens her own plan, not `sak <name>`.
    expect(sent).toContain('"value":"kompetanse"');
    expect(sent).not.toContain('"value":"sak ');
    expect(remindersTo('29:aad-kr-leader', mark)).toEqual([]);

    mark = connector.calls.length;
    clock.set('2026-06-11T07:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect(remindersTo('29:aad-kr-leader', mark)).toHaveLength(2);
    expect(texts(mark).join('\n')).toContain('Kompetanseplan for Nina Nettverk');
    // The leader's opens the zone's overview, where the nurse is one row.
    expect(texts(mark).join('\n')).toContain('"value":"kompetanse nord"');
  });

  it('lists the open items in the leader’s overdue list', async () => {
    const chat = botChat(bot, connector);
    const { cards } = await chat.ask('forfalte nord', leader);
    expect(JSON.stringify(cards)).toContain('Nina Nettverk');
    expect(JSON.stringify(cards)).toContain('Hospitering (første år)');
    expect(JSON.stringify(cards)).toContain('"value":"kompetanse nord"');
  });

  it('keeps the items out of FVE’s lists: they are staff data', async () => {
    const fve: StaffMember = { id: 'aad-kr-fve', name: 'Frida FVE', roles: ['fve'], zoneIds: [] };
    await bot.store.roster.put(fve);
    const chat = botChat(bot, connector);
    const { cards } = await chat.ask('forfalte nord', fve);
    expect(JSON.stringify(cards)).not.toContain('Nina Nettverk');
  });
});
