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

export const zoneSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
    name: z.string().min(1).max(100),
    channel: channelLinkSchema.nullable(),
  })
  .strict();
export type Zone = z.infer<typeof zoneSchema>;
