import { createCaseService } from '../../src/app/case-service';
import { createRosterCsv, formatPlan } from '../../src/app/roster-csv';
import type { StaffMember } from '../../src/domain/roster';
import type { Store } from '../../src/store/port';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { defaultRoutine, VALID_FNR } from '../support/domain-fixtures';
import { fixedClock } from '../support/test-app';

const A = '6b1c0000-0000-4000-8000-00000000000a';
const K = '6b1c0000-0000-4000-8000-00000000000b';
const O = '6b1c0000-0000-4000-8000-00000000000c';
const P = '6b1c0000-0000-4000-8000-00000000000d';

const ZONES = 'id,name\nnord,Sone Nord\nsor,Sone Sør\n';
const STAFF = [
  'entraObjectId,name,email,roles,zones',
  `${A},Anne Admin,anne@kommune.no,admin,`,
  `${K},Kari Nordmann,kari@kommune.no,nurse;leader,nord;sor`,
  `${O},"Nordmann, Ola",,nurse,nord`,
].join('\n');

describe('the roster and zones as CSV', () => {
  let store: Store;
  const clock = fixedClock('2026-03-09T08:00:00.000Z');
  const csv = () => createRosterCsv({ store, clock });
  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  async function load(zones = ZONES, staff = STAFF) {
    const plan = await csv().planImport({ zones, staff });
    expect(plan.problems).toEqual([]);
    await csv().applyImport(plan);
    return plan;
  }

  const everything = async () => ({
    zones: await store.zones.list(),
    staff: await store.roster.list(),
  });

  it('loads an empty store: zones and people added, each change recorded as the CLI', async () => {
    const plan = await load();
    expect(formatPlan(plan)).toBe(
      [
        'zones: 2 added, 0 renamed, 0 reinstated, 0 retired',
        '  + nord  Sone Nord',
        '  + sor  Sone Sør',
        'staff: 3 added, 0 changed, 0 removed',
        `  + Anne Admin (${A})  roles admin; zones –`,
        `  + Kari Nordmann (${K})  roles nurse,leader; zones nord,sor`,
        `  + Nordmann, Ola (${O})  roles nurse; zones nord`,
        '',
      ].join('\n'),
    );
    expect(await store.roster.get(K)).toEqual({
      id: K,
      name: 'Kari Nordmann',
      email: 'kari@kommune.no',
      roles: ['nurse', 'leader'],
      zoneIds: ['nord', 'sor'],
      changes: [
        {
          at: clock.now().toISOString(),
          by: 'system:admin-cli',
          what: 'added: roles nurse,leader; zones nord,sor',
        },
      ],
    });
    expect(await store.zones.get('sor')).toEqual({ id: 'sor', name: 'Sone Sør', channel: null });
  });

  it('reports every bad row with its line and field, never the value, and applies nothing', async () => {
    const staff = [
      'entraObjectId,name,email,roles,zones',
      `not-a-guid,Kari,kari@kommune.no,nurse,nord`,
      `${K},Kari,kari@kommune.no,nurse;sjef,nord`,
      `${O},Ola,ola(at)kommune,nurse,nord`,
      `${P},Per ${VALID_FNR},,nurse,nord`,
      `${A},Anne,,admin`,
      `${K},Kari igjen,,nurse,nord`,
      `${A},=cmd|' /C calc'!A0,,admin,`,
    ].join('\n');
    const zones = 'id,name\nNord Vest,Sone Nord\nsor,\n';
    const plan = await csv().planImport({ zones, staff });
    expect(plan.problems).toEqual([
      { file: 'zones.csv', line: 2, field: 'id', problem: 'lowercase letters, digits and dashes' },
      { file: 'zones.csv', line: 3, field: 'name', problem: 'required' },
      {
        file: 'staff.csv',
        line: 2,
        field: 'entraObjectId',
        problem: 'must be an Entra object id (a GUID)',
      },
      {
        file: 'staff.csv',
        line: 3,
        field: 'roles',
        problem: 'not a role (fve, nurse, leader, admin, networkLeader, cancerCoordinator)',
      },
      { file: 'staff.csv', line: 4, field: 'email', problem: 'not an e-mail address or UPN' },
      {
        file: 'staff.csv',
        line: 5,
        field: 'name',
        problem: 'contains a national identity number (fødselsnummer or D-number)',
      },
      { file: 'staff.csv', line: 6, problem: 'has 4 fields, expected 5' },
      {
        file: 'staff.csv',
        line: 8,
        field: 'name',
        problem: 'must not start with = + - @ (a spreadsheet would run it as a formula)',
      },
    ]);
    expect(plan.writes).toEqual({ zones: [], staff: [] });
    const report = formatPlan(plan);
    for (const value of [VALID_FNR, 'sjef', 'ola(at)kommune', 'not-a-guid', 'Nord Vest', 'calc']) {
      expect(report).not.toContain(value);
    }
    expect(report).toContain('staff.csv line 3, roles: not a role');
    expect(report.trim().split('\n').at(-1)).toBe('nothing imported: 8 problem(s)');
    expect(await everything()).toEqual({ zones: [], staff: [] });
  });

  it('reports a duplicate id with both lines, and applies nothing', async () => {
    const staff = [
      'entraObjectId,name,email,roles,zones',
      `${A},Anne,,admin,`,
      `${K},Kari,,nurse,nord`,
      `${A.toUpperCase()},Anne igjen,,admin,`,
    ].join('\n');
    const plan = await csv().planImport({ zones: ZONES, staff });
    expect(plan.problems).toEqual([
      {
        file: 'staff.csv',
        line: 4,
        field: 'entraObjectId',
        problem: 'the same entraObjectId as line 2',
      },
    ]);
    expect(await everything()).toEqual({ zones: [], staff: [] });
  });

  it('reports the rules’ refusals of well-formed rows by line and field, and applies nothing', async () => {
    const staff = [
      'entraObjectId,name,email,roles,zones',
      `${A},Anne,,admin,`,
      `${K},Kari,,nurse,ost`,
      `${O},Ola,,nurse,nord`,
      `${P},Per,,leader,`,
    ].join('\n');
    const plan = await csv().planImport({ zones: 'id,name\nnord,Sone Nord\nx,Too Short\n', staff });
    expect(plan.problems).toEqual([
      {
        file: 'zones.csv',
        line: 3,
        field: 'id',
        problem:
          'a new zone id is 2-30 lowercase letters, digits and dashes, not starting or ending with a dash',
      },
      {
        file: 'staff.csv',
        line: 3,
        field: 'zones',
        problem: 'names a zone that does not exist (add it to zones.csv)',
      },
      { file: 'staff.csv', line: 5, field: 'zones', problem: 'a leader needs at least one zone' },
    ]);
    expect(plan.writes).toEqual({ zones: [], staff: [] });
    expect(await everything()).toEqual({ zones: [], staff: [] });
  });

  it('refuses a file whose first line is not the expected header', async () => {
    const plan = await csv().planImport({ zones: 'zone,name\nnord,Nord\n' });
    expect(plan.problems).toEqual([
      {
        file: 'zones.csv',
        line: 1,
        field: 'header',
        problem: 'the first line must be exactly: id,name',
      },
    ]);
  });

  it('reads a spreadsheet’s UTF-8 with BOM, CRLF line ends and blank lines', async () => {
    const plan = await csv().planImport({ zones: '\uFEFFid,name\r\nnord,Sone Nord\r\n\r\n' });
    expect(plan.problems).toEqual([]);
    expect(plan.zones.added.map((z) => z.id)).toEqual(['nord']);
  });

  it('a plan alone (the dry run) stores nothing', async () => {
    const plan = await csv().planImport({ zones: ZONES, staff: STAFF });
    expect(plan.writes.staff).toHaveLength(3);
    expect(await everything()).toEqual({ zones: [], staff: [] });
  });

  it('round trip: export, then import the export: no change', async () => {
    await load();
    // History the export does not carry must not count as a difference: a retired zone, a
    // removed person, roles stored in another order, a zone list in its own order.
    await store.zones.put({
      id: 'vest',
      name: 'Sone Vest',
      channel: null,
      retiredAt: '2026-01-01T00:00:00.000Z',
    });
    await store.roster.put({
      id: P,
      name: 'Per',
      roles: ['nurse'],
      zoneIds: ['vest'],
      removedAt: '2026-01-02T00:00:00.000Z',
    });
    const kari = (await store.roster.get(K)) as StaffMember;
    await store.roster.put({ ...kari, roles: ['leader', 'nurse'], zoneIds: ['sor', 'nord'] });
    const before = await everything();

    const exported = await csv().exportCsv();
    expect(exported.counts).toEqual({ zones: 2, staff: 3 });
    expect(exported.zones).toBe('id,name\nnord,Sone Nord\nsor,Sone Sør\n');
    expect(exported.staff).toContain(`${O},"Nordmann, Ola",,nurse,nord\n`);
    const plan = await csv().planImport({ zones: exported.zones, staff: exported.staff });
    expect(plan.problems).toEqual([]);
    expect(formatPlan(plan)).toBe('no change\n');
    expect(plan.writes).toEqual({ zones: [], staff: [] });
    await csv().applyImport(plan);
    expect(await everything()).toEqual(before);
  });

  it('is a full sync: people not in the file are removed, zones not in it retired, changes shown', async () => {
    await load();
    const staff = [
      'entraObjectId,name,email,roles,zones',
      `${A},Anne Admin,anne@kommune.no,admin,`,
      `${K},Kari Nordmann,,nurse,nord`,
    ].join('\n');
    const plan = await csv().planImport({ zones: 'id,name\nnord,Nord\n', staff });
    expect(formatPlan(plan)).toBe(
      [
        'zones: 0 added, 1 renamed, 0 reinstated, 1 retired',
        '  ~ nord  name: Sone Nord → Nord',
        '  - sor  Sone Sør (retired)',
        'staff: 0 added, 1 changed, 1 removed',
        `  ~ Kari Nordmann (${K})  roles: nurse,leader → nurse; zones: nord,sor → nord; email: kari@kommune.no → –`,
        `  - Nordmann, Ola (${O})`,
        '',
      ].join('\n'),
    );
    await csv().applyImport(plan);
    const ola = await store.roster.get(O);
    expect(ola).toMatchObject({ name: 'Nordmann, Ola', removedBy: 'system:admin-cli' });
    expect((await store.zones.get('sor'))?.retiredBy).toBe('system:admin-cli');
    // Taking the zone back in the file reinstates it.
    const again = await csv().planImport({ zones: 'id,name\nnord,Nord\nsor,Sone Sør\n' });
    expect(again.zones.reinstated.map((z) => z.id)).toEqual(['sor']);
  });

  it('keeps the last admin, but lets the file hand the role to somebody else', async () => {
    await load();
    const withoutAdmin = [
      'entraObjectId,name,email,roles,zones',
      `${K},Kari Nordmann,kari@kommune.no,nurse;leader,nord;sor`,
    ].join('\n');
    const refused = await csv().planImport({ staff: withoutAdmin });
    expect(refused.problems).toEqual([
      {
        file: 'staff.csv',
        field: `Anne Admin (${A})`,
        problem:
          'not in the file, so removed, but: Anne Admin is the last admin: keep them, or make somebody else admin',
      },
    ]);
    const handedOver = [
      'entraObjectId,name,email,roles,zones',
      `${K},Kari Nordmann,kari@kommune.no,nurse;leader;admin,nord;sor`,
    ].join('\n');
    const plan = await csv().planImport({ staff: handedOver });
    expect(plan.problems).toEqual([]);
    expect(plan.staff.removed.map((m) => m.id).sort()).toEqual([A, O].sort());
  });

  it('does not remove a nurse who still has active cases, and does not retire a zone with open ones', async () => {
    await load();
    const cases = createCaseService({ store, clock, routine: defaultRoutine() });
    const fve: StaffMember = { id: 'fve', name: 'F', roles: ['fve'], zoneIds: [] };
    const registered = await cases.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-09T07:00:00.000Z',
        patientRef: 'DIPS-1',
        registerHsyre: true,
      },
      fve,
    );
    if (!registered.ok) throw new Error(registered.error.code);
    const ola = (await store.roster.get(O)) as StaffMember;
    const claimed = await cases.execute(registered.case.id, { type: 'claim' }, ola);
    expect(claimed.ok).toBe(true);

    const staff = [
      'entraObjectId,name,email,roles,zones',
      `${A},Anne Admin,anne@kommune.no,admin,`,
      `${K},Kari Nordmann,kari@kommune.no,nurse;leader,nord;sor`,
    ].join('\n');
    const plan = await csv().planImport({ zones: 'id,name\nsor,Sone Sør\n', staff });
    expect(plan.problems).toEqual([
      {
        file: 'zones.csv',
        field: 'zone nord',
        problem:
          'not in the file, but it has 1 open case(s): it cannot be retired until they are closed',
      },
      {
        file: 'staff.csv',
        field: `Nordmann, Ola (${O})`,
        problem:
          'Nordmann, Ola still has 1 active case(s) in nord: they step down in Teams (fratre) or the zone leader reassigns the cases first',
      },
    ]);
    expect(plan.writes).toEqual({ zones: [], staff: [] });
  });
});
