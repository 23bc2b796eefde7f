import { updateCase } from '../../src/app/update-case';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { storedCase } from '../contract/store-contract';

describe('updateCase', () => {
  it("re-reads and re-applies the change after losing a race, keeping the winner's change", async () => {
    const store = openSqliteStore(':memory:');
    const c = storedCase();
    await store.cases.create(c);
    await store.cases.save({ ...c, admitted: true }); // someone else wins first; `c` is now stale
    const saved = await updateCase(store, c, (current) => ({ ...current, nextDueAt: null }));
    expect(saved).toMatchObject({ admitted: true, nextDueAt: null, version: 3 });
    expect(await store.cases.get(c.id)).toEqual(saved);
    await store.close();
  });

  it('saves nothing when the change finds nothing to do, and answers undefined for a case that is gone', async () => {
    const store = openSqliteStore(':memory:');
    const c = storedCase();
    await store.cases.create(c);
    expect(await updateCase(store, c, () => undefined)).toEqual(c);
    expect((await store.cases.get(c.id))?.version).toBe(1);
    const never = storedCase();
    expect(
      await updateCase(store, never, (current) => ({ ...current, admitted: true })),
    ).toBeUndefined();
    await store.close();
  });
});
