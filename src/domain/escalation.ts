import type { CurrentDeadline } from './case';
import { type LevelPolicy, levelTime } from './level-time';
import type { EscalationLevel } from './routine';
import type { TrackedItem } from './tracked-item';

/** One level of one deadline of one case: the unit that is notified exactly once, ever. */
export interface EscalationOccurrence {
  level: EscalationLevel;
  deadline: CurrentDeadline;
  /** When this level is delivered (levelAt); at or before the pass's `now`: deliver now. */
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

/**
 * When a level is delivered: the deadline plus the level's offset (calendar or working minutes),
 * moved into working time unless the level may go out at any time, as a pass at `now` sees it
 * (a missed level waits for working time too); never before a lower level. See level-time.ts.
 */
export const levelAt = (
  deadline: CurrentDeadline,
  level: EscalationLevel,
  policy: LevelPolicy,
  now?: Date,
): string => levelTime(deadline.dueAt, level, policy, now).toISOString();

function occurrences(
  c: Pick<TrackedItem, 'id' | 'policy'>,
  deadline: CurrentDeadline,
  now: Date,
): EscalationOccurrence[] {
  return c.policy.escalation.map((level) => ({
    level,
    deadline,
    at: levelAt(deadline, level, c.policy, now),
    key: escalationKey(c.id, deadline, level.id),
  }));
}

/**
 * What an escalation pass should do with a tracked item (of any kind) at `now`, given the levels already handled
 * (sent or skipped) for its running deadline. Pure: the case's own policy snapshot decides the
 * levels, the running deadline decides the times; a closed case or one without a running
 * deadline has nothing to escalate.
 */
export function decideEscalation(
  c: Pick<TrackedItem, 'id' | 'policy' | 'deadline' | 'open'>,
  now: Date,
  handledKeys: ReadonlySet<string>,
): EscalationDecision {
  if (!c.open || !c.deadline) return { notify: undefined, skipped: [], nextDueAt: null };
  const all = occurrences(c, c.deadline, now);
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
