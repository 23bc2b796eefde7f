import { randomUUID } from 'node:crypto';
import type { Case } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import { TEAM_ID } from '../support/activities';
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

const NORD_CHANNEL = '19:nord-staff@thread.tacv2';
const SOR_CHANNEL = '19:sor-staff@thread.tacv2';

const FORBIDDEN =
  'Du har ikke rettigheter til denne endringen. Soneleder kan legge til og fjerne ressurssykepleiere i egne soner; alt annet gjør administrator.';
const NOT_IN_ROSTER =
  'Du står ikke i bottens liste over ansatte. Be soneleder eller administrator om å legge deg til.';

const member = (
  id: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
  extra: Partial<StaffMember> = {},
): StaffMember => ({ id, name: `Navn ${id}`, roles, zoneIds, ...extra });

/** The message on top of an answered card (bold and coloured). */
const outcome = (card: CardJson): string =>
  (card?.body as { text?: string; weight?: string; color?: string }[] | undefined)?.find(
    (b) => b.weight === 'Bolder' && b.color !== undefined,
  )?.text ?? '';

/** The outcome of a press: the card's message, or the text the bot answered instead. */
const said = (answer: { card?: CardJson; message?: string }) =>
  answer.card ? outcome(answer.card) : (answer.message ?? '');

/** The headings of the people on a staff card (name, and e-mail where known). */
const peopleOn = (card: CardJson): string[] =>
  (card.body as { type: string; items?: { text?: string }[] }[])
    .filter((b) => b.type === 'Container')
    .map((b) => b.items?.[0]?.text ?? '');

