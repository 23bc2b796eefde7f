import type { Case } from '../domain/case';
import { decideClaimReminder } from '../domain/claim-reminder';
import { decideEscalation, type EscalationOccurrence, escalationKey } from '../domain/escalation';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import { STALE_INTENT_MS, sendMarkers } from './send-markers';
import type { Pacer } from './send-pacer';
import { updateCase } from './update-case';

/** Delivers one escalation message; throws when it could not be delivered at all. */
export interface Notifier {
  notify(c: Case, occurrence: EscalationOccurrence, now: Date): Promise<void>;
}

export interface EscalationPassDeps {
  store: Store;
  notifier: Notifier;
  logger: Logger;
  /** Cases looked at per pass at most; the rest wait for the next tick, earliest first. */
  batchSize: number;
  /** Called after the overdue level, so the channel card shows "FORFALT" for everybody. */
  onOverdue?(c: Case): Promise<void>;
  /** Paces the pass's messages (onOverdue paces its own card update); none by default. */
  pace?: Pacer;
}

/**
 * Cases escalated side by side. The batch is the bounded queue; the pacer, not this number,
 * sets the send rate, and a few sends in flight let it hold that rate when Teams is slow.
 */
const SEND_CONCURRENCY = 4;

export interface PassResult {
  looked: number;
  notified: number;
}

/**
 * One escalation pass. Exactly once per case, deadline and level (and per reminder time of a
 * silent claim), across restarts and bot instances, through the send markers. Only due cases
 * are read (an indexed query on nextDueAt), never all cases.
 */
export function createEscalationPass({
  store,
  notifier,
  logger,
  batchSize,
  onOverdue,
  pace = async () => {},
}: EscalationPassDeps) {
  const markers = sendMarkers(store);

  /**
   * Levels already sent or skipped, plus those another send is busy with (an intent not yet
   * stale); `retryAt` is when the earliest of those becomes stale, so the case stays due.
   */
  async function handledKeys(c: Case, now: Date) {
    const handled = new Set<string>();
    let retryAt: number | undefined;
    if (!c.deadline) return { handled, retryAt };
    for (const level of c.policy.escalation) {
      const key = escalationKey(c.id, c.deadline, level.id);
      const marker = await store.markers.get(key);
      if (!marker || !markers.isHandled(marker, now)) continue;
      handled.add(key);
      const retry = markers.retryAt(marker);
      if (retry !== undefined) retryAt = Math.min(retryAt ?? retry, retry);
    }
    return { handled, retryAt };
  }

  async function moveSchedule(c: Case, nextDueAt: string | null): Promise<void> {
    await updateCase(store, c, (current) =>
      // Somebody acted on the case meanwhile: that change computed a fresh schedule.
      current.version !== c.version || current.nextDueAt === nextDueAt
        ? undefined
        : { ...current, nextDueAt },
    );
  }

  /** Sends one occurrence if this instance wins it; on failure, when to look again. */
  async function deliver(c: Case, occurrence: EscalationOccurrence, now: Date) {
    const result = await markers.sendOnce(occurrence.key, now, async () => {
      await pace();
      await notifier.notify(c, occurrence, now);
    });
    if (result.outcome === 'taken') return { sent: false };
    if (result.outcome === 'failed') {
      // The case stays due: a later pass retries once the intent is stale.
      logger.error(
        { err: result.error, caseCode: c.code, level: occurrence.level.id },
        'escalation not delivered',
      );
      return { sent: false, retryAt: now.getTime() + STALE_INTENT_MS };
    }
    if (occurrence.level.offsetMinutes >= 0) await onOverdue?.(c);
    return { sent: true };
  }

  /** The reminder of a silent claim, unless a routine level speaks now or it was handled. */
  async function claimReminder(c: Case, now: Date, levelSpeaks: boolean) {
    const { due, nextDueAt } = decideClaimReminder(c, now);
    if (!due) return { due: undefined, nextDueAt };
    if (markers.isHandled(await store.markers.get(due.key), now)) {
      return { due: undefined, nextDueAt };
    }
    if (levelSpeaks) {
      await markers.skipped(due.key, now);
      return { due: undefined, nextDueAt };
    }
    return { due, nextDueAt };
  }

  async function escalate(c: Case, now: Date): Promise<boolean> {
    const { handled, retryAt } = await handledKeys(c, now);
    const decision = decideEscalation(c, now, handled);
    const reminder = await claimReminder(c, now, decision.notify !== undefined);
    for (const skipped of decision.skipped) await markers.skipped(skipped.key, now);
    const occurrence = decision.notify ?? reminder.due;
    const outcome = occurrence ? await deliver(c, occurrence, now) : { sent: false };
    const next = [
      decision.nextDueAt,
      reminder.nextDueAt,
      ...[retryAt, outcome.retryAt]
        .filter((t): t is number => t !== undefined)
        .map((t) => new Date(t + 1).toISOString()),
    ]
      .filter((t): t is string => t !== null)
      .sort()[0];
    await moveSchedule(c, next ?? null);
    return outcome.sent;
  }

  return async function run(now: Date): Promise<PassResult> {
    const due = await store.cases.dueBefore(now.toISOString(), batchSize);
    let notified = 0;
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const c = due[next++];
        if (await escalate(c, now)) notified += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, due.length) }, worker));
    if (due.length > 0) logger.info({ looked: due.length, notified }, 'escalation pass');
    return { looked: due.length, notified };
  };
}
