import type { CardLocation, Case } from '../domain/case';
import type { Zone } from '../domain/zone';

/**
 * Where cases become visible to people: the zone channel's card. The Teams adapter implements
 * it; the use cases only know that a card can be posted and kept true.
 */
export interface CasePublisher {
  /** Posts the case's card to the zone's linked channel and says where it lives. */
  post(zone: Zone, c: Case): Promise<CardLocation>;
  /** Re-renders the card in place, for everyone in the channel. */
  update(zone: Zone, c: Case): Promise<void>;
}
