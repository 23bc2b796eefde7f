import { z } from 'zod/v4';
import {
  type CardLocation,
  type Case,
  type CaseState,
  checklistSchema,
  closeReasonSchema,
  contactOutcomeSchema,
  type HistoryEntry,
  noteSchema,
  OPEN_STATES,
} from './case';
import { withSchedule } from './case-schedule';
import { snoozeEnd } from './claim-reminder';
import { commandDigest, isReplay } from './command-digest';
import { type DomainError, domainError, isDomainError } from './errors';
import { findNationalIdField } from './privacy';
import { hasRole, type Role, type StaffMember, worksInZone } from './roster';

const optionalNote = noteSchema.optional();

/** Everything a user can do to an existing case; card payloads and API bodies parse into this. */
export const caseCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registerHsyre') }).strict(),
  z.object({ type: z.literal('claim') }).strict(),
  z.object({ type: z.literal('release') }).strict(),
  z.object({ type: z.literal('reassign'), nurseId: z.string().min(1) }).strict(),
  z.object({ type: z.literal('snooze'), minutes: z.int().min(1) }).strict(),
  z
    .object({
      type: z.literal('logContact'),
      outcome: contactOutcomeSchema,
      visitDate: z.iso.date().optional(),
      note: optionalNote,
    })
    // The date is optional: a channel card's button cannot carry one (inputs may not arrive).
    .strict(),
  z.object({ type: z.literal('reportServicesNeeded'), note: optionalNote }).strict(),
  z
    .object({
      type: z.literal('recordDecision'),
      outcome: z.enum(['other_services', 'no_services']),
      note: optionalNote,
    })
    .strict(),
  z.object({ type: z.literal('grantHsy') }).strict(),
  z.object({ type: z.literal('handOver') }).strict(),
  z
    .object({
      type: z.literal('close'),
      reason: closeReasonSchema.exclude(['handed_over']),
      note: optionalNote,
    })
    .strict(),
  z.object({ type: z.literal('setAdmitted'), admitted: z.boolean() }).strict(),
  z.object({ type: z.literal('updateChecklist'), patch: checklistSchema.partial() }).strict(),
  z
    .object({
      type: z.literal('returnToQueue'),
      /**
       * Set only by the roster's step-down (src/app/staff-admin.ts), never from a card: the one
       * way a nurse may give back a case after the first contact.
       */
      stepDown: z.literal(true).optional(),
      /** Who removed the nurse, when that was not the nurse or a leader of the zone. */
      requestedBy: z.string().min(1).max(200).optional(),
    })
    .strict(),
]);
export type CaseCommand = z.infer<typeof caseCommandSchema>;
export type CaseCommandType = CaseCommand['type'];

/**
 * Who may do what, from which state: docs/domain.md "Roles" and "Case states and commands".
 * `responsible` means the actor must be the nurse who has the case (a leader reassigns it
 * rather than acting for them). Every actor must also work in the case's zone (FVE works in all).
 */
interface Guard {
  roles: readonly Role[];
  from: readonly CaseState[];
  responsible?: boolean;
}

const ACTIVE: readonly CaseState[] = ['claimed', 'in_follow_up', 'services_needed'];

export { commandDigest };

export const GUARDS: Readonly<Record<CaseCommandType, Guard>> = {
  registerHsyre: { roles: ['fve'], from: ['referred'] },
  claim: { roles: ['nurse'], from: ['awaiting_claim', 'claimed'] },
  release: { roles: ['nurse'], from: ['claimed'], responsible: true },
  reassign: { roles: ['leader'], from: ['awaiting_claim', ...ACTIVE] },
  // Only a silent claim is reminded, so only then is there something to snooze.
  snooze: { roles: ['nurse'], from: ['claimed'], responsible: true },
  logContact: { roles: ['nurse'], from: ACTIVE, responsible: true },
  reportServicesNeeded: { roles: ['nurse'], from: ['in_follow_up'], responsible: true },
  recordDecision: { roles: ['fve'], from: ['services_needed'] },
  // FVE may decide on home nursing at any point before the grant (step 3: "or whether services
  // are to be started"), not only after the resource nurse reported a need.
  grantHsy: { roles: ['fve'], from: ['referred', 'awaiting_claim', ...ACTIVE] },
  handOver: { roles: ['leader'], from: ['hsy_granted'] },
  close: { roles: ['fve'], from: OPEN_STATES },
  setAdmitted: { roles: ['fve', 'nurse', 'leader'], from: OPEN_STATES },
  updateChecklist: { roles: ['nurse', 'leader'], from: [...ACTIVE, 'hsy_granted'] },
  // A leader gives a case back to the zone; a nurse only their own, and only while stepping
  // down (see authorise). Leader first, so a nurse who also leads the zone acts as its leader.
  returnToQueue: { roles: ['leader', 'nurse'], from: ACTIVE },
};

