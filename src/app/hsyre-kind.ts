import type { Case } from '../domain/case';
import { HSYRE_KIND, trackCase } from '../domain/case-tracking';
import { decideClaimReminder } from '../domain/claim-reminder';
import type { Store } from '../store/port';
import type { TrackedKind } from './tracked-kinds';
import { updateCase } from './update-case';

/** HSYRE cases as the deadline engine's first kind. */
export function hsyreKind(
  store: Store,
  options: { afterOverdue?: (c: Case) => Promise<void> } = {},
): TrackedKind<Case> {
  return {
    kind: HSYRE_KIND,
    dueBefore: (at, limit) => store.cases.dueBefore(at, limit),
    openInZone: (zoneId) => store.cases.byZone(zoneId, { openOnly: true }),
    track: trackCase,
    reminder: (c, now) => decideClaimReminder(c, now),
    async reschedule(c, nextDueAt) {
      await updateCase(store, c, (current) =>
        current.version !== c.version || current.nextDueAt === nextDueAt
          ? undefined
          : { ...current, nextDueAt },
      );
    },
    afterOverdue: options.afterOverdue,
  };
}
