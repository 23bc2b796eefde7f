import type { EscalationOccurrence } from '../domain/escalation';
import type { StaffMember } from '../domain/roster';
import type { TrackedItem } from '../domain/tracked-item';

/**
 * One kind of item with deadlines, as the deadline engine uses it. An area (HSYRE cases now;
 * competence items and pathway points later) implements this once over its own repository and
 * registers it in the composition root; the escalation pass, the due lists and the daily summary
 * then serve it without code of their own.
 */
export interface TrackedKind<T = unknown> {
  readonly kind: string;
  /** Open items whose nextDueAt is at or before `at`, earliest first (an indexed query). */
  dueBefore(at: string, limit: number): Promise<T[]>;
  /** Open items of a zone, for the due lists and the daily summary. */
  openInZone(zoneId: string): Promise<T[]>;
  track(item: T): TrackedItem;
  /** Reminders of the kind's own besides the routine's levels (HSYRE: a silent claim). */
  reminder?(item: T, now: Date): { due?: EscalationOccurrence; nextDueAt: string | null };
  /** Stores the next wake-up, unless the item changed meanwhile (that change rescheduled it). */
  reschedule(item: T, nextDueAt: string | null): Promise<void>;
  /** After a level at or past the deadline was delivered (HSYRE: the card turns "FORFALT"). */
  afterOverdue?(item: T): Promise<void>;
  /**
   * Who may see the kind's items in a zone's lists, when not everybody who may see the zone's
   * list (competence items are staff data: a zone's leaders, not FVE). Absent: all of them.
   */
  readerMay?(reader: StaffMember): boolean;
}

/** An item with the kind it belongs to, so the engine can hand it back to that kind. */
export interface Due<T = unknown> {
  kind: TrackedKind<T>;
  item: T;
  tracked: TrackedItem;
}

/** The registered kinds, read as one: every kind's due items and every kind's zone lists. */
export function trackedKinds(kinds: readonly TrackedKind[]) {
  return {
    kinds,
    /** The earliest `limit` due items across kinds (each kind asked for at most `limit`). */
    async dueBefore(at: string, limit: number): Promise<Due[]> {
      const lists = await Promise.all(
        kinds.map(async (kind) =>
          (await kind.dueBefore(at, limit)).map((item) => ({
            kind,
            item,
            tracked: kind.track(item),
          })),
        ),
      );
      return lists
        .flat()
        .sort(
          (a, b) =>
            (a.tracked.nextDueAt ?? '').localeCompare(b.tracked.nextDueAt ?? '') ||
            a.tracked.code.localeCompare(b.tracked.code),
        )
        .slice(0, limit);
    },
    /**
     * Every kind's open items in the zones that this reader may see (readerMay), as tracked
     * items. The reader is required: a list without one would show staff data to FVE.
     */
    async openInZones(zoneIds: readonly string[], reader: StaffMember): Promise<TrackedItem[]> {
      const visible = kinds.filter((k) => k.readerMay?.(reader) ?? true);
      const lists = await Promise.all(
        visible.flatMap((kind) =>
          zoneIds.map(async (z) => (await kind.openInZone(z)).map((item) => kind.track(item))),
        ),
      );
      return lists.flat();
    },
  };
}

export type TrackedKinds = ReturnType<typeof trackedKinds>;
