import type { StaffMember } from '../../src/domain/roster';
import { botChat, type CardJson, cardText, executeAction, inputsOf } from '../support/bot-chat';
import { VALID_FNR } from '../support/domain-fixtures';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

const member = (
  id: string,
  name: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
): StaffMember => ({ id, name, roles, zoneIds, locale: 'nb' });
const nurse = member('aad-k-nurse', 'Nina Nettverk', ['nurse'], ['nord']);
const otherNurse = member('aad-k-nurse2', 'Ola Olsen', ['nurse'], ['nord']);
const leader = member('aad-k-leader', 'Lise Leder', ['leader'], ['nord']);
const southLeader = member('aad-k-sor', 'Siri Sør', ['leader'], ['sor']);
const networkLeader = member('aad-k-network', 'Nils Nettverksleder', ['networkLeader'], []);
const admin = member('aad-k-admin', 'Ada Admin', ['admin'], []);
const fve = member('aad-k-fve', 'Frida FVE', ['fve'], []);
const english = {
  ...member('aad-k-en', 'Emma English', ['nurse'], ['nord']),
  locale: 'en' as const,
};

describe('the competence plan in Teams: `kompetanse`, its cards and buttons', () => {
  let connector: FakeConnector;
  let bot: TestApp;
  let chat: ReturnType<typeof botChat>;
  const clock = fixedClock('2026-06-15T08:00:00.000Z');

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({
      clock,
      // The plan's deadlines are overdue at this clock: a minute's escalation pass would send
      // the nurse a reminder in the middle of a conversation here (competence-reminders tests it).
      env: { LOG_LEVEL: 'silent', ESCALATION_CRON: '0 0 1 1 *' },
    });
    chat = botChat(bot, connector);
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [nurse, otherNurse, leader, southLeader, networkLeader, admin, fve, english]) {
      await bot.store.roster.put(m);
    }
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const onlyCard = async (text: string, who: StaffMember): Promise<CardJson> => {
    const { cards, texts } = await chat.ask(text, who);
    if (cards.length !== 1) throw new Error(`expected a card, got ${JSON.stringify(texts)}`);
    return cards[0];
  };
  /** Presses a button of the card with the card's inputs filled in as given. */
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

  it('shows a nurse her own plan and asks for the appointment date first', async () => {
    const card = await onlyCard('kompetanse', nurse);
    expect(cardText(card)).toContain('Kompetanseplan · Nina Nettverk');
    expect(cardText(card)).toContain('Utnevnelsesdatoen er ikke registrert ennå.');
    const saved = await press(card, 'Lagre', nurse, { appointedAt: '2025-09-01', level: 'B' });
    expect(cardText(saved.card)).toContain('Utnevnelsesdato og nivå er lagret.');
    expect(cardText(saved.card)).toContain('Nettverkssamlinger');
    expect(cardText(saved.card)).toContain('Introduksjonskurs med leder (første år)');
  });

  it('records an activity from the card, and refuses bad input with nothing stored', async () => {
    const card = await onlyCard('kompetanse', nurse);
    expect([...inputsOf(card).keys()]).toEqual(
      expect.arrayContaining(['kind', 'date', 'hours', 'days', 'text', 'withLeader']),
    );
    const recorded = await press(card, 'Registrer', nurse, {
      kind: 'gathering',
      date: '2026-05-20',
      hours: '6',
      text: 'Vårsamling på Hamar',
      withLeader: 'false',
    });
    expect(cardText(recorded.card)).toContain('Aktiviteten er registrert.');
    expect(cardText(recorded.card)).toContain('Vårsamling på Hamar');
    expect(cardText(recorded.card)).toContain('1 av 2 · 6 av 12 timer');

    const before = await bot.store.competence.getRecord(nurse.id);
    const badHours = await press(recorded.card, 'Registrer', nurse, {
      kind: 'gathering',
      date: '2026-05-21',
      hours: '99',
    });
    expect(cardText(badHours.card)).toContain('Noe i skjemaet mangler eller er ugyldig (hours)');
    const future = await press(recorded.card, 'Registrer', nurse, {
      kind: 'studyDay',
      date: '2026-07-01',
      hours: '6',
    });
    expect(cardText(future.card)).toContain('Datoen kan ikke være etter i dag.');
    const withId = await press(recorded.card, 'Registrer', nurse, {
      kind: 'gathering',
      date: '2026-05-21',
      hours: '6',
      text: `Ring ${VALID_FNR}`,
    });
    expect(withId.message).toContain('fødselsnummer');
    expect(JSON.stringify(withId)).not.toContain(VALID_FNR);
    expect(await bot.store.competence.getRecord(nurse.id)).toEqual(before);
  });

  it('changes nothing the second time the same button is pressed on the same card', async () => {
    const card = await onlyCard('kompetanse', nurse);
    const inputs = { kind: 'other', date: '2026-06-01', hours: '1' };
    const first = await press(card, 'Registrer', nurse, inputs);
    expect(cardText(first.card)).toContain('Aktiviteten er registrert.');
    const second = await press(card, 'Registrer', nurse, inputs);
    expect(cardText(second.card)).toContain('Planen er endret siden kortet ble vist');
    const stored = await bot.store.competence.getRecord(nurse.id);
    expect(stored?.activities.filter((a) => a.kind === 'other')).toHaveLength(1);
    // Withdrawn again at once, so the rest of the flow sees only the gathering.
    await press(first.card, 'Trekk tilbake', nurse);
  });

  it('answers "hvor mange timer har jeg i år?" from her own plan, in personal chat only', async () => {
    const { texts, cards } = await chat.ask('Hvor mange timer har jeg i år?', nurse);
    expect(cards).toEqual([]);
    expect(texts.join()).toMatch(
      /Kompetanseåret 2026: \d+ timer registrert, 6 av dem på nettverkssamlinger/,
    );
    const english = await chat.ask('How many hours do I have this year?', nurse);
    expect(english.texts.join()).toContain('6 av dem på nettverkssamlinger');
    // Nobody else's hours: the leader has no plan of her own.
    expect((await chat.ask('Hvor mange timer har jeg?', leader)).texts.join()).not.toContain(
      'Kompetanseåret',
    );
    const inChannel = await chat.ask('hvor mange timer har jeg i år?', nurse, {
      channel: '19:nord@thread.tacv2',
    });
    expect(inChannel.texts.join()).toContain('bare i en personlig chat');
    // A question about the plan's rules is still the documents' to answer.
    const rules = await chat.ask('Hvor mange timer veiledning gir en dag hospitering?', nurse);
    expect(rules.texts.join()).not.toContain('Kompetanseåret');
  });

  it('changes and withdraws her own activity from the card', async () => {
    const card = await onlyCard('kompetanse', nurse);
    const editing = await press(card, 'Endre', nurse);
    expect(inputsOf(editing.card).get('hours')?.value).toBe('6');
    const changed = await press(editing.card, 'Lagre endringen', nurse, {
      kind: 'gathering',
      date: '2026-05-20',
      hours: '7',
      text: 'Vårsamling på Hamar',
    });
    expect(cardText(changed.card)).toContain('Aktiviteten er endret.');
    expect(cardText(changed.card)).toContain('1 av 2 · 7 av 12 timer');
    const withdrawn = await press(changed.card, 'Trekk tilbake', nurse);
    expect(cardText(withdrawn.card)).toContain('trukket tilbake');
    const stored = await bot.store.competence.getRecord(nurse.id);
    const gathering = stored?.activities.filter((a) => a.kind === 'gathering') ?? [];
    expect(gathering).toHaveLength(1);
    expect(
      stored?.history.filter((h) => h.activityId === gathering[0].id).map((h) => h.action),
    ).toEqual(['recorded', 'changed', 'withdrawn']);
  });

  it('lets the zone leader record the yearly meeting, which the nurse confirms from her card', async () => {
    const overview = await onlyCard('kompetanse nord', leader);
    expect(cardText(overview)).toContain('Kompetanse · Sone Nord');
    expect(cardText(overview)).toContain('Nina Nettverk');
    expect(cardText(overview)).toContain('Ola Olsen');
    const plan = await press(overview, 'Åpne', leader);
    expect(cardText(plan.card)).toContain('Kompetanseplan · Nina Nettverk');
    const recorded = await press(plan.card, 'Registrer', leader, {
      kind: 'leaderMeeting',
      date: '2026-06-10',
      hours: '1',
    });
    expect(cardText(recorded.card)).toContain('venter på bekreftelse');

    const own = await onlyCard('kompetanse', nurse);
    const confirmed = await press(own, 'Bekreft', nurse);
    expect(cardText(confirmed.card)).toContain('Årssamtalen er bekreftet.');
    expect(cardText(confirmed.card)).not.toContain('venter på bekreftelse');
  });

  describe('who sees what', () => {
    const planData = { nurseId: nurse.id };
    it.each([
      ['the nurse herself', nurse, true],
      ['her zone leader', leader, true],
      ['the network leader', networkLeader, true],
      ['the admin', admin, true],
      ['another nurse', otherNurse, false],
      ['the leader of another zone', southLeader, false],
      ['FVE', fve, false],
    ])('%s opening her plan', async (_who, who, sees) => {
      const answer = await chat.press('competence.show', planData, who);
      if (sees) expect(cardText(answer.card)).toContain('Kompetanseplan · Nina Nettverk');
      else expect(answer.message).toBe('Jeg finner ingen kompetanseplan du har tilgang til her.');
    });

    it.each([
      ['her zone leader', leader, true],
      ['the network leader', networkLeader, true],
      ['the admin', admin, true],
      ['a nurse', nurse, false],
      ['the leader of another zone', southLeader, false],
      ['FVE', fve, false],
    ])('%s asking for the zone overview', async (_who, who, sees) => {
      const { cards, texts } = await chat.ask('kompetanse nord', who);
      if (sees) expect(cardText(cards[0])).toContain('Kompetanse · Sone Nord');
      else expect(texts.join(' ')).not.toContain('Sone Nord');
    });

    it('gives the admin and the network leader a plan without the forms', async () => {
      const asAdmin = await chat.press('competence.show', planData, admin);
      expect(inputsOf(asAdmin.card).size).toBe(0);
      const refused = await chat.press(
        'competence.register',
        { nurseId: nurse.id, kind: 'gathering', date: '2026-06-01', hours: '6' },
        admin,
      );
      expect(cardText(refused.card)).toContain('Du har ikke lov');
    });

    it('keeps a stepped-down nurse’s record, read-only', async () => {
      await bot.store.roster.put({ ...otherNurse, roles: ['fve'] });
      await bot.store.competence.createRecord({
        id: otherNurse.id,
        appointedAt: '2024-01-01',
        activities: [],
        history: [],
        schedule: {},
        nextDueAt: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        version: 1,
      });
      const own = await onlyCard('kompetanse', { ...otherNurse, roles: ['fve'] });
      expect(cardText(own)).toContain('Fratrådt: planen kan leses, men ikke endres.');
      expect(inputsOf(own).size).toBe(0);
      const byLeader = await chat.press('competence.show', { nurseId: otherNurse.id }, leader);
      expect(inputsOf(byLeader.card).size).toBe(0);
    });
  });

  it('exports her own plan and, for the leader, the zone overview as CSV', async () => {
    const own = await chat.ask('kompetanse eksport', nurse);
    expect(own.texts[0]).toContain('Kompetanseplan for Nina Nettverk som CSV');
    const ownCsv = own.texts[0].split('```')[1].trim().split('\n');
    expect(ownCsv[0]).toBe(
      'nurseId,date,kind,hours,days,supervisionHours,text,eventId,recordedBy,recordedAt',
    );
    expect(ownCsv.some((line) => line.includes('leaderMeeting'))).toBe(true);
    const zone = await chat.ask('kompetanse nord eksport', leader);
    expect(zone.texts[0]).toContain('Kompetanseoversikt for Sone Nord som CSV');
    expect(zone.texts[0]).toContain(`${nurse.id},Nina Nettverk,2025-09-01,B,gatherings`);
    const ownZone = await chat.ask('kompetanse eksport', leader);
    expect(ownZone.texts[0]).toContain('Kompetanseoversikt for Sone Nord som CSV');
    const refused = await chat.ask('kompetanse nord eksport', southLeader);
    expect(refused.texts.join()).not.toContain('Nina Nettverk');
  });

  it('refreshes the plan and the overview from their own buttons', async () => {
    const plan = await onlyCard('kompetanse', nurse);
    const refreshed = await press(plan, 'Oppdater', nurse);
    expect(cardText(refreshed.card)).toContain('Kompetanseplan · Nina Nettverk');
    const overview = await onlyCard('kompetanse nord', leader);
    const again = await press(overview, 'Oppdater', leader);
    expect(cardText(again.card)).toContain('Kompetanse · Sone Nord');
    // The same button pressed by somebody who may not see the zone.
    const { verb, data } = executeAction(overview, 'Oppdater');
    const refused = await chat.press(verb, data, southLeader);
    expect(refused.message).toContain('kompetanse ‹sone›');
  });

  it('shows a plan in a personal chat only, never to a channel', async () => {
    const { texts, cards } = await chat.ask('kompetanse', nurse, {
      channel: '19:nord@thread.tacv2',
    });
    expect(cards).toEqual([]);
    expect(texts.join()).toContain('bare i en personlig chat');
  });

  it('answers in English to an English reader', async () => {
    const card = await onlyCard('competence', english);
    expect(cardText(card)).toContain('Competence plan · Emma English');
  });

  it('answers an unreadable button with a message, not an error', async () => {
    const answer = await chat.press('competence.withdraw', { nurseId: nurse.id }, nurse);
    expect(answer.message).toBe(
      'Knappen kunne ikke leses. Skriv «kompetanse» for å få et nytt kort.',
    );
  });
});
