import { pathwayJobs } from '../../src/app/pathway-jobs';
import type { StaffMember } from '../../src/domain/roster';
import {
  type cardAction,
  cardFacts,
  channelMessageActivity,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
  pressCardButton,
} from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const API_KEY = 'p'.repeat(40);
const NORD_CHANNEL = '19:nord-pf@thread.tacv2';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
): StaffMember => ({ id, name, roles, zoneIds });
const fve = member('aad-fve', 'Frida Forvaltning', ['fve'], []);
const leader = member('aad-leader', 'Lise Leder', ['leader'], ['nord']);
const coordinator = member('aad-cc', 'Kari Kreftkoordinator', ['cancerCoordinator'], []);
const nurses = Array.from({ length: 20 }, (_, i) =>
  member(`aad-nurse-${i}`, `Sykepleier ${i}`, ['nurse'], ['nord']),
);
const outsider = member('aad-sor-nurse', 'Siri Sør', ['nurse'], ['sor']);
const admin = member('aad-admin', 'Ada Admin', ['admin'], []);
/** Somebody Teams knows and the roster does not. */
const stranger = member('aad-stranger', 'Ukjent', ['nurse'], ['nord']);

type CardJson = Parameters<typeof cardAction>[0];
const from = (m: StaffMember) => ({ id: `29:${m.id}`, aadObjectId: m.id });
/** The card's text blocks, where an action's outcome shows. */
// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON
const texts = (card: any): string[] =>
  (card.body ?? []).flatMap((b: { text?: string; items?: { text?: string }[] }) => [
    ...(b.text ? [b.text] : []),
    ...(b.items ?? []).flatMap((i) => (i.text ? [i.text] : [])),
  ]);
const titles = (card: CardJson) => (card.actions ?? []).map((a) => a.title);

