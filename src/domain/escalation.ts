import type { Case, CurrentDeadline } from './case';
import type { EscalationLevel } from './routine';

/** One level of one deadline of one case: the unit that is notified exactly once, ever. */
export interface EscalationOccurrence {
  level: EscalationLevel;
  deadline: CurrentDeadline;
  /** When this level falls due: the deadline plus the level's offset. */
  at: string;
  /**
   * The exactly-once key. It names the deadline occurrence (key and due time), so a case that
   * re-enters a state with a new deadline escalates afresh, while a repeat of the same pass,
   * a restart or a second bot instance finds the key already taken.
   */
  key: string;
  /** The snooze choices offered with the message (reminders of a silent claim only). */
  snoozeMinutes?: readonly number[];
}

export interface EscalationDecision {
  /** The level to notify now: the highest one due (after downtime, lower ones are not replayed). */
  notify: EscalationOccurrence | undefined;
  /** Lower levels that fell due but were overtaken: recorded as skipped, never sent. */
  skipped: EscalationOccurrence[];
  /** When the case must be looked at next: the first level not yet due, or null. */
  nextDueAt: string | null;
}

export const escalationKey = (caseId: string, deadline: CurrentDeadline, levelId: string) =>
  `escalation:${caseId}:${deadline.key}:${deadline.dueAt}:${levelId}`;

/** When a level falls due: the deadline plus the level's offset. */
export const levelAt = (deadline: CurrentDeadline, level: EscalationLevel): string =>
  new Date(Date.parse(deadline.dueAt) + level.offsetMinutes * 60_000).toISOString();

function occurrences(
  c: Pick<Case, 'id' | 'policy'>,
  deadline: CurrentDeadline,
): EscalationOccurrence[] {
  return c.policy.escalation.map((level) => ({
    level,
    deadline,
    at: levelAt(deadline, level),
    key: escalationKey(c.id, deadline, level.id),
  }));
}

/**
 * What an escalation pass should do with a case at `now`, given the levels already handled
 * (sent or skipped) for its running deadline. Pure: the case's own policy snapshot decides the
 * levels, the running deadline decides the times; a closed case or one without a running
 * deadline has nothing to escalate.
 */
export function decideEscalation(
  c: Pick<Case, 'id' | 'policy' | 'deadline' | 'state'>,
  now: Date,
  handledKeys: ReadonlySet<string>,
): EscalationDecision {
  if (c.state === 'closed' || !c.deadline)
    return { notify: undefined, skipped: [], nextDueAt: null };
  const all = occurrences(c, c.deadline);
  const open = all.filter((o) => !handledKeys.has(o.key));
  const due = open.filter((o) => Date.parse(o.at) <= now.getTime());
  const future = open.filter((o) => Date.parse(o.at) > now.getTime());
  const notify = due.at(-1);
  return {
    notify,
    skipped: due.slice(0, -1),
    nextDueAt: future[0]?.at ?? null,
  };
}
