import type { Zone } from '../../src/domain/zone';
import { freshStore, type StoreHarness } from './store-contract';

/** Zones and their channel link. */
export function describeZonesContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('zones', () => {
      it('stores zones with their channel link and lists them by id', async () => {
        const zone: Zone = { id: 'sor', name: 'Sone Sør', channel: null };
        await store.zones.put(zone);
        await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
        const linked: Zone = {
          ...zone,
          channel: {
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            channelId: 'msteams',
            conversationId: '19:abc@thread.tacv2',
            tenantId: 'tenant-1',
            botId: '28:bot',
            linkedBy: 'l-1',
            linkedAt: '2026-03-02T09:00:00.000Z',
          },
        };
        await store.zones.put(linked);
        expect(await store.zones.get('sor')).toEqual(linked);
        expect((await store.zones.list()).map((z) => z.id)).toEqual(['nord', 'sor']);
        expect(await store.zones.get('vest')).toBeUndefined();
      });
    });
  });
}
