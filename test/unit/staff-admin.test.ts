import {
  canLinkZone,
  hasRole,
  isActive,
  MAX_ROSTER_CHANGES,
  type StaffMember,
  staffMemberSchema,
  worksInZone,
} from '../../src/domain/roster';
import {
  decideRosterCommand,
  nurseZonesLost,
  type RosterCommand,
  type RosterContext,
  type RosterDecision,
} from '../../src/domain/staff-admin';
import type { Zone } from '../../src/domain/zone';
import { VALID_FNR } from '../support/domain-fixtures';

const NOW = new Date('2026-03-09T09:00:00.000Z');
const person = (
  id: string,
  roles: StaffMember['roles'],
  zoneIds: string[],
  extra: Partial<StaffMember> = {},
): StaffMember => ({ id, name: `Navn ${id}`, roles, zoneIds, ...extra });

const ZONES: Zone[] = [
  { id: 'nord', name: 'Sone Nord', channel: null },
  { id: 'sor', name: 'Sone Sør', channel: null },
  {
    id: 'vest',
    name: 'Sone Vest',
    channel: null,
    retiredAt: '2026-01-01T00:00:00.000Z',
    retiredBy: 'admin',
  },
];

const admin = person('admin', ['admin'], []);
const leaderNord = person('leader-nord', ['leader'], ['nord']);
const leaderSor = person('leader-sor', ['leader'], ['sor']);
const kari = person('kari', ['nurse'], ['nord']);
const both = person('both', ['nurse'], ['nord', 'sor']);
const fve = person('fve', ['fve'], []);
const ROSTER = [admin, leaderNord, leaderSor, kari, both, fve];

const ctx = (actor: StaffMember | undefined, roster: StaffMember[] = ROSTER): RosterContext => ({
  actor,
  roster,
  zones: ZONES,
  now: NOW,
});

const must = (decision: RosterDecision) => {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  return decision;
};
const code = (decision: RosterDecision) => (decision.ok ? 'ok' : decision.error.code);

const newPerson = (roles: StaffMember['roles'], zoneIds: string[]): RosterCommand => ({
  type: 'add',
  person: { id: 'ny', name: 'Ny Person', roles, zoneIds },
});

/**
 * The authorisation matrix: every roster change against every kind of actor. Written out so a
 * change to the rule is a deliberate change here too.
 */
const ACTORS = {
  admin,
  'leader of the zone': leaderNord,
  'leader of another zone': leaderSor,
  nurse: kari,
  FVE: fve,
  'not in the roster': undefined,
} as const;
type ActorName = keyof typeof ACTORS;

const MATRIX: [string, RosterCommand, ActorName[]][] = [
  ['add a new nurse in nord', newPerson(['nurse'], ['nord']), ['admin', 'leader of the zone']],
  ['add a new nurse in sor', newPerson(['nurse'], ['sor']), ['admin', 'leader of another zone']],
  ['add a new leader in nord', newPerson(['leader'], ['nord']), ['admin']],
  ['add a new admin', newPerson(['admin'], []), ['admin']],
  ['add a new FVE case officer', newPerson(['fve'], []), ['admin']],
  ['add a new network leader', newPerson(['networkLeader'], []), ['admin']],
  [
    'appoint FVE as nurse in nord',
    { type: 'update', id: 'fve', roles: ['fve', 'nurse'], zoneIds: ['nord'] },
    ['admin', 'leader of the zone'],
  ],
  [
    'appoint the nord nurse in sor as well',
    { type: 'update', id: 'kari', zoneIds: ['nord', 'sor'] },
    ['admin', 'leader of another zone'],
  ],
  [
    'make the nord nurse a leader',
    { type: 'update', id: 'kari', roles: ['nurse', 'leader'] },
    ['admin'],
  ],
  ['remove the nord nurse', { type: 'remove', id: 'kari' }, ['admin', 'leader of the zone']],
  ['remove a nurse of nord and sor', { type: 'remove', id: 'both' }, ['admin']],
  [
    'take nord from a nurse of nord and sor',
    { type: 'update', id: 'both', zoneIds: ['sor'] },
    ['admin', 'leader of the zone'],
  ],
  ['remove the sor leader', { type: 'remove', id: 'leader-sor' }, ['admin']],
  ['remove FVE', { type: 'remove', id: 'fve' }, ['admin']],
  ['rename the nord nurse', { type: 'update', id: 'kari', name: 'Kari Nordmann' }, ['admin']],
  ['the nord nurse steps down', { type: 'stepDown', id: 'kari' }, ['admin', 'nurse']],
];

