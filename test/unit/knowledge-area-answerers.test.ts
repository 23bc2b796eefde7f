import type { TurnContext } from 'botbuilder';
import { createAccessLog } from '../../src/app/access-log';
import { createCaseActions } from '../../src/app/case-actions';
import { createCaseReads } from '../../src/app/case-reads';
import { createCaseService } from '../../src/app/case-service';
import { createCaseWorkflow } from '../../src/app/case-workflow';
import type { Case } from '../../src/domain/case';
import type { Locale, StaffMember } from '../../src/domain/roster';
import { createTranslator } from '../../src/i18n/i18n';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import {
  type AreaAnswerer,
  answerFreeText,
  caseDeadlineAnswerer,
  caseDeadlineQuestion,
} from '../../src/teams/handlers/area-answerers';
import type { Caller } from '../../src/teams/turn-context';
import { shippedKnowledgeBase } from '../knowledge/knowledge-base';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const translator = createTranslator('nb');
const callerFor = (member: StaffMember | undefined, locale: Locale = 'nb'): Caller => ({
  member,
  locale,
  t: translator.forLocale(locale),
});

function fakeContext(text: string) {
  const sent: unknown[] = [];
  const context = {
    activity: { text, conversation: { conversationType: 'personal' } },
    sendActivity: async (activity: unknown) => {
      sent.push(activity);
      return undefined;
    },
  } as unknown as TurnContext;
  return { context, sent };
}

const fve: StaffMember = { id: 'fve', name: 'Frida', roles: ['fve'], zoneIds: [] };
const kari: StaffMember = { id: 'kari', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] };
const sara: StaffMember = { id: 'sara', name: 'Sara', roles: ['nurse'], zoneIds: ['sor'] };

describe('recognising a question about a case deadline', () => {
  it.each([
    ['når er fristen for sak K7M4Q?', 'K7M4Q'],
    ['Hva er fristen på saken #k7m4q', 'K7M4Q'],
    ['What is the deadline for case K7M4Q?', 'K7M4Q'],
    ['when is case k7m4q due', 'K7M4Q'],
  ])('"%s" asks for the deadline of %s', (text, code) => {
    expect(caseDeadlineQuestion(text)).toEqual({ code });
  });

  it.each([
    'Hva er fristen for FVE?',
    'sak K7M4Q',
    'når er fristen for sak 12345678',
    'Frist for saken når pasienten er alvorlig syk?',
    undefined,
  ])('"%s" is not one', (text) => {
    expect(caseDeadlineQuestion(text)).toBeUndefined();
  });
});

describe('the case deadline answerer', () => {
  let store: Store;
  let c: Case;
  const clock = fixedClock('2026-03-09T08:00:00.000Z');
  const answerer = (now = clock.now()) => {
    const accessLog = createAccessLog(store, clock);
    const cases = createCaseService({ store, clock, routine: defaultRoutine() });
    const publisher = {
      post: async () => ({ conversationId: 'c', activityId: 'a' }),
      update: async () => {},
    };
    const workflow = createCaseWorkflow({
      store,
      cases,
      publisher,
      clock,
      logger: createLogger('silent'),
    });
    const actions = createCaseActions({
      store,
      workflow,
      reads: createCaseReads(store, accessLog),
    });
    return caseDeadlineAnswerer({ actions, timeZone: 'Europe/Oslo', now: () => now });
  };

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    for (const m of [fve, kari, sara]) await store.roster.put(m);
    const registered = await createCaseService({
      store,
      clock,
      routine: defaultRoutine(),
    }).register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-09T07:00:00.000Z',
        patientRef: 'DIPS-1',
        registerHsyre: true,
      },
      fve,
    );
    if (!registered.ok) throw new Error(registered.error.code);
    c = registered.case;
  });

  it("tells staff of the case's zone its next deadline, and nothing of the patient", async () => {
    const { context, sent } = fakeContext(`når er fristen for sak ${c.code}?`);
    expect(await answerer()(context, callerFor(kari))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      new RegExp(`^Neste frist for sak ${c.code}: .*\\(første telefonkontakt\\)\\.$`),
    );
    expect(String(sent[0])).not.toContain('DIPS-1');
  });

  it("says the deadline has passed when it has, in the caller's language", async () => {
    const { context, sent } = fakeContext(`what is the deadline for case ${c.code}?`);
    const later = new Date(Date.parse(c.deadline?.dueAt ?? '') + 60_000);
    await answerer(later)(context, callerFor(kari, 'en'));
    expect(sent[0]).toMatch(new RegExp(`^The deadline for case ${c.code} passed `));
  });

  it('gives somebody outside the zone the same answer as for an unknown code', async () => {
    const outside = fakeContext(`når er fristen for sak ${c.code}?`);
    await answerer()(outside.context, callerFor(sara));
    const unknown = fakeContext('når er fristen for sak KKKKK?');
    await answerer()(unknown.context, callerFor(sara));
    expect(outside.sent[0]).toBe(String(unknown.sent[0]).replace('KKKKK', c.code));
    expect(String(outside.sent[0])).not.toMatch(/frist.*\d{2}\.\d{2}/);
  });

  it('leaves any other text to the next answerer', async () => {
    const { context, sent } = fakeContext('Hva er fristen for FVE?');
    expect(await answerer()(context, callerFor(kari))).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('free text: the areas in order, then the knowledge base', () => {
  it('stops at the first area that answers', async () => {
    const asked: string[] = [];
    const area =
      (name: string, takes: boolean): AreaAnswerer =>
      async () => {
        asked.push(name);
        return takes;
      };
    const { context, sent } = fakeContext('Hva er ESAS?');
    await answerFreeText(
      context,
      callerFor(kari),
      [area('a', false), area('b', true), area('c', true)],
      shippedKnowledgeBase(),
    );
    expect(asked).toEqual(['a', 'b']);
    expect(sent).toEqual([]);
  });

  it('answers from the knowledge base when no area takes the question', async () => {
    const { context, sent } = fakeContext('Hva er ESAS?');
    await answerFreeText(context, callerFor(kari), [async () => false], shippedKnowledgeBase());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ entities: [{ '@type': 'Message' }] });
  });
});
