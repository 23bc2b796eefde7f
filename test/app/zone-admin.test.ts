import { createCaseService } from '../../src/app/case-service';
import { createZoneAdmin } from '../../src/app/zone-admin';
import type { StaffMember } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';
import { linkedZone } from '../support/zones';

const member = (id: string, roles: StaffMember['roles'], zoneIds: string[]): StaffMember => ({
  id,
  name: `Navn ${id}`,
  roles,
  zoneIds,
});
const admin = member('admin', ['admin'], []);
const leader = member('leader', ['leader'], ['nord']);
const fve = member('fve', ['fve'], []);

describe('zones as use cases', () => {
  let store: Store;
  const clock = fixedClock('2026-03-09T08:00:00.000Z');
  const zones = () => createZoneAdmin({ store, clock });
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put(linkedZone('nord', 'Sone Nord', 'https://smba.example/', '19:nord'));
    await store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [
      admin,
      leader,
      fve,
      member('n1', ['nurse'], ['nord']),
      member('n2', ['nurse', 'leader'], ['nord', 'sor']),
      { ...member('gone', ['nurse'], ['nord']), removedAt: '2026-03-01T00:00:00.000Z' },
    ]) {
      await store.roster.put(m);
    }
  });
  afterEach(() => store.close());

  it('lists each zone with its channel, its number of resource nurses and its leaders', async () => {
    expect(await zones().list(fve)).toEqual({
      kind: 'zones',
      zones: [
        {
          id: 'nord',
          name: 'Sone Nord',
          channelLinked: true,
          nurseCount: 2,
          leaders: ['Navn leader', 'Navn n2'],
        },
        { id: 'sor', name: 'Sone Sør', channelLinked: false, nurseCount: 1, leaders: ['Navn n2'] },
      ],
    });
    expect(await zones().list(undefined)).toEqual({ kind: 'message', key: 'me.unknown' });
  });

  it('adds, renames and retires a zone; the list leaves the retired one out unless asked', async () => {
    expect(await zones().add(admin, 'Vest', 'Sone Vest')).toEqual({
      kind: 'message',
      key: 'staff.zones.added',
      params: { zone: 'Sone Vest', id: 'vest' },
    });
    expect((await zones().rename(admin, 'vest', 'Vest')).key).toBe('staff.zones.renamed');
    expect((await zones().rename(admin, 'vest', 'Vest')).key).toBe('staff.messages.noChange');
    expect((await zones().retire(admin, 'vest')).key).toBe('staff.zones.retired');
    expect(await store.zones.get('vest')).toEqual({
      id: 'vest',
      name: 'Vest',
      channel: null,
      retiredAt: clock.now().toISOString(),
      retiredBy: 'admin',
    });
    const listed = async (includeRetired: boolean) => {
      const reply = await zones().list(admin, { includeRetired });
      return reply.kind === 'zones' ? reply.zones.map((z) => z.id) : [];
    };
    expect(await listed(false)).toEqual(['nord', 'sor']);
    expect(await listed(true)).toEqual(['nord', 'sor', 'vest']);
    expect((await zones().add(admin, 'vest', 'Ny Vest')).key).toBe('staff.errors.zoneRetired');
    expect((await zones().reinstate(admin, 'vest')).key).toBe('staff.zones.reinstated');
  });

  it('refuses to retire a zone with open cases, with their number', async () => {
    const cases = createCaseService({ store, clock, routine: defaultRoutine() });
    for (const ref of ['DIPS-1', 'DIPS-2']) {
      await cases.register(
        {
          zoneId: 'nord',
          seriouslyIll: false,
          hospitalContactAt: '2026-03-09T07:00:00.000Z',
          patientRef: ref,
          registerHsyre: true,
        },
        fve,
      );
    }
    expect(await zones().retire(admin, 'nord')).toEqual({
      kind: 'message',
      key: 'staff.errors.zoneHasOpenCases',
      params: { zone: 'Sone Nord', count: '2' },
    });
    expect((await store.zones.get('nord'))?.retiredAt).toBeUndefined();
  });

  it('zones are the admin’s: a leader is refused and nothing changes', async () => {
    expect(await zones().add(leader, 'vest', 'Sone Vest')).toEqual({
      kind: 'message',
      key: 'staff.errors.forbidden',
    });
    expect((await zones().retire(leader, 'nord')).key).toBe('staff.errors.forbidden');
    expect(await store.zones.get('vest')).toBeUndefined();
  });
});
