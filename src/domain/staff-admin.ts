import { type AdminError, adminError } from './admin-errors';
import { findNationalIdField } from './privacy';
import {
  hasRole,
  isActive,
  MAX_ROSTER_CHANGES,
  type Role,
  type RosterChangeRecord,
  roleSchema,
  type StaffMember,
  ZONE_ROLES,
} from './roster';
import type { Zone } from './zone';
import { isZoneActive } from './zone-admin';

/** Entra object ids and Teams user ids; anything else typed as an id is a mistake. */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9:._@-]{0,199}$/;
/** An e-mail address or UPN: enough to tell a typo from an address, not a full RFC 5322. */
export const EMAIL =
  /^[^\s@<>"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const PERSON_NAME_MAX = 200;
/** What a spreadsheet reads as the start of a formula. */
export const FORMULA_START = /^[=+\-@]/;
const WHAT_MAX = 500;

export interface NewPerson {
  id: string;
  name: string;
  email?: string;
  roles: readonly Role[];
  zoneIds: readonly string[];
}

/** Every change to the roster, from the chat, the CSV import and the start-up bootstrap. */
export type RosterCommand =
  /** A new person, or a removed one taken back (their document and history are kept). */
  | { type: 'add'; person: NewPerson }
  /** Only the fields given change; `email: null` clears it. */
  | {
      type: 'update';
      id: string;
      roles?: readonly Role[];
      zoneIds?: readonly string[];
      name?: string;
      email?: string | null;
    }
  | { type: 'remove'; id: string }
  /** A resource nurse gives up the role ("fratre"); with no role left they leave the roster. */
  | { type: 'stepDown'; id: string };

export interface RosterContext {
  /** Who asks; a system actor (CLI, bootstrap) is an admin that is not in the roster. */
  actor: StaffMember | undefined;
  /** Every stored document, removed people included. */
  roster: readonly StaffMember[];
  zones: readonly Zone[];
  now: Date;
}

/** One thing a person may do: a role, in a zone for the zone roles (`zoneId` null otherwise). */
export interface Grant {
  role: Role;
  zoneId: string | null;
}

export type RosterDecision =
  | {
      ok: true;
      changed: boolean;
      /** The stored document before, undefined for somebody new. */
      before: StaffMember | undefined;
      /** The document to store; the same object as `before` when nothing changed. */
      after: StaffMember;
      gained: Grant[];
      lost: Grant[];
      /** The change record's description; empty when nothing changed. */
      what: string;
    }
  | { ok: false; error: AdminError };

const ROLE_ORDER = roleSchema.options;

/** Roles in one fixed order, each once: a list in another order is the same roles. */
export const canonicalRoles = (roles: readonly Role[]): Role[] =>
  ROLE_ORDER.filter((role) => roles.includes(role));

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/** What the person may do now; nothing once removed. */
export function grantsOf(member: StaffMember | undefined): Grant[] {
  if (!member || !isActive(member)) return [];
  return member.roles.flatMap((role): Grant[] =>
    ZONE_ROLES.includes(role)
      ? member.zoneIds.map((zoneId) => ({ role, zoneId }))
      : [{ role, zoneId: null }],
  );
}

const grantKey = (g: Grant) => `${g.role}@${g.zoneId ?? '*'}`;

function difference(a: Grant[], b: Grant[]): Grant[] {
  const keys = new Set(b.map(grantKey));
  return a.filter((g) => !keys.has(grantKey(g)));
}

/** A leader of the zone: appoints and removes its resource nurses. */
export const leadsZone = (member: StaffMember, zoneId: string): boolean =>
  hasRole(member, 'leader') && member.zoneIds.includes(zoneId);

export const activeAdmins = (roster: readonly StaffMember[]): StaffMember[] =>
  roster.filter((m) => hasRole(m, 'admin'));

/** The zones where the decision takes the nurse role away: their cases need a new owner. */
export const nurseZonesLost = (decision: Extract<RosterDecision, { ok: true }>): string[] =>
  decision.lost.flatMap((g) => (g.role === 'nurse' && g.zoneId !== null ? [g.zoneId] : []));

const fail = (error: AdminError): RosterDecision => ({ ok: false, error });

function personName(name: string): string | AdminError {
  const trimmed = name.trim();
  // Control characters would break a card or a CSV line; a name is one line of text. A leading
  // = + - @ would make a spreadsheet run the exported name as a formula.
  if (
    trimmed.length < 1 ||
    trimmed.length > PERSON_NAME_MAX ||
    /\p{Cc}/u.test(trimmed) ||
    FORMULA_START.test(trimmed)
  ) {
    return adminError('invalid_name');
  }
  return trimmed;
}

function personEmail(email: string): string | AdminError {
  const trimmed = email.trim();
  return trimmed.length <= 254 && EMAIL.test(trimmed) ? trimmed : adminError('invalid_email');
}

const list = (items: readonly string[]) => (items.length > 0 ? items.join(',') : '–');

function describe(
  command: RosterCommand,
  before: StaffMember | undefined,
  after: StaffMember,
): string {
  const parts: string[] = [];
  const rolesZones = `roles ${list(after.roles)}; zones ${list(after.zoneIds)}`;
  if (command.type === 'add') {
    parts.push(before ? `reinstated: ${rolesZones}` : `added: ${rolesZones}`);
  } else if (command.type === 'remove') {
    parts.push('removed');
  } else if (command.type === 'stepDown') {
    parts.push(
      isActive(after)
        ? `stepped down: roles ${list(before?.roles ?? [])} → ${list(after.roles)}`
        : 'stepped down: removed',
    );
  } else if (before) {
    // Order is no change: roles are stored in one order, zones keep the order they had.
    if (!sameSet(before.roles, after.roles)) {
      parts.push(`roles: ${list(before.roles)} → ${list(after.roles)}`);
    }
    if (!sameSet(before.zoneIds, after.zoneIds)) {
      parts.push(`zones: ${list(before.zoneIds)} → ${list(after.zoneIds)}`);
    }
    if (before.name !== after.name) parts.push(`name: ${before.name} → ${after.name}`);
    if (before.email !== after.email) {
      parts.push(`email: ${before.email ?? '–'} → ${after.email ?? '–'}`);
    }
  }
  const what = parts.join('; ');
  return what.length > WHAT_MAX ? `${what.slice(0, WHAT_MAX - 1)}…` : what;
}

/** The same person, the same rights and details: a replayed change is no change. */
function sameEntry(a: StaffMember | undefined, b: StaffMember): boolean {
  return (
    a !== undefined &&
    isActive(a) === isActive(b) &&
    a.name === b.name &&
    a.email === b.email &&
    sameSet(a.roles, b.roles) &&
    sameSet(a.zoneIds, b.zoneIds)
  );
}

function withoutRemoval(member: StaffMember): Omit<StaffMember, 'removedAt' | 'removedBy'> {
  const { removedAt: _at, removedBy: _by, ...kept } = member;
  return kept;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  list([...new Set(a)].sort()) === list([...new Set(b)].sort());

/** Drops keys whose value is undefined, so a stored document never carries them. */
function compact(member: StaffMember): StaffMember {
  return Object.fromEntries(
    Object.entries(member).filter(([, v]) => v !== undefined),
  ) as StaffMember;
}

/** The document the command asks for, before anyone checks who may ask for it. */
function proposed(
  ctx: RosterContext,
  command: RosterCommand,
  actor: StaffMember,
  before: StaffMember | undefined,
): StaffMember | AdminError {
  switch (command.type) {
    case 'add': {
      const { person } = command;
      if (!PERSON_ID.test(person.id)) return adminError('invalid_person_id');
      if (before && isActive(before)) return adminError('already_in_roster', { name: before.name });
      const name = personName(person.name);
      if (typeof name !== 'string') return name;
      const email = person.email === undefined ? undefined : personEmail(person.email);
      if (typeof email === 'object') return email;
      // Taking a removed person back keeps their document: contact, locale and change history.
      return compact({
        ...(before && withoutRemoval(before)),
        id: person.id,
        name,
        email,
        roles: canonicalRoles(person.roles),
        zoneIds: unique(person.zoneIds),
      });
    }
    case 'update': {
      if (!before || !isActive(before)) return adminError('unknown_person', { id: command.id });
      const name = command.name === undefined ? before.name : personName(command.name);
      if (typeof name !== 'string') return name;
      const email =
        command.email === undefined
          ? before.email
          : command.email === null
            ? undefined
            : personEmail(command.email);
      if (typeof email === 'object') return email;
      return compact({
        ...before,
        name,
        email,
        roles: canonicalRoles(command.roles ?? before.roles),
        zoneIds: sameSet(command.zoneIds ?? before.zoneIds, before.zoneIds)
          ? before.zoneIds
          : unique(command.zoneIds ?? before.zoneIds),
      });
    }
    case 'remove':
      if (!before || !isActive(before)) return adminError('unknown_person', { id: command.id });
      return { ...before, removedAt: ctx.now.toISOString(), removedBy: actor.id };
    case 'stepDown': {
      if (!before || !isActive(before)) return adminError('unknown_person', { id: command.id });
      if (!hasRole(before, 'nurse')) return adminError('not_a_nurse', { name: before.name });
      const roles = before.roles.filter((r) => r !== 'nurse');
      return roles.length > 0
        ? { ...before, roles }
        : { ...before, removedAt: ctx.now.toISOString(), removedBy: actor.id };
    }
  }
}

/** Checks the proposed document on its own: roles, zones that exist and are in use. */
function validate(
  ctx: RosterContext,
  command: RosterCommand,
  before: StaffMember | undefined,
  after: StaffMember,
): AdminError | undefined {
  if (!isActive(after)) return undefined;
  if (after.roles.length === 0) return adminError('no_roles');
  const setsRightsOrZones =
    command.type === 'add' ||
    (command.type === 'update' && (command.roles !== undefined || command.zoneIds !== undefined));
  if (!setsRightsOrZones) return undefined;
  const zoneRole = after.roles.find((r) => ZONE_ROLES.includes(r));
  if (zoneRole && after.zoneIds.length === 0)
    return adminError('zones_required', { role: zoneRole });
  // A zone the person already had may since have been retired; only a new one must be in use.
  const had = new Set(before && isActive(before) ? before.zoneIds : []);
  for (const zoneId of after.zoneIds.filter((z) => !had.has(z))) {
    const zone = ctx.zones.find((z) => z.id === zoneId);
    if (!zone) return adminError('unknown_zone', { zone: zoneId });
    if (!isZoneActive(zone)) return adminError('zone_retired', { zone: zone.name });
  }
  return undefined;
}

/**
 * Who may change what, judged on what the change does rather than on its name: an admin may do
 * everything; a zone leader may give or take only the nurse role in the zones they lead (so
 * "appoint", "add a new nurse" and "remove a nurse of my zone" are all the same rule), and may
 * set a new person's name; a nurse may only step down themself.
 */
function authorise(
  actor: StaffMember,
  command: RosterCommand,
  before: StaffMember | undefined,
  after: StaffMember,
  gained: Grant[],
  lost: Grant[],
): AdminError | undefined {
  if (hasRole(actor, 'admin')) return undefined;
  const forbidden = adminError('forbidden', { action: `staff.${command.type}` });
  if (command.type === 'stepDown') return actor.id === command.id ? undefined : forbidden;
  if (!hasRole(actor, 'leader')) return forbidden;
  const detailsChanged =
    before !== undefined &&
    isActive(before) &&
    (before.name !== after.name || before.email !== after.email);
  if (detailsChanged) return forbidden;
  const ownNurseGrant = (g: Grant) =>
    g.role === 'nurse' && g.zoneId !== null && leadsZone(actor, g.zoneId);
  return [...gained, ...lost].every(ownNurseGrant) ? undefined : forbidden;
}

/**
 * Decides one roster change: the document to store, what it gives and takes away, and the
 * change record on it; or a typed refusal. Pure: the caller reads the roster and zones, stores
 * the result, and hands on the cases of a nurse who leaves a zone (see nurseZonesLost).
 */
export function decideRosterCommand(ctx: RosterContext, command: RosterCommand): RosterDecision {
  const { actor } = ctx;
  if (!actor || !isActive(actor)) return fail(adminError('not_in_roster'));
  const id = command.type === 'add' ? command.person.id : command.id;
  const before = ctx.roster.find((m) => m.id === id);

  // Names and e-mails are checked as any input; ids are GUIDs and validated on their own.
  const text =
    command.type === 'add'
      ? { name: command.person.name, email: command.person.email }
      : command.type === 'update'
        ? { name: command.name, email: command.email }
        : {};
  const idField = findNationalIdField(text);
  if (idField) return fail(adminError('contains_national_id', { field: idField }));

  // Somebody who may change nothing learns only that, not what else is wrong with the change.
  const mayAsk =
    hasRole(actor, 'admin') ||
    hasRole(actor, 'leader') ||
    (command.type === 'stepDown' && command.id === actor.id);
  if (!mayAsk) return fail(adminError('forbidden', { action: `staff.${command.type}` }));

  const after = proposed(ctx, command, actor, before);
  if ('kind' in after) return fail(after);
  const invalid = validate(ctx, command, before, after);
  if (invalid) return fail(invalid);

  const gained = difference(grantsOf(after), grantsOf(before));
  const lost = difference(grantsOf(before), grantsOf(after));
  const refused = authorise(actor, command, before, after, gained, lost);
  if (refused) return fail(refused);

  if (sameEntry(before, after)) {
    return {
      ok: true,
      changed: false,
      before,
      after: before as StaffMember,
      gained,
      lost,
      what: '',
    };
  }

  const wasAdmin = before !== undefined && hasRole(before, 'admin');
  const staysAdmin = hasRole(after, 'admin');
  if (wasAdmin && !staysAdmin && activeAdmins(ctx.roster).every((m) => m.id === id)) {
    return fail(adminError('last_admin', { name: before.name }));
  }

  const what = describe(command, before, after);
  const record: RosterChangeRecord = { at: ctx.now.toISOString(), by: actor.id, what };
  const changes = [...(before?.changes ?? []), record].slice(-MAX_ROSTER_CHANGES);
  return { ok: true, changed: true, before, after: { ...after, changes }, gained, lost, what };
}
