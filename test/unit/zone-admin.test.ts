import type { StaffMember } from '../../src/domain/roster';
import type { Zone } from '../../src/domain/zone';
import {
  activeZones,
  decideZoneCommand,
  type ZoneCommand,
  type ZoneDecision,
} from '../../src/domain/zone-admin';
import { VALID_FNR } from '../support/domain-fixtures';

const NOW = new Date('2026-03-09T09:00:00.000Z');
const person = (id: string, roles: StaffMember['roles'], zoneIds: string[]): StaffMember => ({
  id,
  name: id,
  roles,
  zoneIds,
});
const nord: Zone = { id: 'nord', name: 'Sone Nord', channel: null };
const vest: Zone = {
  id: 'vest',
  name: 'Sone Vest',
  channel: null,
  retiredAt: '2026-01-01T00:00:00.000Z',
  retiredBy: 'admin',
};
const ZONES = [nord, vest];

const decide = (actor: StaffMember | undefined, command: ZoneCommand, zones = ZONES) =>
  decideZoneCommand({ actor, zones, now: NOW }, command);
const code = (d: ZoneDecision) => (d.ok ? 'ok' : d.error.code);

const admin = person('admin', ['admin'], []);
const ACTORS: [string, StaffMember | undefined, string][] = [
  ['admin', admin, 'ok'],
  ['leader of the zone', person('l', ['leader'], ['nord']), 'forbidden'],
  ['leader of another zone', person('ls', ['leader'], ['sor']), 'forbidden'],
  ['nurse', person('n', ['nurse'], ['nord']), 'forbidden'],
  ['FVE', person('f', ['fve'], []), 'forbidden'],
  ['not in the roster', undefined, 'not_in_roster'],
  ['a removed admin', { ...admin, removedAt: '2026-03-01T00:00:00.000Z' }, 'not_in_roster'],
];
const COMMANDS: [string, ZoneCommand][] = [
  ['add', { type: 'add', id: 'sor', name: 'Sone Sør' }],
  ['rename', { type: 'rename', id: 'nord', name: 'Nord' }],
  ['retire', { type: 'retire', id: 'nord', openCases: 0 }],
  ['reinstate', { type: 'reinstate', id: 'vest' }],
];

describe('who may change zones (actor × change): the admin only', () => {
  const rows = COMMANDS.flatMap(([action, command]) =>
    ACTORS.map(([actor, member, expected]) => ({ action, command, actor, member, expected })),
  );
  it.each(rows)('$action by $actor: $expected', ({ command, member, expected }) => {
    expect(code(decide(member, command))).toBe(expected);
  });
});

describe('zone rules', () => {
  it.each([
    ['one character', 'n', 'invalid_zone_id'],
    ['31 characters', 'a'.repeat(31), 'invalid_zone_id'],
    ['a space', 'sone nord', 'invalid_zone_id'],
    ['a leading dash', '-nord', 'invalid_zone_id'],
    ['a trailing dash', 'nord-', 'invalid_zone_id'],
    ['a letter outside a-z', 'sør', 'invalid_zone_id'],
    ['an id in use', 'nord', 'zone_exists'],
    ['the id of a retired zone', 'vest', 'zone_retired'],
    ['two characters', 'ab', 'ok'],
    ['30 characters with dashes and digits', `sone-2-${'x'.repeat(23)}`, 'ok'],
  ])('a new zone id with %s: %s', (_label, id, expected) => {
    expect(code(decide(admin, { type: 'add', id, name: 'Sone' }))).toBe(expected);
  });

  it('takes the id in any case and trims the name; a new zone has no channel', () => {
    expect(decide(admin, { type: 'add', id: ' Sentrum ', name: '  Sone Sentrum ' })).toEqual({
      ok: true,
      changed: true,
      zone: { id: 'sentrum', name: 'Sone Sentrum', channel: null },
    });
  });

  it.each([
    ['empty', '  '],
    ['81 characters', 'x'.repeat(81)],
    ['a formula', '=1+1'],
  ])('refuses a name that is %s', (_label, name) => {
    expect(code(decide(admin, { type: 'rename', id: 'nord', name }))).toBe('invalid_zone_name');
  });

  it('refuses a national id in the name without repeating it', () => {
    const d = decide(admin, { type: 'add', id: 'sor', name: `Sone ${VALID_FNR}` });
    expect(d).toEqual({
      ok: false,
      error: { kind: 'admin-error', code: 'contains_national_id', params: { field: 'name' } },
    });
  });

  it('refuses to retire a zone with open cases, with their number', () => {
    expect(decide(admin, { type: 'retire', id: 'nord', openCases: 3 })).toEqual({
      ok: false,
      error: {
        kind: 'admin-error',
        code: 'zone_has_open_cases',
        params: { zone: 'Sone Nord', count: '3' },
      },
    });
  });

  it('retires a zone without open cases, keeping it (and its channel) with who and when', () => {
    const linked = { ...nord, channel: null };
    const d = decide(admin, { type: 'retire', id: 'NORD', openCases: 0 }, [linked]);
    expect(d).toEqual({
      ok: true,
      changed: true,
      zone: { ...linked, retiredAt: NOW.toISOString(), retiredBy: 'admin' },
    });
    if (d.ok) expect(activeZones([d.zone, vest])).toEqual([]);
  });

  it('retiring a retired zone, renaming to the same name: no change', () => {
    expect(decide(admin, { type: 'retire', id: 'vest', openCases: 5 })).toEqual({
      ok: true,
      changed: false,
      zone: vest,
    });
    expect(decide(admin, { type: 'rename', id: 'nord', name: 'Sone Nord' })).toMatchObject({
      changed: false,
    });
  });

  it('reinstates a retired zone, optionally renamed', () => {
    expect(decide(admin, { type: 'reinstate', id: 'vest', name: 'Vest' })).toEqual({
      ok: true,
      changed: true,
      zone: { id: 'vest', name: 'Vest', channel: null },
    });
  });

  it('an unknown zone is named in the refusal', () => {
    expect(decide(admin, { type: 'rename', id: 'ost', name: 'Øst' })).toEqual({
      ok: false,
      error: { kind: 'admin-error', code: 'unknown_zone', params: { zone: 'ost' } },
    });
  });

  it('activeZones leaves out retired zones and keeps the order', () => {
    const sor = { id: 'sor', name: 'Sone Sør', channel: null };
    expect(activeZones([vest, sor, nord])).toEqual([sor, nord]);
  });
});