export type CommandResult =
  | { ok: true; case: Case; changed: boolean }
  | { ok: false; error: DomainError };

function authorise(c: Case, command: CaseCommand, actor: StaffMember): DomainError | undefined {
  const guard = GUARDS[command.type];
  const role = guard.roles.find((r) => hasRole(actor, r));
  if (!role) return domainError('forbidden_role', { action: command.type });
  if (!worksInZone(actor, c.zoneId)) return domainError('not_in_zone', { zone: c.zoneId });
  if (!guard.from.includes(c.state)) {
    return domainError('wrong_state', { action: command.type, state: c.state });
  }
  if (command.type === 'claim' && c.claimedBy && c.claimedBy !== actor.id) {
    return domainError('already_claimed', { claimedBy: c.claimedBy });
  }
  if (guard.responsible && c.claimedBy !== actor.id) {
    return domainError('not_responsible', { claimedBy: c.claimedBy ?? '' });
  }
  if (command.type === 'returnToQueue' && role === 'nurse') {
    // Outside a step-down a nurse lets a case go with release (before the first contact) or
    // asks the leader to reassign it; after contact the patient must not be left ownerless.
    if (!command.stepDown) return domainError('forbidden_role', { action: command.type });
    if (c.claimedBy !== actor.id) {
      return domainError('not_responsible', { claimedBy: c.claimedBy ?? '' });
    }
  }
  return undefined;
}

function actingRole(actor: StaffMember, command: CaseCommand): Role {
  return GUARDS[command.type].roles.find((r) => hasRole(actor, r)) as Role;
}

type Change = Partial<Omit<Case, 'history'>> & { details?: HistoryEntry['details'] };

/** A new responsible nurse: the reminders start again from now and any snooze is cancelled. */
const handedTo = (nurseId: string, at: string) => ({
  claimedBy: nurseId,
  claimedAt: at,
  snoozedUntil: null,
});