describe('the roster from the chat: `ansatte` and its card', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');

  const admin = member('aad-admin', ['admin'], []);
  const leaderNord = member('aad-leader-nord', ['leader'], ['nord']);
  const leaderSor = member('aad-leader-sor', ['leader'], ['sor']);
  const nurseNord = member('aad-nurse-nord', ['nurse'], ['nord']);
  const nurseSor = member('aad-nurse-sor', ['nurse'], ['sor'], { email: 'siri@kommune.no' });
  const fve = member('aad-fve', ['fve'], []);
  const stranger = member('aad-stranger', ['nurse'], ['nord']);

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put(linkedZone('sor', 'Sone Sør', connector.serviceUrl, SOR_CHANNEL));
    for (const m of [admin, leaderNord, leaderSor, nurseNord, nurseSor, fve]) {
      await bot.store.roster.put(m);
    }
    chat = botChat(bot, connector);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const staffCardOf = async (
    who: StaffMember,
    text = 'ansatte',
    where: Parameters<typeof chat.ask>[2] = 'personal',
  ) => {
    const { cards, texts } = await chat.ask(text, who, where);
    expect(texts).toEqual([]);
    expect(cards).toHaveLength(1);
    return cards[0];
  };

  describe('the list', () => {
    it('shows an admin everybody with roles, zones and reach, and the forms to add and change', async () => {
      const card = await staffCardOf(admin);
      expect(cardText(card)).toContain('Ansatte');
      expect(cardText(card)).toContain('Personer i listen: 6.');
      expect(peopleOn(card)).toEqual([
        'Navn aad-admin',
        'Navn aad-fve',
        'Navn aad-leader-nord',
        'Navn aad-leader-sor',
        'Navn aad-nurse-nord',
        'Navn aad-nurse-sor · siri@kommune.no',
      ]);
      expect(cardText(card)).toContain('ressurssykepleier · Sone Nord');
      expect(cardText(card)).toContain('Nås ikke i personlig chat ennå');
      // Counts per zone over the whole list.
      expect(cardText(card)).toContain('Uten sone: 2');
      expect(cardText(card)).toContain('Sone Nord: 2');
      const inputs = inputsOf(card);
      expect(inputs.get('people')).toEqual({
        type: 'Input.ChoiceSet',
        id: 'people',
        label: 'Velg personer',
        isMultiSelect: true,
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      });
      expect(inputs.get('peopleIds')).toMatchObject({ type: 'Input.Text' });
      expect(inputs.get('name')).toMatchObject({ type: 'Input.Text' });
      const roles = inputs.get('addRoles') as { choices: { value: string }[]; value: string };
      expect(roles.choices.map((c) => c.value)).toEqual([
        'fve',
        'nurse',
        'leader',
        'admin',
        'networkLeader',
        'cancerCoordinator',
      ]);
      expect(roles.value).toBe('nurse');
      const zones = inputs.get('addZones') as { choices: { value: string }[] };
      expect(zones.choices.map((c) => c.value)).toEqual(['nord', 'sor']);
      // Each person's own inputs, preset to what they have.
      expect(inputs.get(`roles:${nurseSor.id}`)).toMatchObject({ value: 'nurse' });
      expect(inputs.get(`zones:${nurseSor.id}`)).toMatchObject({ value: 'sor' });
      const verbs = new Set(allActions(card).map((a) => a.verb));
      expect([...verbs].filter(Boolean).sort()).toEqual([
        'staff.add',
        'staff.dismiss',
        'staff.remove',
        'staff.setRoles',
        'staff.setZones',
      ]);
    });

    it('in a channel the picker searches the channel only', async () => {
      const card = await staffCardOf(admin, 'ansatte', { channel: NORD_CHANNEL });
      expect(inputsOf(card).get('people')?.['choices.data']).toEqual({
        type: 'Data.Query',
        dataset: 'graph.microsoft.com/users?scope=currentContext',
      });
      expect(cardText(card)).toContain('I en kanal finner personvelgeren bare kanalens medlemmer.');
    });

    it('shows a zone leader the people of the zones they lead', async () => {
      const card = await staffCardOf(leaderNord);
      expect(peopleOn(card)).toEqual(['Navn aad-leader-nord', 'Navn aad-nurse-nord']);
      const one = await staffCardOf(leaderNord, 'ansatte nord');
      expect(cardText(one)).toContain('Ansatte i Sone Nord');
      expect(inputsOf(one).get('addZones')).toMatchObject({ value: 'nord' });
    });

    it.each([
      ['a leader, another zone', leaderNord, 'ansatte sor', FORBIDDEN],
      ['a nurse', nurseNord, 'ansatte', FORBIDDEN],
      ['FVE', fve, 'ansatte', FORBIDDEN],
      ['somebody not in the roster', stranger, 'ansatte', NOT_IN_ROSTER],
      ['an admin, an unknown zone', admin, 'ansatte nowhere', 'Sonen «nowhere» finnes ikke.'],
    ])('refuses %s', async (_label, who, text, answer) => {
      expect(await chat.ask(text, who)).toEqual({ texts: [answer], cards: [] });
    });
  });

  describe('adding people from the picker', () => {
    const press = (
      inputs: object,
      who: StaffMember = admin,
      where: 'personal' | { channel: string } = 'personal',
    ) =>
      chat.press(
        'staff.add',
        { listZone: '', from: 1, addRoles: 'nurse', addZones: 'nord', ...inputs },
        who,
        where,
      );

    it('takes the name and e-mail of one picked person from Teams (TeamsInfo.getMember)', async () => {
      const id = randomUUID();
      connector.addMember({
        id: '29:pia',
        aadObjectId: id,
        name: 'Pia Picker',
        email: 'pia@kommune.no',
      });
      const before = connector.calls.length;
      const answer = await press({ people: id });
      expect(said(answer)).toBe('Lagt til eller oppdatert: Pia Picker.');
      const lookups = connector.calls.slice(before).filter((c) => c.kind === 'getMember');
      expect(lookups.map((c) => [c.conversationId, c.activityId])).toEqual([[`a:${admin.id}`, id]]);
      expect(await bot.store.roster.get(id)).toMatchObject({
        id,
        name: 'Pia Picker',
        email: 'pia@kommune.no',
        roles: ['nurse'],
        zoneIds: ['nord'],
        changes: [
          { at: '2026-03-02T09:00:00.000Z', by: admin.id, what: 'added: roles nurse; zones nord' },
        ],
      });
      // The answer is the list again, with her in it.
      expect(peopleOn(answer.card)).toContain('Pia Picker · pia@kommune.no');
    });

    it('adds several comma-separated picks, upper-case ids read as Teams sends them (lower case)', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      connector.addMember({
        id: '29:a',
        aadObjectId: a,
        name: 'Anne A',
        userPrincipalName: 'anne@kommune.no',
      });
      connector.addMember({ id: '29:b', aadObjectId: b, name: 'Bent B' });
      const answer = await press({ people: `${a.toUpperCase()},${b}` });
      expect(said(answer)).toBe('Lagt til eller oppdatert: Anne A, Bent B.');
      expect((await bot.store.roster.get(a))?.email).toBe('anne@kommune.no');
      expect((await bot.store.roster.get(b))?.email).toBeUndefined();
    });

    it('in a channel asks Teams about the team’s member', async () => {
      const id = randomUUID();
      connector.addMember({ id: '29:c', aadObjectId: id, name: 'Cato Kanal' });
      const before = connector.calls.length;
      const answer = await press({ people: id }, admin, { channel: NORD_CHANNEL });
      expect(said(answer)).toBe('Lagt til eller oppdatert: Cato Kanal.');
      const lookup = connector.calls.slice(before).find((c) => c.kind === 'getMember');
      expect(lookup?.conversationId).toBe(TEAM_ID);
    });

    it('one person Teams cannot name: asks for the name; with the typed name and ids (no picker) it adds', async () => {
      const id = randomUUID();
      const refused = await press({ people: id });
      expect(said(refused)).toBe(
        'Teams fant ikke navnet på personen. Skriv navnet og prøv igjen. Ingenting er endret.',
      );
      expect(await bot.store.roster.get(id)).toBeUndefined();
      // The emulator has no picker: the ids come through the fallback text input.
      const added = await press({
        peopleIds: ` ${id} `,
        name: 'Tore Typed',
        email: 'tore@kommune.no',
      });
      expect(said(added)).toBe('Lagt til eller oppdatert: Tore Typed.');
      expect(await bot.store.roster.get(id)).toMatchObject({
        name: 'Tore Typed',
        email: 'tore@kommune.no',
      });
    });

    it('several with one unknown: names the unknown id and adds nobody', async () => {
      const [known, unknown] = [randomUUID(), randomUUID()];
      connector.addMember({ id: '29:k', aadObjectId: known, name: 'Kjent Person' });
      const answer = await press({ people: known, peopleIds: unknown, name: 'Ignored Name' });
      expect(said(answer)).toBe(
        `Teams fant ikke navnet på ${unknown}. Legg dem til én og én med navnet skrevet inn. Ingenting er endret.`,
      );
      expect(await bot.store.roster.get(known)).toBeUndefined();
    });

    it.each([
      [
        'malformed values',
        { peopleIds: 'kari@kommune.no, 12345' },
        '2 av verdiene er ikke en person fra personvelgeren. Ingenting er endret.',
      ],
      [
        'one malformed among good ids',
        { people: randomUUID(), peopleIds: 'not-an-id' },
        '1 av verdiene er ikke en person fra personvelgeren. Ingenting er endret.',
      ],
      ['nobody picked', { people: '', peopleIds: '  ' }, 'Velg minst én person.'],
      [
        'an unknown role',
        { peopleIds: randomUUID(), name: 'X Y', addRoles: 'nurse,boss' },
        'En av rollene finnes ikke. Ingenting er endret.',
      ],
      [
        'an unknown zone',
        { peopleIds: randomUUID(), name: 'X Y', addZones: 'atlantis' },
        'Sonen «atlantis» finnes ikke.',
      ],
    ])('refuses %s and stores nothing', async (_label, inputs, text) => {
      const before = (await bot.store.roster.list()).length;
      expect(said(await press(inputs))).toBe(text);
      expect(await bot.store.roster.list()).toHaveLength(before);
    });

    it('somebody already in the roster keeps what they had and gets what was picked on top', async () => {
      connector.addMember({ id: '29:siri', aadObjectId: nurseSor.id, name: 'Teams-navn' });
      const answer = await press({ people: nurseSor.id });
      // Not a GUID: a roster id that is not a picker value is refused as such.
      expect(said(answer)).toBe(
        '1 av verdiene er ikke en person fra personvelgeren. Ingenting er endret.',
      );
      const pia = (await bot.store.roster.list()).find((m) => m.name === 'Pia Picker');
      if (!pia) throw new Error('Pia is added above');
      const again = await press({ people: pia.id, addZones: 'sor' });
      expect(said(again)).toBe('Lagt til eller oppdatert: Pia Picker.');
      expect((await bot.store.roster.get(pia.id))?.zoneIds).toEqual(['nord', 'sor']);
    });
  });

  describe('who may change whom', () => {
    type Verb =
      | 'staff.add'
      | 'staff.setRoles'
      | 'staff.setZones'
      | 'staff.remove'
      | 'staff.dismiss';
    const actors: [string, StaffMember][] = [
      ['admin', admin],
      ['leader of the zone', leaderNord],
      ['leader of another zone', leaderSor],
      ['nurse', nurseNord],
      ['FVE', fve],
      ['not in roster', stranger],
    ];
    /** What each actor gets, per action: true = done, else the refusal. */
    const EXPECTED: Record<Verb, Record<string, true | string>> = {
      // A new nurse in nord.
      'staff.add': { admin: true, 'leader of the zone': true },
      // A nord nurse made leader as well: more than the nurse role.
      'staff.setRoles': { admin: true },
      // A nord nurse moved to sor: takes from nord and gives in sor.
      'staff.setZones': { admin: true },
      // A nord nurse out of the roster.
      'staff.remove': { admin: true, 'leader of the zone': true },
      // A nurse of nord and sor out of nord only.
      'staff.dismiss': { admin: true, 'leader of the zone': true },
    };
    const rows = (Object.keys(EXPECTED) as Verb[]).flatMap((verb) =>
      actors.map(([label, who]) => [verb, label, who] as const),
    );

    it.each(rows)('%s by %s', async (verb, label, who) => {
      const target = member(
        `t-${verb.slice(6)}-${label.replace(/\s+/g, '-')}`,
        ['nurse'],
        verb === 'staff.dismiss' ? ['nord', 'sor'] : ['nord'],
      );
      const newId = randomUUID();
      if (verb !== 'staff.add') await bot.store.roster.put(target);
      const data: Record<string, unknown> = { id: target.id, listZone: '', from: 1 };
      if (verb === 'staff.add')
        Object.assign(data, {
          peopleIds: newId,
          name: 'Ny Sykepleier',
          addRoles: 'nurse',
          addZones: 'nord',
        });
      if (verb === 'staff.setRoles') data[`roles:${target.id}`] = 'nurse,leader';
      if (verb === 'staff.setZones') data[`zones:${target.id}`] = 'sor';
      if (verb === 'staff.dismiss') data.zoneId = 'nord';
      const stored = () => bot.store.roster.get(verb === 'staff.add' ? newId : target.id);
      const before = await stored();

      const answer = await chat.press(verb, data, who);
      expect(answer.status).toBe(200);
      const allowed = EXPECTED[verb][label] === true;
      const after = await stored();
      if (allowed) {
        const done: Record<Verb, string> = {
          'staff.add': 'Lagt til eller oppdatert: Ny Sykepleier.',
          'staff.setRoles': `${target.name} er oppdatert.`,
          'staff.setZones': `${target.name} er oppdatert.`,
          'staff.remove': `${target.name} er fjernet fra listen over ansatte.`,
          'staff.dismiss': `${target.name} er ikke lenger ressurssykepleier i sonen.`,
        };
        expect(said(answer).startsWith(done[verb])).toBe(true);
        expect(after).not.toEqual(before);
        expect(after?.changes?.at(-1)?.by).toBe(who.id);
      } else {
        expect(said(answer)).toBe(who === stranger ? NOT_IN_ROSTER : FORBIDDEN);
        expect(after).toEqual(before);
      }
    });
  });

  describe('the history on the card', () => {
    it('shows who changed what and when, newest first', async () => {
      const target = member('t-history', ['nurse'], ['nord']);
      await bot.store.roster.put(target);
      clock.set('2026-03-02T10:15:00.000Z');
      await chat.press(
        'staff.setRoles',
        { id: target.id, [`roles:${target.id}`]: 'nurse,leader' },
        admin,
      );
      clock.set('2026-03-02T11:30:00.000Z');
      await chat.press(
        'staff.setZones',
        { id: target.id, [`zones:${target.id}`]: 'nord,sor' },
        admin,
      );
      clock.set('2026-03-02T09:00:00.000Z');
      const card = await staffCardOf(admin, 'ansatte nord');
      const text = cardText(card);
      const zonesLine = text.indexOf(
        'mandag 2. mars kl. 12:30: Navn aad-admin: zones: nord → nord,sor',
      );
      const rolesLine = text.indexOf(
        'mandag 2. mars kl. 11:15: Navn aad-admin: roles: nurse → nurse,leader',
      );
      expect(zonesLine).toBeGreaterThan(-1);
      expect(rolesLine).toBeGreaterThan(zonesLine);
    });
  });

  describe('the last admin', () => {
    it('cannot be removed or lose the role; with a second admin the first may go', async () => {
      const last =
        'Navn aad-admin er den siste administratoren og kan ikke fjernes eller miste rollen. Gjør noen andre til administrator først.';
      expect(said(await chat.press('staff.remove', { id: admin.id }, admin))).toBe(last);
      expect(
        said(
          await chat.press('staff.setRoles', { id: admin.id, [`roles:${admin.id}`]: 'fve' }, admin),
        ),
      ).toBe(last);
      expect(await bot.store.roster.get(admin.id)).toMatchObject({ roles: ['admin'] });
      // A leader cannot make another admin either.
      expect(
        said(
          await chat.press(
            'staff.setRoles',
            { id: leaderNord.id, [`roles:${leaderNord.id}`]: 'leader,admin' },
            leaderNord,
          ),
        ),
      ).toBe(FORBIDDEN);

      const second = member('aad-admin-2', ['fve'], []);
      await bot.store.roster.put(second);
      await chat.press(
        'staff.setRoles',
        { id: second.id, [`roles:${second.id}`]: 'fve,admin' },
        admin,
      );
      expect(said(await chat.press('staff.remove', { id: admin.id }, second))).toMatch(
        /^Navn aad-admin er fjernet/,
      );
      expect(said(await chat.press('staff.remove', { id: second.id }, second))).toBe(
        'Navn aad-admin-2 er den siste administratoren og kan ikke fjernes eller miste rollen. Gjør noen andre til administrator først.',
      );
    });
  });
});

