import { type StaffMember, staffMemberSchema } from '../domain/roster';
import type { Store } from '../store/port';

/** The conversation address Teams gives with an install event of the personal app. */
export type InstallContact = NonNullable<StaffMember['contact']>;

const contactSchema = staffMemberSchema.shape.contact.unwrap();

export type InstallOutcome =
  /** The address is stored (install) or cleared (uninstall). */
  | 'applied'
  /** The same event again: nothing to do. */
  | 'unchanged'
  /**
   * Older than what is already recorded (events may arrive in any order): the address stays
   * as the newer event left it (the event's time may still be recorded).
   */
  | 'stale'
  /** Nobody with that id has a roster document; nothing is stored about strangers. */
  | 'not_in_roster'
  | 'invalid';

/** Event times compare as strings only in one form: toISOString's. */
function isoTime(at: Date | string): string | undefined {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The personal app's install and uninstall events (Teams `installationUpdate`), which tell the
 * bot whether a personal chat can reach someone before they ever write to it. Teams may deliver
 * them late, twice or out of order, so each carries its own time: the document keeps the time
 * of the newest install and of the newest uninstall, and the address of the newest install
 * while that is newer than the newest uninstall. Every order of the same events therefore
 * ends in the same document; an install and an uninstall at the same instant end uninstalled.
 */
export function createInstallEvents(deps: { store: Store }) {
  const { store } = deps;

  async function recordInstall(
    memberId: string,
    contact: InstallContact,
    at: Date | string,
  ): Promise<InstallOutcome> {
    const parsed = contactSchema.safeParse(contact);
    const time = isoTime(at);
    if (!parsed.success || !time) return 'invalid';
    const member = await store.roster.get(memberId);
    if (!member) return 'not_in_roster';
    if (member.installedAt === time) return 'unchanged';
    // An older install: the address we have (or its absence) belongs to something newer.
    if (member.installedAt !== undefined && member.installedAt > time) return 'stale';
    const removedSince = member.uninstalledAt !== undefined && member.uninstalledAt >= time;
    await store.roster.put({
      ...member,
      installedAt: time,
      ...(!removedSince && { contact: parsed.data }),
    });
    return removedSince ? 'stale' : 'applied';
  }

  async function recordUninstall(memberId: string, at: Date | string): Promise<InstallOutcome> {
    const time = isoTime(at);
    if (!time) return 'invalid';
    const member = await store.roster.get(memberId);
    if (!member) return 'not_in_roster';
    if (member.uninstalledAt === time) return 'unchanged';
    if (member.uninstalledAt !== undefined && member.uninstalledAt > time) return 'stale';
    // Installed again since: the time is kept, the newer install's address too.
    const reinstalled = member.installedAt !== undefined && member.installedAt > time;
    const { contact: _gone, ...rest } = member;
    await store.roster.put({ ...(reinstalled ? member : rest), uninstalledAt: time });
    return reinstalled ? 'stale' : 'applied';
  }

  return { recordInstall, recordUninstall };
}

export type InstallEvents = ReturnType<typeof createInstallEvents>;
