import type { CurrentDeadline } from './case';
import type { EscalationLevel, WorkingTime } from './routine';

/**
 * What the deadline engine (the escalation pass, the due lists, the daily summary) needs from
 * anything with deadlines: an HSYRE case today, a competence item or a pathway point later.
 * Each kind maps its own documents to this; the engine never knows which kind it holds.
 */
export interface TrackedItem {
  /** The kind's name, e.g. 'hsyre'; part of log lines, never of the exactly-once key. */
  kind: string;
  /** Unique across kinds (UUIDs), so exactly-once keys of different kinds never meet. */
  id: string;
  /** What people read and type (`sak <kode>`). */
  code: string;
  zoneId: string;
  open: boolean;
  /** The running deadline, or null when none runs now. */
  deadline: CurrentDeadline | null;
  /** The locale key naming the running step, e.g. `cases.deadlineKeys.firstContact`. */
  stepKey: string | null;
  /** The staff member who has it (the `responsible` level's recipient), or null. */
  ownerId: string | null;
  /** The levels and the working time from the item's own policy snapshot. */
  policy: { escalation: readonly EscalationLevel[]; workingTime: WorkingTime };
  nextDueAt: string | null;
  /**
   * The chat commands that open the item, for its owner and for anybody else (a nurse opens
   * her own plan, a leader the zone's overview). Absent: `sak <code>` for everybody.
   */
  opens?: { owner: string; others: string };
  /** The item's own thread in the zone channel (the HSYRE card), where fallbacks go. */
  thread: { conversationId: string } | null;
  version: number;
}

/** The command a reminder's or a due list's button sends for this reader (none: not the owner). */
export function openCommand(item: TrackedItem, readerId?: string): string {
  if (!item.opens) return `sak ${item.code}`;
  return readerId !== undefined && readerId === item.ownerId ? item.opens.owner : item.opens.others;
}