describe('who may change the roster (actor × change)', () => {
  const rows = MATRIX.flatMap(([label, command, allowed]) =>
    (Object.keys(ACTORS) as ActorName[]).map((actor) => ({
      label,
      command,
      actor,
      expected: allowed.includes(actor)
        ? 'ok'
        : ACTORS[actor] === undefined
          ? 'not_in_roster'
          : 'forbidden',
    })),
  );

  it.each(rows)('$label, by $actor: $expected', ({ command, actor, expected }) => {
    const decision = decideRosterCommand(ctx(ACTORS[actor]), command);
    expect(code(decision)).toBe(expected);
    if (decision.ok) {
      expect(decision.changed).toBe(true);
      expect(decision.after.changes?.at(-1)).toEqual({
        at: NOW.toISOString(),
        by: ACTORS[actor]?.id,
        what: decision.what,
      });
    }
  });

  it('a removed member is not in the roster: refused like a stranger', () => {
    const gone = { ...leaderNord, removedAt: '2026-03-01T00:00:00.000Z', removedBy: 'admin' };
    expect(code(decideRosterCommand(ctx(gone), newPerson(['nurse'], ['nord'])))).toBe(
      'not_in_roster',
    );
  });

  it('a leader may not change the e-mail of somebody already in the roster', () => {
    const command: RosterCommand = { type: 'update', id: 'kari', email: 'kari@kommune.no' };
    expect(code(decideRosterCommand(ctx(leaderNord), command))).toBe('forbidden');
    expect(code(decideRosterCommand(ctx(admin), command))).toBe('ok');
  });

  it('a leader of one zone gives nothing in the other zones of a person with several', () => {
    // Adding the nurse role to the leader of sor would make them nurse in sor as well.
    const command: RosterCommand = {
      type: 'update',
      id: 'leader-sor',
      roles: ['nurse', 'leader'],
      zoneIds: ['sor', 'nord'],
    };
    expect(code(decideRosterCommand(ctx(leaderNord), command))).toBe('forbidden');
  });
});

describe('the last admin', () => {
  it.each<[string, RosterCommand]>([
    ['removed', { type: 'remove', id: 'admin' }],
    ['demoted', { type: 'update', id: 'admin', roles: ['fve'] }],
  ])('cannot be %s, by anybody, themself included', (_label, command) => {
    expect(decideRosterCommand(ctx(admin), command)).toEqual({
      ok: false,
      error: { kind: 'admin-error', code: 'last_admin', params: { name: 'Navn admin' } },
    });
  });

  it('can be once there is another one, and a removed admin does not count as one', () => {
    const other = person('admin-2', ['admin'], []);
    expect(
      code(decideRosterCommand(ctx(admin, [...ROSTER, other]), { type: 'remove', id: 'admin' })),
    ).toBe('ok');
    const removedOther = { ...other, removedAt: '2026-03-01T00:00:00.000Z' };
    expect(
      code(
        decideRosterCommand(ctx(admin, [...ROSTER, removedOther]), { type: 'remove', id: 'admin' }),
      ),
    ).toBe('last_admin');
  });

  it('an admin who is also a nurse may step down as nurse and stays admin', () => {
    const both = person('admin-nurse', ['admin', 'nurse'], ['nord']);
    const decision = must(
      decideRosterCommand(ctx(both, [both]), { type: 'stepDown', id: both.id }),
    );
    expect(decision.after.roles).toEqual(['admin']);
    expect(isActive(decision.after)).toBe(true);
  });
});

