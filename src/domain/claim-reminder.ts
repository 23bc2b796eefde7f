import type { Case } from './case';
import type { EscalationOccurrence } from './escalation';
import { workingCalendar } from './working-calendar';

type Silent = Pick<
  Case,
  'id' | 'state' | 'policy' | 'deadline' | 'claimedAt' | 'snoozedUntil' | 'lastContact'
>;

export const CLAIM_REMINDER_LEVEL_ID = 'claim-reminder';

/** Claimed and no contact logged since: the claim is not yet acknowledged by any action. */
export function isSilentClaim(c: Silent): boolean {
  return (
    c.state === 'claimed' &&
    c.claimedAt !== null &&
    c.deadline !== null &&
    !(c.lastContact && c.lastContact.at >= c.claimedAt)
  );
}

/**
 * The reminder times of a silent claim, in order: from the snooze end (or one interval after
 * the claim), then every interval, each moved into working time so nobody is woken at night,
 * and only before the deadline, where the escalation levels take over. A fixed sequence for a
 * given claim and snooze, so each time is one exactly-once occurrence.
 */
export function* claimReminderTimes(c: Silent): Generator<Date> {
  if (!isSilentClaim(c) || !c.claimedAt || !c.deadline) return;
  const { everyMinutes } = c.policy.claimReminder;
  const calendar = workingCalendar(c.policy.workingTime);
  const dueAt = Date.parse(c.deadline.dueAt);
  const anchor = c.snoozedUntil
    ? Date.parse(c.snoozedUntil)
    : Date.parse(c.claimedAt) + everyMinutes * 60_000;
  for (let t = calendar.nextWorkingInstant(new Date(anchor)); t.getTime() < dueAt; ) {
    yield t;
    t = calendar.nextWorkingInstant(new Date(t.getTime() + everyMinutes * 60_000));
  }
}

function occurrence(c: Silent, at: Date): EscalationOccurrence | undefined {
  if (!c.deadline) return undefined;
  const { messageKey, snoozeMinutes } = c.policy.claimReminder;
  return {
    level: {
      id: CLAIM_REMINDER_LEVEL_ID,
      offsetMinutes: Math.round((at.getTime() - Date.parse(c.deadline.dueAt)) / 60_000),
      offsetUnit: 'calendar',
      deliver: 'workingTime',
      notify: 'responsible',
      messageKey,
    },
    deadline: c.deadline,
    at: at.toISOString(),
    key: `${CLAIM_REMINDER_LEVEL_ID}:${c.id}:${c.claimedAt}:${at.toISOString()}`,
    snoozeMinutes,
  };
}

export interface ClaimReminderDecision {
  /** The latest reminder time reached (earlier ones missed during downtime are not replayed). */
  due: EscalationOccurrence | undefined;
  /** The first reminder time still ahead, or null. */
  nextDueAt: string | null;
}

export function decideClaimReminder(c: Silent, now: Date): ClaimReminderDecision {
  let due: Date | undefined;
  for (const t of claimReminderTimes(c)) {
    if (t > now) return { due: due && occurrence(c, due), nextDueAt: t.toISOString() };
    due = t;
  }
  return { due: due && occurrence(c, due), nextDueAt: null };
}

/** When a snooze asked for `minutes` from `now` ends: never past the running deadline. */
export function snoozeEnd(c: Pick<Case, 'deadline'>, now: Date, minutes: number): string {
  const wanted = now.getTime() + minutes * 60_000;
  const cap = c.deadline ? Date.parse(c.deadline.dueAt) : wanted;
  return new Date(Math.min(wanted, cap)).toISOString();
}
