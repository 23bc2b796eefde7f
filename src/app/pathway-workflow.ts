import type { Clock } from '../domain/clock';
import { domainError } from '../domain/errors';
import { POINT_NUMBERS, type PointNumber } from '../domain/pathway/config';
import {
  type Pathway,
  type PathwayCommand,
  type PathwayInput,
  pointsDueForNotice,
  recordPointCardPosted,
} from '../domain/pathway/pathway';
import { findNationalIdField } from '../domain/privacy';
import type { StaffMember } from '../domain/roster';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { AccessVia } from './access-log';
import type { PathwayPublisher } from './pathway-publisher';
import {
  commandPoint,
  type PathwayService,
  type PathwayServiceResult,
  updatePathway,
} from './pathway-service';
import { RECORD_SYSTEM_ACTOR } from './record-system';
import { sendMarkers } from './send-markers';

export interface PathwayWorkflowDeps {
  store: Store;
  pathways: PathwayService;
  publisher: PathwayPublisher;
  clock: Clock;
  logger: Logger;
}

/** The per-point key that makes posting a point's card happen once, whoever posts it. */
export const pointCardKey = (pathwayId: string, point: PointNumber) =>
  `pathway-card:${pathwayId}:${point}`;

/** Whoever registered the pathway posts its cards in the history, also when the job does it. */
const registrant = (p: Pathway): StaffMember => ({
  id: p.history[0]?.actorId ?? RECORD_SYSTEM_ACTOR.id,
  name: RECORD_SYSTEM_ACTOR.name,
  roles: ['fve'],
  zoneIds: [],
});

/**
 * Pakkeforløp hjem as use cases shared by every intake (the Teams form, REST): register, post
 * each point's card when its window approaches (exactly once, through a send-once marker per
 * point), act on a point and keep its channel card true, and log every change.
 */
export function createPathwayWorkflow({
  store,
  pathways,
  publisher,
  clock,
  logger,
}: PathwayWorkflowDeps) {
  const markers = sendMarkers(store);

  /** A zone without a linked channel is refused before anything is stored, as for cases. */
  async function linkedZone(zoneId: string) {
    const zone = await store.zones.get(zoneId);
    if (!zone) return { error: domainError('unknown_zone', { zone: zoneId }) };
    if (!zone.channel) return { error: domainError('zone_not_linked', { zone: zone.name }) };
    return { zone };
  }

  /**
   * Posts the cards of the points whose notice time has come and that have none yet, once per
   * point across requests, passes and instances. A failed post is logged and retried by a later
   * pass once its intent is stale; it is never lost.
   */
  async function publishDue(p: Pathway): Promise<{ pathway: Pathway; posted: number }> {
    const due = pointsDueForNotice(p, clock.now());
    if (due.length === 0) return { pathway: p, posted: 0 };
    const zone = (await store.zones.get(p.zoneId)) ?? undefined;
    if (!zone?.channel) {
      logger.warn(
        { pathwayCode: p.code, zone: p.zoneId },
        'pathway card due, but the zone has no channel',
      );
      return { pathway: p, posted: 0 };
    }
    let current = p;
    let posted = 0;
    for (const point of due) {
      const sent = await markers.sendOnce(pointCardKey(p.id, point), clock.now(), async () => {
        const location = await publisher.post(zone, current, point);
        const stored = await updatePathway(store, current, (fresh) =>
          fresh.points.find((pt) => pt.point === point)?.card
            ? undefined
            : recordPointCardPosted(fresh, point, location, registrant(fresh), clock.now()),
        );
        if (stored) current = stored;
        else
          logger.error(
            { pathwayCode: p.code, point },
            'pathway card posted, but its location could not be stored',
          );
      });
      if (sent.outcome === 'failed') {
        logger.error(
          { err: sent.error, pathwayCode: p.code, point },
          'posting the pathway card failed',
        );
      } else if (sent.outcome === 'sent') {
        posted += 1;
      }
    }
    return { pathway: current, posted };
  }

  /** The point-card job: every pathway with a card due now gets it (the store's indexed queue). */
  async function postDueCards(limit: number): Promise<number> {
    let posted = 0;
    for (const p of await store.pathways.noticeDue(clock.now().toISOString(), limit)) {
      try {
        posted += (await publishDue(p)).posted;
      } catch (err) {
        // One pathway's failure (the store, Teams) must not keep the others' cards back.
        logger.error({ err, pathwayCode: p.code }, 'posting the pathway cards failed');
      }
    }
    return posted;
  }

  async function register(
    input: PathwayInput,
    actor: StaffMember,
    via: AccessVia = 'system',
  ): Promise<PathwayServiceResult> {
    // The national-id refusal comes first, whatever else is wrong with the registration.
    const idField = findNationalIdField(input);
    if (idField) {
      return { ok: false, error: domainError('contains_national_id', { field: idField }) };
    }
    const found = await linkedZone(input.zoneId);
    if (found.error) return { ok: false, error: found.error };
    const registered = await pathways.register(input, actor, via);
    if (!registered.ok) return registered;
    // A diagnosis registered late may have a point whose card is due already: post it now.
    const published = await publishDue(registered.pathway).catch((err: unknown) => {
      logger.error(
        { err, pathwayCode: registered.pathway.code },
        'posting the pathway cards failed',
      );
      return { pathway: registered.pathway };
    });
    return { ok: true, pathway: published.pathway, changed: true };
  }

  /** Runs a command; the cards of the points it touched are then updated in place. */
  async function act(
    pathwayId: string,
    command: PathwayCommand,
    actor: StaffMember,
    options: { basedOnVersion?: number; via?: AccessVia } = {},
  ): Promise<PathwayServiceResult> {
    const result = await pathways.execute(pathwayId, command, actor, {
      basedOnVersion: options.basedOnVersion,
      via: options.via ?? 'system',
    });
    if (!result.ok || !result.changed) return result;
    const point = commandPoint(command);
    for (const shown of point === null ? POINT_NUMBERS : [point]) {
      await refreshCard(result.pathway, shown);
    }
    return result;
  }

  async function refreshCard(p: Pathway, point: PointNumber): Promise<void> {
    if (!p.points.find((pt) => pt.point === point)?.card) return;
    const zone = await store.zones.get(p.zoneId);
    if (!zone?.channel) return;
    try {
      await publisher.update(zone, p, point);
    } catch (err) {
      logger.error({ err, pathwayCode: p.code, point }, 'updating the pathway card failed');
    }
  }

  return { register, act, refreshCard, postDueCards, publishDue };
}

export type PathwayWorkflow = ReturnType<typeof createPathwayWorkflow>;