describe('what a change may ask for', () => {
  it.each<[string, RosterCommand, string]>([
    ['an unknown zone', newPerson(['nurse'], ['ost']), 'unknown_zone'],
    ['a retired zone', newPerson(['nurse'], ['vest']), 'zone_retired'],
    ['a nurse without a zone', newPerson(['nurse'], []), 'zones_required'],
    ['no role', newPerson([], []), 'no_roles'],
    ['no role on a change', { type: 'update', id: 'kari', roles: [] }, 'no_roles'],
    ['somebody in the roster, again', { type: 'add', person: { ...kari } }, 'already_in_roster'],
    ['an unknown person', { type: 'remove', id: 'nobody' }, 'unknown_person'],
    [
      'a bad id',
      { type: 'add', person: { id: 'a b', name: 'X', roles: ['fve'], zoneIds: [] } },
      'invalid_person_id',
    ],
    ['a formula as name', { type: 'update', id: 'kari', name: '=HYPERLINK("x")' }, 'invalid_name'],
    ['a two-line name', { type: 'update', id: 'kari', name: 'Kari\nNordmann' }, 'invalid_name'],
    ['a bad e-mail', { type: 'update', id: 'kari', email: 'kari(at)kommune' }, 'invalid_email'],
    ['a step-down of somebody who is no nurse', { type: 'stepDown', id: 'fve' }, 'not_a_nurse'],
  ])('refuses %s', (_label, command, expected) => {
    expect(code(decideRosterCommand(ctx(admin), command))).toBe(expected);
  });

  it('refuses a national id in a name, naming the field and never the value', () => {
    const decision = decideRosterCommand(ctx(admin), {
      type: 'update',
      id: 'kari',
      name: `Kari ${VALID_FNR}`,
    });
    expect(decision).toEqual({
      ok: false,
      error: { kind: 'admin-error', code: 'contains_national_id', params: { field: 'name' } },
    });
    expect(JSON.stringify(decision)).not.toContain(VALID_FNR);
  });

  it('keeps a zone the person already had, even when it has since been retired', () => {
    const old = person('old', ['nurse'], ['vest']);
    const decision = must(
      decideRosterCommand(ctx(admin, [admin, old]), {
        type: 'update',
        id: 'old',
        roles: ['nurse', 'fve'],
      }),
    );
    expect(decision.after.zoneIds).toEqual(['vest']);
  });

  it('accepts an e-mail or UPN and clears it with null', () => {
    const set = must(
      decideRosterCommand(ctx(admin), {
        type: 'update',
        id: 'kari',
        email: 'kari@kommune.onmicrosoft.com',
      }),
    );
    expect(set.after.email).toBe('kari@kommune.onmicrosoft.com');
    const cleared = must(
      decideRosterCommand(ctx(admin, [admin, set.after]), {
        type: 'update',
        id: 'kari',
        email: null,
      }),
    );
    expect(cleared.after).not.toHaveProperty('email');
    expect(cleared.what).toBe('email: kari@kommune.onmicrosoft.com → –');
  });
});

