import { isActive, type StaffMember } from '../domain/roster';
import type { Store } from '../store/port';

/** Where Teams reaches a person: enough to open a personal chat with them for a reminder. */
export type Contact = NonNullable<StaffMember['contact']>;

/**
 * Who is asking, and where to reach them: the roster as the Teams adapter needs it on every
 * turn. A removed person is not in the roster any more (their document stays for history).
 */
export function createPeople(store: Store) {
  return {
    async identify(id: string): Promise<StaffMember | undefined> {
      const member = id ? await store.roster.get(id) : undefined;
      return member && isActive(member) ? member : undefined;
    },
    /** Written only when it changed: the roster read is on every request's path, the write is not. */
    async rememberContact(member: StaffMember, contact: Contact): Promise<void> {
      const known = member.contact;
      if (
        known?.userId === contact.userId &&
        known.serviceUrl === contact.serviceUrl &&
        known.tenantId === contact.tenantId
      ) {
        return;
      }
      await store.roster.put({ ...member, contact });
    },
  };
}

export type People = ReturnType<typeof createPeople>;
