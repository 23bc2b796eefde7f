import fc from 'fast-check';
import type { CurrentDeadline } from '../../src/domain/case';
import { firstWakeUp } from '../../src/domain/case-schedule';
import { decideEscalation, escalationKey, levelAt } from '../../src/domain/escalation';
import {
  LATE_DELIVERY_GRACE_MINUTES,
  type LevelPolicy,
  levelTimes,
} from '../../src/domain/level-time';
import type { EscalationLevel, WorkingTime } from '../../src/domain/routine';
import { workingCalendar } from '../../src/domain/working-calendar';
import { caseIn, defaultRoutine, oslo, osloIso } from '../support/domain-fixtures';

/** The shipped routine: reminder -120 min, zone leader at the deadline, FVE +24 h, all in working time. */
const POLICY: LevelPolicy = defaultRoutine().policy;
const WT: WorkingTime = POLICY.workingTime;
const calendar = workingCalendar(WT);

const withLevels = (escalation: EscalationLevel[], wt: Partial<WorkingTime> = {}): LevelPolicy => ({
  escalation,
  workingTime: { ...WT, ...wt },
});
const level = (patch: Partial<EscalationLevel> & Pick<EscalationLevel, 'id'>): EscalationLevel => ({
  offsetMinutes: 0,
  offsetUnit: 'calendar',
  deliver: 'workingTime',
  notify: 'zoneLeader',
  messageKey: 'escalation.overdue',
  ...patch,
});
const withFve = (patch: Partial<EscalationLevel>): LevelPolicy =>
  withLevels(POLICY.escalation.map((l) => (l.id === 'fve' ? { ...l, ...patch } : l)));

/** The delivery times of a deadline at a local Oslo time, as ISO strings. */
const times = (dueLocal: string, policy: LevelPolicy = POLICY, nowLocal?: string) =>
  levelTimes(osloIso(dueLocal), policy, nowLocal ? oslo(nowLocal) : undefined).map((t) =>
    t.toISOString(),
  );

/** A tracked item as the deadline engine sees it, with a deadline at a local Oslo time. */
const item = (dueLocal: string, policy: LevelPolicy = POLICY) => {
  const deadline: CurrentDeadline = { key: 'firstContact', dueAt: osloIso(dueLocal) };
  return { id: 'item-1', open: true, policy, deadline };
};
const keyOf = (it: ReturnType<typeof item>, levelId: string) =>
  escalationKey(it.id, it.deadline, levelId);

describe('working calendar: when a message may be delivered', () => {
  it('the end of working time is included (the message at a deadline), unlike nextWorkingInstant', () => {
    expect(calendar.nextDeliveryInstant(oslo('2026-03-06T15:30'))).toEqual(
      oslo('2026-03-06T15:30'),
    );
    expect(calendar.nextWorkingInstant(oslo('2026-03-06T15:30'))).toEqual(oslo('2026-03-09T08:00'));
  });

  it.each([
    ['2026-03-09T07:59', '2026-03-09T08:00', 'before working time: its start'],
    ['2026-03-09T12:00', '2026-03-09T12:00', 'in working time: itself'],
    ['2026-03-09T15:31', '2026-03-10T08:00', 'after working time: the next start'],
    ['2026-03-10T03:00', '2026-03-10T08:00', 'in the night'],
    ['2026-03-07T15:30', '2026-03-09T08:00', 'a Saturday: Monday'],
    ['2026-12-25T15:30', '2026-12-28T08:00', 'Christmas Day: Monday 28 December'],
    ['2027-03-25T15:30', '2027-03-30T08:00', 'Maundy Thursday 2027: the Tuesday after Easter'],
    ['2026-03-28T15:30', '2026-03-30T08:00', 'the Saturday before summer time: 08:00 CEST'],
    ['2026-10-24T15:30', '2026-10-26T08:00', 'the Saturday before winter time: 08:00 CET'],
  ])('%s → %s (%s)', (from, to) => {
    expect(calendar.nextDeliveryInstant(oslo(from)).toISOString()).toBe(osloIso(to));
  });
});

