import { trackCase } from '../../src/domain/case-tracking';
import { decideEscalation, escalationKey } from '../../src/domain/escalation';
import { caseIn, oslo } from '../support/domain-fixtures';

/** The default routine: reminder 120 min before, overdue at the deadline, FVE 24 h after. */
describe('decideEscalation', () => {
  const claimed = caseIn('claimed');
  const deadline = claimed.deadline;
  if (!deadline) throw new Error('a claimed case has a first-contact deadline');
  const at = (offsetMinutes: number) =>
    new Date(Date.parse(deadline.dueAt) + offsetMinutes * 60_000);
  const key = (level: string) => escalationKey(claimed.id, deadline, level);
  const none = new Set<string>();

  it('does nothing before the reminder, and says when to look again', () => {
    const d = decideEscalation(trackCase(claimed), at(-121), none);
    expect(d.notify).toBeUndefined();
    expect(d.skipped).toEqual([]);
    expect(d.nextDueAt).toBe(at(-120).toISOString());
  });

  it('walks through the levels in time: reminder, then overdue, then FVE', () => {
    const reminder = decideEscalation(trackCase(claimed), at(-120), none);
    expect(reminder.notify?.level.id).toBe('reminder');
    expect(reminder.notify?.key).toBe(key('reminder'));
    expect(reminder.nextDueAt).toBe(at(0).toISOString());

    const overdue = decideEscalation(trackCase(claimed), at(5), new Set([key('reminder')]));
    expect(overdue.notify?.level).toMatchObject({ id: 'overdue', notify: 'zoneLeader' });
    expect(overdue.nextDueAt).toBe(at(1440).toISOString());

    const fve = decideEscalation(
      trackCase(claimed),
      at(1440),
      new Set([key('reminder'), key('overdue')]),
    );
    expect(fve.notify?.level).toMatchObject({ id: 'fve', notify: 'fve' });
    expect(fve.nextDueAt).toBeNull();

    expect(
      decideEscalation(
        trackCase(claimed),
        at(5000),
        new Set([key('reminder'), key('overdue'), key('fve')]),
      ),
    ).toEqual({
      notify: undefined,
      skipped: [],
      nextDueAt: null,
    });
  });

  it('after downtime sends only the highest level now due and skips the lower ones', () => {
    // Back on Wednesday 09:00, in working time (a catch-up at night waits: level-time.test.ts).
    const d = decideEscalation(trackCase(claimed), oslo('2026-03-11T09:00'), none);
    expect(d.notify?.level.id).toBe('fve');
    expect(d.skipped.map((o) => o.level.id)).toEqual(['reminder', 'overdue']);
  });

  it('never repeats a level already handled (a second pass or instance gets nothing)', () => {
    const handled = new Set([key('reminder')]);
    expect(decideEscalation(trackCase(claimed), at(-60), handled).notify).toBeUndefined();
  });

  it('escalates a new deadline afresh: the key names the deadline occurrence', () => {
    const inFollowUp = caseIn('in_follow_up');
    const d = decideEscalation(
      trackCase(inFollowUp),
      oslo('2030-01-02T10:00'), // a working day: a catch-up at night would wait
      new Set([key('fve')]),
    );
    expect(d.notify?.key).toContain(':followUpReview:');
  });

  it('has nothing to do for a closed case', () => {
    expect(decideEscalation(trackCase(caseIn('closed')), oslo('2030-01-01T10:00'), none)).toEqual({
      notify: undefined,
      skipped: [],
      nextDueAt: null,
    });
  });

  it("uses the case's own policy snapshot, not the routine in force", () => {
    const custom = {
      ...claimed,
      policy: {
        ...claimed.policy,
        escalation: [
          {
            id: 'only',
            offsetMinutes: 30,
            offsetUnit: 'calendar' as const,
            deliver: 'workingTime' as const,
            notify: 'fve' as const,
            messageKey: 'escalation.fve',
          },
        ],
      },
    };
    const d = decideEscalation(trackCase(custom), at(-60), none);
    expect(d.notify).toBeUndefined();
    // 30 minutes after Monday's 15:30 deadline is after working time: Tuesday 08:00.
    expect(d.nextDueAt).toBe(oslo('2026-03-10T08:00').toISOString());
  });
});