/** The pure effect of an authorised command; `null` means it would change nothing (a replay). */
function effect(
  c: Case,
  command: CaseCommand,
  actor: StaffMember,
  roster: ReadonlyMap<string, StaffMember>,
  at: string,
): Change | DomainError | null {
  switch (command.type) {
    case 'registerHsyre':
      return { state: 'awaiting_claim', anchors: { ...c.anchors, hsyreRegistered: at } };
    case 'claim':
      return c.claimedBy === actor.id ? null : { state: 'claimed', ...handedTo(actor.id, at) };
    case 'release':
      return { state: 'awaiting_claim', claimedBy: null, claimedAt: null, snoozedUntil: null };
    case 'snooze': {
      if (!c.policy.claimReminder.snoozeMinutes.includes(command.minutes)) {
        return domainError('invalid_snooze', {
          choices: c.policy.claimReminder.snoozeMinutes.join(', '),
        });
      }
      const until = snoozeEnd(c, new Date(at), command.minutes);
      return { snoozedUntil: until, details: { minutes: command.minutes, until } };
    }
    case 'reassign': {
      const nurse = roster.get(command.nurseId);
      if (!nurse || !hasRole(nurse, 'nurse') || !nurse.zoneIds.includes(c.zoneId)) {
        return domainError('not_a_zone_nurse', { zone: c.zoneId });
      }
      if (c.claimedBy === nurse.id) return null;
      return {
        ...handedTo(nurse.id, at),
        state: c.state === 'awaiting_claim' ? 'claimed' : c.state,
        details: { previous: c.claimedBy, to: nurse.id },
      };
    }
    case 'logContact': {
      const reached = command.outcome !== 'not_reached';
      const first = c.state === 'claimed' && reached;
      // A case given back to the queue after its first contact (returnToQueue) keeps that
      // contact: the routine's step 5 happened then, and whether it was in time stays true.
      const alreadyContacted = c.anchors.firstContact !== undefined;
      return {
        lastContact: { at, outcome: command.outcome, by: actor.id },
        ...(first && { state: 'in_follow_up' as const }),
        ...(first &&
          !alreadyContacted && {
            anchors: { ...c.anchors, firstContact: at },
            firstContactMet: c.deadline ? at <= c.deadline.dueAt : true,
          }),
        details: {
          outcome: command.outcome,
          visitDate: command.visitDate ?? null,
          note: command.note ?? null,
        },
      };
    }
    case 'reportServicesNeeded':
      return {
        state: 'services_needed',
        anchors: { ...c.anchors, servicesReported: at },
        details: { note: command.note ?? null },
      };
    case 'recordDecision':
      return {
        state: 'in_follow_up',
        details: { outcome: command.outcome, note: command.note ?? null },
      };
    case 'grantHsy':
      return { state: 'hsy_granted', anchors: { ...c.anchors, hsyGranted: at } };
    case 'handOver':
      return { state: 'closed', closedReason: 'handed_over' };
    case 'close':
      return {
        state: 'closed',
        closedReason: command.reason,
        details: { reason: command.reason, note: command.note ?? null },
      };
    case 'setAdmitted':
      return c.admitted === command.admitted ? null : { admitted: command.admitted };
    case 'returnToQueue':
      return {
        state: 'awaiting_claim',
        claimedBy: null,
        claimedAt: null,
        snoozedUntil: null,
        details: {
          previous: c.claimedBy,
          stepDown: command.stepDown ?? false,
          requestedBy: command.requestedBy ?? null,
        },
      };
    case 'updateChecklist': {
      const checklist = { ...c.checklist, ...command.patch };
      const same = (Object.keys(checklist) as (keyof typeof checklist)[]).every(
        (k) => checklist[k] === c.checklist[k],
      );
      return same ? null : { checklist, details: { ...command.patch } };
    }
  }
}

/** Records where the case's card lives in the zone channel, as a history entry of its own. */
export function recordCardPosted(c: Case, card: CardLocation, actor: StaffMember, now: Date): Case {
  const at = now.toISOString();
  const entry: HistoryEntry = {
    at,
    actorId: actor.id,
    actorRole: actor.roles[0],
    action: 'postCard',
    from: c.state,
    to: c.state,
    details: {},
    version: c.version + 1,
  };
  return { ...c, card, updatedAt: at, history: [...c.history, entry] };
}

/**
 * Applies one command to a case: guard, effect, history entry, recomputed deadline. Pure:
 * the caller supplies the time and the roster; the store persists the result conditionally.
 */
export function applyCommand(
  c: Case,
  command: CaseCommand,
  actor: StaffMember,
  now: Date,
  roster: ReadonlyMap<string, StaffMember> = new Map(),
  basedOnVersion?: number,
): CommandResult {
  const idField = findNationalIdField(command);
  if (idField) return { ok: false, error: domainError('contains_national_id', { field: idField }) };
  if (basedOnVersion !== undefined && isReplay(c.history, command, actor.id, basedOnVersion)) {
    return { ok: true, case: c, changed: false };
  }
  const refused = authorise(c, command, actor);
  if (refused) return { ok: false, error: refused };
  const at = now.toISOString();
  const change = effect(c, command, actor, roster, at);
  if (change === null) return { ok: true, case: c, changed: false };
  if (isDomainError(change)) return { ok: false, error: change };

  const { details = {}, ...fields } = change;
  const entry: HistoryEntry = {
    at,
    actorId: actor.id,
    actorRole: actingRole(actor, command),
    action: command.type,
    from: c.state,
    to: fields.state ?? c.state,
    details,
    version: c.version + 1,
    commandDigest: commandDigest(command),
  };
  const next = withSchedule({ ...c, ...fields, updatedAt: at, history: [...c.history, entry] });
  return { ok: true, case: next, changed: true };
}
