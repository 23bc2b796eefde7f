import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { AccessLogEntry, Store } from '../store/port';

export type AccessVia = AccessLogEntry['via'];

/** A showing of the personal card, the one view that holds the patient's record reference. */
export const VIEW_ACTION = 'view';

/** One entry: who did `action` to which case, at `at`, through which door. */
export function accessLogEntry(
  at: Date,
  actorId: string,
  c: { id: string; code: string },
  action: string,
  via: AccessVia,
): AccessLogEntry {
  return {
    id: randomUUID(),
    at: at.toISOString(),
    actorId,
    caseId: c.id,
    caseCode: c.code,
    action,
    via,
  };
}

/**
 * The access log the Norwegian rules for electronic health information ask for (Normen
 * faktaark 15, pasientjournalloven § 22): who saw or changed which case, and when. It names the
 * case by id and code only, never by anything about the patient. See docs/domain.md.
 */
export function createAccessLog(store: Store, clock: Clock) {
  return {
    record(
      actorId: string,
      c: { id: string; code: string },
      action: string,
      via: AccessVia,
    ): Promise<void> {
      return store.accessLog.append(accessLogEntry(clock.now(), actorId, c, action, via));
    },
    /** Drops entries older than the retention period (ACCESS_LOG_RETENTION_DAYS). */
    purge(retentionDays: number): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - retentionDays * 86_400_000);
      return store.accessLog.purgeBefore(cutoff.toISOString());
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
