import { dailySummaryRecipients } from '../domain/daily-summary';
import { dueList } from '../domain/due-lists';
import type { StaffMember } from '../domain/roster';
import type { WorkingTime } from '../domain/routine';
import type { TrackedItem } from '../domain/tracked-item';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import { sendMarkers } from './send-markers';
import type { TrackedKinds } from './tracked-kinds';

/** Delivers one leader's summary; throws when it could not be delivered. */
export interface SummarySender {
  send(
    leader: StaffMember,
    zoneIds: readonly string[],
    items: TrackedItem[],
    now: Date,
  ): Promise<void>;
}

export interface SummaryResult {
  sent: number;
  /** Leaders with nothing due or overdue today: no message, no noise. */
  empty: number;
  failed: number;
}

/**
 * The daily summary: each zone leader gets one message at the start of the working day with
 * the overdue cases and those due today in their zones. Exactly once per leader and day across
 * bot instances (send markers); a leader with nothing due gets nothing.
 */
export function createDailySummary(deps: {
  store: Store;
  /** Every kind of item with deadlines: the summary lists them all. */
  kinds: TrackedKinds;
  sender: SummarySender;
  logger: Logger;
  workingTime: WorkingTime;
}) {
  const { store, kinds, sender, logger, workingTime } = deps;
  const markers = sendMarkers(store);

  return async function run(now: Date): Promise<SummaryResult> {
    const result: SummaryResult = { sent: 0, empty: 0, failed: 0 };
    const recipients = dailySummaryRecipients(await store.roster.list(), now, workingTime);
    for (const { leader, zoneIds, key } of recipients) {
      const items = await kinds.openInZones(zoneIds, leader);
      const due = dueList(items, now, workingTime.timeZone, 'today');
      if (due.length === 0) {
        result.empty += 1;
        continue;
      }
      const sent = await markers.sendOnce(key, now, () => sender.send(leader, zoneIds, items, now));
      if (sent.outcome === 'sent') result.sent += 1;
      if (sent.outcome === 'failed') {
        result.failed += 1;
        logger.error({ err: sent.error, staff: leader.id }, 'daily summary not delivered');
      }
    }
    logger.info({ ...result }, 'daily summary');
    return result;
  };
}
