import { createZoneLinking } from '../../src/app/zone-linking';
import type { StaffMember } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { fixedClock } from '../support/test-app';

const address = {
  serviceUrl: 'https://smba.example/',
  channelId: 'msteams',
  conversationId: '19:nord@thread.tacv2',
  tenantId: 'tenant-1',
  botId: '28:bot',
};
const person = (id: string, roles: StaffMember['roles'], zoneIds: string[]): StaffMember => ({
  id,
  name: id,
  roles,
  zoneIds,
});

describe('linking a zone channel, as a use case', () => {
  let store: Store;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
  });
  afterEach(() => store.close());
  const link = (who: StaffMember | undefined, zone: string | undefined) =>
    createZoneLinking({ store, clock })(who, zone, address);

  it.each([
    ['not in the roster', undefined, 'nord', 'me.unknown'],
    ['a nurse of the zone', person('n', ['nurse'], ['nord']), 'nord', 'errors.forbidden_role'],
    ['a leader of another zone', person('l', ['leader'], ['sor']), 'nord', 'errors.forbidden_role'],
    ['FVE', person('f', ['fve'], []), 'nord', 'errors.forbidden_role'],
  ])('refuses %s and stores nothing', async (_label, who, zone, key) => {
    expect((await link(who, zone)).key).toBe(key);
    expect((await store.zones.get('nord'))?.channel).toBeNull();
  });

  it('names the zones when the zone is unknown or missing', async () => {
    const admin = person('a', ['admin'], []);
    for (const zone of ['vest', undefined]) {
      expect(await link(admin, zone)).toEqual({
        kind: 'message',
        key: 'cases.messages.linkUsage',
        params: { zones: 'nord, sor' },
      });
    }
  });

  it.each([
    ['the zone leader', person('l', ['leader'], ['nord'])],
    ['an admin', person('a', ['admin'], [])],
  ])(
    'lets %s link it, whatever the case of the zone id, recording who and when',
    async (_l, who) => {
      expect(await link(who, 'NORD')).toEqual({
        kind: 'message',
        key: 'cases.messages.zoneLinked',
        params: { zone: 'Sone Nord' },
      });
      expect((await store.zones.get('nord'))?.channel).toEqual({
        ...address,
        linkedBy: who.id,
        linkedAt: '2026-03-02T09:00:00.000Z',
      });
    },
  );
});
