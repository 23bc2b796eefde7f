import { createAccessLog } from '../../src/app/access-log';
import { createCaseActions } from '../../src/app/case-actions';
import { createCaseReads } from '../../src/app/case-reads';
import { createCaseService } from '../../src/app/case-service';
import { createCaseWorkflow } from '../../src/app/case-workflow';
import type { Case } from '../../src/domain/case';
import type { StaffMember } from '../../src/domain/roster';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const fve: StaffMember = { id: 'fve', name: 'Frida', roles: ['fve'], zoneIds: [] };
const kari: StaffMember = { id: 'kari', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] };
const ola: StaffMember = { id: 'ola', name: 'Ola', roles: ['nurse'], zoneIds: ['nord'] };
const sara: StaffMember = { id: 'sara', name: 'Sara', roles: ['nurse'], zoneIds: ['sor'] };

/** The case use cases without Teams: what they answer is data, rendered elsewhere. */
describe('case actions as use cases', () => {
  let store: Store;
  let c: Case;
  const clock = fixedClock('2026-03-09T08:00:00.000Z');
  const actions = () => {
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
    return createCaseActions({ store, workflow, reads: createCaseReads(store, accessLog) });
  };

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    for (const m of [fve, kari, ola, sara]) await store.roster.put(m);
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
  afterEach(() => store.close());

  it('answers a stranger and another zone with the same message, and no case', async () => {
    const press = { kind: 'refresh' as const, caseId: c.id };
    expect(await actions().press(undefined, press, 'personal')).toEqual({
      kind: 'message',
      key: 'me.unknown',
    });
    expect(await actions().press(sara, press, 'personal')).toEqual({
      kind: 'message',
      key: 'errors.unknown_case_button',
    });
    expect(await actions().lookUp(sara, c.code.toLowerCase(), 'personal')).toEqual({
      kind: 'message',
      key: 'errors.unknown_case',
      params: { code: c.code },
    });
    expect(await actions().lookUp(sara, 'QQQQQ', 'personal')).toEqual({
      kind: 'message',
      key: 'errors.unknown_case',
      params: { code: 'QQQQQ' },
    });
  });

  it('answers a refusal with the current case and the reason, a staff id turned into a name', async () => {
    await actions().press(
      kari,
      { kind: 'command', caseId: c.id, version: 1, command: { type: 'claim' } },
      'channel',
    );
    const second = await actions().press(
      ola,
      { kind: 'command', caseId: c.id, version: 1, command: { type: 'claim' } },
      'channel',
    );
    expect(second).toMatchObject({
      kind: 'case',
      view: 'channel',
      case: { claimedBy: kari.id },
      note: { key: 'errors.already_claimed', params: { claimedBy: 'Kari' }, tone: 'attention' },
    });
  });

  it('says when a snooze ends as a date for the renderer, and a replay as unchanged', async () => {
    const claim = { type: 'claim' } as const;
    const claimed = await actions().press(
      kari,
      { kind: 'command', caseId: c.id, version: 1, command: claim },
      'personal',
    );
    expect(claimed).toMatchObject({ kind: 'case', note: undefined });
    const replay = await actions().press(
      kari,
      { kind: 'command', caseId: c.id, version: 1, command: claim },
      'personal',
    );
    expect(replay).toMatchObject({ note: { key: 'cases.messages.unchanged', tone: 'good' } });
    const snoozed = await actions().press(
      kari,
      { kind: 'command', caseId: c.id, version: 2, command: { type: 'snooze', minutes: 60 } },
      'personal',
    );
    expect(snoozed).toMatchObject({
      note: {
        key: 'cases.messages.snoozed',
        params: { code: c.code },
        dates: { until: '2026-03-09T09:00:00.000Z' },
      },
    });
  });
});
