import { z } from 'zod/v4';

export const roleSchema = z.enum([
  'fve',
  'nurse',
  'leader',
  'admin',
  // Leads the regional network of resource nurses; told when a resource nurse leaves.
  'networkLeader',
  // Kreftkoordinator: in the roster now so Pakkeforløp hjem can name them later.
  'cancerCoordinator',
]);
export type Role = z.infer<typeof roleSchema>;

/**
 * Roles held in the zones listed on the person: a nurse of Nord does nothing in Sør. The others
 * work across the municipality (FVE) or are not tied to a zone at all.
 */
export const ZONE_ROLES: readonly Role[] = ['nurse', 'leader'];

export const localeSchema = z.enum(['nb', 'en']);
export type Locale = z.infer<typeof localeSchema>;

/** Newest last; older entries fall off so a long-serving person's document stays small. */
export const MAX_ROSTER_CHANGES = 50;

/**
 * One change to a person's roster entry: who made it, when, and a short machine description
 * ("roles: nurse → nurse,leader"). Staff data only, never anything about a patient.
 */
export const rosterChangeRecordSchema = z
  .object({
    at: z.iso.datetime(),
    by: z.string().min(1),
    what: z.string().min(1).max(500),
  })
  .strict();
export type RosterChangeRecord = z.infer<typeof rosterChangeRecordSchema>;

/**
 * A member of staff known to the bot. `id` is the user's Entra object id when Teams sends one,
 * otherwise the Teams user id; staff names are not patient data.
 *
 * Every field added after the first release is optional, so documents written before it still
 * parse; absent means "none" (no e-mail, never removed, no recorded changes).
 */
export const staffMemberSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).max(200),
    roles: z.array(roleSchema).min(1),
    zoneIds: z.array(z.string().min(1)),
    locale: localeSchema.optional(),
    /** E-mail or UPN, for directory links and a chat deep link; loose here, checked on input. */
    email: z.string().min(3).max(254).optional(),
    /**
     * Where Teams last saw this person: enough to open a personal chat with them for a
     * reminder. Learned from their own messages and the app's install events.
     */
    contact: z
      .object({ userId: z.string().min(1), tenantId: z.string().optional(), serviceUrl: z.url() })
      .strict()
      .optional(),
    /** The latest install and uninstall events of the personal app, to order late events. */
    installedAt: z.iso.datetime().optional(),
    uninstalledAt: z.iso.datetime().optional(),
    /**
     * Removal keeps the document: case histories name people by id and must keep resolving.
     * A removed person counts as not in the roster (see isActive).
     */
    removedAt: z.iso.datetime().optional(),
    removedBy: z.string().min(1).optional(),
    changes: z.array(rosterChangeRecordSchema).optional(),
  })
  .strict();
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** In the roster now: a removed person's document is kept for history only. */
export const isActive = (member: StaffMember): boolean => member.removedAt === undefined;

export const hasRole = (member: StaffMember, role: Role): boolean =>
  isActive(member) && member.roles.includes(role);

/** FVE works across all zones; nurses and leaders only in the zones they are appointed to. */
export const worksInZone = (member: StaffMember, zoneId: string): boolean =>
  isActive(member) && (hasRole(member, 'fve') || member.zoneIds.includes(zoneId));

/** Step 1 and channel set-up: the zone's own leader, or the municipality's admin. */
export const canLinkZone = (member: StaffMember, zoneId: string): boolean =>
  hasRole(member, 'admin') || (hasRole(member, 'leader') && member.zoneIds.includes(zoneId));

/** Whether the personal app is installed as far as the latest event says (unknown: false). */
export const isInstalled = (member: StaffMember): boolean =>
  member.installedAt !== undefined &&
  (member.uninstalledAt === undefined || member.installedAt > member.uninstalledAt);
