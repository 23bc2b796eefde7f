import { type CompetenceActor, mayRegisterForEvents } from '../../src/domain/competence/access';
import {
  createNetworkEvent,
  type NetworkEvent,
  networkEventSchema,
  setRegistration,
  withRegistrationReminder,
} from '../../src/domain/competence/event';
import {
  dueRegistrations,
  trackEventRegistration,
} from '../../src/domain/competence/event-tracking';
import { competenceConfigSchema } from '../../src/domain/competence/requirements';
import { levelTimes } from '../../src/domain/level-time';
import { shippedCompetence } from '../support/competence';
import { defaultRoutine } from '../support/domain-fixtures';

const NOW = new Date('2026-06-01T08:00:00.000Z');
const TODAY = '2026-06-01';
const nurse = { id: 'nurse-1', roles: ['nurse' as const], zoneIds: ['nord'] };
const networkLeader = { id: 'network-1', roles: ['networkLeader' as const], zoneIds: [] };
const workingTime = defaultRoutine().policy.workingTime;

function event(date = '2026-06-11'): NetworkEvent {
  const result = createNetworkEvent(
    { kind: 'gathering', date, hours: 6, place: 'Kulturhuset' },
    networkLeader,
    NOW,
    'event-1',
  );
  if (!result.ok) throw new Error('fixture refused');
  return result.event;
}
const register = (
  e: NetworkEvent,
  v: number | undefined = e.version,
  actor: CompetenceActor = nurse,
) => setRegistration(e, true, actor, NOW, TODAY, v);

describe('registering for a network event', () => {
  it('registers the nurse herself once, with a history entry', () => {
    const result = register(event());
    expect(result).toMatchObject({ ok: true, changed: true });
    if (!result.ok) return;
    expect(result.event.registered).toEqual([{ nurseId: nurse.id, at: NOW.toISOString() }]);
    expect(result.event.history.at(-1)).toMatchObject({ by: nurse.id, action: 'registered' });
  });

  it('changes nothing when she registers twice', () => {
    const first = register(event());
    if (!first.ok) throw new Error('refused');
    const again = register(first.event);
    expect(again).toEqual({ ok: true, event: first.event, changed: false });
  });

  it('withdraws her registration, and a second withdrawal changes nothing', () => {
    const first = register(event());
    if (!first.ok) throw new Error('refused');
    const out = setRegistration(first.event, false, nurse, NOW, TODAY, first.event.version);
    expect(out).toMatchObject({ ok: true, changed: true });
    if (!out.ok) return;
    expect(out.event.registered).toEqual([]);
    expect(out.event.history.at(-1)?.action).toBe('unregistered');
    expect(setRegistration(out.event, false, nurse, NOW, TODAY, 1)).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it('refuses a card showing an older version', () => {
    expect(register({ ...event(), version: 3 }, 2)).toEqual({
      ok: false,
      refusal: { code: 'stale' },
    });
  });

  it('only for events not yet begun', () => {
    expect(register(event(TODAY))).toEqual({ ok: false, refusal: { code: 'past' } });
    expect(register(event('2026-05-20'))).toEqual({ ok: false, refusal: { code: 'past' } });
  });

  it('only for planned events', () => {
    expect(register({ ...event(), status: 'cancelled' })).toEqual({
      ok: false,
      refusal: { code: 'withdrawn' },
    });
  });

  it('only for resource nurses', () => {
    expect(register(event(), 1, networkLeader)).toEqual({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    const leader = { id: 'leader-1', roles: ['leader' as const], zoneIds: ['nord'] };
    expect(register(event(), 1, leader)).toMatchObject({ ok: false });
    expect(setRegistration(event(), true, undefined, NOW, TODAY, 1)).toMatchObject({ ok: false });
  });

  it('reads an event stored before registration existed with nobody registered', () => {
    const { registered: _, ...old } = event();
    expect(networkEventSchema.parse(old).registered).toEqual([]);
  });
});

describe('the reminder of a registration', () => {
  const registered = (() => {
    const r = register(event());
    if (!r.ok) throw new Error('refused');
    return r.event;
  })();

  it('falls due two working days before the event, at the start of working time', () => {
    const tracked = trackEventRegistration(
      { event: registered, nurseId: nurse.id, zoneId: 'nord', remindAt: undefined },
      { daysBefore: 2 },
      workingTime,
    );
    expect(tracked).toMatchObject({
      id: `competence-event:${registered.id}:${nurse.id}`,
      ownerId: nurse.id,
      zoneId: 'nord',
      opens: { owner: 'nettverk', others: 'nettverk' },
    });
    // Thursday 11 June 08:00 in Oslo; the reminder Tuesday 9 June 08:00.
    expect(tracked.deadline?.dueAt).toBe('2026-06-11T06:00:00.000Z');
    const [at] = levelTimes(tracked.deadline?.dueAt ?? '', tracked.policy);
    expect(at.toISOString()).toBe('2026-06-09T06:00:00.000Z');
  });

  it('is due until sent, then never again', () => {
    const at = '2026-06-09T06:00:00.000Z';
    expect(dueRegistrations([registered], at, TODAY)).toHaveLength(1);
    const scheduled = withRegistrationReminder(registered, nurse.id, '2026-06-09T06:00:00.000Z');
    expect(dueRegistrations([scheduled], '2026-06-09T05:59:00.000Z', TODAY)).toEqual([]);
    expect(dueRegistrations([scheduled], at, TODAY)).toHaveLength(1);
    const sent = withRegistrationReminder(scheduled, nurse.id, null);
    expect(dueRegistrations([sent], at, TODAY)).toEqual([]);
    expect(withRegistrationReminder(sent, nurse.id, null)).toBe(sent);
    expect(dueRegistrations([{ ...registered, status: 'cancelled' }], at, TODAY)).toEqual([]);
  });
});

describe('who may register, and the reminder setting', () => {
  it('is a rule of access.ts: resource nurses only', () => {
    expect(mayRegisterForEvents(nurse)).toBe(true);
    expect(mayRegisterForEvents(networkLeader)).toBe(false);
    expect(mayRegisterForEvents(undefined)).toBe(false);
  });

  it('loads a config file written before the setting existed', () => {
    const { eventReminder: _, ...old } = shippedCompetence();
    expect(competenceConfigSchema.parse(old).eventReminder).toBeUndefined();
    expect(shippedCompetence().eventReminder).toEqual({ daysBefore: 2 });
  });
});
