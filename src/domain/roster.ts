import { z } from 'zod/v4';

export const roleSchema = z.enum(['fve', 'nurse', 'leader', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const localeSchema = z.enum(['nb', 'en']);
export type Locale = z.infer<typeof localeSchema>;

/**
 * A member of staff known to the bot. `id` is the user's Entra object id when Teams sends one,
 * otherwise the Teams user id; staff names are not patient data.
 */
export const staffMemberSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).max(200),
    roles: z.array(roleSchema).min(1),
    zoneIds: z.array(z.string().min(1)),
    locale: localeSchema.optional(),
    /**
     * Where Teams last saw this person: enough to open a personal chat with them for a
     * reminder. Learned from their own messages, never entered by hand.
     */
    contact: z
      .object({ userId: z.string().min(1), tenantId: z.string().optional(), serviceUrl: z.url() })
      .strict()
      .optional(),
  })
  .strict();
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const hasRole = (member: StaffMember, role: Role): boolean => member.roles.includes(role);

/** FVE works across all zones; nurses and leaders only in the zones they are appointed to. */
export const worksInZone = (member: StaffMember, zoneId: string): boolean =>
  hasRole(member, 'fve') || member.zoneIds.includes(zoneId);

/** Step 1 and channel set-up: the zone's own leader, or the municipality's admin. */
export const canLinkZone = (member: StaffMember, zoneId: string): boolean =>
  hasRole(member, 'admin') || (hasRole(member, 'leader') && member.zoneIds.includes(zoneId));
