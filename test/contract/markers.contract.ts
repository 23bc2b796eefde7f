import type { Store } from '../../src/store/port';
import type { StoreHarness } from './store-contract';

/** Exactly-once markers. */
export function describeMarkersContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('exactly-once markers', () => {
      it('lets the first creator win and everybody else see the marker', async () => {
        const key = 'escalation:case-1:firstContact:overdue';
        expect(await store.markers.create(key, 'intent', '2026-03-02T09:00:00.000Z')).toBe(true);
        expect(await store.markers.create(key, 'intent', '2026-03-02T09:00:01.000Z')).toBe(false);
        await store.markers.setStatus(key, 'sent', '2026-03-02T09:00:02.000Z');
        expect(await store.markers.get(key)).toEqual({
          key,
          status: 'sent',
          createdAt: '2026-03-02T09:00:00.000Z',
          updatedAt: '2026-03-02T09:00:02.000Z',
        });
        expect(await store.markers.get('other')).toBeUndefined();
      });

      it('has exactly one winner among 20 concurrent creators', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.markers.create('race', 'intent', '2026-03-02T09:00:00.000Z'),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
