import type { PointNumber } from '../domain/pathway/config';
import {
  PATHWAY_KIND,
  type Pathway,
  pointDeadline,
  reschedulePathwayPoint,
  trackPathwayPoint,
} from '../domain/pathway/pathway';
import type { Store } from '../store/port';
import { updatePathway } from './pathway-service';
import type { TrackedKind } from './tracked-kinds';

/** One point of a pathway: what the deadline engine tracks for Pakkeforløp hjem. */
export interface PathwayPointItem {
  pathway: Pathway;
  point: PointNumber;
}

const pointOf = (p: Pathway, point: PointNumber) => p.points.find((pt) => pt.point === point);

/**
 * Pathway points as a kind of the deadline engine: the performer is reminded before the window
 * closes, the zone leader and FVE are told when it closed without a conversation (the levels of
 * the pathway's own policy snapshot); the due lists and the daily summary list the points.
 */
export function pathwayKind(
  store: Store,
  options: { afterOverdue?: (item: PathwayPointItem) => Promise<void> } = {},
): TrackedKind<PathwayPointItem> {
  return {
    kind: PATHWAY_KIND,
    async dueBefore(at, limit) {
      const due = await store.pathways.dueBefore(at, limit);
      return due.flatMap((pathway) =>
        pathway.points
          .filter((pt) => pt.nextDueAt !== null && pt.nextDueAt <= at)
          .map((pt) => ({ pathway, point: pt.point })),
      );
    },
    async openInZone(zoneId) {
      const open = await store.pathways.byZone(zoneId, { openOnly: true });
      return open.flatMap((pathway) =>
        pathway.points
          .filter((pt) => pointDeadline(pathway, pt.point) !== null)
          .map((pt) => ({ pathway, point: pt.point })),
      );
    },
    track: ({ pathway, point }) => trackPathwayPoint(pathway, point),
    async reschedule({ pathway, point }, nextDueAt) {
      const seen = pointOf(pathway, point);
      await updatePathway(store, pathway, (current) => {
        const now = pointOf(current, point);
        // Changed meanwhile (that change rescheduled the point): leave it. The other point of
        // the same pathway, saved by the same pass a moment ago, is no such change.
        const changed =
          current.state !== pathway.state ||
          now?.state !== seen?.state ||
          now?.claimedBy !== seen?.claimedBy ||
          now?.askAgainOn !== seen?.askAgainOn ||
          now?.nextDueAt !== seen?.nextDueAt;
        return changed || now?.nextDueAt === nextDueAt
          ? undefined
          : reschedulePathwayPoint(current, point, nextDueAt);
      });
    },
    afterOverdue: options.afterOverdue,
  };
}
