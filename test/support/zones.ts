import type { Zone } from '../../src/domain/zone';

/** A zone whose channel is already linked, as `koble sone` would have stored it. */
export const linkedZone = (
  id: string,
  name: string,
  serviceUrl: string,
  conversationId: string,
): Zone => ({
  id,
  name,
  channel: {
    serviceUrl,
    channelId: 'msteams',
    conversationId,
    tenantId: 'tenant-1',
    botId: '28:bot',
    linkedBy: 'admin',
    linkedAt: '2026-03-01T10:00:00.000Z',
  },
});
