import { createCaseService } from '../../src/app/case-service';
import { createEscalationPass, type Notifier } from '../../src/app/escalation-pass';
import { hsyreKind } from '../../src/app/hsyre-kind';
import type { EscalationOccurrence } from '../../src/domain/escalation';
import type { StaffMember } from '../../src/domain/roster';
import type { TrackedItem } from '../../src/domain/tracked-item';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const fve: StaffMember = { id: 'fve', name: 'F', roles: ['fve'], zoneIds: [] };
const nurse: StaffMember = { id: 'nurse', name: 'N', roles: ['nurse'], zoneIds: ['nord'] };
const silent = createLogger('silent');

function recordingNotifier(failures = 0) {
  const sent: { code: string; level: string; at: string }[] = [];
  let toFail = failures;
  const notifier: Notifier = {
    async notify(c: TrackedItem, o: EscalationOccurrence, _to: unknown, now: Date) {
      if (toFail > 0) {
        toFail -= 1;
        throw new Error('Teams said 503');
      }
      sent.push({ code: c.code, level: o.level.id, at: now.toISOString() });
    },
  };
  return { sent, notifier };
}

describe('escalation pass over a real store, with an injected clock', () => {
  let store: Store;
  // Friday 6 March 2026 14:00 Oslo: a normal case registered now is due today 15:30.
  const clock = fixedClock('2026-03-06T13:00:00.000Z');

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    clock.set('2026-03-06T13:00:00.000Z');
  });
  afterEach(() => store.close());

  /** Registers a normal case now (the clock's time), the hospital's contact an hour earlier. */
  const register = async () => {
    const service = createCaseService({ store, clock, routine: defaultRoutine() });
    const hospitalContactAt = new Date(clock.now().getTime() - 3_600_000).toISOString();
    const result = await service.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt,
        patientRef: 'P-1',
        registerHsyre: true,
      },
      fve,
    );
    if (!result.ok) throw new Error(result.error.code);
    return { c: result.case, service };
  };

  it('sends reminder, overdue and FVE levels once each, at their times, across the weekend', async () => {
    const { c } = await register();
    expect(c.deadline?.dueAt).toBe('2026-03-06T14:30:00.000Z'); // Friday 15:30 Oslo
    const { sent, notifier } = recordingNotifier();
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger: silent,
      batchSize: 100,
    });
    const tick = (iso: string) => {
      clock.set(iso);
      return pass(clock.now());
    };
    await tick('2026-03-06T13:00:00.000Z'); // 14:00: the reminder is due from 13:30
    await tick('2026-03-06T13:01:00.000Z');
    await tick('2026-03-06T14:29:00.000Z');
    await tick('2026-03-06T14:30:00.000Z'); // the deadline
    await tick('2026-03-06T18:00:00.000Z');
    await tick('2026-03-07T14:29:00.000Z'); // Saturday, not yet 24 h
    await tick('2026-03-07T14:30:00.000Z'); // 24 h after, a Saturday: FVE waits for Monday
    await tick('2026-03-09T08:00:00.000Z'); // Monday 09:00: FVE
    expect(sent).toEqual([
      { code: c.code, level: 'reminder', at: '2026-03-06T13:00:00.000Z' },
      { code: c.code, level: 'overdue', at: '2026-03-06T14:30:00.000Z' },
      { code: c.code, level: 'fve', at: '2026-03-09T08:00:00.000Z' },
    ]);
    expect((await store.cases.get(c.id))?.nextDueAt).toBeNull();
  });

  it('after downtime sends only the highest level due, once', async () => {
    const { c } = await register();
    const { sent, notifier } = recordingNotifier();
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger: silent,
      batchSize: 100,
    });
    await pass(new Date('2026-03-09T08:00:00.000Z'));
    await pass(new Date('2026-03-09T08:01:00.000Z'));
    expect(sent.map((s) => s.level)).toEqual(['fve']);
    expect(
      (await store.markers.get(`escalation:${c.id}:firstContact:${c.deadline?.dueAt}:reminder`))
        ?.status,
    ).toBe('skipped');
  });

  it('two instances running the same pass at once send each message exactly once', async () => {
    await register();
    await register();
    const { sent, notifier } = recordingNotifier();
    const a = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger: silent,
      batchSize: 100,
    });
    const b = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger: silent,
      batchSize: 100,
    });
    const now = new Date('2026-03-06T14:30:00.000Z');
    await Promise.all([a(now), b(now), a(now), b(now)]);
    expect(sent.map((s) => s.level).sort()).toEqual(['overdue', 'overdue']);
  });

  it('a case contacted in time gets no escalation after the contact', async () => {
    const { c, service } = await register();
    const { sent, notifier } = recordingNotifier();
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger: silent,
      batchSize: 100,
    });
    await service.execute(c.id, { type: 'claim' }, { ...nurse });
    await service.execute(c.id, { type: 'logContact', outcome: 'reached' }, nurse);
    await pass(new Date('2026-03-06T14:30:00.000Z'));
    await pass(new Date('2026-03-07T14:30:00.000Z'));
    expect(sent).toEqual([]);
  });

  it('a failed delivery is retried once the intent is stale, never dropped and never doubled', async () => {
    const { c } = await register();
    const { sent, notifier } = recordingNotifier(1);
    const lines: string[] = [];
    const logger = createLogger('error', { write: (l: string) => lines.push(l) });
    const pass = createEscalationPass({
      store,
      kinds: [hsyreKind(store)],
      notifier,
      logger,
      batchSize: 100,
    });
    await pass(new Date('2026-03-06T14:30:00.000Z')); // Teams refuses
    await pass(new Date('2026-03-06T14:31:00.000Z')); // intent not stale yet: nothing
    expect(sent).toEqual([]);
    expect(lines.join('')).toContain('escalation not delivered');
    await pass(new Date('2026-03-06T14:36:00.000Z')); // stale: retried
    await pass(new Date('2026-03-06T14:37:00.000Z'));
    expect(sent.map((s) => s.level)).toEqual(['overdue']);
    expect(c.code).toBe(sent[0].code);
  });

  describe('a claimed case left without a logged contact', () => {
    // Monday 9 March 2026, registered 09:00 Oslo (08:00Z): first contact due 15:30 (14:30Z).
    const registerMonday = async () => {
      clock.set('2026-03-09T08:00:00.000Z');
      return register();
    };
    /** Runs the pass every five minutes from `from` to `to` (UTC), as cron would. */
    const runEveryFiveMinutes = async (
      pass: (now: Date) => Promise<unknown>,
      from: string,
      to: string,
    ) => {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * 60_000) {
        clock.set(new Date(t).toISOString());
        await pass(clock.now());
      }
    };

    it('is re-notified every hour like an unacknowledged alert; the routine level wins a shared slot', async () => {
      const { c, service } = await registerMonday();
      clock.set('2026-03-09T08:30:00.000Z');
      await service.execute(c.id, { type: 'claim' }, nurse);
      const { sent, notifier } = recordingNotifier();
      const pass = createEscalationPass({
        store,
        kinds: [hsyreKind(store)],
        notifier,
        logger: silent,
        batchSize: 100,
      });
      await runEveryFiveMinutes(pass, '2026-03-09T08:30:00.000Z', '2026-03-09T15:00:00.000Z');
      expect(sent.map((s) => `${s.level}@${s.at.slice(11, 16)}`)).toEqual([
        'claim-reminder@09:30',
        'claim-reminder@10:30',
        'claim-reminder@11:30',
        'reminder@12:30', // two hours before the deadline; the 12:30 re-notification is skipped
        'claim-reminder@13:30',
        'overdue@14:30',
      ]);
    });

    it('stays quiet while snoozed, resumes after, and stops at the logged contact', async () => {
      const { c, service } = await registerMonday();
      clock.set('2026-03-09T08:30:00.000Z');
      await service.execute(c.id, { type: 'claim' }, nurse);
      const { sent, notifier } = recordingNotifier();
      const pass = createEscalationPass({
        store,
        kinds: [hsyreKind(store)],
        notifier,
        logger: silent,
        batchSize: 100,
      });
      await runEveryFiveMinutes(pass, '2026-03-09T08:30:00.000Z', '2026-03-09T09:35:00.000Z');
      clock.set('2026-03-09T09:37:00.000Z');
      const snoozed = await service.execute(c.id, { type: 'snooze', minutes: 60 }, nurse);
      expect(snoozed.ok).toBe(true);
      await runEveryFiveMinutes(pass, '2026-03-09T09:40:00.000Z', '2026-03-09T11:50:00.000Z');
      clock.set('2026-03-09T11:52:00.000Z');
      await service.execute(c.id, { type: 'logContact', outcome: 'not_reached' }, nurse);
      await runEveryFiveMinutes(pass, '2026-03-09T11:55:00.000Z', '2026-03-09T12:25:00.000Z');
      expect(sent.map((s) => `${s.level}@${s.at.slice(11, 16)}`)).toEqual([
        'claim-reminder@09:30',
        'claim-reminder@10:40', // the snooze ended at 10:37; the pass runs every five minutes
        'claim-reminder@11:40',
      ]);
    });
  });
});
