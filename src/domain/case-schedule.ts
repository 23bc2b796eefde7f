import type { Case, CurrentDeadline } from './case';
import { deadlineFor } from './deadlines';
import { levelAt } from './escalation';

type Scheduled = Pick<Case, 'state' | 'seriouslyIll' | 'anchors' | 'policy'>;

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
 * deadline. Stored on the case so the scheduler asks the store only for due cases.
 */
export function firstEscalationAt(c: Pick<Case, 'policy'>, deadline: CurrentDeadline | null) {
  return deadline ? levelAt(deadline, c.policy.escalation[0]) : null;
}

/** Recomputes the derived schedule fields after a change of state or anchors. */
export function withSchedule<T extends Scheduled>(c: T): T & Pick<Case, 'deadline' | 'nextDueAt'> {
  const deadline = currentDeadline(c);
  return { ...c, deadline, nextDueAt: firstEscalationAt(c, deadline) };
}
