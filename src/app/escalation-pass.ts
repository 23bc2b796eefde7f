import { decideEscalation, type EscalationOccurrence, escalationKey } from '../domain/escalation';
import { escalationRecipients } from '../domain/escalation-recipients';
import type { StaffMember } from '../domain/roster';
import type { TrackedItem } from '../domain/tracked-item';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import { STALE_INTENT_MS, sendMarkers } from './send-markers';
import type { Pacer } from './send-pacer';
import { type Due, type TrackedKind, trackedKinds } from './tracked-kinds';

/**
 * Delivers one escalation message to the people the domain chose (and wherever it falls back
 * to when nobody can be reached); throws when it could not be delivered at all.
 */
export interface Notifier {
  notify(
    item: TrackedItem,
    occurrence: EscalationOccurrence,
    recipients: readonly StaffMember[],
    now: Date,
  ): Promise<void>;
}

export interface EscalationPassDeps {
  store: Store;
  /** Every kind of item with deadlines; the pass has no code for any one of them. */
  kinds: readonly TrackedKind[];
  notifier: Notifier;
  logger: Logger;
  /** Items looked at per pass at most; the rest wait for the next tick, earliest first. */
  batchSize: number;
  /** Paces the pass's messages (a kind's afterOverdue paces its own requests); none by default. */
  pace?: Pacer;
}

/**
 * Items escalated side by side. The batch is the bounded queue; the pacer, not this number,
 * sets the send rate, and a few sends in flight let it hold that rate when Teams is slow.
 */
const SEND_CONCURRENCY = 4;

export interface PassResult {
  looked: number;
  notified: number;
  /** Items whose escalation threw; each is logged and retried by a later pass. */
  failed: number;
}

/**
 * One escalation pass over every registered kind. Exactly once per item, deadline and level
 * (and per reminder time of a kind's own reminders), across restarts and bot instances, through
 * the send markers. Only due items are read (an indexed query on nextDueAt), never all items.
 */
export function createEscalationPass({
  store,
  kinds,
  notifier,
  logger,
  batchSize,
  pace = async () => {},
}: EscalationPassDeps) {
  const markers = sendMarkers(store);
  const registry = trackedKinds(kinds);

  /**
   * Levels already sent or skipped, plus those another send is busy with (an intent not yet
   * stale); `retryAt` is when the earliest of those becomes stale, so the item stays due.
   */
  async function handledKeys(item: TrackedItem, now: Date) {
    const handled = new Set<string>();
    let retryAt: number | undefined;
    if (!item.deadline) return { handled, retryAt };
    for (const level of item.policy.escalation) {
      const key = escalationKey(item.id, item.deadline, level.id);
      const marker = await store.markers.get(key);
      if (!marker || !markers.isHandled(marker, now)) continue;
      handled.add(key);
      const retry = markers.retryAt(marker);
      if (retry !== undefined) retryAt = Math.min(retryAt ?? retry, retry);
    }
    return { handled, retryAt };
  }

  /** Sends one occurrence if this instance wins it; on failure, when to look again. */
  async function deliver(due: Due, occurrence: EscalationOccurrence, now: Date) {
    const { tracked } = due;
    const result = await markers.sendOnce(occurrence.key, now, async () => {
      const recipients = escalationRecipients(occurrence.level, tracked, await store.roster.list());
      await pace();
      await notifier.notify(tracked, occurrence, recipients, now);
    });
    if (result.outcome === 'taken') return { sent: false };
    if (result.outcome === 'failed') {
      // The item stays due: a later pass retries once the intent is stale.
      logger.error(
        { err: result.error, kind: tracked.kind, code: tracked.code, level: occurrence.level.id },
        'escalation not delivered',
      );
      return { sent: false, retryAt: now.getTime() + STALE_INTENT_MS };
    }
    if (occurrence.level.offsetMinutes >= 0) await due.kind.afterOverdue?.(due.item);
    return { sent: true };
  }

  /** The kind's own reminder, unless a routine level speaks now or it was handled. */
  async function ownReminder(due: Due, now: Date, levelSpeaks: boolean) {
    const decided = due.kind.reminder?.(due.item, now) ?? { nextDueAt: null };
    if (!decided.due) return { due: undefined, nextDueAt: decided.nextDueAt };
    if (markers.isHandled(await store.markers.get(decided.due.key), now)) {
      return { due: undefined, nextDueAt: decided.nextDueAt };
    }
    if (levelSpeaks) {
      await markers.skipped(decided.due.key, now);
      return { due: undefined, nextDueAt: decided.nextDueAt };
    }
    return decided;
  }

  async function escalate(due: Due, now: Date): Promise<boolean> {
    const { tracked } = due;
    const { handled, retryAt } = await handledKeys(tracked, now);
    const decision = decideEscalation(tracked, now, handled);
    const reminder = await ownReminder(due, now, decision.notify !== undefined);
    for (const skipped of decision.skipped) await markers.skipped(skipped.key, now);
    const occurrence = decision.notify ?? reminder.due;
    const outcome = occurrence ? await deliver(due, occurrence, now) : { sent: false };
    const next = [
      decision.nextDueAt,
      reminder.nextDueAt,
      ...[retryAt, outcome.retryAt]
        .filter((t): t is number => t !== undefined)
        .map((t) => new Date(t + 1).toISOString()),
    ]
      .filter((t): t is string => t !== null)
      .sort()[0];
    await due.kind.reschedule(due.item, next ?? null);
    return outcome.sent;
  }

  return async function run(now: Date): Promise<PassResult> {
    const due = await registry.dueBefore(now.toISOString(), batchSize);
    const result: PassResult = { looked: due.length, notified: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const item = due[next++];
        // One item's failure (a store hiccup, a bug in one kind) must not stop the others.
        try {
          if (await escalate(item, now)) result.notified += 1;
        } catch (err) {
          result.failed += 1;
          logger.error(
            { err, kind: item.tracked.kind, code: item.tracked.code },
            'escalating an item failed; the next pass retries it',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, due.length) }, worker));
    if (due.length > 0) logger.info({ ...result }, 'escalation pass');
    return result;
  };
}
