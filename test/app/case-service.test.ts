import { createCaseService } from '../../src/app/case-service';
import type { StaffMember } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine, nationalId } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const fve: StaffMember = { id: 'fve-1', name: 'Frida FVE', roles: ['fve'], zoneIds: [] };
const leader: StaffMember = {
  id: 'leader-1',
  name: 'Lars Leder',
  roles: ['leader'],
  zoneIds: ['nord'],
};
const nurses: StaffMember[] = Array.from({ length: 20 }, (_, i) => ({
  id: `nurse-${i}`,
  name: `Nurse ${i}`,
  roles: ['nurse'],
  zoneIds: ['nord'],
}));

describe('case service over a real store', () => {
  let store: Store;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const service = () => createCaseService({ store, clock, routine: defaultRoutine() });

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    for (const m of [fve, leader, ...nurses]) await store.roster.put(m);
  });
  afterEach(() => store.close());

  const register = async () => {
    const result = await service().register(
      {
        zoneId: 'nord',
        seriouslyIll: true,
        hospitalContactAt: '2026-03-02T08:00:00.000Z',
        patientRef: 'DIPS-1',
        registerHsyre: true,
      },
      fve,
    );
    if (!result.ok) throw new Error(result.error.code);
    return result.case;
  };

  it('registers a case with a readable code and stores it', async () => {
    const c = await register();
    expect(c.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(await store.cases.getByCode(c.code)).toEqual(c);
  });

  it('lets exactly one of 20 nurses claiming at once win, and tells the others who has it', async () => {
    const c = await register();
    const results = await Promise.all(
      nurses.map((n) => service().execute(c.id, { type: 'claim' }, n)),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0].ok ? winners[0].case.claimedBy : '';
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'already_claimed', params: { claimedBy: winner } }),
      });
    }
    const stored = await store.cases.get(c.id);
    expect(stored?.claimedBy).toBe(winner);
    expect(stored?.history.filter((h) => h.action === 'claim')).toHaveLength(1);
  });

  it('loses neither of two different changes made at the same moment', async () => {
    const c = await register();
    await service().execute(c.id, { type: 'claim' }, nurses[0]);
    const [contact, admitted] = await Promise.all([
      service().execute(c.id, { type: 'logContact', outcome: 'reached' }, nurses[0]),
      service().execute(c.id, { type: 'setAdmitted', admitted: true }, leader),
    ]);
    expect(contact.ok && admitted.ok).toBe(true);
    const stored = await store.cases.get(c.id);
    expect(stored?.state).toBe('in_follow_up');
    expect(stored?.admitted).toBe(true);
    expect(stored?.history.map((h) => h.action)).toEqual([
      'registerReferral',
      'claim',
      expect.stringMatching(/logContact|setAdmitted/),
      expect.stringMatching(/logContact|setAdmitted/),
    ]);
  });

  it('changes nothing when the same claim is replayed', async () => {
    const c = await register();
    const first = await service().execute(c.id, { type: 'claim' }, nurses[3]);
    const replay = await service().execute(c.id, { type: 'claim' }, nurses[3]);
    expect(replay).toEqual({ ok: true, case: first.ok && first.case, changed: false });
    expect((await store.cases.get(c.id))?.version).toBe(2);
  });

  it('refuses and stores nothing when a note holds a fødselsnummer', async () => {
    const c = await register();
    await service().execute(c.id, { type: 'claim' }, nurses[0]);
    const before = await store.cases.get(c.id);
    const result = await service().execute(
      c.id,
      { type: 'logContact', outcome: 'reached', note: `pasient ${nationalId('150385')}` },
      nurses[0],
    );
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'contains_national_id' }),
    });
    expect(await store.cases.get(c.id)).toEqual(before);
  });

  it('refuses a referral that names a fødselsnummer, and stores no case', async () => {
    const result = await service().register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00.000Z',
        patientRef: nationalId('150385'),
        registerHsyre: true,
      },
      fve,
    );
    expect(result.ok).toBe(false);
    expect(await store.cases.byZone('nord')).toEqual([]);
  });

  it('answers unknown_case for a case that does not exist', async () => {
    const result = await service().execute('no-such-case', { type: 'claim' }, nurses[0]);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_case' }) });
  });
});
