import type { Case } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import { COMMAND_FIELDS, REFRESH_VERB } from '../../src/teams/case-card';
import {
  type InvokeAnswer,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
} from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';
import { linkedZone } from '../support/zones';

const NORD_CHANNEL = '19:nord-channel@thread.tacv2';
const PATIENT_REF = 'DIPS-ACCESS-1';

const member = (id: string, roles: StaffMember['roles'], zoneIds: string[]): StaffMember => ({
  id,
  name: `Navn ${id}`,
  roles,
  zoneIds,
});
const fve = member('aad-fve', ['fve'], []);
const nurseNord = member('aad-nurse-nord', ['nurse'], ['nord']);
const leaderNord = member('aad-leader-nord', ['leader'], ['nord']);
const nurseSor = member('aad-nurse-sor', ['nurse'], ['sor']);
const leaderSor = member('aad-leader-sor', ['leader'], ['sor']);
const admin = member('aad-admin', ['admin'], []);
const stranger = member('aad-not-in-roster', ['nurse'], ['nord']);

const from = (m: StaffMember) => ({ id: `29:${m.id}`, aadObjectId: m.id });

/** Every card verb with a payload the command accepts, as a button (plus inputs) would send it. */
const PAYLOADS: Record<string, object> = {
  registerHsyre: {},
  claim: {},
  release: {},
  reassign: { nurseId: nurseNord.id },
  snooze: { minutes: 60 },
  logContact: { outcome: 'reached', note: 'Ringt' },
  reportServicesNeeded: {},
  recordDecision: { outcome: 'no_services' },
  grantHsy: {},
  handOver: {},
  close: { reason: 'declined' },
  setAdmitted: { admitted: true },
  updateChecklist: { patch: { informedAboutServices: true } },
};
const VERBS = [REFRESH_VERB, ...Object.keys(COMMAND_FIELDS).map((type) => `case.${type}`)];
const WHERE = ['personal', 'channel'] as const;