describe('Pakkeforløp hjem in Teams: the point cards, their buttons and `sak <kode>`', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  // Monday 9 March 2026 10:00 Oslo.
  const clock = fixedClock('2026-03-09T09:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { REFERRAL_API_KEYS: API_KEY, LOG_LEVEL: 'silent' } });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [fve, leader, coordinator, outsider, admin, ...nurses]) {
      await bot.store.roster.put(m);
    }
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => {
    clock.set('2026-03-09T09:00:00.000Z');
  });

  let patientNo = 0;
  /** Registers over REST; by default diagnosed 15 December, so point 2's card is due already. */
  async function register(overrides: object = {}) {
    const patientRef = `DIPS-PF-${++patientNo}`;
    const response = await fetch(`${bot.url}/api/pakkeforlop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        zoneId: 'nord',
        patientRef,
        diagnosisDate: '2025-12-15',
        hasServices: true,
        ...overrides,
      }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; code: string };
    return { ...created, patientRef };
  }

  /** The channel posts of a pathway's point cards, newest last. */
  const posts = (code: string, point = 2) =>
    connector.calls.filter(
      (c) =>
        c.kind === 'createConversation' &&
        c.conversationId === NORD_CHANNEL &&
        c.body.activity.attachments[0].content.body[0].items[0].text ===
          `Pakkeforløp hjem: samtale ${point} · ${code}`,
    );
  const updates = (activityId: string) =>
    connector.calls.filter((c) => c.kind === 'update' && c.activityId === activityId);

  /** The point card as posted in the channel, and where it lives. */
  async function channelCard(code: string, point = 2) {
    const stored = await bot.store.pathways.getByCode(code);
    const location = stored?.points.find((pt) => pt.point === point)?.card;
    const [post] = posts(code, point);
    if (!location || !post) throw new Error(`no card for ${code}-${point}`);
    return { card: post.body.activity.attachments[0].content, activityId: location.activityId };
  }

  const pressInChannel = (card: CardJson, title: string, who: StaffMember, activityId: string) =>
    pressCardButton({ botUrl: bot.url, serviceUrl: connector.serviceUrl }, card, title, {
      from: from(who),
      conversation: { id: `${NORD_CHANNEL};messageid=${activityId}`, conversationType: 'channel' },
      replyToId: activityId,
    });
  const pressInPersonalChat = (
    card: CardJson,
    title: string,
    who: StaffMember,
    inputs: object = {},
  ) =>
    pressCardButton(
      { botUrl: bot.url, serviceUrl: connector.serviceUrl },
      card,
      title,
      {
        from: from(who),
        conversation: { id: `a:${who.id}`, conversationType: 'personal' },
        replyToId: 'personal-card',
      },
      inputs,
    );

  /** `text` in `who`'s personal chat; the bot's answer. */
  async function say(text: string, who: StaffMember) {
    const before = connector.calls.length;
    await postActivity(
      bot.url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text,
        from: from(who),
        conversationId: `a:${who.id}`,
      }),
    );
    const calls = await connector.waitForCalls(before + 1);
    return calls[before].body;
  }
  const personalCard = async (code: string, who: StaffMember) =>
    (await say(`sak ${code}`, who)).attachments[0].content;

  it('posts a point card once, when its notice time comes: the job driven by the clock', async () => {
    // Diagnosed 5 January: point 2 opens 5 April; its card is due 21 days before, on Sunday
    // 15 March, so at the start of working time on Monday 16 March.
    const { code, id, patientRef } = await register({ diagnosisDate: '2026-01-05' });
    const [job] = pathwayJobs({ workflow: bot.app.pathways, cron: '* * * * *', batch: 50 });
    expect(job.name).toBe('pathway-cards');

    clock.set('2026-03-16T06:59:00.000Z');
    await job.run(clock.now());
    expect(posts(code)).toHaveLength(0);

    clock.set('2026-03-16T07:00:00.000Z');
    // Two instances' jobs at the same moment, and a third a minute later: one card.
    await Promise.all([job.run(clock.now()), job.run(clock.now())]);
    clock.set('2026-03-16T07:01:00.000Z');
    await job.run(clock.now());
    expect(posts(code)).toHaveLength(1);
    expect(posts(code, 3)).toHaveLength(0);

    const { card } = await channelCard(code);
    expect(cardFacts(card)).toEqual({
      Sone: 'Sone Nord',
      Vindu: '5. april 2026 – tirsdag 5. mai 2026 kl. 15:30',
      'Utføres av': 'ressurssykepleier i sonen',
      'Tatt av': 'Ingen ennå',
    });
    expect(texts(card)).toContain('Status: Venter');
    expect(titles(card)).toEqual(['Jeg tar den']);
    // The channel card holds no record reference and no diagnosis date.
    expect(JSON.stringify(card)).not.toContain(patientRef);
    expect(JSON.stringify(card)).not.toContain('2026-01-05');
    expect(JSON.stringify(card)).not.toMatch(/5\. januar/);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    const stored = await bot.store.pathways.get(id);
    expect(stored?.history.map((h) => h.action)).toEqual(['registerPathway', 'postCard']);
    expect(await bot.store.markers.get(`pathway-card:${id}:2`)).toMatchObject({ status: 'sent' });
  });

  it('posts the card at registration when the notice time has already passed', async () => {
    const { code } = await register();
    expect(posts(code)).toHaveLength(1);
    expect(cardFacts((await channelCard(code)).card).Vindu).toBe(
      '15. mars 2026 – onsdag 15. april 2026 kl. 15:30',
    );
  });

  it('lets exactly one of 20 nurses pressing "Jeg tar den" at once have the point; the others are told who', async () => {
    const { code, id } = await register();
    const { card, activityId } = await channelCard(code);
    const answers = await Promise.all(
      nurses.map((n) => pressInChannel(card, 'Jeg tar den', n, activityId)),
    );
    const stored = await bot.store.pathways.get(id);
    const winner = nurses.find((n) => n.id === stored?.points[0].claimedBy);
    if (!winner) throw new Error('nobody has the point');
    const refused = answers.filter((a) =>
      texts(a.card).includes(`Samtalen er allerede tatt av ${winner.name}.`),
    );
    expect(refused).toHaveLength(19);
    expect(answers.filter((a) => cardFacts(a.card)['Tatt av'] === winner.name)).toHaveLength(20);
    expect(stored?.history.filter((h) => h.action === 'claimPoint')).toHaveLength(1);
    // Only the winner changed it: one in-place update of the one channel message.
    expect(updates(activityId)).toHaveLength(1);
    expect(cardFacts(updates(activityId)[0].body.attachments[0].content)['Tatt av']).toBe(
      winner.name,
    );
  });

  describe('who may press what (the roster decides, never the card)', () => {
    it.each([
      [
        'somebody not in the roster',
        stranger,
        'message',
        'Du står ikke i bottens liste over ansatte.',
      ],
      [
        'a nurse of another zone',
        outsider,
        'message',
        'Fant ingen slik sak som du har tilgang til.',
      ],
      [
        'FVE (not the performer here)',
        fve,
        'note',
        'Denne samtalen holdes av ressurssykepleier i sonen.',
      ],
      [
        'the cancer coordinator (not the performer here)',
        coordinator,
        'note',
        'Denne samtalen holdes av ressurssykepleier i sonen.',
      ],
      ['the zone leader', leader, 'note', 'Denne samtalen holdes av ressurssykepleier i sonen.'],
      ['a nurse of the zone', nurses[3], 'claimed', 'Sykepleier 3'],
    ] as const)('%s: zone resource nurse point', async (_who, who, outcome, expected) => {
      const { code, id } = await register({ hasServices: true });
      const { card, activityId } = await channelCard(code);
      const answer = await pressInChannel(card, 'Jeg tar den', who, activityId);
      const stored = await bot.store.pathways.get(id);
      if (outcome === 'message') {
        expect(answer.card).toBeUndefined();
        expect(answer.message).toMatch(new RegExp(`^${expected}`));
      } else if (outcome === 'note') {
        expect(texts(answer.card)).toContain(expected);
      } else {
        expect(cardFacts(answer.card)['Tatt av']).toBe(expected);
      }
      expect(stored?.points[0].claimedBy ?? null).toBe(outcome === 'claimed' ? who.id : null);
      expect(updates(activityId)).toHaveLength(outcome === 'claimed' ? 1 : 0);
    });

    it('gives a cancer coordinator point to the coordinator, not to the zone nurses', async () => {
      const { code, id } = await register({ hasServices: false });
      const { card, activityId } = await channelCard(code);
      expect(cardFacts(card)['Utføres av']).toBe('kreftkoordinator');
      const byNurse = await pressInChannel(card, 'Jeg tar den', nurses[0], activityId);
      expect(texts(byNurse.card)).toContain('Denne samtalen holdes av kreftkoordinator.');
      const byCoordinator = await pressInChannel(card, 'Jeg tar den', coordinator, activityId);
      expect(cardFacts(byCoordinator.card)['Tatt av']).toBe('Kari Kreftkoordinator');
      expect((await bot.store.pathways.get(id))?.points[0].claimedBy).toBe(coordinator.id);
    });
  });

  it('records the conversation step by step, the channel card updated in place and no content in it', async () => {
    const { code, id, patientRef } = await register();
    const nurse = nurses[1];
    const { card, activityId } = await channelCard(code);
    const claimed = await pressInChannel(card, 'Jeg tar den', nurse, activityId);
    expect(titles(claimed.card)).toEqual([
      'Invitasjon og skjema sendt',
      'Takket nei',
      'Slipp samtalen',
    ]);
    const invited = await pressInChannel(
      claimed.card,
      'Invitasjon og skjema sendt',
      nurse,
      activityId,
    );
    expect(texts(invited.card)).toContain('Status: Invitert');
    expect(cardFacts(invited.card)['Invitasjon og kartleggingsskjema']).toBe('sendt 9. mars 2026');

    // The conversation itself is recorded in the personal chat, where inputs arrive.
    const personal = await personalCard(`${code}-2`, nurse);
    expect(cardFacts(personal).Journalreferanse).toBe(patientRef);
    expect(titles(personal)).toEqual(['Samtale holdt', 'Takket nei', 'Slipp samtalen']);
    const noDate = await pressInPersonalChat(personal, 'Samtale holdt', nurse, {
      heldOn: '',
      nextOfKinPresent: 'false',
    });
    expect(noDate.message).toBe('Sjekk feltene: heldOn. Ingenting er lagret.');
    const tomorrow = await pressInPersonalChat(personal, 'Samtale holdt', nurse, {
      heldOn: '2026-03-10',
      nextOfKinPresent: 'false',
    });
    expect(texts(tomorrow.card)).toContain(
      'Datoen for samtalen må være mellom diagnosedatoen 2025-12-15 og i dag 2026-03-09.',
    );
    const held = await pressInPersonalChat(personal, 'Samtale holdt', nurse, {
      heldOn: '2026-03-09',
      nextOfKinPresent: 'true',
    });
    expect(texts(held.card)).toContain('Status: Samtale holdt');
    expect(cardFacts(held.card)['Samtale holdt']).toBe('9. mars 2026, pårørende til stede: ja');

    const topic = await pressInPersonalChat(held.card, 'Lagre tema', nurse, {
      topic: 'mentalHealth',
      topicStatus: 'followUpNeeded',
    });
    expect(cardFacts(topic.card)['Psykisk helse']).toBe('Trenger oppfølging');
    const second = await pressInPersonalChat(topic.card, 'Lagre tema', nurse, {
      topic: 'nutrition',
      topicStatus: 'discussed',
    });
    expect(cardFacts(second.card).Temaer).toBe('2 tatt opp, 1 trenger oppfølging');

    const inChannel = updates(activityId).at(-1)?.body.attachments[0].content;
    expect(cardFacts(inChannel).Temaer).toBe('2 tatt opp, 1 trenger oppfølging');
    // Which topics were raised is never shown in the channel, nor the record reference.
    expect(JSON.stringify(inChannel)).not.toContain('Psykisk helse');
    expect(JSON.stringify(inChannel)).not.toContain(patientRef);

    let current = inChannel;
    for (const title of [
      'Termometer (NCCN) tilbudt',
      'Dokumentert i journal',
      'Kopi sendt fastlege',
    ]) {
      current = (await pressInChannel(current, title, nurse, activityId)).card;
    }
    expect(cardFacts(current).Sjekkliste).toBe(
      'Termometer (NCCN) tilbudt: ja · Dokumentert i journal: ja · Kopi til fastlege: ja',
    );
    expect(titles(current)).toContain('Angre: Kopi sendt fastlege');
    // The same button pressed again from the same (old) card changes nothing.
    const replay = await pressInChannel(inChannel, 'Kopi sendt fastlege', nurse, activityId);
    expect(texts(replay.card)).toContain('Dette var allerede registrert. Ingenting er endret.');

    const stored = await bot.store.pathways.get(id);
    expect(stored?.history.map((h) => h.action)).toEqual([
      'registerPathway',
      'postCard',
      'claimPoint',
      'recordInvitation',
      'recordHeld',
      'setTopic',
      'setTopic',
      'setChecklist',
      'setChecklist',
      'setChecklist',
    ]);
    // Done: no deadline runs for point 2 any more.
    expect(stored?.points[0].nextDueAt).toBeNull();
    expect(posts(code)).toHaveLength(1);
    expect(new Set(updates(activityId).map((u) => u.activityId))).toEqual(new Set([activityId]));
    // Every showing of the personal card and every change is in the access log (one clock
    // instant: the log orders by time, then by id, so the entries are compared as a set).
    expect(
      (await bot.store.accessLog.byCase(id)).map((e) => `${e.action}@${e.via}`).sort(),
    ).toEqual(
      [
        'registerPathway@rest',
        'claimPoint@channel',
        'recordInvitation@channel',
        'view@personal',
        // The refused ones were shown (the personal card), not changed.
        'view@personal',
        'view@personal',
        'recordHeld@personal',
        'view@personal',
        'setTopic@personal',
        'view@personal',
        'setTopic@personal',
        'setChecklist@channel',
        'setChecklist@channel',
        'setChecklist@channel',
      ].sort(),
    );
  });

  it('records a decline with a date to ask again, lets the leader take the point back, and FVE close the pathway with a reason', async () => {
    const { code, id } = await register();
    const nurse = nurses[2];
    const { card, activityId } = await channelCard(code);
    await pressInChannel(card, 'Jeg tar den', nurse, activityId);
    const personal = await personalCard(`${code}-2`, nurse);
    const late = await pressInPersonalChat(personal, 'Takket nei', nurse, {
      askAgainOn: '2026-05-01',
    });
    expect(texts(late.card)).toContain(
      'Ny dato må være etter 2026-03-09 og senest 2026-04-15, vinduets siste dag.',
    );
    const declined = await pressInPersonalChat(personal, 'Takket nei', nurse, {
      askAgainOn: '2026-03-23',
    });
    expect(cardFacts(declined.card)['Takket nei']).toBe('9. mars 2026, spør igjen 23. mars 2026');
    // Asked again later: the window still runs.
    expect((await bot.store.pathways.get(id))?.points[0].nextDueAt).not.toBeNull();

    const channelNow = updates(activityId).at(-1)?.body.attachments[0].content;
    const byOther = await pressInChannel(channelNow, 'Slipp samtalen', nurses[3], activityId);
    expect(texts(byOther.card)).toContain('Det er Sykepleier 2 som har samtalen.');
    const released = await pressInChannel(channelNow, 'Slipp samtalen', leader, activityId);
    expect(texts(released.card)).toContain('Status: Venter');
    expect(cardFacts(released.card)['Tatt av']).toBe('Ingen ennå');

    // Closing is the contact point's, from the pathway's own card in a personal chat.
    const asNurse = await personalCard(code, nurse);
    expect(titles(asNurse)).toEqual(['Åpne samtale 2', 'Åpne samtale 3', 'Avslutt forløpet']);
    const refused = await pressInPersonalChat(asNurse, 'Avslutt forløpet', nurse, {
      reason: 'moved',
    });
    expect(texts(refused.card)).toContain('Du har ikke rollen som trengs for dette.');
    const overview = await personalCard(code, fve);
    expect(cardFacts(overview)['Samtale 2']).toBe(
      '15. mars 2026 – onsdag 15. april 2026 kl. 15:30 · ressurssykepleier i sonen · Venter',
    );
    const noNote = await pressInPersonalChat(overview, 'Avslutt forløpet', fve, {
      reason: 'other',
    });
    expect(noNote.message).toBe('Sjekk feltene: note. Ingenting er lagret.');
    const closed = await pressInPersonalChat(overview, 'Avslutt forløpet', fve, {
      reason: 'moved',
    });
    expect(texts(closed.card)).toContain('Status: Avsluttet');
    expect(cardFacts(closed.card).Avsluttet).toBe('Flyttet');
    const channelClosed = updates(activityId).at(-1)?.body.attachments[0].content;
    expect(texts(channelClosed)).toContain('Status: Avsluttet');
    expect(channelClosed.actions ?? []).toEqual([]);
    // An old copy of the card changes nothing on a closed pathway; it is never deleted.
    const late2 = await pressInChannel(card, 'Jeg tar den', nurses[3], activityId);
    expect(texts(late2.card)).toContain('Det kan ikke gjøres nå: status er «Avsluttet».');
    const stored = await bot.store.pathways.get(id);
    expect(stored).toMatchObject({ state: 'closed', closedReason: 'moved', nextDueAt: null });
  });

  it('lets FVE or the coordinator record that the GP was asked and confirmed, where the GP holds point 3', async () => {
    const { code, id } = await register({ gpAgreement: true });
    const card = await personalCard(`${code}-3`, coordinator);
    expect(cardFacts(card)['Utføres av']).toBe('fastlege');
    expect(titles(card)).toEqual(['Fastlege spurt']);
    const byNurse = await pressInPersonalChat(card, 'Fastlege spurt', nurses[0]);
    expect(texts(byNurse.card)).toContain('Du har ikke rollen som trengs for dette.');
    const asked = await pressInPersonalChat(card, 'Fastlege spurt', coordinator);
    expect(cardFacts(asked.card).Fastlege).toBe('spurt: ja, bekreftet: nei');
    const confirmed = await pressInPersonalChat(asked.card, 'Fastlege bekreftet', fve);
    expect(texts(confirmed.card)).toContain('Status: Fastlege bekreftet');
    expect((await bot.store.pathways.get(id))?.points[1].nextDueAt).toBeNull();
  });

  describe('`sak <kode>` for a pathway', () => {
    it('shows the personal card to staff of the zone, FVE and the coordinator, each showing logged', async () => {
      const { code, id, patientRef } = await register();
      for (const who of [nurses[4], leader, fve, coordinator]) {
        const card = await personalCard(`${code}-2`, who);
        expect(card.body[0].items[0].text).toBe(`Pakkeforløp hjem: samtale 2 · ${code}`);
        expect(cardFacts(card).Journalreferanse).toBe(patientRef);
        expect(cardFacts(card).Diagnosedato).toBe('15. desember 2025');
        const history = card.body.find(
          (b: { items?: { text?: string }[] }) => b.items?.[0]?.text === 'Historikk',
        );
        expect(history.items[1].facts.map((f: { value: string }) => f.value)).toEqual([
          'Registrert · Journalsystemet (API)',
          'Kort postet i sonens kanal (2) · Journalsystemet (API)',
        ]);
      }
      const overview = await personalCard(code.toLowerCase(), nurses[4]);
      expect(overview.body[0].items[0].text).toBe(`Pakkeforløp hjem · ${code}`);
      expect(Object.keys(cardFacts(overview))).toEqual(
        expect.arrayContaining(['Samtale 2', 'Samtale 3', 'Journalreferanse']),
      );
      const views = (await bot.store.accessLog.byCase(id)).filter((e) => e.action === 'view');
      // One clock instant: the log orders its entries by time, then by id.
      expect(views.map((e) => e.actorId).sort()).toEqual(
        [nurses[4].id, leader.id, fve.id, coordinator.id, nurses[4].id].sort(),
      );
    });

    it("gives the administrator the pathway's access log with `tilgangslogg <kode>`", async () => {
      const { code } = await register();
      await personalCard(`${code}-2`, nurses[5]);
      const reply = await say(`tilgangslogg ${code}`, admin);
      const card = reply.attachments[0].content;
      expect(JSON.stringify(card)).toContain(`Tilgangslogg for sak ${code}`);
      expect(JSON.stringify(card)).toContain(
        'Sykepleier 5 · Så det personlige kortet · personlig chat',
      );
    });

    it('answers another zone, an unknown code and a stranger as for an unknown case', async () => {
      const { code, id } = await register();
      expect((await say(`sak ${code}-2`, outsider)).text).toBe(
        `Fant ingen sak med koden ${code}-2 som du har tilgang til.`,
      );
      expect((await say(`sak ${code}`, outsider)).text).toBe(
        `Fant ingen sak med koden ${code} som du har tilgang til.`,
      );
      expect((await say('sak QQQQQ-2', nurses[0])).text).toBe(
        'Fant ingen sak med koden QQQQQ-2 som du har tilgang til.',
      );
      expect((await say(`sak ${code}`, stranger)).text).toMatch(/^Du står ikke i bottens liste/);
      expect((await bot.store.accessLog.byCase(id)).filter((e) => e.action === 'view')).toEqual([]);
    });

    it('shows only the channel card in a channel, unlogged', async () => {
      const { code, id, patientRef } = await register();
      const before = connector.calls.length;
      await postActivity(
        bot.url,
        channelMessageActivity({
          serviceUrl: connector.serviceUrl,
          text: `<at>HSYRE-boten</at> sak ${code}-2`,
          from: from(nurses[0]),
          channelConversationId: NORD_CHANNEL,
        }),
      );
      const calls = await connector.waitForCalls(before + 1);
      const card = calls[before].body.attachments[0].content;
      expect(card.body[0].items[0].text).toBe(`Pakkeforløp hjem: samtale 2 · ${code}`);
      expect(JSON.stringify(card)).not.toContain(patientRef);
      expect((await bot.store.accessLog.byCase(id)).filter((e) => e.action === 'view')).toEqual([]);
    });
  });

  describe('the registration form (`ny pakkeforløp`)', () => {
    it('gives FVE the form in a personal chat and registers from it', async () => {
      const reply = await say('ny pakkeforløp', fve);
      const form = reply.attachments[0].content;
      expect(form.body[0].text).toBe('Nytt pakkeforløp hjem');
      const submit = form.actions[0];
      const bad = await postInvoke(
        bot.url,
        invokeActivity({
          serviceUrl: connector.serviceUrl,
          verb: submit.verb,
          data: { zoneId: 'nord', patientRef: 'DIPS-FORM-1', diagnosisDate: '2026-03-20' },
          from: from(fve),
          conversation: { id: 'a:fve', conversationType: 'personal' },
        }),
      );
      expect(bad.card.body[0].text).toBe('Nytt pakkeforløp hjem');
      expect(texts(bad.card)).toContain('Diagnosedatoen må være mellom 2000-01-01 og 2026-03-09.');
      const answer = await postInvoke(
        bot.url,
        invokeActivity({
          serviceUrl: connector.serviceUrl,
          verb: submit.verb,
          data: {
            zoneId: 'nord',
            patientRef: 'DIPS-FORM-1',
            diagnosisDate: '2026-01-05',
            hasServices: 'false',
            gpAgreement: 'true',
            caseCode: '',
          },
          from: from(fve),
          conversation: { id: 'a:fve', conversationType: 'personal' },
        }),
      );
      const code = String(answer.card.body[0].items[0].text).split('· ')[1];
      expect(texts(answer.card)).toContain(
        `Pakkeforløp ${code} er registrert for Sone Nord. Kortet for samtale 2 kommer i sonens kanal mandag 16. mars kl. 08:00, for samtale 3 tirsdag 15. desember kl. 08:00.`,
      );
      expect(cardFacts(answer.card)['Samtale 3']).toMatch(/ · fastlege · Venter$/);
      const stored = await bot.store.pathways.getByCode(code);
      expect(stored).toMatchObject({
        patientRef: 'DIPS-FORM-1',
        gpAgreement: true,
        caseCode: null,
      });
      expect((await bot.store.accessLog.byCase(stored?.id ?? '')).map((e) => e.via)).toEqual([
        'personal',
      ]);
    });

    it('refuses the form to anyone but FVE, and outside a personal chat', async () => {
      expect((await say('ny pakkeforløp', nurses[0])).text).toBe(
        'Bare Forvaltningsenheten (FVE) kan registrere pakkeforløp.',
      );
      const before = connector.calls.length;
      await postActivity(
        bot.url,
        channelMessageActivity({
          serviceUrl: connector.serviceUrl,
          text: '<at>HSYRE-boten</at> ny pakkeforløp',
          from: from(fve),
          channelConversationId: NORD_CHANNEL,
        }),
      );
      const calls = await connector.waitForCalls(before + 1);
      expect(calls[before].body.text).toBe('Skriv «ny pakkeforløp» i personlig chat med boten.');
    });
  });
});
