import type { Case } from '../../src/domain/case';
import { applyCommand } from '../../src/domain/case-commands';
import { claimReminderTimes, decideClaimReminder } from '../../src/domain/claim-reminder';
import {
  caseIn,
  must,
  newCase,
  oslo,
  osloIso,
  refusal,
  roster,
  staff,
  TIMELINE,
} from '../support/domain-fixtures';

const times = (c: Case) => [...claimReminderTimes(c)].map((t) => t.toISOString());
const act = (
  c: Case,
  command: Parameters<typeof applyCommand>[1],
  actor = staff.nurseA,
  at = TIMELINE.later,
) => ({
  ...must(applyCommand(c, command, actor, at, roster)),
  version: c.version + 1,
});

/** Default routine: every 60 minutes of working time, snooze 60 or 240 minutes. */
describe('reminders of a claimed case without a logged contact', () => {
  // Claimed Monday 9 March 09:30; the first contact is due the same day at 15:30.
  const claimed = caseIn('claimed');

  it('come every hour after the claim until the deadline, which the levels take over', () => {
    expect(claimed.deadline?.dueAt).toBe(osloIso('2026-03-09T15:30'));
    expect(times(claimed)).toEqual(
      ['10:30', '11:30', '12:30', '13:30', '14:30'].map((t) => osloIso(`2026-03-09T${t}`)),
    );
  });

  it('wake the scheduler at the first reminder, before the first routine level', () => {
    expect(claimed.nextDueAt).toBe(osloIso('2026-03-09T10:30'));
  });

  it('name the latest time reached, never the ones missed before it', () => {
    const d = decideClaimReminder(claimed, oslo('2026-03-09T12:45'));
    expect(d.due?.at).toBe(osloIso('2026-03-09T12:30'));
    expect(d.due?.level).toMatchObject({ id: 'claim-reminder', notify: 'responsible' });
    expect(d.due?.snoozeMinutes).toEqual([60, 240]);
    expect(d.nextDueAt).toBe(osloIso('2026-03-09T13:30'));
    expect(decideClaimReminder(claimed, oslo('2026-03-09T10:00'))).toEqual({
      due: undefined,
      nextDueAt: osloIso('2026-03-09T10:30'),
    });
  });

  it('give each time its own exactly-once key, tied to the claim', () => {
    const a = decideClaimReminder(claimed, oslo('2026-03-09T10:30')).due?.key;
    const b = decideClaimReminder(claimed, oslo('2026-03-09T11:30')).due?.key;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    expect(a).toContain(claimed.claimedAt);
  });

  it('stop once any contact is logged, even an unanswered call', () => {
    const called = act(claimed, { type: 'logContact', outcome: 'not_reached' });
    expect(called.state).toBe('claimed');
    expect(times(called)).toEqual([]);
    expect(times(caseIn('in_follow_up'))).toEqual([]);
    expect(times(caseIn('awaiting_claim'))).toEqual([]);
  });

  it('wait for working time: a claim late on the day before Easter is first reminded on Tuesday 08:00', () => {
    // Wednesday 1 April 2026 after working time; Thursday to Monday are holidays or weekend.
    const registered = newCase({}, { now: oslo('2026-04-01T16:00') });
    const c = act(registered, { type: 'claim' }, staff.nurseA, oslo('2026-04-01T16:10'));
    expect(c.deadline?.dueAt).toBe(osloIso('2026-04-07T15:30'));
    const all = times(c);
    expect(all[0]).toBe(osloIso('2026-04-07T08:00'));
    expect(all.at(-1)).toBe(osloIso('2026-04-07T15:00'));
    expect(all).toHaveLength(8);
  });
});

describe('snoozing the reminders of a silent claim', () => {
  const claimed = caseIn('claimed');

  it('moves the next reminder to the end of the snooze, then every hour again', () => {
    const snoozed = act(
      claimed,
      { type: 'snooze', minutes: 60 },
      staff.nurseA,
      oslo('2026-03-09T10:40'),
    );
    expect(snoozed.snoozedUntil).toBe(osloIso('2026-03-09T11:40'));
    expect(snoozed.history.at(-1)).toMatchObject({ action: 'snooze', details: { minutes: 60 } });
    expect(times(snoozed)).toEqual(
      ['11:40', '12:40', '13:40', '14:40'].map((t) => osloIso(`2026-03-09T${t}`)),
    );
    expect(snoozed.nextDueAt).toBe(osloIso('2026-03-09T11:40'));
  });

  it('never snoozes past the deadline', () => {
    const snoozed = act(
      claimed,
      { type: 'snooze', minutes: 240 },
      staff.nurseA,
      oslo('2026-03-09T13:00'),
    );
    expect(snoozed.snoozedUntil).toBe(osloIso('2026-03-09T15:30'));
    expect(times(snoozed)).toEqual([]);
    // The routine's own levels are never snoozed: the scheduler still wakes for them.
    expect(snoozed.nextDueAt).toBe(osloIso('2026-03-09T13:30'));
  });

  it('offers only the fixed choices', () => {
    expect(
      refusal(
        applyCommand(
          claimed,
          { type: 'snooze', minutes: 30 },
          staff.nurseA,
          TIMELINE.later,
          roster,
        ),
      ),
    ).toMatchObject({
      code: 'invalid_snooze',
      params: { choices: '60, 240' },
    });
  });

  it('is for the responsible nurse of a claimed case only', () => {
    expect(
      refusal(
        applyCommand(
          claimed,
          { type: 'snooze', minutes: 60 },
          staff.nurseB,
          TIMELINE.later,
          roster,
        ),
      ).code,
    ).toBe('not_responsible');
    expect(
      refusal(
        applyCommand(
          caseIn('in_follow_up'),
          { type: 'snooze', minutes: 60 },
          staff.nurseA,
          TIMELINE.later,
          roster,
        ),
      ).code,
    ).toBe('wrong_state');
  });

  it('is cancelled by a reassignment, and the new nurse is reminded from the reassignment', () => {
    const snoozed = act(
      claimed,
      { type: 'snooze', minutes: 240 },
      staff.nurseA,
      oslo('2026-03-09T10:40'),
    );
    const moved = act(
      snoozed,
      { type: 'reassign', nurseId: staff.nurseB.id },
      staff.leader,
      oslo('2026-03-09T11:00'),
    );
    expect(moved.snoozedUntil).toBeNull();
    expect(moved.claimedAt).toBe(osloIso('2026-03-09T11:00'));
    expect(times(moved)[0]).toBe(osloIso('2026-03-09T12:00'));
  });

  it('is cancelled by a release', () => {
    const snoozed = act(
      claimed,
      { type: 'snooze', minutes: 60 },
      staff.nurseA,
      oslo('2026-03-09T10:40'),
    );
    const released = act(snoozed, { type: 'release' });
    expect(released).toMatchObject({ snoozedUntil: null, claimedAt: null, claimedBy: null });
  });
});
