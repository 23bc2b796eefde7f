import type { EscalationLevel, WorkingTime } from './routine';
import { type WorkingCalendar, workingCalendar } from './working-calendar';

/** What the times of a deadline's levels are computed from: an item's own policy snapshot. */
export interface LevelPolicy {
  readonly escalation: readonly EscalationLevel[];
  readonly workingTime: WorkingTime;
}

/**
 * How long after its time a message may still go out when working time has just ended. A busy
 * pass or a retried send is minutes late, and the deadline's own message falls at the very end
 * of working time; downtime is hours late, and then the message waits for the next morning.
 */
export const LATE_DELIVERY_GRACE_MINUTES = 30;
const GRACE_MS = LATE_DELIVERY_GRACE_MINUTES * 60_000;

/** When a level falls due, before delivery: the deadline plus the offset, in its unit. */
export function levelDueAt(
  dueAt: Date,
  level: Pick<EscalationLevel, 'offsetMinutes' | 'offsetUnit'>,
  calendar: WorkingCalendar,
): Date {
  return level.offsetUnit === 'working'
    ? calendar.addWorkingMinutes(dueAt, level.offsetMinutes)
    : new Date(dueAt.getTime() + level.offsetMinutes * 60_000);
}

/** When one level goes out on its own, as seen by a pass at `now` (none: ahead of any pass). */
function ownDelivery(
  due: Date,
  deliver: EscalationLevel['deliver'],
  calendar: WorkingCalendar,
  now: Date | undefined,
): number {
  if (deliver === 'anyTime') return due.getTime();
  const first = calendar.nextDeliveryInstant(due).getTime();
  if (now === undefined || first > now.getTime()) return first;
  // Missed (downtime, a failed send): sent now while in working time or only just late, else
  // at the next start of working time, never in the night.
  const next = calendar.nextDeliveryInstant(now).getTime();
  const inWorkingTime = next === now.getTime();
  return inWorkingTime || now.getTime() - first <= GRACE_MS ? first : next;
}

/**
 * When each level of the policy is delivered for a deadline, in the policy's order, as a pass
 * at `now` sees it (without `now`: before any pass, for scheduling). Pure over its arguments.
 *
 * The times never decrease along the levels, which the escalation decision relies on: a level
 * whose own delivery would come after a higher level's is overtaken (gets the higher level's
 * time, so the two fall due together and only the higher is sent), and once a higher level has
 * fallen due the lower ones wait with it, as after downtime only the highest level is sent.
 */
export function levelTimes(dueAt: string, policy: LevelPolicy, now?: Date): Date[] {
  const calendar = workingCalendar(policy.workingTime);
  const deadline = new Date(dueAt);
  const due = policy.escalation.map((level) => levelDueAt(deadline, level, calendar));
  const times = policy.escalation.map((level, i) =>
    ownDelivery(due[i], level.deliver, calendar, now),
  );
  for (let i = times.length - 2; i >= 0; i--) times[i] = Math.min(times[i], times[i + 1]);
  if (now) {
    let highestFallen = -1;
    due.forEach((d, i) => {
      if (d.getTime() <= now.getTime()) highestFallen = i;
    });
    for (let i = 0; i < highestFallen; i++) times[i] = times[highestFallen];
  }
  return times.map((t) => new Date(t));
}

/*
 * An escalation decision asks for each level of one item in turn, and each answer needs all the
 * levels; remembering the last question makes that one computation instead of one per level.
 * Keyed by content, not by object, so a policy changed in place is never answered from memory.
 */
let lastAsked: { key: string; times: number[] } | undefined;
function memoisedLevelTimes(dueAt: string, policy: LevelPolicy, now?: Date): number[] {
  const key = JSON.stringify([dueAt, now?.getTime(), policy.escalation, policy.workingTime]);
  if (lastAsked?.key !== key) {
    lastAsked = { key, times: levelTimes(dueAt, policy, now).map((t) => t.getTime()) };
  }
  return lastAsked.times;
}

/**
 * When `level` is delivered for a deadline (see levelTimes). A level that is not one of the
 * policy's (matched by id) is timed on its own.
 */
export function levelTime(
  dueAt: string,
  level: EscalationLevel,
  policy: LevelPolicy,
  now?: Date,
): Date {
  const index = policy.escalation.findIndex((l) => l.id === level.id);
  if (index >= 0) return new Date(memoisedLevelTimes(dueAt, policy, now)[index]);
  const calendar = workingCalendar(policy.workingTime);
  return new Date(
    ownDelivery(levelDueAt(new Date(dueAt), level, calendar), level.deliver, calendar, now),
  );
}
