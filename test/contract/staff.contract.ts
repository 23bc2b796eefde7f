import { freshStore, nurse, type StoreHarness } from './store-contract';

/** The roster: staff members by id. */
export function describeStaffContract(label: string, harness: StoreHarness): void {
  describe(`Store contract: ${label}`, () => {
    const store = freshStore(harness);

    describe('roster', () => {
      it('stores, replaces and lists staff members', async () => {
        await store.roster.put(nurse);
        await store.roster.put({
          id: 'l-1',
          name: 'Anne Leder',
          roles: ['leader'],
          zoneIds: ['nord'],
        });
        await store.roster.put({ ...nurse, zoneIds: ['nord', 'sor'] });
        expect(await store.roster.get(nurse.id)).toEqual({ ...nurse, zoneIds: ['nord', 'sor'] });
        expect((await store.roster.list()).map((m) => m.id)).toEqual(['l-1', 'n-1']);
        expect(await store.roster.get('nobody')).toBeUndefined();
      });
    });
  });
}
