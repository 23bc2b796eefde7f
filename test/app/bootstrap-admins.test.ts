import { bootstrapAdmins, describeBootstrap } from '../../src/app/bootstrap-admins';
import { hasRole } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { fixedClock } from '../support/test-app';

const A = '6b1c0000-0000-4000-8000-00000000000a';
const B = '6b1c0000-0000-4000-8000-00000000000b';

describe('BOOTSTRAP_ADMINS: the first admin of an empty roster', () => {
  let store: Store;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('makes the listed people admins in an empty store, with a change record', async () => {
    const result = await bootstrapAdmins(
      store,
      [{ id: A, name: 'Kari Nordmann' }, { id: B }],
      clock,
    );
    expect(result).toEqual({ outcome: 'added', ids: [A, B] });
    expect(describeBootstrap(result)).toBe(
      'BOOTSTRAP_ADMINS: 2 admin(s) added to a roster without one',
    );
    expect(await store.roster.get(A)).toEqual({
      id: A,
      name: 'Kari Nordmann',
      roles: ['admin'],
      zoneIds: [],
      changes: [
        {
          at: '2026-03-02T09:00:00.000Z',
          by: 'system:bootstrap',
          what: 'added: roles admin; zones –',
        },
      ],
    });
    // Without a name the id stands in until an admin gives one.
    expect((await store.roster.get(B))?.name).toBe(B);
  });

  it('gives the admin role to somebody already in a roster that has no admin', async () => {
    await store.roster.put({ id: A, name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    await bootstrapAdmins(store, [{ id: A, name: 'Ignored' }], clock);
    expect(await store.roster.get(A)).toMatchObject({
      name: 'Kari',
      roles: ['nurse', 'admin'],
      zoneIds: ['nord'],
    });
  });

  it('changes nothing when the roster has an admin, and says so', async () => {
    const existing = { id: 'admin-1', name: 'Anne', roles: ['admin' as const], zoneIds: [] };
    await store.roster.put(existing);
    const result = await bootstrapAdmins(store, [{ id: A }], clock);
    expect(result).toEqual({ outcome: 'admin_present', admins: 1 });
    expect(describeBootstrap(result)).toBe(
      'BOOTSTRAP_ADMINS ignored: the roster already has an admin',
    );
    expect(await store.roster.list()).toEqual([existing]);
  });

  it('a removed admin is no admin: the bootstrap applies, and the second start changes nothing', async () => {
    await store.roster.put({
      id: 'old',
      name: 'Old',
      roles: ['admin'],
      zoneIds: [],
      removedAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await bootstrapAdmins(store, [{ id: A }], clock)).outcome).toBe('added');
    expect((await bootstrapAdmins(store, [{ id: B }], clock)).outcome).toBe('admin_present');
    const roster = await store.roster.list();
    expect(roster.filter((m) => hasRole(m, 'admin')).map((m) => m.id)).toEqual([A]);
  });

  it('does nothing when not configured', async () => {
    const result = await bootstrapAdmins(store, [], clock);
    expect(result).toEqual({ outcome: 'not_configured' });
    expect(describeBootstrap(result)).toBeUndefined();
    expect(await store.roster.list()).toEqual([]);
  });
});
