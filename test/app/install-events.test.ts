import { createInstallEvents } from '../../src/app/install-events';
import { isInstalled } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';

const contact = (n: number) => ({
  userId: `29:kari-${n}`,
  tenantId: 'tenant-1',
  serviceUrl: `https://smba-${n}.example/`,
});
const T1 = '2026-03-09T08:00:00.000Z';
const T2 = '2026-03-09T09:00:00.000Z';
const T3 = '2026-03-09T10:00:00.000Z';

type Event = { kind: 'install'; n: number; at: string } | { kind: 'uninstall'; at: string };

/** Every order of the events, so the outcome can be shown not to depend on it. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('install events of the personal app', () => {
  let store: Store;
  let events: ReturnType<typeof createInstallEvents>;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.roster.put({ id: 'kari', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    events = createInstallEvents({ store });
  });
  afterEach(() => store.close());

  const play = async (list: Event[]) => {
    for (const e of list) {
      if (e.kind === 'install') await events.recordInstall('kari', contact(e.n), e.at);
      else await events.recordUninstall('kari', e.at);
    }
    return store.roster.get('kari');
  };

  it('an install stores the address; the same event again changes nothing', async () => {
    expect(await events.recordInstall('kari', contact(1), new Date(T1))).toBe('applied');
    expect(await events.recordInstall('kari', contact(1), T1)).toBe('unchanged');
    const kari = await store.roster.get('kari');
    expect(kari).toMatchObject({ contact: contact(1), installedAt: T1 });
    expect(kari && isInstalled(kari)).toBe(true);
  });

  it('an uninstall clears the address and remembers when', async () => {
    await events.recordInstall('kari', contact(1), T1);
    expect(await events.recordUninstall('kari', T2)).toBe('applied');
    expect(await events.recordUninstall('kari', T2)).toBe('unchanged');
    const kari = await store.roster.get('kari');
    expect(kari).not.toHaveProperty('contact');
    expect(kari).toMatchObject({ installedAt: T1, uninstalledAt: T2 });
    expect(kari && isInstalled(kari)).toBe(false);
  });

  it.each(
    permutations<Event>([
      { kind: 'install', n: 1, at: T1 },
      { kind: 'uninstall', at: T2 },
      { kind: 'install', n: 3, at: T3 },
    ]).map((order) => [order.map((e) => `${e.kind}@${e.at.slice(11, 13)}`).join(' → '), order]),
  )(
    'install, uninstall, install again arriving as %s: installed with the newest address',
    async (_label, order) => {
      const kari = await play(order as Event[]);
      expect(kari).toMatchObject({ contact: contact(3), installedAt: T3, uninstalledAt: T2 });
    },
  );

  it.each(
    permutations<Event>([
      { kind: 'install', n: 1, at: T1 },
      { kind: 'uninstall', at: T3 },
      { kind: 'install', n: 2, at: T2 },
    ]).map((order) => [order.map((e) => `${e.kind}@${e.at.slice(11, 13)}`).join(' → '), order]),
  )('two installs then an uninstall, arriving as %s: uninstalled', async (_label, order) => {
    const kari = await play(order as Event[]);
    expect(kari).not.toHaveProperty('contact');
    expect(kari).toMatchObject({ installedAt: T2, uninstalledAt: T3 });
  });

  it('an install and an uninstall at the same instant end uninstalled, in either order', async () => {
    const first = await play([
      { kind: 'install', n: 1, at: T1 },
      { kind: 'uninstall', at: T1 },
    ]);
    await store.roster.put({ id: 'kari', name: 'Kari', roles: ['nurse'], zoneIds: ['nord'] });
    const second = await play([
      { kind: 'uninstall', at: T1 },
      { kind: 'install', n: 1, at: T1 },
    ]);
    for (const kari of [first, second]) expect(kari && isInstalled(kari)).toBe(false);
    expect(second).not.toHaveProperty('contact');
  });

  it('an older event is reported stale and keeps the newer address', async () => {
    await events.recordInstall('kari', contact(2), T2);
    expect(await events.recordInstall('kari', contact(1), T1)).toBe('stale');
    expect(await events.recordUninstall('kari', T1)).toBe('stale');
    expect((await store.roster.get('kari'))?.contact).toEqual(contact(2));
  });

  it('stores nothing for somebody not in the roster, or for a malformed event', async () => {
    expect(await events.recordInstall('stranger', contact(1), T1)).toBe('not_in_roster');
    expect(await events.recordUninstall('stranger', T1)).toBe('not_in_roster');
    expect(await store.roster.get('stranger')).toBeUndefined();
    expect(
      await events.recordInstall('kari', { userId: '29:k', serviceUrl: 'not a url' }, T1),
    ).toBe('invalid');
    expect(await events.recordInstall('kari', contact(1), 'yesterday')).toBe('invalid');
    expect(await store.roster.get('kari')).toEqual({
      id: 'kari',
      name: 'Kari',
      roles: ['nurse'],
      zoneIds: ['nord'],
    });
  });
});
