import type { CardLocation } from '../domain/case';
import type { PointNumber } from '../domain/pathway/config';
import type { Pathway } from '../domain/pathway/pathway';
import type { Zone } from '../domain/zone';

/**
 * Where a pathway's points become visible to the zone: one channel card per point, posted when
 * its window approaches and kept true in place. The Teams adapter implements it.
 */
export interface PathwayPublisher {
  /** Posts the point's card to the zone's linked channel and says where it lives. */
  post(zone: Zone, p: Pathway, point: PointNumber): Promise<CardLocation>;
  /** Re-renders the point's card in place, for everyone in the channel. */
  update(zone: Zone, p: Pathway, point: PointNumber): Promise<void>;
}
