import { adminError } from '../domain/admin-errors';
import type { Case, CaseState } from '../domain/case';
import type { CaseCommand } from '../domain/case-commands';
import type { Clock } from '../domain/clock';
import { hasRole, isActive, type Role, roleSchema, type StaffMember } from '../domain/roster';
import {
  decideRosterCommand,
  EMAIL,
  leadsZone,
  nurseZonesLost,
  type RosterCommand,
  type RosterDecision,
} from '../domain/staff-admin';
import type { Zone } from '../domain/zone';
import { normaliseZoneId } from '../domain/zone-admin';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/port';
import type { AccessVia } from './access-log';
import {
  adminRefusal,
  type ConfirmReply,
  type StaffEntry,
  type StaffListReply,
} from './admin-replies';
import type { CaseWorkflow } from './case-workflow';
import { type MessageReply, message } from './reply';
import { SYSTEM_ACTORS } from './system-actors';
import { OPEN_CASE_COUNT_LIMIT } from './zone-admin';

/**
 * Tells people in personal chat about a roster change that concerns them (a resource nurse
 * left their zone). The Teams adapter implements it; use cases never see a language.
 */
export interface StaffNotifier {
  tell(people: StaffMember[], reply: MessageReply): Promise<void>;
}

/** What the Teams adapter can find out about a picked person (TeamsInfo.getMember). */
export interface PersonInfo {
  name: string;
  /** E-mail or UPN, where the directory has one. */
  email?: string;
}

/** Looks a person up by Entra object id; undefined when Teams does not know them. */
export type NameOf = (id: string) => Promise<PersonInfo | undefined>;

/** A leader's choice, in the same action, of who takes over which case: case id → nurse id. */
export type Reassignments = Readonly<Record<string, string>>;

export interface ChangeOptions {
  reassign?: Reassignments;
  /** Where the change was asked for, for the access log of the cases it hands on. */
  via?: AccessVia;
}

/** The states in which a case has a nurse working on it: they must not be left ownerless. */
export const ACTIVE_CASE_STATES: readonly CaseState[] = [
  'claimed',
  'in_follow_up',
  'services_needed',
];

const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PickedIds =
  | { ok: true; ids: string[] }
  | { ok: false; reason: 'empty' }
  /** `bad` counts the entries that are not ids; they are never repeated back. */
  | { ok: false; reason: 'malformed'; bad: number };

/**
 * The people picker's value: one Entra object id, or several separated by commas (a
 * multi-select). Ids are compared lowercased, as Teams sends them in `aadObjectId`.
 */
export function parsePickedIds(value: string | readonly string[] | undefined): PickedIds {
  const entries = splitList(value);
  if (entries.length === 0) return { ok: false, reason: 'empty' };
  const bad = entries.filter((e) => !ENTRA_OBJECT_ID.test(e)).length;
  if (bad > 0) return { ok: false, reason: 'malformed', bad };
  return { ok: true, ids: [...new Set(entries.map((e) => e.toLowerCase()))] };
}

/** A form's multi-select arrives as "a,b"; a typed list may use ; or spaces too. */
export function splitList(value: string | readonly string[] | undefined): string[] {
  const parts = typeof value === 'string' ? value.split(/[,;\s]+/) : [...(value ?? [])];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Roles from a form value; undefined when one of them is not a role. */
export function parseRoles(value: string | readonly string[] | undefined): Role[] | undefined {
  const roles = splitList(value);
  return roles.every((r) => roleSchema.safeParse(r).success) ? (roles as Role[]) : undefined;
}

const listOrDash = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : '–');

export interface StaffAdminDeps {
  store: Store;
  clock: Clock;
  /** Hands a leaving nurse's cases on, so each channel card is updated in place. */
  workflow: Pick<CaseWorkflow, 'act'>;
  notifier: StaffNotifier;
  logger?: Logger;
}

type Applied =
  | {
      ok: true;
      decision: Extract<RosterDecision, { ok: true }>;
      returned: Case[];
      reassigned: { case: Case; to: string }[];
    }
  | { ok: false; reply: MessageReply };

/**
 * The roster from the chat: list, add from the people picker, change roles and zones, remove,
 * and a resource nurse's own step-down. Who may do what is src/domain/staff-admin.ts; this
 * reads, hands on the cases of a nurse who leaves a zone, stores, and tells the people who
 * must know.
 */