describe('a nurse leaves: `fratre`, and a leader removing a nurse with cases', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const logLines: string[] = [];
  const clock = fixedClock('2026-03-02T09:00:00.000Z');

  const contact = (userId: string, serviceUrl: string) => ({
    userId,
    serviceUrl,
    tenantId: 'tenant-1',
  });
  const fve = member('aad-fve', ['fve'], []);
  const nurse = member('aad-nurse', ['nurse'], ['nord']);
  const colleague = member('aad-colleague', ['nurse'], ['nord']);
  const nurseLeader = member('aad-nurse-leader', ['nurse', 'leader'], ['sor']);
  const admin = member('aad-admin', ['admin'], []);
  let leader: StaffMember;
  let network: StaffMember;
  // A second leader of nord without a Teams address: cannot be told, which is logged.
  const leaderUnreached = member('aad-leader-2', ['leader'], ['nord']);

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'info' }, logLines });
    leader = member('aad-leader', ['leader'], ['nord'], {
      contact: contact('29:leader', connector.serviceUrl),
    });
    network = member('aad-network', ['networkLeader'], [], {
      contact: contact('29:network', connector.serviceUrl),
    });
    await bot.store.zones.put(linkedZone('nord', 'Sone Nord', connector.serviceUrl, NORD_CHANNEL));
    await bot.store.zones.put(linkedZone('sor', 'Sone Sør', connector.serviceUrl, SOR_CHANNEL));
    for (const m of [fve, nurse, colleague, nurseLeader, admin, leader, network, leaderUnreached]) {
      await bot.store.roster.put(m);
    }
    chat = botChat(bot, connector);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  async function caseClaimedBy(
    who: StaffMember,
    zoneId = 'nord',
    contactLogged = false,
  ): Promise<Case> {
    const registered = await bot.app.workflow.register(
      {
        zoneId,
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00+01:00',
        patientRef: `DIPS-${randomUUID().slice(0, 8)}`,
        registerHsyre: true,
      },
      fve,
    );
    if (!registered.ok) throw new Error('registration failed');
    const claimed = await bot.app.workflow.act(registered.case.id, { type: 'claim' }, who);
    if (!claimed.ok) throw new Error('claim failed');
    if (!contactLogged) return claimed.case;
    const logged = await bot.app.workflow.act(
      registered.case.id,
      { type: 'logContact', outcome: 'reached' },
      who,
    );
    if (!logged.ok) throw new Error('contact failed');
    return logged.case;
  }

  /** What each person was told in personal chat since `from`, by Teams user id. */
  function personalMessages(fromCall: number): Record<string, string[]> {
    const calls = connector.calls.slice(fromCall);
    const told: Record<string, string[]> = {};
    calls.forEach((call, i) => {
      if (call.kind !== 'createConversation' || call.conversationId) return;
      const to = call.body.members?.[0]?.id as string;
      // The message follows in the new conversation (botbuilder posts it as a reply there).
      const sent = calls.slice(i + 1).find((c) => c.kind === 'send' || c.kind === 'reply');
      told[to] = [...(told[to] ?? []), String(sent?.body.text)];
    });
    return told;
  }

  const cardUpdates = (fromCall: number, c: Case) =>
    connector.calls
      .slice(fromCall)
      .filter((call) => call.kind === 'update' && call.activityId === c.card?.activityId);

  it('asks first, with the active cases that go back to the queue; "Avbryt" changes nothing', async () => {
    const a = await caseClaimedBy(nurse);
    const b = await caseClaimedBy(nurse, 'nord', true);
    const { cards } = await chat.ask('fratre', nurse);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain(
      `Vil du fratre som ressurssykepleier i Sone Nord? Du har 2 aktive saker (${a.code}, ${b.code}).`,
    );
    expect(allActions(cards[0]).map((x) => x.title)).toEqual(['Ja, fratre', 'Avbryt']);
    const before = connector.calls.length;
    const cancel = await chat.press(executeAction(cards[0], 'Avbryt').verb, {}, nurse);
    expect(cardText(cancel.card)).toContain('Avbrutt. Ingenting er endret.');
    expect(allActions(cancel.card)).toEqual([]);
    const still = await bot.store.roster.get(nurse.id);
    expect(still).toMatchObject({ roles: ['nurse'], zoneIds: ['nord'] });
    expect(still?.removedAt).toBeUndefined();
    expect((await bot.store.cases.get(a.id))?.claimedBy).toBe(nurse.id);
    expect(connector.calls.length).toBe(before);
  });

  it('confirmed: the cases go back to the queue, their channel cards change in place, leader and network leader are told', async () => {
    const [a, b] = (await bot.store.cases.byZone('nord', { openOnly: true }))
      .filter((c) => c.claimedBy === nurse.id)
      .sort((x, y) => (x.state < y.state ? -1 : 1));
    const other = await caseClaimedBy(colleague);
    const { cards } = await chat.ask('fratre', nurse);
    const before = connector.calls.length;
    const answer = await chat.press(executeAction(cards[0], 'Ja, fratre').verb, {}, nurse);
    expect(answer.status).toBe(200);
    expect(cardText(answer.card)).toContain('Fratrådt');
    expect(cardText(answer.card)).toMatch(
      /^Fratrådt\nDu har fratrådt som ressurssykepleier\. Saker tilbake til «Venter på ressurssykepleier»: \w+, \w+\./,
    );
    expect(allActions(answer.card)).toEqual([]);

    for (const c of [a, b]) {
      const now = await bot.store.cases.get(c.id);
      expect(now).toMatchObject({ state: 'awaiting_claim', claimedBy: null });
      // The channel card is the same message, updated for everybody.
      const updates = cardUpdates(before, c);
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates[0].conversationId).toBe(`${NORD_CHANNEL};messageid=${c.card?.activityId}`);
      expect(JSON.stringify(updates.at(-1)?.body)).toContain('Venter på ressurssykepleier');
    }
    // The one in follow-up keeps its logged contact.
    const followed = await bot.store.cases.get((b.state === 'in_follow_up' ? b : a).id);
    expect(followed?.lastContact).toMatchObject({ outcome: 'reached', by: nurse.id });
    expect((await bot.store.cases.get(other.id))?.claimedBy).toBe(colleague.id);

    const told = personalMessages(before);
    expect(Object.keys(told).sort()).toEqual(['29:leader', '29:network']);
    for (const texts of Object.values(told)) {
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(
        /^Navn aad-nurse er ikke lenger ressurssykepleier i Sone Nord\. Saker tilbake til «Venter på ressurssykepleier»: /,
      );
      expect(texts[0]).toContain(a.code);
      expect(texts[0]).toContain(b.code);
    }
    expect(
      logLines.some(
        (l) => l.includes('a roster change was not told') && l.includes(leaderUnreached.id),
      ),
    ).toBe(true);

    // Only a nurse: out of the roster, document kept with the reason.
    const stored = await bot.store.roster.get(nurse.id);
    expect(stored?.removedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(stored?.changes?.at(-1)).toMatchObject({ by: nurse.id, what: 'stepped down: removed' });
    expect((await chat.ask('meg', nurse)).texts).toEqual([NOT_IN_ROSTER]);
    // Pressing the old button again: not a nurse any more.
    expect(cardText((await chat.press('staff.stepDown', {}, nurse)).card)).toContain(NOT_IN_ROSTER);
  });

  it('a nurse who is also leader stays, as leader', async () => {
    const { cards } = await chat.ask('fratre', nurseLeader);
    expect(cardText(cards[0])).toContain('Du har 0 aktive saker (–).');
    await chat.press('staff.stepDown', {}, nurseLeader);
    expect(await bot.store.roster.get(nurseLeader.id)).toMatchObject({
      roles: ['leader'],
      zoneIds: ['sor'],
    });
  });

  it.each([
    ['somebody who is no nurse', fve, 'Du er ikke ressurssykepleier.'],
    ['somebody not in the roster', member('aad-nobody', ['nurse'], ['nord']), NOT_IN_ROSTER],
  ])('answers %s with the reason', async (_label, who, text) => {
    expect(await chat.ask('fratre', who)).toEqual({ texts: [text], cards: [] });
  });

  it('`step down` in English', async () => {
    const english = member('aad-english', ['nurse'], ['nord'], { locale: 'en' });
    await bot.store.roster.put(english);
    const { cards } = await chat.ask('step down', english);
    expect(cardText(cards[0])).toContain('Step down as resource nurse in Sone Nord?');
    expect(allActions(cards[0]).map((x) => x.title)).toEqual(['Yes, step down', 'Cancel']);
  });

  it('a leader removing a nurse with a claimed case: back to the queue, card updated, the network leader told', async () => {
    const c = await caseClaimedBy(colleague);
    const hers = (await bot.store.cases.byZone('nord', { openOnly: true }))
      .filter((x) => x.claimedBy === colleague.id)
      .map((x) => x.code);
    expect(hers).toHaveLength(2);
    const before = connector.calls.length;
    const answer = await chat.press(
      'staff.remove',
      { id: colleague.id, listZone: 'nord', from: 1 },
      leader,
    );
    expect(said(answer)).toMatch(
      /^Navn aad-colleague er fjernet fra listen over ansatte\. Historikken beholder navnet\. Saker tilbake til «Venter på ressurssykepleier»: \w+, \w+\. Omfordelt: –\.$/,
    );
    for (const code of hers) expect(said(answer)).toContain(code);
    expect(await bot.store.cases.get(c.id)).toMatchObject({
      state: 'awaiting_claim',
      claimedBy: null,
    });
    expect(cardUpdates(before, c).length).toBeGreaterThanOrEqual(1);
    // The leader who acted is not told what they did; the network leader is.
    expect(Object.keys(personalMessages(before))).toEqual(['29:network']);
  });
});

