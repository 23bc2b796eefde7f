import { freshStore, type StoreHarness } from './store-contract';

/** Exactly-once markers. */
export function describeMarkersContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

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

      it('lists the markers of a key prefix and status', async () => {
        const at = '2026-03-02T09:00:00.000Z';
        const sent = 'escalation:case-1:firstContact:2026-03-02T15:30:00.000Z:reminder';
        await store.markers.create(sent, 'intent', at);
        await store.markers.setStatus(sent, 'sent', '2026-03-02T09:00:01.000Z');
        await store.markers.create(
          'escalation:case-2:firstContact:2026-03-02T15:30:00.000Z:fve',
          'intent',
          at,
        );
        await store.markers.create(
          'escalation:case-3:firstContact:2026-03-02T15:30:00.000Z:overdue',
          'skipped',
          at,
        );
        // Next to the prefix in key order, and a key that is no Cosmos DB id (kept as a hash).
        await store.markers.create('escalation;', 'sent', at);
        await store.markers.create('escalatio', 'sent', at);
        await store.markers.create('monthly-report:leader-1:2026-02', 'sent', at);
        const odd = 'escalation:case/4:firstContact:2026-03-02T15:30:00.000Z:fve';
        await store.markers.create(odd, 'sent', at);

        const keys = async (prefix: string, status: string) =>
          (await store.markers.list(prefix, status)).map((m) => m.key).sort();
        expect(await keys('escalation:', 'sent')).toEqual([sent, odd].sort());
        expect(await store.markers.list('escalation:case-1:', 'sent')).toEqual([
          { key: sent, status: 'sent', createdAt: at, updatedAt: '2026-03-02T09:00:01.000Z' },
        ]);
        expect(await keys('escalation:', 'skipped')).toEqual([
          'escalation:case-3:firstContact:2026-03-02T15:30:00.000Z:overdue',
        ]);
        expect(await keys('nothing:', 'sent')).toEqual([]);
        expect(await keys('', 'intent')).toEqual([
          'escalation:case-2:firstContact:2026-03-02T15:30:00.000Z:fve',
        ]);
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
