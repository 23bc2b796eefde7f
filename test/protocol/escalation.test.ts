import type { StaffMember } from '../../src/domain/roster';
import { cardAction, cardFacts, pressCardButton } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const CHANNEL = '19:nord@thread.tacv2';

describe('escalation messages through the Bot Connector', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  // Friday 6 March 2026 14:00 Oslo; cases registered now are due today 15:30 (14:30Z).
  const clock = fixedClock('2026-03-06T13:00:00.000Z');
  const fve: StaffMember = { id: 'aad-fve', name: 'Frida', roles: ['fve'], zoneIds: [] };
  let nurse: StaffMember;
  let leader: StaffMember;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    nurse = {
      id: 'aad-nurse',
      name: 'Nina',
      roles: ['nurse'],
      zoneIds: ['nord'],
      contact: { userId: '29:nina', tenantId: 'tenant-1', serviceUrl: connector.serviceUrl },
    };
    leader = {
      id: 'aad-leader',
      name: 'Lise',
      roles: ['leader'],
      zoneIds: ['nord'],
      contact: { userId: '29:lise', tenantId: 'tenant-1', serviceUrl: connector.serviceUrl },
    };
    for (const m of [fve, nurse, leader]) await bot.store.roster.put(m);
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, CHANNEL));
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const register = async (patientRef: string) => {
    const result = await bot.app.workflow.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-06T12:00:00.000Z',
        patientRef,
        registerHsyre: true,
      },
      fve,
    );
    if (!result.ok) throw new Error(result.error.code);
    return result.case;
  };
  const textOf = (body: { attachments?: { content: { body: { text: string }[] } }[] }) =>
    body.attachments?.[0]?.content.body[0].text ?? '';
  const personalChatsWith = (userId: string) =>
    connector.calls.filter(
      (c) => c.kind === 'createConversation' && c.body.members?.[0]?.id === userId,
    );

  it('reminds the claiming nurse in personal chat and the zone channel while unclaimed; tells the leader at the deadline', async () => {
    const unclaimed = await register('P-UNCLAIMED');
    const claimed = await register('P-CLAIMED');
    await bot.app.workflow.act(claimed.id, { type: 'claim' }, nurse);
    connector.calls.length = 0;

    clock.set('2026-03-06T12:31:00.000Z'); // 13:31: the reminder is due two hours before 15:30
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    expect(personalChatsWith('29:nina')).toHaveLength(1);
    const toNina = connector.calls.find(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') && c.conversationId?.startsWith('conversation-'),
    );
    expect(textOf(toNina?.body)).toBe(
      `Påminnelse: sak ${claimed.code} har frist fredag 6. mars kl. 15:30 (første telefonkontakt).`,
    );
    const inThread = connector.calls.find(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') &&
        c.conversationId === unclaimed.card?.conversationId,
    );
    expect(textOf(inThread?.body)).toContain(`sak ${unclaimed.code}`);

    // A second pass in the same minute, or after a restart, sends nothing again.
    expect((await bot.app.escalate(clock.now())).notified).toBe(0);

    connector.calls.length = 0;
    clock.set('2026-03-06T14:40:00.000Z'); // 10 minutes past the deadline
    // Teams throttles one send and fails another: both retried (by the connector client), not lost.
    connector.refuseNext(1, 429);
    connector.refuseNext(1, 503);
    expect((await bot.app.escalate(clock.now())).notified).toBe(2);
    const toLeader = connector.calls.filter(
      (c) => c.conversationId?.startsWith('conversation-') && textOf(c.body).startsWith('Forfalt:'),
    );
    expect(toLeader.map((c) => textOf(c.body)).sort()).toEqual(
      [
        `Forfalt: sak ${claimed.code} passerte fristen fredag 6. mars kl. 15:30 (første telefonkontakt) for 10 min siden.`,
        `Forfalt: sak ${unclaimed.code} passerte fristen fredag 6. mars kl. 15:30 (første telefonkontakt) for 10 min siden.`,
      ].sort(),
    );
    expect(personalChatsWith('29:lise')).toHaveLength(2);
    // The refused sends were retried, not given up to the channel fallback.
    const inChannel = connector.calls.filter(
      (c) => c.conversationId?.startsWith(CHANNEL) && textOf(c.body).startsWith('Forfalt:'),
    );
    expect(inChannel).toHaveLength(0);
    const updated = connector.calls.filter(
      (c) => c.kind === 'update' && c.activityId === claimed.card?.activityId,
    );
    expect(cardFacts(updated.at(-1)?.body.attachments[0].content).Frist).toMatch(/^FORFALT: /);
  });

  it('falls back to the zone channel, mentioning the leader, when the personal chat cannot be reached', async () => {
    const overdueOne = async (patientRef: string, teamsRefuses?: number) => {
      clock.set('2026-03-06T13:00:00.000Z');
      const c = await register(patientRef);
      if (teamsRefuses) connector.refuseNext(1, teamsRefuses);
      clock.set('2026-03-06T14:45:00.000Z');
      expect((await bot.app.escalate(clock.now())).looked).toBe(1);
      return c;
    };
    connector.calls.length = 0;
    // The app is not installed for the leader: Teams answers 403, which is not retried.
    const notInstalled = await overdueOne('P-403', 403);
    // The leader never wrote to the bot: no Teams address is known.
    await bot.store.roster.put({ ...leader, contact: undefined });
    const unknown = await overdueOne('P-NOCONTACT');
    await bot.store.roster.put(leader);
    for (const c of [notInstalled, unknown]) {
      const inThread = connector.calls.filter(
        (call) =>
          (call.kind === 'send' || call.kind === 'reply') &&
          call.conversationId === c.card?.conversationId,
      );
      expect(inThread).toHaveLength(1);
      const card = inThread[0].body.attachments[0].content;
      expect(textOf(inThread[0].body)).toBe(
        `Forfalt: sak ${c.code} passerte fristen fredag 6. mars kl. 15:30 (første telefonkontakt) for 15 min siden.`,
      );
      expect(card.body[1].text).toBe('<at>Lise</at>');
      expect(card.msteams.entities).toEqual([
        {
          type: 'mention',
          text: '<at>Lise</at>',
          mentioned: { id: expect.any(String), name: 'Lise' },
        },
      ]);
    }
  });

  it('lets the nurse snooze a silent-claim reminder from the personal chat, never past the deadline', async () => {
    clock.set('2026-03-06T13:00:00.000Z');
    const c = await register('P-SNOOZE');
    await bot.app.escalate(clock.now()); // the routine's reminder, to the channel while unclaimed
    await bot.app.workflow.act(c.id, { type: 'claim' }, nurse);
    connector.calls.length = 0;
    clock.set('2026-03-06T14:00:00.000Z'); // 15:00 Oslo: one hour after the claim
    expect((await bot.app.escalate(clock.now())).notified).toBe(1);
    const reminder = connector.calls.find(
      (call) => call.conversationId?.startsWith('conversation-') && call.body.attachments,
    );
    const card = reminder?.body.attachments[0].content;
    expect(textOf(reminder?.body)).toBe(
      `Påminnelse: du har sak ${c.code}, men ingen kontakt er registrert ennå. Fristen for første telefonkontakt er fredag 6. mars kl. 15:30.`,
    );
    const press = (title: string) =>
      pressCardButton({ botUrl: bot.url, serviceUrl: connector.serviceUrl }, card, title, {
        from: { id: '29:nina', aadObjectId: nurse.id },
        conversation: { id: reminder?.conversationId ?? '', conversationType: 'personal' },
        replyToId: reminder?.activityId,
      });
    const answer = await press('Utsett 4 t');
    expect(answer.card.body.map((b: { text?: string }) => b.text)).toContain(
      `Påminnelser om sak ${c.code} er utsatt til fredag 6. mars kl. 15:30.`,
    );
    expect((await bot.store.cases.get(c.id))?.snoozedUntil).toBe('2026-03-06T14:30:00.000Z');
    expect(cardAction(card, 'Utsett 1 t').data).toMatchObject({ caseId: c.id, minutes: 60 });
  });
});
