import type { StaffMember } from '../../src/domain/roster';
import {
  cardAction,
  cardFacts,
  channelMessageActivity,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
  pressCardButton,
} from '../support/activities';
import { nationalId } from '../support/domain-fixtures';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const API_KEY = 'k'.repeat(40);
const NORD_CHANNEL = '19:nord-channel@thread.tacv2';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
): StaffMember => ({
  id,
  name,
  roles,
  zoneIds,
});
const fve = member('aad-fve', 'Frida Forvaltning', ['fve'], []);
const leader = member('aad-leader', 'Lise Leder', ['leader'], ['nord']);
const nurses = Array.from({ length: 20 }, (_, i) =>
  member(`aad-nurse-${i}`, `Sykepleier ${i}`, ['nurse'], ['nord']),
);
const outsider = member('aad-sor-nurse', 'Siri Sør', ['nurse'], ['sor']);

type CardJson = Parameters<typeof cardAction>[0];

const from = (m: StaffMember) => ({ id: `29:${m.id}`, aadObjectId: m.id });

describe('the HSYRE flow over the Bot Framework protocol', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  // Monday 2 March 2026 10:00 Oslo: a working day.
  const clock = fixedClock('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { REFERRAL_API_KEYS: API_KEY, LOG_LEVEL: 'silent' } });
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [fve, leader, outsider, ...nurses]) await bot.store.roster.put(m);

    // The zone leader links the zone's channel (a real channel message, bot @mentioned).
    const linked = await postActivity(
      bot.url,
      channelMessageActivity({
        serviceUrl: connector.serviceUrl,
        text: '<at>HSYRE-boten</at> koble sone nord',
        from: from(leader),
        channelConversationId: NORD_CHANNEL,
      }),
    );
    expect(linked.status).toBe(200);
    const [reply] = await connector.waitForCalls(1);
    expect(reply.body.text).toBe(
      'Denne kanalen er nå koblet til Sone Nord. Nye HSYRE-pasienter i sonen postes her.',
    );
    connector.calls.length = 0;
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  /** Posts (new threads) and in-place updates of cards in the nord channel. */
  const channelCalls = (kind: 'post' | 'update') =>
    connector.calls.filter((c) =>
      kind === 'post'
        ? c.kind === 'createConversation' && c.conversationId === NORD_CHANNEL
        : c.kind === 'update' && c.conversationId?.startsWith(`${NORD_CHANNEL};messageid=`),
    );

  const referViaRest = (body: object, key = API_KEY) =>
    fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });

  const referral = (overrides: object = {}) => ({
    zoneId: 'nord',
    seriouslyIll: true,
    hospitalContactAt: '2026-03-02T08:30:00+01:00',
    patientRef: 'DIPS-55501',
    ...overrides,
  });

  /** Registers over REST and returns the code and the channel card as posted. */
  async function registerAndFindCard(overrides: object = {}) {
    const before = connector.calls.length;
    const response = await referViaRest(referral(overrides));
    expect(response.status).toBe(201);
    const created = (await response.json()) as { code: string; id: string; cardPosted: boolean };
    expect(created.cardPosted).toBe(true);
    const calls = await connector.waitForCalls(before + 1);
    const post = calls
      .slice(before)
      .find((c) => c.kind === 'createConversation' && c.conversationId === NORD_CHANNEL);
    if (!post) throw new Error('no card posted to the zone channel');
    const stored = await bot.store.cases.getByCode(created.code);
    return {
      ...created,
      card: post.body.activity.attachments[0].content,
      activityId: stored?.card?.activityId ?? '',
    };
  }

  /** Presses a card's button as `who`, where the card is, with any inputs Teams merges in. */
  async function press(
    card: CardJson,
    title: string,
    who: StaffMember,
    where: {
      conversation: Parameters<typeof invokeActivity>[0]['conversation'];
      replyToId: string;
    },
    inputs: object = {},
  ) {
    const target = { botUrl: bot.url, serviceUrl: connector.serviceUrl };
    return pressCardButton(target, card, title, { from: from(who), ...where }, inputs);
  }

  /** Presses a button on the card in the zone channel (inputs never arrive there). */
  const pressInChannel = (
    card: CardJson,
    title: string,
    who: StaffMember,
    cardActivityId: string,
  ) =>
    press(card, title, who, {
      conversation: {
        id: `${NORD_CHANNEL};messageid=${cardActivityId}`,
        conversationType: 'channel',
      },
      replyToId: cardActivityId,
    });

  /** `sak <kode>` in a personal chat: the personal card, with inputs and history. */
  async function personalCard(code: string, who: StaffMember) {
    const before = connector.calls.length;
    await postActivity(
      bot.url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: `sak ${code}`,
        from: from(who),
        conversationId: `a:${who.id}`,
      }),
    );
    const calls = await connector.waitForCalls(before + 1);
    return calls[before].body;
  }

  /** Presses a button on a card in `who`'s personal chat, where inputs arrive. */
  const pressInPersonalChat = (
    card: CardJson,
    title: string,
    who: StaffMember,
    inputs: object = {},
  ) =>
    press(
      card,
      title,
      who,
      {
        conversation: { id: `a:${who.id}`, conversationType: 'personal' },
        replyToId: 'personal-card',
      },
      inputs,
    );

  it('walks referral → card in the zone channel → claim → contact → services → granted → handover, updating the one channel card in place', async () => {
    const { code, card, activityId } = await registerAndFindCard();
    expect(card.body[0].items[0].text).toBe(`HSYRE ny pas. · ${code}`);
    expect(cardFacts(card)).toMatchObject({
      Sone: 'Sone Nord',
      Hast: 'Alvorlig syk (3 dager)',
      Ressurssykepleier: 'Ingen har tatt saken ennå',
      Frist: 'mandag 2. mars kl. 15:30 (første telefonkontakt)',
    });
    expect(JSON.stringify(card)).not.toContain('DIPS-55501');

    const claimed = await pressInChannel(card, 'Jeg tar den', nurses[0], activityId);
    expect(cardFacts(claimed.card).Ressurssykepleier).toBe('Sykepleier 0');
    expect(claimed.card.body[0].items[1].text).toBe('Status: Tatt');
    const updates = channelCalls('update');
    expect(updates).toHaveLength(1);
    expect(updates[0].activityId).toBe(activityId);
    expect(cardFacts(updates[0].body.attachments[0].content).Ressurssykepleier).toBe(
      'Sykepleier 0',
    );

    clock.set('2026-03-02T11:00:00.000Z');
    const reached = await pressInChannel(claimed.card, 'Ringt – nådd', nurses[0], activityId);
    expect(reached.card.body[0].items[1].text).toBe('Status: I oppfølging');
    expect(cardFacts(reached.card)['Første kontakt i tide']).toBe('Ja');
    expect(cardFacts(reached.card)['Siste kontakt']).toMatch(
      /^Ringt – nådd, mandag 2\. mars kl\. 12:00$/,
    );

    const services = await pressInChannel(
      reached.card,
      'Behov for tjenester',
      nurses[0],
      activityId,
    );
    expect(services.card.body[0].items[1].text).toBe('Status: Behov for tjenester');

    const fveCard = await personalCard(code, fve);
    const fveView = fveCard.attachments[0].content;
    expect(cardFacts(fveView)['Referanse i journal']).toBe('DIPS-55501');
    const granted = await pressInPersonalChat(fveView, 'HSY innvilget', fve);
    expect(granted.card.body[0].items[1].text).toBe('Status: HSY innvilget');

    const handedOver = await pressInChannel(
      granted.card,
      'Overført til primærkontakt',
      leader,
      activityId,
    );
    expect(handedOver.card.body[0].items[1].text).toBe('Status: Avsluttet');
    expect(cardFacts(handedOver.card).Avsluttet).toBe('overført til primærkontakt');

    // One post, and every change an in-place update of that same message.
    expect(channelCalls('post')).toHaveLength(1);
    expect(channelCalls('update')).toHaveLength(5);
    expect(new Set(channelCalls('update').map((u) => u.activityId))).toEqual(new Set([activityId]));
    const stored = await bot.store.cases.getByCode(code);
    expect(stored?.history.map((h) => h.action)).toEqual([
      'registerReferral',
      'postCard',
      'claim',
      'logContact',
      'reportServicesNeeded',
      'grantHsy',
      'handOver',
    ]);
    expect(stored?.version).toBe(stored?.history.length);
  });

  it('registers from the Teams form in a personal chat, and posts the card to the right channel', async () => {
    connector.calls.length = 0;
    await postActivity(
      bot.url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: 'ny',
        from: from(fve),
        conversationId: 'a:fve',
      }),
    );
    const [formReply] = await connector.waitForCalls(1);
    const form = formReply.body.attachments[0].content;
    expect(form.body[0].text).toBe('Ny HSYRE-pasient');
    const submit = form.actions[0];
    const answer = await postInvoke(
      bot.url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: submit.verb,
        data: {
          ...submit.data,
          zoneId: 'nord',
          seriouslyIll: 'false',
          hospitalContactDate: '2026-02-27',
          hospitalContactTime: '09:15',
          patientRef: 'DIPS-777',
          note: 'Ønsker oppringning etter kl 12',
          registerHsyre: 'true',
        },
        from: from(fve),
        conversation: { id: 'a:fve', conversationType: 'personal' },
        replyToId: 'form-card',
      }),
    );
    expect(answer.card.body[1].text).toBe(
      'Kortet «HSYRE ny pas.» er postet i kanalen til Sone Nord.',
    );
    expect(cardFacts(answer.card).Hast).toBe('Ordinær (14 dager)');
    expect(channelCalls('post')).toHaveLength(1);
    const stored = await bot.store.cases.getByCode(
      answer.card.body[0].items[0].text.split('· ')[1],
    );
    expect(stored?.anchors.hospitalContact).toBe('2026-02-27T08:15:00.000Z');
  });

  it('returns the form with the bad fields named when the inputs are wrong, storing nothing', async () => {
    const before = (await bot.store.cases.byZone('nord')).length;
    const answer = await postInvoke(
      bot.url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: 'referral.submit',
        data: {
          zoneId: 'nord',
          hospitalContactDate: '2026-02-31',
          hospitalContactTime: '25:00',
          patientRef: '',
        },
        from: from(fve),
        conversation: { id: 'a:fve', conversationType: 'personal' },
      }),
    );
    expect(answer.card.body[2].text).toMatch(
      /^Skjemaet mangler eller har feil i: .*hospitalContactDate/,
    );
    expect(answer.card.body[2].text).toMatch(/patientRef/);
    expect((await bot.store.cases.byZone('nord')).length).toBe(before);
  });

  it('lets exactly one of 20 nurses pressing "Jeg tar den" at once win; the others are told who has it', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-RACE' });
    const answers = await Promise.all(
      nurses.map((n) => pressInChannel(card, 'Jeg tar den', n, activityId)),
    );
    const stored = await bot.store.cases.getByCode(code);
    const winner = nurses.find((n) => n.id === stored?.claimedBy);
    expect(winner).toBeDefined();
    const refusals = answers.filter(
      (a) =>
        a.card.body[1].text !== undefined &&
        a.card.body[1].type === 'TextBlock' &&
        a.card.body[1].color === 'Attention',
    );
    expect(refusals).toHaveLength(19);
    for (const r of refusals) {
      expect(r.card.body[1].text).toBe(`Saken er allerede tatt av ${winner?.name}.`);
      expect(cardFacts(r.card).Ressurssykepleier).toBe(winner?.name);
    }
    expect(stored?.history.filter((h) => h.action === 'claim')).toHaveLength(1);
  });

  it('refuses the wrong role and the wrong state with a clear message, changing nothing', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-ROLES' });
    const before = await bot.store.cases.getByCode(code);

    const byFve = await pressInChannel(card, 'Jeg tar den', fve, activityId);
    expect(byFve.card.body[1].text).toBe('Du har ikke rollen som trengs for dette.');
    // Somebody who may not see the case gets the unknown-case answer, never its card.
    const byOtherZone = await pressInChannel(card, 'Jeg tar den', outsider, activityId);
    expect(byOtherZone.message).toBe(
      'Fant ingen slik sak som du har tilgang til. Ingenting er endret.',
    );
    const handOverTooEarly = await pressInChannel(
      {
        actions: [
          { title: 'x', verb: 'case.handOver', data: cardAction(card, 'Jeg tar den').data },
        ],
      },
      'x',
      leader,
      activityId,
    );
    expect(handOverTooEarly.card.body[1].text).toBe(
      'Det kan ikke gjøres nå: saken har status «Venter på ressurssykepleier».',
    );
    expect(await bot.store.cases.getByCode(code)).toEqual(before);
  });

  it('treats the same button pressed twice as one action', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-TWICE' });
    const claimed = await pressInChannel(card, 'Jeg tar den', nurses[1], activityId);
    const first = await pressInChannel(claimed.card, 'Ringt – ikke nådd', nurses[1], activityId);
    const again = await pressInChannel(claimed.card, 'Ringt – ikke nådd', nurses[1], activityId);
    expect(first.card.body[1].text).not.toBe(
      'Dette var allerede registrert; ingenting ble endret.',
    );
    expect(again.card.body[1].text).toBe('Dette var allerede registrert; ingenting ble endret.');
    const stored = await bot.store.cases.getByCode(code);
    expect(stored?.history.filter((h) => h.action === 'logContact')).toHaveLength(1);
  });

  it('takes a visit date and a note where inputs arrive (personal chat) and works without them in the channel', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-VISIT' });
    await pressInChannel(card, 'Jeg tar den', nurses[2], activityId);
    const mine = (await personalCard(code, nurses[2])).attachments[0].content;
    expect(
      mine.body.some((b: { type: string; items?: { id?: string }[] }) =>
        b.items?.some((i) => i.id === 'visitDate'),
      ),
    ).toBe(true);
    const visit = await pressInPersonalChat(mine, 'Hjemmebesøk avtalt', nurses[2], {
      visitDate: '2026-03-04',
      note: 'Datter til stede',
    });
    expect(cardFacts(visit.card)['Siste kontakt']).toMatch(/^Hjemmebesøk avtalt → 4\. mars, /);
    let stored = await bot.store.cases.getByCode(code);
    expect(stored?.history.at(-1)?.details).toMatchObject({
      outcome: 'visit_agreed',
      visitDate: '2026-03-04',
      note: 'Datter til stede',
    });

    // The channel card carries no inputs; its button still works, without a date.
    const channelCard = channelCalls('update').at(-1)?.body.attachments[0].content;
    const again = await pressInChannel(channelCard, 'Hjemmebesøk avtalt', nurses[2], activityId);
    expect(again.status).toBe(200);
    stored = await bot.store.cases.getByCode(code);
    expect(stored?.history.at(-1)?.details).toMatchObject({
      outcome: 'visit_agreed',
      visitDate: null,
    });
  });

  it('refuses tampered button data, and a note with a fødselsnummer, changing nothing', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-TAMPER' });
    const before = await bot.store.cases.getByCode(code);
    const tampered = await postInvoke(
      bot.url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: 'case.claim',
        data: { caseId: before?.id, v: 'one' },
        from: from(nurses[3]),
        conversation: {
          id: `${NORD_CHANNEL};messageid=${activityId}`,
          conversationType: 'channel',
        },
      }),
    );
    expect(tampered.message).toMatch(/^Knappen sendte data jeg ikke kan bruke/);
    const unknownVerb = await postInvoke(
      bot.url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb: 'case.deleteEverything',
        data: cardAction(card, 'Jeg tar den').data,
        from: from(nurses[3]),
        conversation: {
          id: `${NORD_CHANNEL};messageid=${activityId}`,
          conversationType: 'channel',
        },
      }),
    );
    expect(unknownVerb.message).toMatch(/^Knappen sendte data/);
    await pressInChannel(card, 'Jeg tar den', nurses[3], activityId);
    const withId = await pressInPersonalChat(
      (await personalCard(code, nurses[3])).attachments[0].content,
      'Ringt – nådd',
      nurses[3],
      { note: `fnr ${nationalId('150385')}` },
    );
    expect(withId.message).toMatch(/inneholder et fødselsnummer eller D-nummer/);
    const after = await bot.store.cases.getByCode(code);
    expect(after?.state).toBe('claimed');
    expect(JSON.stringify(after)).not.toContain(nationalId('150385'));
  });

  it('lets the leader reassign and a nurse tick the checklist from the personal card', async () => {
    const { code, card, activityId } = await registerAndFindCard({ patientRef: 'DIPS-REASSIGN' });
    await pressInChannel(card, 'Jeg tar den', nurses[4], activityId);
    const leaderView = (await personalCard(code, leader)).attachments[0].content;
    const noNurse = await pressInPersonalChat(leaderView, 'Omfordel', leader);
    expect(noNurse.message).toMatch(/^Skjemaet mangler eller har feil i: nurseId/);
    const reassigned = await pressInPersonalChat(leaderView, 'Omfordel', leader, {
      nurseId: nurses[5].id,
    });
    expect(cardFacts(reassigned.card).Ressurssykepleier).toBe('Sykepleier 5');
    expect(
      cardFacts(channelCalls('update').at(-1)?.body.attachments[0].content).Ressurssykepleier,
    ).toBe('Sykepleier 5');
    const nurseView = (await personalCard(code, nurses[5])).attachments[0].content;
    const esas = await pressInPersonalChat(nurseView, 'ESAS-r tilbudt', nurses[5]);
    expect(cardFacts(esas.card).Sjekkliste).toMatch(
      /^Kartlegging: ESAS-r · IP-behov: ikke vurdert/,
    );
    const released = await pressInPersonalChat(esas.card, 'Slipp saken', nurses[4]);
    expect(released.card.body[1].text).toBe(
      'Det er Sykepleier 5 som har saken. Be soneleder omfordele den om du skal overta.',
    );
  });

  it('shows a case to its zone and FVE with `sak <kode>`, and refuses others and unknown codes', async () => {
    const { code } = await registerAndFindCard({ patientRef: 'DIPS-LOOKUP' });
    const forLeader = await personalCard(code, leader);
    const history = forLeader.attachments[0].content.body.find(
      (b: { items?: { type: string; text?: string }[] }) => b.items?.[0]?.text === 'Historikk',
    );
    expect(history.items[1].facts.map((f: { value: string }) => f.value)).toEqual([
      'Registrert av FVE · Journalsystemet (API)',
      'Kort postet i sonens kanal · Journalsystemet (API)',
    ]);
    // Another zone's code and an unknown code get the same answer: no way to learn it exists.
    expect((await personalCard(code, outsider)).text).toBe(
      `Fant ingen sak med koden ${code} som du har tilgang til.`,
    );
    expect((await personalCard('QQQQQ', leader)).text).toBe(
      'Fant ingen sak med koden QQQQQ som du har tilgang til.',
    );
  });
});

