import { applyCommand, type CaseCommand, caseCommandSchema } from '../../src/domain/case-commands';
import { currentDeadline } from '../../src/domain/case-schedule';
import {
  caseIn,
  deepFreeze,
  must,
  refusal,
  roster,
  staff,
  TIMELINE,
} from '../support/domain-fixtures';

const NOW = TIMELINE.later;
const back: CaseCommand = { type: 'returnToQueue' };
const stepDown: CaseCommand = { type: 'returnToQueue', stepDown: true };
const ACTIVE = ['claimed', 'in_follow_up', 'services_needed'] as const;

describe('returnToQueue: a case back to "awaiting claim"', () => {
  it.each(ACTIVE)('from %s by the zone leader: nobody has it, reminders start afresh', (state) => {
    const c = deepFreeze(caseIn(state));
    const next = must(applyCommand(c, back, staff.leader, NOW, roster));
    expect(next).toMatchObject({
      state: 'awaiting_claim',
      claimedBy: null,
      claimedAt: null,
      snoozedUntil: null,
    });
    expect(next.history.at(-1)).toMatchObject({
      actorId: staff.leader.id,
      actorRole: 'leader',
      action: 'returnToQueue',
      from: state,
      to: 'awaiting_claim',
      details: { previous: staff.nurseA.id, stepDown: false, requestedBy: null },
    });
    // The deadline is that of the new state, as after every command.
    expect(next.deadline).toEqual(currentDeadline(next));
    expect(next.deadline?.key).toBe('firstContact');
  });

  it('clears a postponed reminder', () => {
    const snoozed = must(
      applyCommand(caseIn('claimed'), { type: 'snooze', minutes: 60 }, staff.nurseA, NOW, roster),
    );
    expect(snoozed.snoozedUntil).not.toBeNull();
    expect(must(applyCommand(snoozed, back, staff.leader, NOW, roster)).snoozedUntil).toBeNull();
  });

  it.each(ACTIVE)('from %s by the nurse who has it, while stepping down', (state) => {
    const next = must(applyCommand(caseIn(state), stepDown, staff.nurseA, NOW, roster));
    expect(next.state).toBe('awaiting_claim');
    expect(next.history.at(-1)).toMatchObject({
      actorId: staff.nurseA.id,
      actorRole: 'nurse',
      details: { stepDown: true },
    });
  });

  it('records who asked for it when the nurse was removed by somebody else', () => {
    const command: CaseCommand = { type: 'returnToQueue', stepDown: true, requestedBy: 'admin-1' };
    const next = must(applyCommand(caseIn('in_follow_up'), command, staff.nurseA, NOW, roster));
    expect(next.history.at(-1)?.details).toEqual({
      previous: staff.nurseA.id,
      stepDown: true,
      requestedBy: 'admin-1',
    });
  });

  it('refuses a nurse outside a step-down, and a nurse who does not have the case', () => {
    expect(refusal(applyCommand(caseIn('in_follow_up'), back, staff.nurseA, NOW, roster))).toEqual({
      kind: 'domain-error',
      code: 'forbidden_role',
      params: { action: 'returnToQueue' },
    });
    expect(refusal(applyCommand(caseIn('claimed'), stepDown, staff.nurseB, NOW, roster))).toEqual({
      kind: 'domain-error',
      code: 'not_responsible',
      params: { claimedBy: staff.nurseA.id },
    });
  });

  it('refuses a leader of another zone, FVE and the admin', () => {
    const c = caseIn('claimed');
    expect(refusal(applyCommand(c, back, staff.leaderSouth, NOW, roster)).code).toBe('not_in_zone');
    expect(refusal(applyCommand(c, back, staff.fve, NOW, roster)).code).toBe('forbidden_role');
    expect(refusal(applyCommand(c, back, staff.admin, NOW, roster)).code).toBe('forbidden_role');
  });

  it.each(['referred', 'awaiting_claim', 'hsy_granted', 'closed'] as const)(
    'is refused from %s',
    (state) => {
      expect(refusal(applyCommand(caseIn(state), back, staff.leader, NOW, roster)).code).toBe(
        'wrong_state',
      );
    },
  );

  it('a returned case keeps its first contact when the next nurse calls the patient', () => {
    const followed = caseIn('in_follow_up');
    const returned = must(applyCommand(followed, back, staff.leader, NOW, roster));
    const claimed = must(applyCommand(returned, { type: 'claim' }, staff.nurseB, NOW, roster));
    const called = must(
      applyCommand(claimed, { type: 'logContact', outcome: 'reached' }, staff.nurseB, NOW, roster),
    );
    expect(called.state).toBe('in_follow_up');
    expect(called.anchors.firstContact).toBe(followed.anchors.firstContact);
    expect(called.firstContactMet).toBe(followed.firstContactMet);
    expect(called.lastContact?.by).toBe(staff.nurseB.id);
  });

  it('the step-down fields are the command’s own: nothing else is accepted', () => {
    expect(caseCommandSchema.safeParse({ type: 'returnToQueue', stepDown: false }).success).toBe(
      false,
    );
    expect(caseCommandSchema.safeParse({ type: 'returnToQueue', nurseId: 'x' }).success).toBe(
      false,
    );
  });
});