describe('a long roster on one card', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const admin = member('aad-admin', ['admin'], []);

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    await bot.store.roster.put(admin);
    for (let i = 0; i < 40; i++) {
      const n = String(i).padStart(2, '0');
      await bot.store.roster.put(
        member(`aad-nurse-${n}`, ['nurse'], [i % 4 === 0 ? 'sor' : 'nord'], {
          name: `Sykepleier ${n} ${'med et langt navn '.repeat(3).trim()}`,
          email: `sykepleier.${n}@kommune.no`,
          changes: Array.from({ length: 50 }, (_, k) => ({
            at: '2026-03-01T10:00:00.000Z',
            by: admin.id,
            what: `roles: nurse → nurse,leader; zones: nord → nord,sor (${k})`,
          })),
        }),
      );
    }
    chat = botChat(bot, connector);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('shows the counts, the first part within Teams’ size, and the way to the rest', async () => {
    const { cards } = await chat.ask('ansatte', admin);
    const card = cards[0];
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(40_000);
    const shown = peopleOn(card);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(15);
    const text = cardText(card);
    expect(text).toContain('Personer i listen: 41.');
    expect(text).toContain('Sone Nord: 30');
    expect(text).toContain('Sone Sør: 10');
    expect(text).toContain(`Viser 1–${shown.length} av 41.`);
    expect(text).toContain('… og 47 eldre endringer');
    const submits = allActions(card)
      .filter((a) => a.type === 'Action.Submit')
      .map((a) => [a.title, (a.data as { msteams: { value: string } }).msteams.value]);
    expect(submits).toEqual([
      ['Neste', `ansatte ${shown.length + 1}`],
      ['Sone Nord (30)', 'ansatte nord'],
      ['Sone Sør (10)', 'ansatte sor'],
    ]);
    // The next part, as the button types it.
    const next = await chat.ask(`ansatte ${shown.length + 1}`, admin);
    expect(cardText(next.cards[0])).toContain(`Viser ${shown.length + 1}–`);
    expect(peopleOn(next.cards[0])[0]).not.toBe(shown[0]);
    // One zone: only its people, and the filter's name.
    const sor = await chat.ask('ansatte sor', admin);
    expect(cardText(sor.cards[0])).toContain('Ansatte i Sone Sør');
    expect(cardText(sor.cards[0])).toContain('Personer i listen: 10.');
  });
});