describe('the document and its change records', () => {
  it('describes each change shortly, without anything but roles, zones, name and e-mail', () => {
    const cases: [RosterCommand, string][] = [
      [{ type: 'update', id: 'kari', roles: ['nurse', 'leader'] }, 'roles: nurse → nurse,leader'],
      [{ type: 'update', id: 'kari', zoneIds: ['nord', 'sor'] }, 'zones: nord → nord,sor'],
      [{ type: 'update', id: 'kari', name: 'Kari N' }, 'name: Navn kari → Kari N'],
      [newPerson(['nurse'], ['nord']), 'added: roles nurse; zones nord'],
      [{ type: 'remove', id: 'kari' }, 'removed'],
      [{ type: 'stepDown', id: 'kari' }, 'stepped down: removed'],
    ];
    for (const [command, what] of cases) {
      expect(must(decideRosterCommand(ctx(admin), command)).what).toBe(what);
    }
  });

  it('a change that changes nothing is no change and records nothing (roles in any order)', () => {
    const multi = person('multi', ['nurse', 'fve'], ['nord', 'sor']);
    const decision = must(
      decideRosterCommand(ctx(admin, [admin, multi]), {
        type: 'update',
        id: 'multi',
        roles: ['fve', 'nurse'],
        zoneIds: ['sor', 'nord'],
      }),
    );
    expect(decision.changed).toBe(false);
    expect(decision.after).toBe(multi);
  });

  it('removal keeps the document, with who and when; the person no longer counts', () => {
    const decision = must(decideRosterCommand(ctx(leaderNord), { type: 'remove', id: 'kari' }));
    const after = decision.after;
    expect(after).toMatchObject({
      id: 'kari',
      name: 'Navn kari',
      roles: ['nurse'],
      zoneIds: ['nord'],
      removedAt: NOW.toISOString(),
      removedBy: 'leader-nord',
    });
    expect(isActive(after)).toBe(false);
    expect(hasRole(after, 'nurse')).toBe(false);
    expect(worksInZone(after, 'nord')).toBe(false);
    expect(canLinkZone({ ...leaderNord, removedAt: NOW.toISOString() }, 'nord')).toBe(false);
    expect(nurseZonesLost(decision)).toEqual(['nord']);
  });

  it('taking a removed person back keeps their history and address, and clears the removal', () => {
    const removed = must(decideRosterCommand(ctx(admin), { type: 'remove', id: 'kari' })).after;
    const withContact = {
      ...removed,
      contact: { userId: '29:kari', serviceUrl: 'https://smba.example/' },
    };
    const back = must(
      decideRosterCommand(ctx(admin, [admin, withContact]), {
        type: 'add',
        person: { id: 'kari', name: 'Kari', roles: ['nurse'], zoneIds: ['sor'] },
      }),
    ).after;
    expect(isActive(back)).toBe(true);
    expect(back).not.toHaveProperty('removedAt');
    expect(back.contact).toEqual(withContact.contact);
    expect(back.changes?.map((c) => c.what)).toEqual([
      'removed',
      'reinstated: roles nurse; zones sor',
    ]);
  });

  it(`keeps at most ${MAX_ROSTER_CHANGES} change records, the newest`, () => {
    let current = kari;
    for (let i = 0; i < MAX_ROSTER_CHANGES + 5; i++) {
      current = must(
        decideRosterCommand(ctx(admin, [admin, current]), {
          type: 'update',
          id: 'kari',
          name: `Kari ${i}`,
        }),
      ).after;
    }
    expect(current.changes).toHaveLength(MAX_ROSTER_CHANGES);
    expect(current.changes?.at(-1)?.what).toBe(
      `name: Kari ${MAX_ROSTER_CHANGES + 3} → Kari ${MAX_ROSTER_CHANGES + 4}`,
    );
  });

  it('a nurse who also leads keeps the leader role when stepping down; one who only nursed leaves', () => {
    const nurseLeader = person('nl', ['nurse', 'leader'], ['nord']);
    const down = must(
      decideRosterCommand(ctx(nurseLeader, [admin, nurseLeader]), { type: 'stepDown', id: 'nl' }),
    );
    expect(down.after.roles).toEqual(['leader']);
    expect(down.after.zoneIds).toEqual(['nord']);
    expect(nurseZonesLost(down)).toEqual(['nord']);
    const kariDown = must(decideRosterCommand(ctx(kari), { type: 'stepDown', id: 'kari' }));
    expect(isActive(kariDown.after)).toBe(false);
    expect(kariDown.after.removedBy).toBe('kari');
  });

  it('documents stored before these fields existed still parse, and the new ones too', () => {
    expect(
      staffMemberSchema.parse({ id: 'a', name: 'A', roles: ['nurse'], zoneIds: ['nord'] }),
    ).toEqual({
      id: 'a',
      name: 'A',
      roles: ['nurse'],
      zoneIds: ['nord'],
    });
    const full = must(decideRosterCommand(ctx(admin), { type: 'remove', id: 'kari' })).after;
    expect(staffMemberSchema.parse(full)).toEqual(full);
    expect(
      staffMemberSchema.parse({
        id: 'n',
        name: 'N',
        roles: ['networkLeader', 'cancerCoordinator'],
        zoneIds: [],
        email: 'n@kommune.no',
        installedAt: NOW.toISOString(),
      }).roles,
    ).toEqual(['networkLeader', 'cancerCoordinator']);
  });
});