describe('POST /api/referrals (the record system intake)', () => {
  let connector: FakeConnector;
  let bot: TestApp;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ env: { REFERRAL_API_KEYS: API_KEY, LOG_LEVEL: 'silent' } });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const post = (body: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) =>
    fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const valid = JSON.stringify({
    zoneId: 'sor',
    seriouslyIll: false,
    hospitalContactAt: '2026-03-01T10:00:00Z',
    patientRef: 'DIPS-1',
  });

  it('answers 401 without a key or with a wrong one', async () => {
    expect((await post(valid, {})).status).toBe(401);
    expect((await post(valid, { 'x-api-key': 'x'.repeat(40) })).status).toBe(401);
  });

  it('answers 400 naming every bad field, and for JSON that does not parse', async () => {
    const response = await post(
      JSON.stringify({ zoneId: 'sor', seriouslyIll: 'ja', patientRef: '' }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual([
      'hospitalContactAt',
      'patientRef',
      'seriouslyIll',
    ]);
    expect((await post('{"zoneId": ')).status).toBe(400);
  });

  it('answers 409 for a zone without a linked channel and 422 for an unknown zone, storing nothing', async () => {
    const notLinked = await post(valid);
    expect(notLinked.status).toBe(409);
    expect(((await notLinked.json()) as { message: string }).message).toMatch(
      /^Sonen Sone Sør har ingen kanal/,
    );
    const unknown = await post(valid.replace('"sor"', '"vest"'));
    expect(unknown.status).toBe(422);
    expect(await bot.store.cases.byZone('sor')).toEqual([]);
  });

  it('refuses a fødselsnummer in any field with 422', async () => {
    const response = await post(
      valid.replace('"DIPS-1"', `"DIPS-1", "note": "pas ${nationalId('150385')}"`),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe('contains_national_id');
  });

  it('answers 201 with the case code once the zone has a channel', async () => {
    await bot.store.zones.put(
      linkedZone('sor', 'Sone Sør', connector.serviceUrl, '19:sor@thread.tacv2'),
    );
    const response = await post(valid, { authorization: `Bearer ${API_KEY}` });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { code: string; state: string; cardPosted: boolean };
    expect(body).toMatchObject({ state: 'awaiting_claim', cardPosted: true });
    expect(body.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(
      connector.calls.filter(
        (c) => c.kind === 'createConversation' && c.conversationId === '19:sor@thread.tacv2',
      ),
    ).toHaveLength(1);
  });
});