describe('reads are checked like writes: every card verb × who × where', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  let target: Case;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [fve, nurseNord, leaderNord, nurseSor, leaderSor, admin]) {
      await bot.store.roster.put(m);
    }
    const registered = await bot.app.workflow.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: PATIENT_REF,
        registerHsyre: true,
      },
      fve,
    );
    if (!registered.ok) throw new Error('registration failed');
    target = registered.case;
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const press = (verb: string, who: StaffMember, where: (typeof WHERE)[number], c: Case) => {
    const type = verb.slice('case.'.length);
    return postInvoke(
      bot.url,
      invokeActivity({
        serviceUrl: connector.serviceUrl,
        verb,
        data: { caseId: c.id, v: c.version, ...(PAYLOADS[type] ?? {}) },
        from: from(who),
        conversation:
          where === 'personal'
            ? { id: `a:${who.id}`, conversationType: 'personal' }
            : {
                id: `${NORD_CHANNEL};messageid=${c.card?.activityId}`,
                conversationType: 'channel',
              },
        replyToId: c.card?.activityId,
      }),
    );
  };

  const refusedWith = (answer: InvokeAnswer, text: string) => {
    expect(answer.status).toBe(200);
    expect(answer.card).toBeUndefined();
    expect(answer.message).toBe(text);
    // Nothing of the case: not its record reference, code, zone, or who has it.
    expect(answer.message).not.toContain(target.code);
    expect(answer.message).not.toContain(PATIENT_REF);
  };

  const outsiders: [string, StaffMember, string][] = [
    ['not in the roster', stranger, 'Du står ikke i bottens liste over ansatte.'],
    ['a nurse of another zone', nurseSor, 'Fant ingen slik sak som du har tilgang til.'],
    ['a leader of another zone', leaderSor, 'Fant ingen slik sak som du har tilgang til.'],
  ];

  describe.each(outsiders)('%s', (_label, who, start) => {
    it.each(VERBS.flatMap((verb) => WHERE.map((where) => [verb, where] as const)))(
      '%s in a %s conversation: the unknown-case answer, no card, nothing changed',
      async (verb, where) => {
        const before = await bot.store.cases.get(target.id);
        if (!before) throw new Error('case gone');
        const answer = await press(verb, who, where, before);
        refusedWith(answer, answer.message ?? '');
        expect(answer.message?.startsWith(start)).toBe(true);
        expect((await bot.store.cases.get(target.id))?.version).toBe(before.version);
        const logged = await bot.store.accessLog.byCase(target.id);
        expect(logged.filter((e) => e.actorId === who.id)).toEqual([]);
      },
    );
  });

  describe.each([
    ['FVE', fve],
    ['a nurse of the zone', nurseNord],
    ['the zone leader', leaderNord],
  ] as const)('%s', (_label, who) => {
    it.each(WHERE)('gets the case card on refresh in a %s conversation', async (where) => {
      const current = await bot.store.cases.get(target.id);
      if (!current) throw new Error('case gone');
      const views = async () =>
        (await bot.store.accessLog.byCase(target.id)).filter(
          (e) => e.actorId === who.id && e.action === 'view',
        ).length;
      const viewsBefore = await views();
      const answer = await press(REFRESH_VERB, who, where, current);
      expect(answer.card?.type).toBe('AdaptiveCard');
      const json = JSON.stringify(answer.card);
      // The record reference only ever in a personal conversation, and then it is logged.
      expect(json.includes(PATIENT_REF)).toBe(where === 'personal');
      expect(await views()).toBe(viewsBefore + (where === 'personal' ? 1 : 0));
    });

    it.each(VERBS.slice(1))(
      '%s from the channel card: a card answer (applied or refused with the reason)',
      async (verb) => {
        const current = await bot.store.cases.get(target.id);
        if (!current) throw new Error('case gone');
        const answer = await press(verb, who, 'channel', current);
        expect(answer.status).toBe(200);
        expect(answer.card?.type).toBe('AdaptiveCard');
        expect(JSON.stringify(answer.card)).not.toContain(PATIENT_REF);
      },
    );
  });
});

