import type { StaffMember } from '../../src/domain/roster';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { createCardRoster } from '../../src/teams/card-roster';

const nurse = (id: string, name: string): StaffMember => ({
  id,
  name,
  roles: ['nurse'],
  zoneIds: ['nord'],
});

describe('the roster kept for case cards', () => {
  it('reads the store once while nothing is written, and again after every write', async () => {
    const store = openSqliteStore(':memory:');
    await store.roster.put(nurse('a', 'Anne'));
    const roster = createCardRoster(store);
    const list = jest.spyOn(store.roster, 'list');
    expect((await roster.list()).map((m) => m.name)).toEqual(['Anne']);
    await roster.list();
    expect(list).toHaveBeenCalledTimes(1);

    // A write made anywhere through the store, not through the cache, ends the kept copy.
    await store.roster.put(nurse('a', 'Anne Berit'));
    expect((await roster.list()).map((m) => m.name)).toEqual(['Anne Berit']);
    expect(list).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('does not keep a list read while a write was running', async () => {
    const store = openSqliteStore(':memory:');
    await store.roster.put(nurse('a', 'Anne'));
    const roster = createCardRoster(store);
    const list = jest.spyOn(store.roster, 'list');
    const put = store.roster.put(nurse('b', 'Bjørn'));
    await roster.list();
    await put;
    expect((await roster.list()).map((m) => m.id)).toEqual(['a', 'b']);
    expect(list).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('reads again once the kept copy is older than its bound (another instance may have written)', async () => {
    const store = openSqliteStore(':memory:');
    const roster = createCardRoster(store, 0);
    const list = jest.spyOn(store.roster, 'list');
    await roster.list();
    await roster.list();
    expect(list).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('keeps no failed read', async () => {
    const store = openSqliteStore(':memory:');
    const roster = createCardRoster(store);
    jest.spyOn(store.roster, 'list').mockRejectedValueOnce(new Error('store unreachable'));
    await expect(roster.list()).rejects.toThrow('store unreachable');
    expect(await roster.list()).toEqual([]);
    await store.close();
  });
});
