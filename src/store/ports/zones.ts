import type { Zone } from '../../domain/zone';

/** Zones with their channel link. A stored zone that does not parse is left out of reads. */
export interface ZoneRepository {
  get(id: string): Promise<Zone | undefined>;
  /** Creates or replaces the zone with this id. */
  put(zone: Zone): Promise<void>;
  /** Ordered by id. */
  list(): Promise<Zone[]>;
}