describe('`sak`, the access log and unknown invokes', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  let target: Case;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    for (const m of [fve, nurseNord, nurseSor, admin]) await bot.store.roster.put(m);
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
    target = registered.case;
    connector.calls.length = 0;
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  async function say(text: string, who: StaffMember, where: 'personal' | 'channel' = 'personal') {
    const before = connector.calls.length;
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl,
      text,
      from: from(who),
      conversationId: `a:${who.id}`,
    });
    const inChannel = {
      ...activity,
      conversation: {
        id: `${NORD_CHANNEL};messageid=1`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: 'tenant-1',
      },
    };
    await postActivity(bot.url, where === 'personal' ? activity : inChannel);
    const calls = await connector.waitForCalls(before + 1);
    return calls.slice(before).map((c) => c.body);
  }

  it('shows only the channel card in a channel: no record reference, no history', async () => {
    const [reply] = await say(`sak ${target.code}`, nurseNord, 'channel');
    const json = JSON.stringify(reply.attachments[0].content);
    expect(json).toContain(target.code);
    expect(json).not.toContain(PATIENT_REF);
    expect(json).not.toContain('Historikk');
  });

  it('answers an unknown code and another zone’s code the same way', async () => {
    const [unknown] = await say('sak QQQQQ', nurseSor);
    const [otherZone] = await say(`sak ${target.code}`, nurseSor);
    expect(unknown.text).toBe('Fant ingen sak med koden QQQQQ som du har tilgang til.');
    expect(otherZone.text).toBe(unknown.text.replace('QQQQQ', target.code));
  });

  it('logs every showing of the personal card and every change, and an admin reads it', async () => {
    // Each step a minute later: the log is ordered by time.
    clock.set('2026-03-02T09:01:00.000Z');
    const [card] = await say(`sak ${target.code}`, nurseNord);
    expect(JSON.stringify(card.attachments[0].content)).toContain(PATIENT_REF);
    clock.set('2026-03-02T09:02:00.000Z');
    await bot.app.workflow.act(target.id, { type: 'claim' }, nurseNord, { via: 'channel' });
    const entries = await bot.store.accessLog.byCase(target.id);
    expect(entries.map((e) => [e.actorId, e.action, e.via])).toEqual([
      [fve.id, 'registerReferral', 'system'],
      [nurseNord.id, 'view', 'personal'],
      [nurseNord.id, 'claim', 'channel'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(PATIENT_REF);

    const [logCard, csv] = await say(`tilgangslogg ${target.code}`, admin);
    const facts = logCard.attachments[0].content.body.find(
      (b: { type: string }) => b.type === 'FactSet',
    ).facts as { value: string }[];
    expect(facts.map((f) => f.value)).toEqual([
      `Navn ${nurseNord.id} · Tatt · kanal`,
      `Navn ${nurseNord.id} · Så det personlige kortet · personlig chat`,
      `Navn ${fve.id} · Registrert av FVE · boten`,
    ]);
    const lines = (csv.text as string).split('\n').filter((l) => l && !l.startsWith('```'));
    expect(lines[0]).toBe('at,actorId,actorName,caseCode,action,via');
    expect(lines.slice(1).map((l) => l.split(',').slice(3).join(','))).toEqual([
      `${target.code},registerReferral,system`,
      `${target.code},view,personal`,
      `${target.code},claim,channel`,
    ]);
  });

  it('refuses the access log to anyone but an admin', async () => {
    const [reply] = await say(`tilgangslogg ${target.code}`, nurseNord);
    expect(reply.text).toBe('Bare administrator kan lese tilgangsloggen.');
  });

  it('answers an unknown invoke name and an unknown verb with a message, not an empty 501', async () => {
    const base = invokeActivity({
      serviceUrl: connector.serviceUrl,
      verb: 'nothing.known',
      data: {},
      from: from(nurseNord),
      conversation: { id: `a:${nurseNord.id}`, conversationType: 'personal' },
    });
    const unknownVerb = await postInvoke(bot.url, base);
    expect(unknownVerb).toEqual({
      status: 200,
      message:
        'Denne handlingen kjenner jeg ikke. Ingenting er endret. Skriv «hjelp» for å se hva jeg kan.',
    });
    const unknownName = await postInvoke(bot.url, { ...base, name: 'no/such-invoke' });
    expect(unknownName.message).toBe(unknownVerb.message);
    const noValue = await postInvoke(bot.url, { ...base, value: undefined });
    expect(noValue.message).toBe(unknownVerb.message);
  });
});

describe('the card-post outbox: a case stored without its card gets it, exactly once', () => {
  it('posts a card whose first post failed, once, even with two passes at the same time', async () => {
    const connector = await startFakeConnector();
    const clock = fixedClock('2026-03-02T09:00:00.000Z');
    const bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    try {
      await bot.store.zones.put(
        linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL),
      );
      await bot.store.roster.put(fve);
      connector.refuseNext(1, 403);
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
      expect(registered.ok && registered.cardPosted).toBe(false);
      const id = registered.ok ? registered.case.id : '';
      expect((await bot.store.cases.withoutCard(10)).map((c) => c.id)).toEqual([id]);

      // The failed send's intent goes stale, then both passes try at once.
      clock.set('2026-03-02T09:06:00.000Z');
      const posted = await Promise.all([bot.app.postMissingCards(), bot.app.postMissingCards()]);
      expect(posted.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      const posts = () => connector.calls.filter((c) => c.kind === 'createConversation');
      expect(posts()).toHaveLength(1);
      expect((await bot.store.cases.get(id))?.card).not.toBeNull();
      expect(await bot.store.cases.withoutCard(10)).toEqual([]);
      clock.set('2026-03-02T09:20:00.000Z');
      await bot.app.postMissingCards();
      expect(posts()).toHaveLength(1);
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