describe('working calendar: working minutes', () => {
  const add = (from: string, minutes: number, wt: WorkingTime = WT) =>
    workingCalendar(wt).addWorkingMinutes(oslo(from), minutes).toISOString();

  it.each([
    ['2026-03-06T15:30', 0, '2026-03-06T15:30', '0 is the instant itself'],
    ['2026-03-06T15:30', 450, '2026-03-09T15:30', 'one working day after a Friday deadline'],
    ['2026-03-06T15:00', 60, '2026-03-09T08:30', '30 minutes on Friday, 30 on Monday'],
    ['2026-03-09T09:00', -120, '2026-03-06T14:30', 'backwards across the weekend'],
    ['2026-03-09T15:30', -450, '2026-03-09T08:00', 'a whole day back lands on its start'],
    ['2026-03-09T15:30', -451, '2026-03-06T15:29', 'one more minute is the Friday before'],
    ['2026-03-07T12:00', 30, '2026-03-09T08:30', 'from a Saturday: counted from Monday 08:00'],
    ['2026-03-07T12:00', -30, '2026-03-06T15:00', 'back from a Saturday: Friday before 15:30'],
    ['2026-04-01T15:30', 450, '2026-04-07T15:30', 'over Easter 2026'],
    ['2026-03-27T15:00', 60, '2026-03-30T08:30', 'over the change to summer time'],
    ['2026-12-23T15:30', 450, '2026-12-24T15:30', '24 December is a working day by default'],
  ])('%s %+i working minutes → %s (%s)', (from, minutes, to) => {
    expect(add(from, minutes)).toBe(osloIso(to));
  });

  it('a closed 24 December does not count', () => {
    expect(add('2026-12-23T15:30', 450, { ...WT, closedDates: ['2026-12-24'] })).toBe(
      osloIso('2026-12-28T15:30'),
    );
  });
});

describe('levelTimes: when the default routine delivers each level', () => {
  it('a deadline Monday 15:30: reminder 13:30, zone leader 15:30, FVE Tuesday 15:30', () => {
    expect(times('2026-03-09T15:30')).toEqual([
      osloIso('2026-03-09T13:30'),
      osloIso('2026-03-09T15:30'),
      osloIso('2026-03-10T15:30'),
    ]);
  });

  it('a deadline Friday 15:30: FVE "+24 h" falls on Saturday and is delivered Monday 08:00', () => {
    expect(times('2026-03-06T15:30')).toEqual([
      osloIso('2026-03-06T13:30'),
      osloIso('2026-03-06T15:30'),
      osloIso('2026-03-09T08:00'),
    ]);
  });

  it('a working time starting 07:30: Monday 07:30', () => {
    const early = withLevels([...POLICY.escalation], { start: '07:30' });
    expect(times('2026-03-06T15:30', early)[2]).toBe(osloIso('2026-03-09T07:30'));
  });

  it('a deadline on Christmas Eve: FVE falls on Christmas Day, delivered Monday 28 December 08:00', () => {
    expect(times('2026-12-24T15:30')[2]).toBe(osloIso('2026-12-28T08:00'));
  });

  it('a deadline the day before a closed Christmas Eve: FVE on the closed day waits for Monday 28', () => {
    const closedEve = withLevels([...POLICY.escalation], { closedDates: ['2026-12-24'] });
    expect(times('2026-12-23T15:30', closedEve)[2]).toBe(osloIso('2026-12-28T08:00'));
  });

  it('a deadline the day before Maundy Thursday 2027: FVE waits for the Tuesday after Easter (CEST)', () => {
    expect(times('2027-03-24T15:30')[2]).toBe('2027-03-30T06:00:00.000Z');
  });

  it('Fridays before the clocks change: Monday 08:00 local on the other side', () => {
    expect(times('2026-03-27T15:30')[2]).toBe('2026-03-30T06:00:00.000Z'); // CEST
    expect(times('2026-10-23T15:30')[2]).toBe('2026-10-26T07:00:00.000Z'); // CET
  });

  it("anyTime keeps the level's own time: Saturday 15:30", () => {
    expect(times('2026-03-06T15:30', withFve({ deliver: 'anyTime' }))[2]).toBe(
      osloIso('2026-03-07T15:30'),
    );
  });

  it('an offset in working minutes: 450 after Friday 15:30 is Monday 15:30', () => {
    expect(
      times('2026-03-06T15:30', withFve({ offsetMinutes: 450, offsetUnit: 'working' }))[2],
    ).toBe(osloIso('2026-03-09T15:30'));
  });

  it('levelAt and firstWakeUp give the delivered time', () => {
    const it = item('2026-03-06T15:30');
    const fve = POLICY.escalation[2];
    expect(levelAt(it.deadline, fve, POLICY)).toBe(osloIso('2026-03-09T08:00'));
    // A case nobody has claimed wakes up for its first level, moved into working time too.
    const c = caseIn('awaiting_claim');
    if (!c.deadline) throw new Error('an unclaimed case has a first-contact deadline');
    const lateOnly = {
      ...c,
      policy: { ...c.policy, escalation: [level({ id: 'late', offsetMinutes: 60 })] },
    };
    expect(firstWakeUp(lateOnly, c.deadline)).toBe(osloIso('2026-03-10T08:00'));
  });
});