export function createStaffAdmin(deps: StaffAdminDeps) {
  const { store, clock, workflow, notifier, logger } = deps;

  async function activeCasesOf(personId: string, zoneIds: readonly string[]): Promise<Case[]> {
    const lists = await Promise.all(
      zoneIds.map((z) => store.cases.byZone(z, { openOnly: true, limit: OPEN_CASE_COUNT_LIMIT })),
    );
    return lists
      .flat()
      .filter((c) => c.claimedBy === personId && ACTIVE_CASE_STATES.includes(c.state));
  }

  const zoneNames = (zones: readonly Zone[], ids: readonly string[]) =>
    ids.map((id) => zones.find((z) => z.id === id)?.name ?? id);

  /**
   * A case of the leaving nurse goes to the nurse the leader chose, else back to the queue: as
   * the leader when a leader of the zone acts, else as the nurse stepping down (an admin's
   * removal is recorded as asked for by the admin).
   */
  function handOnCommand(
    actor: StaffMember,
    person: StaffMember,
    c: Case,
    reassign: Reassignments,
  ): { by: StaffMember; command: CaseCommand } {
    const nurseId = reassign[c.id];
    if (nurseId !== undefined) return { by: actor, command: { type: 'reassign', nurseId } };
    const self = actor.id === person.id;
    if (leadsZone(actor, c.zoneId)) {
      return { by: actor, command: { type: 'returnToQueue', ...(self && { stepDown: true }) } };
    }
    return {
      by: person,
      command: { type: 'returnToQueue', stepDown: true, ...(!self && { requestedBy: actor.id }) },
    };
  }

  /** Checks the leader's reassignments before anything is changed. */
  function checkReassign(
    actor: StaffMember,
    person: StaffMember,
    cases: readonly Case[],
    reassign: Reassignments,
    rosterAfter: readonly StaffMember[],
    zones: readonly Zone[],
  ): MessageReply | undefined {
    for (const [caseId, nurseId] of Object.entries(reassign)) {
      const c = cases.find((x) => x.id === caseId);
      if (!c) return message('staff.errors.reassignUnknownCase');
      const zone = zoneNames(zones, [c.zoneId])[0];
      if (!leadsZone(actor, c.zoneId)) return message('staff.errors.reassignNeedsLeader', { zone });
      const nurse = rosterAfter.find((m) => m.id === nurseId);
      if (
        !nurse ||
        nurse.id === person.id ||
        !hasRole(nurse, 'nurse') ||
        !nurse.zoneIds.includes(c.zoneId)
      ) {
        return message('staff.errors.reassignNotANurse', { zone });
      }
    }
    return undefined;
  }

  async function tellAboutLeaving(
    actor: StaffMember,
    person: StaffMember,
    lostZones: readonly string[],
    rosterAfter: readonly StaffMember[],
    zones: readonly Zone[],
    returned: readonly Case[],
    reassigned: readonly { case: Case; to: string }[],
  ): Promise<void> {
    const people = rosterAfter.filter(
      (m) =>
        m.id !== actor.id &&
        m.id !== person.id &&
        (hasRole(m, 'networkLeader') || lostZones.some((z) => leadsZone(m, z))),
    );
    if (people.length === 0) return;
    const nameOf = (id: string) => rosterAfter.find((m) => m.id === id)?.name ?? id;
    const reply = message('staff.notify.nurseLeft', {
      name: person.name,
      zones: listOrDash(zoneNames(zones, lostZones)),
      returned: listOrDash(returned.map((c) => c.code)),
      reassigned: listOrDash(reassigned.map((r) => `${r.case.code} → ${nameOf(r.to)}`)),
    });
    try {
      await notifier.tell(people, reply);
    } catch (err) {
      // The change is made and the cards are true; a lost message must not undo or hide that.
      logger?.error({ err, person: person.id }, 'telling leaders that a nurse left failed');
    }
  }

  /**
   * One roster change with everything it implies. The cases are handed on before the roster is
   * written: if that fails half-way, the nurse is still a nurse and a retry finishes the job,
   * rather than cases being left with somebody no longer in the roster.
   */
  async function apply(
    actor: StaffMember | undefined,
    command: RosterCommand,
    options: ChangeOptions = {},
  ): Promise<Applied> {
    const [roster, zones] = await Promise.all([store.roster.list(), store.zones.list()]);
    const decision = decideRosterCommand({ actor, roster, zones, now: clock.now() }, command);
    if (!decision.ok) return { ok: false, reply: adminRefusal(decision.error) };
    if (!decision.changed || !actor) return { ok: true, decision, returned: [], reassigned: [] };

    const person = decision.before ?? decision.after;
    const lostZones = nurseZonesLost(decision);
    const cases = lostZones.length > 0 ? await activeCasesOf(person.id, lostZones) : [];
    const rosterAfter = [...roster.filter((m) => m.id !== person.id), decision.after];
    const reassign = options.reassign ?? {};
    const bad = checkReassign(actor, person, cases, reassign, rosterAfter, zones);
    if (bad) return { ok: false, reply: bad };

    const returned: Case[] = [];
    const reassigned: { case: Case; to: string }[] = [];
    for (const c of cases) {
      const { by, command: caseCommand } = handOnCommand(actor, person, c, reassign);
      const result = await workflow.act(c.id, caseCommand, by, { via: options.via ?? 'personal' });
      if (result.ok) {
        if (caseCommand.type === 'reassign') {
          reassigned.push({ case: result.case, to: caseCommand.nurseId });
        } else {
          returned.push(result.case);
        }
        continue;
      }
      // Somebody else gave it on in the meantime (released, reassigned, closed): nothing to do.
      const current = await store.cases.get(c.id);
      if (
        current &&
        current.claimedBy === person.id &&
        ACTIVE_CASE_STATES.includes(current.state)
      ) {
        const left = cases.length - returned.length - reassigned.length;
        return {
          ok: false,
          reply: message('staff.errors.handOnFailed', { name: person.name, count: String(left) }),
        };
      }
    }

    await store.roster.put(decision.after);
    if (lostZones.length > 0) {
      await tellAboutLeaving(actor, person, lostZones, rosterAfter, zones, returned, reassigned);
    }
    return { ok: true, decision, returned, reassigned };
  }

  const handedOn = (applied: Extract<Applied, { ok: true }>) => ({
    returned: listOrDash(applied.returned.map((c) => c.code)),
    reassigned: listOrDash(applied.reassigned.map((r) => r.case.code)),
  });

  /** The reply to a change of one person. */
  async function changeOne(
    actor: StaffMember | undefined,
    command: RosterCommand,
    options: ChangeOptions,
    done: (name: string, applied: Extract<Applied, { ok: true }>) => MessageReply,
  ): Promise<MessageReply> {
    const applied = await apply(actor, command, options);
    if (!applied.ok) return applied.reply;
    if (!applied.decision.changed) return message('staff.messages.noChange');
    return done(applied.decision.after.name, applied);
  }

  /**
   * Who is in the roster, with roles, zones and what changed: an admin sees everybody (removed
   * people too when asked), a leader the people of the zones they lead.
   */
  async function list(
    actor: StaffMember | undefined,
    zoneId?: string,
    options: { includeRemoved?: boolean } = {},
  ): Promise<StaffListReply | MessageReply> {
    if (!actor || !isActive(actor)) return message('me.unknown');
    const isAdmin = hasRole(actor, 'admin');
    if (!isAdmin && !hasRole(actor, 'leader')) return message('staff.errors.forbidden');
    const [roster, zones] = await Promise.all([store.roster.list(), store.zones.list()]);
    const zone = zoneId === undefined ? undefined : normaliseZoneId(zoneId);
    if (zone !== undefined && !zones.some((z) => z.id === zone)) {
      return message('staff.errors.unknownZone', { zone });
    }
    if (zone !== undefined && !isAdmin && !leadsZone(actor, zone)) {
      return message('staff.errors.forbidden');
    }
    const visibleZones = zone !== undefined ? [zone] : isAdmin ? undefined : actor.zoneIds;
    const names = new Map([...SYSTEM_ACTORS, ...roster].map((m) => [m.id, m.name]));
    const shown = roster.filter(
      (m) =>
        (isActive(m) || (isAdmin && options.includeRemoved === true)) &&
        (visibleZones === undefined || m.zoneIds.some((z) => visibleZones.includes(z))),
    );
    const staff: StaffEntry[] = shown
      .map((m) => ({
        id: m.id,
        name: m.name,
        ...(m.email !== undefined && { email: m.email }),
        roles: m.roles,
        zoneIds: m.zoneIds,
        zoneNames: zoneNames(zones, m.zoneIds),
        // An uninstall clears the contact, so a contact is a way to reach them.
        reachable: m.contact !== undefined,
        ...(m.removedAt !== undefined && { removedAt: m.removedAt }),
        changes: [...(m.changes ?? [])]
          .reverse()
          .map((c) => ({ ...c, byName: names.get(c.by) ?? c.by })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return { kind: 'staff', ...(zone !== undefined && { zoneId: zone }), staff };
  }

  async function safeNameOf(nameOf: NameOf, id: string): Promise<PersonInfo | undefined> {
    try {
      const info = await nameOf(id);
      if (!info || info.name.trim() === '') return undefined;
      // The directory's address is a convenience: a malformed one is dropped, not refused.
      const email = info.email?.trim();
      return { name: info.name, ...(email && EMAIL.test(email) && { email }) };
    } catch (err) {
      logger?.warn({ err, id }, 'looking up a picked person failed');
      return undefined;
    }
  }

  /**
   * Adds the people picked in Teams with the given roles and zones; somebody already in the
   * roster gets them added to what they have. All or nothing: one person who cannot be added
   * (no name, not allowed) leaves everybody as they were, with the reason.
   */
  async function addPeople(
    actor: StaffMember | undefined,
    input: AddPeopleInput,
    nameOf: NameOf,
  ): Promise<MessageReply> {
    if (!actor || !isActive(actor)) return message('me.unknown');
    const picked = parsePickedIds(input.ids);
    if (!picked.ok) {
      return picked.reason === 'empty'
        ? message('staff.errors.noIds')
        : message('staff.errors.malformedIds', { count: String(picked.bad) });
    }
    const roles = input.roles === undefined ? (['nurse'] as Role[]) : parseRoles(input.roles);
    if (!roles) return message('staff.errors.unknownRole');
    let zoneIds = splitList(input.zoneIds).map(normaliseZoneId);
    const ledZones = actor.zoneIds.filter((z) => leadsZone(actor, z));
    // A leader of one zone appoints to it without saying so.
    if (zoneIds.length === 0 && !hasRole(actor, 'admin') && ledZones.length === 1) {
      zoneIds = ledZones;
    }

    let roster = await store.roster.list();
    const zones = await store.zones.list();
    const single = picked.ids.length === 1;
    const commands: RosterCommand[] = [];
    const nameless: string[] = [];
    for (const id of picked.ids) {
      const known = roster.find((m) => m.id === id);
      if (known && isActive(known)) {
        commands.push({
          type: 'update',
          id,
          roles: [...new Set([...known.roles, ...roles])],
          zoneIds: [...new Set([...known.zoneIds, ...zoneIds])],
        });
        continue;
      }
      const info = await safeNameOf(nameOf, id);
      const name =
        info?.name ?? (single ? input.name?.trim() || undefined : undefined) ?? known?.name;
      if (!name) {
        nameless.push(id);
        continue;
      }
      const email = info?.email ?? (single ? input.email?.trim() || undefined : undefined);
      commands.push({ type: 'add', person: { id, name, email, roles, zoneIds } });
    }
    if (nameless.length > 0) {
      return message(single ? 'staff.errors.nameNeeded' : 'staff.errors.namesUnknown', {
        ids: nameless.join(', '),
      });
    }

    const decided: Extract<RosterDecision, { ok: true }>[] = [];
    for (const command of commands) {
      const decision = decideRosterCommand({ actor, roster, zones, now: clock.now() }, command);
      if (!decision.ok) return adminRefusal(decision.error);
      if (!decision.changed) continue;
      decided.push(decision);
      roster = [...roster.filter((m) => m.id !== decision.after.id), decision.after];
    }
    if (decided.length === 0) return message('staff.messages.noChange');
    for (const decision of decided) await store.roster.put(decision.after);
    return message('staff.messages.added', {
      names: decided.map((d) => d.after.name).join(', '),
    });
  }

  /**
   * "Fratre": a resource nurse gives up the role. First a confirm reply (with the cases that
   * will go back to the queue), then, confirmed, the change; a nurse who holds no other role
   * leaves the roster. Their zone leaders and the network leaders are told.
   */
  async function stepDown(
    actor: StaffMember | undefined,
    options: ChangeOptions & { confirmed?: boolean } = {},
  ): Promise<ConfirmReply | MessageReply> {
    if (!actor || !isActive(actor)) return message('me.unknown');
    if (!hasRole(actor, 'nurse')) return adminRefusal(adminError('not_a_nurse'));
    if (!options.confirmed) {
      const [cases, zones] = await Promise.all([
        activeCasesOf(actor.id, actor.zoneIds),
        store.zones.list(),
      ]);
      return {
        kind: 'confirm',
        action: 'stepDown',
        prompt: message('staff.messages.confirmStepDown', {
          zones: listOrDash(zoneNames(zones, actor.zoneIds)),
          count: String(cases.length),
          codes: listOrDash(cases.map((c) => c.code)),
        }),
      };
    }
    return changeOne(actor, { type: 'stepDown', id: actor.id }, options, (_name, applied) =>
      message('staff.messages.steppedDown', handedOn(applied)),
    );
  }

  /**
   * A leader takes a resource nurse out of a zone they lead (an admin may too). The person
   * leaves the roster when that was all they were; otherwise only the nurse role or the zone
   * goes, whichever leaves the rest of what they do as it was.
   */
  async function dismissNurse(
    actor: StaffMember | undefined,
    id: string,
    zoneId: string,
    options: ChangeOptions = {},
  ): Promise<MessageReply> {
    if (!actor || !isActive(actor)) return message('me.unknown');
    const zone = normaliseZoneId(zoneId);
    const target = await store.roster.get(id);
    if (!target || !hasRole(target, 'nurse') || !target.zoneIds.includes(zone)) {
      return message('staff.errors.notANurseInZone');
    }
    const otherZoneRoles = target.roles.filter((r) => r === 'leader');
    let command: RosterCommand;
    if (target.zoneIds.length === 1) {
      command =
        target.roles.length === 1
          ? { type: 'remove', id }
          : { type: 'update', id, roles: target.roles.filter((r) => r !== 'nurse') };
    } else if (otherZoneRoles.length === 0) {
      command = { type: 'update', id, zoneIds: target.zoneIds.filter((z) => z !== zone) };
    } else {
      // Roles hold in all of a person's zones: "nurse in one, leader in both" cannot be written.
      return message('staff.errors.mixedZoneRoles', { name: target.name });
    }
    return changeOne(actor, command, options, (name, applied) =>
      message('staff.messages.dismissed', { name, ...handedOn(applied) }),
    );
  }

  return {
    list,
    addPeople,
    /** Sets the person's roles (the form's multi-select value or a list). */
    async setRoles(
      actor: StaffMember | undefined,
      id: string,
      value: string | readonly string[],
      options: ChangeOptions = {},
    ): Promise<MessageReply> {
      const roles = parseRoles(value);
      if (!roles) return message('staff.errors.unknownRole');
      return changeOne(actor, { type: 'update', id, roles }, options, (name, applied) =>
        message('staff.messages.updated', { name, ...handedOn(applied) }),
      );
    },
    /** Sets the person's zones. */
    setZones(
      actor: StaffMember | undefined,
      id: string,
      value: string | readonly string[],
      options: ChangeOptions = {},
    ): Promise<MessageReply> {
      const zoneIds = splitList(value).map(normaliseZoneId);
      return changeOne(actor, { type: 'update', id, zoneIds }, options, (name, applied) =>
        message('staff.messages.updated', { name, ...handedOn(applied) }),
      );
    },
    /** Takes the person out of the roster; their document stays, so history keeps the name. */
    remove(
      actor: StaffMember | undefined,
      id: string,
      options: ChangeOptions = {},
    ): Promise<MessageReply> {
      return changeOne(actor, { type: 'remove', id }, options, (name, applied) =>
        message('staff.messages.removed', { name, ...handedOn(applied) }),
      );
    },
    dismissNurse,
    stepDown,
  };
}

export interface AddPeopleInput {
  /** The people picker's value: one Entra object id, or several separated by commas. */
  ids: string | readonly string[];
  /** Typed by the user for somebody Teams cannot name; used only when one person is picked. */
  name?: string;
  email?: string;
  /** Default nurse; a leader may give no other role. */
  roles?: string | readonly string[];
  /** Default, for a leader of exactly one zone: that zone. */
  zoneIds?: string | readonly string[];
}

export type StaffAdmin = ReturnType<typeof createStaffAdmin>;
