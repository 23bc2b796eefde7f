import type { StaffMember } from '../../domain/roster';

/** The roster: whole members by id. A stored member that does not parse is left out of reads. */
export interface StaffRepository {
  get(id: string): Promise<StaffMember | undefined>;
  /** Creates or replaces the member with this id. */
  put(member: StaffMember): Promise<void>;
  /** Ordered by name, ties by id. */
  list(): Promise<StaffMember[]>;
}
