import {
  competenceAccess,
  mayAmendActivity,
  mayLinkNetworkChannel,
  mayManageNetworkEvents,
  overviewZones,
} from '../../src/domain/competence/access';
import { resolveAttendees } from '../../src/domain/competence/attendance';
import type { StaffMember } from '../../src/domain/roster';
import { networkLeader } from '../support/competence';
import { staff } from '../support/domain-fixtures';

const nurse = { id: staff.nurseA.id, zoneIds: ['nord'] };
const steppedDown = { ...nurse, active: false };

describe('who may see and change a competence record (one rule)', () => {
  it.each([
    ['the nurse herself', staff.nurseA, { read: true, write: 'own' }],
    ['her zone leader', staff.leader, { read: true, write: 'leader' }],
    ['a nurse who also leads her zone', staff.nurseLeader, { read: true, write: 'leader' }],
    ['the network leader', networkLeader, { read: true, write: 'network' }],
    ['the admin', staff.admin, { read: true, write: null }],
    ['another nurse of the zone', staff.nurseB, { read: false, write: null }],
    ['the leader of another zone', staff.leaderSouth, { read: false, write: null }],
    ['FVE', staff.fve, { read: false, write: null }],
    ['nobody known', undefined, { read: false, write: null }],
  ] as const)('%s', (_who, actor, expected) => {
    expect(competenceAccess(actor, nurse)).toEqual(expected);
  });

  it('leaves a stepped-down nurse’s record readable and unwritable', () => {
    const former = { ...staff.nurseA, roles: ['fve'] } as StaffMember;
    expect(competenceAccess(former, steppedDown)).toEqual({ read: true, write: null });
    expect(competenceAccess(staff.leader, steppedDown)).toEqual({ read: true, write: null });
    expect(competenceAccess(networkLeader, steppedDown)).toEqual({ read: true, write: null });
  });

  it('lets a nurse amend what she recorded, a leader anything, the network leader its own', () => {
    expect(mayAmendActivity(staff.nurseA, nurse, staff.nurseA.id)).toBe(true);
    expect(mayAmendActivity(staff.nurseA, nurse, staff.leader.id)).toBe(false);
    expect(mayAmendActivity(staff.leader, nurse, staff.nurseA.id)).toBe(true);
    expect(mayAmendActivity(networkLeader, nurse, networkLeader.id)).toBe(true);
    expect(mayAmendActivity(networkLeader, nurse, staff.nurseA.id)).toBe(false);
    expect(mayAmendActivity(staff.admin, nurse, staff.admin.id)).toBe(false);
  });

  it('gives the overview of own zones to a leader, of all to the network leader and the admin', () => {
    const zones = ['nord', 'sor', 'vest'];
    expect(overviewZones(staff.leader, zones)).toEqual(['nord']);
    expect(overviewZones(networkLeader, zones)).toEqual(zones);
    expect(overviewZones(staff.admin, zones)).toEqual(zones);
    expect(overviewZones(staff.nurseA, zones)).toEqual([]);
    expect(overviewZones(staff.fve, zones)).toEqual([]);
  });

  it('keeps network events to the network leader, the channel link to it and the admin', () => {
    expect(mayManageNetworkEvents(networkLeader)).toBe(true);
    expect(mayManageNetworkEvents(staff.admin)).toBe(false);
    expect(mayLinkNetworkChannel(staff.admin)).toBe(true);
    expect(mayLinkNetworkChannel(staff.leader)).toBe(false);
  });
});

describe('an attendance list', () => {
  const roster: StaffMember[] = [
    { ...staff.nurseA, name: 'Kari Nordmann', email: 'kari@kommune.no' },
    { ...staff.nurseB, name: 'Ola Olsen' },
    { ...staff.nurseBoth, name: 'Ola Olsen' },
    { ...staff.nurseSouth, name: 'Siri Sør', removedAt: '2026-01-01T00:00:00.000Z' },
    { ...staff.leader, name: 'Lise Leder' },
  ];

  it('matches picked ids, e-mails and names of resource nurses, each once', () => {
    expect(
      resolveAttendees(roster, [staff.nurseA.id], 'KARI@kommune.no\nkari nordmann; Ola Olsen, '),
    ).toEqual({ nurseIds: [staff.nurseA.id], unknown: 1 });
  });

  it('counts a name two nurses share, a removed nurse and a leader as unknown, never naming them', () => {
    const resolved = resolveAttendees(roster, [], 'Ola Olsen, Siri Sør, Lise Leder, Nemo');
    expect(resolved).toEqual({ nurseIds: [], unknown: 4 });
  });
});
