import type { Case, CurrentDeadline } from './case';
import { claimReminderTimes } from './claim-reminder';
import { deadlineFor } from './deadlines';
import { levelAt } from './escalation';

type Scheduled = Pick<
  Case,
  | 'id'
  | 'state'
  | 'seriouslyIll'
  | 'anchors'
  | 'policy'
  | 'claimedAt'
  | 'snoozedUntil'
  | 'lastContact'
>;

/** The deadline that runs in the case's current state, from the case's own policy snapshot. */
export function currentDeadline(c: Scheduled): CurrentDeadline | null {
  if (c.state === 'closed') return null;
  const key = c.policy.stateDeadlines[c.state];
  if (!key) return null;
  const deadline = c.policy.deadlines[key];
  const rule = c.seriouslyIll ? deadline.seriouslyIll : deadline.normal;
  const dueAt = deadlineFor(rule, c.anchors, c.policy.workingTime);
  return dueAt ? { key, dueAt: dueAt.toISOString() } : null;
}

/**
 * When the scheduler must next look at the case: the first escalation level of the running
 * deadline, or the first reminder of a silent claim when that comes sooner. Stored on the case
 * so the scheduler asks the store only for due cases.
 */
export function firstWakeUp(c: Scheduled, deadline: CurrentDeadline | null): string | null {
  if (!deadline) return null;
  const level = levelAt(deadline, c.policy.escalation[0], c.policy);
  const reminder = claimReminderTimes({ ...c, deadline })
    .next()
    .value?.toISOString();
  return reminder && reminder < level ? reminder : level;
}

/** Recomputes the derived schedule fields after a change of state, anchors or hands. */
export function withSchedule<T extends Scheduled>(c: T): T & Pick<Case, 'deadline' | 'nextDueAt'> {
  const deadline = currentDeadline(c);
  return { ...c, deadline, nextDueAt: firstWakeUp(c, deadline) };
}