describe('a catch-up after downtime', () => {
  it('the zone leader is not told at 03:00 but at 08:00; FVE then follows at its own time', () => {
    // Deadline Tuesday 10 March 15:30; the reminder went out at 13:30, then the bot was down
    // from 15:00 until Wednesday 03:00.
    const it = item('2026-03-10T15:30');
    const handled = new Set([keyOf(it, 'reminder')]);
    const night = decideEscalation(it, oslo('2026-03-11T03:00'), handled);
    expect(night).toEqual({
      notify: undefined,
      skipped: [],
      nextDueAt: osloIso('2026-03-11T08:00'),
    });

    const morning = decideEscalation(it, oslo('2026-03-11T08:00'), handled);
    expect(morning.notify?.level.id).toBe('overdue');
    expect(morning.notify?.key).toBe(keyOf(it, 'overdue'));
    expect(morning.skipped).toEqual([]);
    expect(morning.nextDueAt).toBe(osloIso('2026-03-11T15:30'));
  });

  it('down over a Friday evening: nothing at night or at the weekend; Monday 08:00 the highest level', () => {
    const it = item('2026-03-06T15:30');
    const handled = new Set([keyOf(it, 'reminder')]);
    for (const now of ['2026-03-07T03:00', '2026-03-07T16:00', '2026-03-08T12:00']) {
      const d = decideEscalation(it, oslo(now), handled);
      expect(d.notify).toBeUndefined();
      expect(d.nextDueAt).toBe(osloIso('2026-03-09T08:00'));
    }
    // Both the zone leader's and FVE's levels fall due Monday 08:00: as after any downtime, only
    // the highest is sent.
    const monday = decideEscalation(it, oslo('2026-03-09T08:00'), handled);
    expect(monday.notify?.level.id).toBe('fve');
    expect(monday.skipped.map((o) => o.level.id)).toEqual(['overdue']);
  });

  it(`a pass up to ${LATE_DELIVERY_GRACE_MINUTES} minutes late (a busy pass, a retried send) still delivers`, () => {
    const it = item('2026-03-10T15:30');
    const handled = new Set([keyOf(it, 'reminder')]);
    for (const now of ['2026-03-10T15:36', '2026-03-10T16:00']) {
      expect(decideEscalation(it, oslo(now), handled).notify?.level.id).toBe('overdue');
    }
    const later = decideEscalation(it, oslo('2026-03-10T16:01'), handled);
    expect(later.notify).toBeUndefined();
    expect(later.nextDueAt).toBe(osloIso('2026-03-11T08:00'));
  });

  it('a lower any-time level overtaken during the downtime waits with the higher one, then is skipped', () => {
    // The nurse's reminder may go out at any time, but by 03:00 the zone leader's level has
    // fallen due too: a stale reminder at night helps nobody, and after downtime only the
    // highest level is sent.
    const policy = withLevels([
      level({ id: 'reminder', offsetMinutes: -120, deliver: 'anyTime', notify: 'responsible' }),
      level({ id: 'overdue' }),
    ]);
    const it = item('2026-03-10T15:30', policy);
    const night = decideEscalation(it, oslo('2026-03-11T03:00'), new Set());
    expect(night.notify).toBeUndefined();
    expect(night.nextDueAt).toBe(osloIso('2026-03-11T08:00'));
    const morning = decideEscalation(it, oslo('2026-03-11T08:00'), new Set());
    expect(morning.notify?.level.id).toBe('overdue');
    expect(morning.skipped.map((o) => o.level.id)).toEqual(['reminder']);
  });

  it('a level delivered at any time is sent at 03:00', () => {
    const it = item('2026-03-10T15:30', withLevels([level({ id: 'night', deliver: 'anyTime' })]));
    expect(decideEscalation(it, oslo('2026-03-11T03:00'), new Set()).notify?.level.id).toBe(
      'night',
    );
  });

  it('the exactly-once key is the same whenever the level is delivered', () => {
    const it = item('2026-03-10T15:30');
    const night = levelTimes(it.deadline.dueAt, POLICY, oslo('2026-03-11T03:00'));
    expect(night[1].toISOString()).toBe(osloIso('2026-03-11T08:00'));
    const morning = decideEscalation(it, oslo('2026-03-11T08:00'), new Set());
    expect(morning.notify?.key).toBe(
      `escalation:item-1:firstContact:${osloIso('2026-03-10T15:30')}:overdue`,
    );
  });
});

