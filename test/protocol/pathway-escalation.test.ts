import type { StaffMember } from '../../src/domain/roster';
import { cardFacts, messageActivity, postActivity, pressCardButton } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const API_KEY = 'e'.repeat(40);
const CHANNEL = '19:nord-pf-esc@thread.tacv2';

/*
 * Diagnosed Wednesday 10 December 2025: point 2's window runs from 10 March to Friday 10 April
 * 2026 15:30 (13:30Z). The pathway policy's levels: a reminder 7 days before (Good Friday,
 * 3 April: delivered at the next start of working time, Tuesday 7 April 08:00 after Easter
 * Monday), the zone leader at the close, FVE 24 hours after (Saturday: Monday 13 April 08:00).
 */
describe('Pakkeforløp hjem escalation through the deadline engine', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const clock = fixedClock('2026-03-09T09:00:00.000Z');
  let nurse: StaffMember;
  let leader: StaffMember;
  let fve: StaffMember;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { REFERRAL_API_KEYS: API_KEY, LOG_LEVEL: 'silent' } });
    const contact = (userId: string) => ({
      userId,
      tenantId: 'tenant-1',
      serviceUrl: connector.serviceUrl,
    });
    nurse = {
      id: 'aad-nina',
      name: 'Nina',
      roles: ['nurse'],
      zoneIds: ['nord'],
      contact: contact('29:nina'),
    };
    leader = {
      id: 'aad-lise',
      name: 'Lise',
      roles: ['leader'],
      zoneIds: ['nord'],
      contact: contact('29:lise'),
    };
    fve = {
      id: 'aad-frida',
      name: 'Frida',
      roles: ['fve'],
      zoneIds: [],
      contact: contact('29:frida'),
    };
    for (const m of [nurse, leader, fve]) await bot.store.roster.put(m);
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, CHANNEL));
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  let patientNo = 0;
  const register = async (hasServices: boolean) => {
    const response = await fetch(`${bot.url}/api/pakkeforlop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        zoneId: 'nord',
        patientRef: `DIPS-ESC-${++patientNo}`,
        diagnosisDate: '2025-12-10',
        hasServices,
      }),
    });
    expect(response.status).toBe(201);
    const { id, code } = (await response.json()) as { id: string; code: string };
    const stored = await bot.store.pathways.get(id);
    const card = stored?.points[0].card;
    if (!card) throw new Error('the point 2 card was not posted at registration');
    const post = connector.calls.find(
      (c) =>
        c.kind === 'createConversation' &&
        c.body.activity.attachments[0].content.body[0].items[0].text.endsWith(code),
    );
    return { id, code, card, content: post?.body.activity.attachments[0].content };
  };
  const press = (
    card: { content: unknown; card: { activityId: string } },
    title: string,
    who: StaffMember,
  ) =>
    pressCardButton(
      { botUrl: bot.url, serviceUrl: connector.serviceUrl },
      card.content as never,
      title,
      {
        // As Teams knows them: pressing a button teaches the bot where to reach them.
        from: { id: who.contact?.userId ?? `29:${who.id}`, aadObjectId: who.id },
        conversation: {
          id: `${CHANNEL};messageid=${card.card.activityId}`,
          conversationType: 'channel',
        },
        replyToId: card.card.activityId,
      },
    );

  const textOf = (body: { attachments?: { content: { body: { text: string }[] } }[] }) =>
    body?.attachments?.[0]?.content.body[0].text ?? '';
  /** Messages (not card updates) sent since `from`, as `<where>: <text>`. */
  const messagesSince = (from: number) => {
    const opened = new Map(
      connector.calls
        .filter((c) => c.kind === 'createConversation' && c.body.members?.[0]?.id)
        .map((c, i) => [`conversation-${i}`, c.body.members[0].id as string]),
    );
    return connector.calls
      .slice(from)
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && textOf(c.body))
      .map((c) => ({
        where: c.conversationId?.startsWith(CHANNEL) ? 'channel' : 'personal',
        conversationId: c.conversationId,
        text: textOf(c.body),
        body: c.body,
        opened,
      }));
  };
  const personalChatsWith = (userId: string, since: number) =>
    connector.calls
      .slice(since)
      .filter((c) => c.kind === 'createConversation' && c.body.members?.[0]?.id === userId);

  it('reminds the performer once in working time, tells the leader at the close and FVE a day after; nothing for a point already held', async () => {
    const claimed = await register(true);
    const unclaimed = await register(false);
    const held = await register(true);
    await press(claimed, 'Jeg tar den', nurse);
    await press(held, 'Jeg tar den', nurse);
    await bot.app.pathways.act(
      held.id,
      { type: 'recordHeld', point: 2, date: '2026-03-09', nextOfKinPresent: false },
      nurse,
    );
    expect((await bot.store.pathways.get(held.id))?.points[0].nextDueAt).toBeNull();
    // The level's time (Good Friday 15:30) moved into working time: Tuesday 7 April 08:00.
    expect((await bot.store.pathways.get(claimed.id))?.points[0].nextDueAt).toBe(
      '2026-04-07T06:00:00.000Z',
    );

    // Nothing before the level; at Good Friday 15:31 the level is due but not delivered.
    let mark = connector.calls.length;
    for (const at of [
      '2026-04-03T13:29:00.000Z',
      '2026-04-03T13:31:00.000Z',
      '2026-04-06T10:00:00.000Z',
    ]) {
      clock.set(at);
      expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    }
    expect(messagesSince(mark)).toEqual([]);

    // Tuesday 7 April 08:00, the first working minute after Easter: once, whatever runs again.
    clock.set('2026-04-07T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    clock.set('2026-04-07T06:01:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    const reminders = messagesSince(mark);
    expect(reminders.map((m) => [m.where, m.text]).sort()).toEqual(
      [
        [
          'personal',
          `Påminnelse: vinduet for samtale 2 i Pakkeforløp hjem (${claimed.code}-2) lukkes fredag 10. april kl. 15:30, og samtalen er ikke registrert ennå.`,
        ],
        // Nobody has the coordinator's point: its card's thread in the zone channel is told.
        [
          'channel',
          `Påminnelse: vinduet for samtale 2 i Pakkeforløp hjem (${unclaimed.code}-2) lukkes fredag 10. april kl. 15:30, og samtalen er ikke registrert ennå.`,
        ],
      ].sort(),
    );
    expect(personalChatsWith('29:nina', mark)).toHaveLength(1);
    expect(reminders.find((m) => m.where === 'channel')?.conversationId).toBe(
      unclaimed.card.conversationId,
    );
    // The reminder opens the point: `sak <kode>-2`.
    expect(JSON.stringify(reminders.find((m) => m.where === 'personal')?.body)).toContain(
      `sak ${claimed.code}-2`,
    );

    // The window closes on Friday 10 April 15:30 without a conversation: the zone leader.
    mark = connector.calls.length;
    clock.set('2026-04-10T13:30:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect(
      messagesSince(mark)
        .map((m) => m.text)
        .sort(),
    ).toEqual(
      [claimed.code, unclaimed.code]
        .map(
          (code) =>
            `Vinduet for samtale 2 i Pakkeforløp hjem (${code}-2) lukket fredag 10. april kl. 15:30 uten at samtalen er registrert.`,
        )
        .sort(),
    );
    expect(personalChatsWith('29:lise', mark)).toHaveLength(2);
    // The channel card says the window closed, for everybody.
    const closedCard = connector.calls
      .filter((c) => c.kind === 'update' && c.activityId === claimed.card.activityId)
      .at(-1)?.body.attachments[0].content;
    expect(cardFacts(closedCard).Vindu).toBe(
      'LUKKET: 10. mars 2026 – fredag 10. april 2026 kl. 15:30',
    );

    // The leaders' overdue list has the points, as the engine's registry serves every kind.
    const before = connector.calls.length;
    await postActivity(
      bot.url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: 'forfalte',
        from: { id: '29:lise', aadObjectId: leader.id },
        conversationId: 'a:lise',
      }),
    );
    const [list] = (await connector.waitForCalls(before + 1)).slice(before);
    const listed = JSON.stringify(list.body);
    expect(listed).toContain(`${claimed.code}-2`);
    expect(listed).toContain(`${unclaimed.code}-2`);
    expect(listed).not.toContain(`${held.code}-2`);

    // 24 hours after is a Saturday: FVE hears on Monday 08:00, once.
    mark = connector.calls.length;
    clock.set('2026-04-11T13:31:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    clock.set('2026-04-13T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect(personalChatsWith('29:frida', mark)).toHaveLength(2);
    expect(messagesSince(mark).map((m) => m.text)).toEqual(
      expect.arrayContaining([
        `Vinduet for samtale 2 i Pakkeforløp hjem (${claimed.code}-2) lukket fredag 10. april kl. 15:30 for 2 d 16 t siden, fortsatt uten registrert samtale.`,
      ]),
    );
    clock.set('2026-04-14T06:00:00.000Z');
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);
    for (const { id } of [claimed, unclaimed]) {
      expect((await bot.store.pathways.get(id))?.points[0].nextDueAt).toBeNull();
    }
  });
});
