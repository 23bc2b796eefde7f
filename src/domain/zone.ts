import { z } from 'zod/v4';

/**
 * Where the bot posts a zone's cards: the Teams channel's conversation reference as the Bot
 * Framework gave it. Kept loose beyond the fields a proactive post needs.
 */
export const channelLinkSchema = z
  .object({
    serviceUrl: z.url(),
    channelId: z.string().min(1),
    conversationId: z.string().min(1),
    tenantId: z.string().optional(),
    botId: z.string().optional(),
    linkedBy: z.string().min(1),
    linkedAt: z.iso.datetime(),
  })
  .strict();
export type ChannelLink = z.infer<typeof channelLinkSchema>;

/** Any stored zone id; new zones follow the stricter NEW_ZONE_ID (src/domain/zone-admin.ts). */
export const ZONE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const zoneSchema = z
  .object({
    id: z.string().regex(ZONE_ID, 'lowercase letters, digits and dashes'),
    name: z.string().min(1).max(100),
    channel: channelLinkSchema.nullable(),
    /**
     * A retired zone is kept, not deleted: its cases and people still name it. It takes no new
     * referrals and is left out of the referral form (see activeZones in zone-admin.ts).
     */
    retiredAt: z.iso.datetime().optional(),
    retiredBy: z.string().min(1).optional(),
  })
  .strict();
export type Zone = z.infer<typeof zoneSchema>;