describe('the order of the levels holds', () => {
  it('a lower level that working time pushes past a higher any-time level is overtaken, not sent after it', () => {
    const policy = withLevels([
      level({ id: 'low', offsetMinutes: 30 }), // 16:00 → Wednesday 08:00
      level({ id: 'high', offsetMinutes: 120, deliver: 'anyTime', notify: 'fve' }), // 17:30
    ]);
    expect(times('2026-03-10T15:30', policy)).toEqual([
      osloIso('2026-03-10T17:30'),
      osloIso('2026-03-10T17:30'),
    ]);
    const d = decideEscalation(
      item('2026-03-10T15:30', policy),
      oslo('2026-03-10T17:30'),
      new Set(),
    );
    expect(d.notify?.level.id).toBe('high');
    expect(d.skipped.map((o) => o.level.id)).toEqual(['low']);
  });

  it('a reminder that working time would push to the deadline is overtaken by the deadline message', () => {
    // Another kind of item due at 08:00: its reminder at 06:00 would wait until 08:00.
    const d = decideEscalation(item('2026-03-10T08:00'), oslo('2026-03-10T08:00'), new Set());
    expect(d.notify?.level.id).toBe('overdue');
    expect(d.skipped.map((o) => o.level.id)).toEqual(['reminder']);
  });

  it('for any deadline, levels and pass: times never decrease, and a working-time level is never sent at night', () => {
    const levelArb = fc.record({
      offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 5 * 24 * 60 }),
      offsetUnit: fc.constantFrom('calendar' as const, 'working' as const),
      deliver: fc.constantFrom('workingTime' as const, 'anyTime' as const),
    });
    const start = Date.parse('2026-01-01T00:00:00Z');
    const span = 2 * 365 * 24 * 60; // minutes: 2026 and 2027
    fc.assert(
      fc.property(
        fc.array(levelArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (raw, dueMinute, nowAfter) => {
          const escalation = [...raw]
            .sort((a, b) => a.offsetMinutes - b.offsetMinutes)
            .map((l, i) => level({ id: `l${i}`, ...l }));
          const policy = withLevels(escalation);
          const dueAt = new Date(start + dueMinute * 60_000).toISOString();
          const now = new Date(start + (dueMinute - 3 * 24 * 60 + nowAfter) * 60_000);
          for (const at of [undefined, now]) {
            const t = levelTimes(dueAt, policy, at).map((d) => d.getTime());
            expect([...t].sort((x, y) => x - y)).toEqual(t);
          }
          // The level a pass at `now` sends is the highest whose time has come.
          const t = levelTimes(dueAt, policy, now).map((d) => d.getTime());
          const sent = t.filter((x) => x <= now.getTime()).length - 1;
          if (sent < 0 || escalation[sent].deliver !== 'workingTime') return;
          const inWorkingTime = calendar.nextDeliveryInstant(now).getTime() === now.getTime();
          const late = now.getTime() - t[sent];
          expect(inWorkingTime || late <= LATE_DELIVERY_GRACE_MINUTES * 60_000).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20270325 },
    );
  });
});
