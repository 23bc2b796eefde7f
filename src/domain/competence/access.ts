import type { Role } from '../roster';

/**
 * Who may see and change a resource nurse's competence record: the one rule every read and
 * write of the area asks (the Teams handlers and the use cases never decide it themselves).
 *
 * - The nurse herself sees her record and records her own activities. After she steps down
 *   she keeps her record, read-only.
 * - A zone leader sees the records of the nurses in their zones and records for them (the
 *   yearly meeting above all).
 * - The network leader sees everybody's and records attendance at the network's events.
 * - The admin sees everybody's and changes nothing.
 * - Nobody else sees anything; "not allowed" and "no such nurse" read the same to them.
 */

/** Who acts, as the roster knows them (a removed person is not asked about at all). */
export interface CompetenceActor {
  id: string;
  roles: readonly Role[];
  zoneIds: readonly string[];
}

/** The nurse the record is about. `active`: still a resource nurse (absent: yes). */
export interface CompetenceSubject {
  id: string;
  zoneIds: readonly string[];
  active?: boolean;
}

/**
 * What the actor may write: 'own' (she is the nurse), 'leader' (a leader of her zone),
 * 'network' (attendance at network events only), or null (read at most).
 */
export type CompetenceWrite = 'own' | 'leader' | 'network' | null;

export interface CompetenceAccess {
  read: boolean;
  write: CompetenceWrite;
}

const NONE: CompetenceAccess = { read: false, write: null };

const leads = (actor: CompetenceActor, nurse: CompetenceSubject): boolean =>
  actor.roles.includes('leader') && nurse.zoneIds.some((z) => actor.zoneIds.includes(z));

export function competenceAccess(
  actor: CompetenceActor | undefined,
  nurse: CompetenceSubject,
): CompetenceAccess {
  if (!actor) return NONE;
  const active = nurse.active !== false;
  const isSelf = actor.id === nurse.id;
  if (isSelf && actor.roles.includes('nurse') && active) return { read: true, write: 'own' };
  if (leads(actor, nurse)) return { read: true, write: active ? 'leader' : null };
  if (actor.roles.includes('networkLeader')) {
    return { read: true, write: active ? 'network' : null };
  }
  if (isSelf || actor.roles.includes('admin')) return { read: true, write: null };
  return NONE;
}

/** A record or withdrawal of an ordinary activity: the nurse or a leader of her zone. */
export const mayRecordActivity = (
  actor: CompetenceActor | undefined,
  nurse: CompetenceSubject,
): boolean => {
  const { write } = competenceAccess(actor, nurse);
  return write === 'own' || write === 'leader';
};

/**
 * Changing or withdrawing one activity: a leader of her zone any of them, the nurse those she
 * recorded herself, the network leader the attendance they recorded.
 */
export function mayAmendActivity(
  actor: CompetenceActor | undefined,
  nurse: CompetenceSubject,
  recordedBy: string,
): boolean {
  const { write } = competenceAccess(actor, nurse);
  if (write === 'leader') return true;
  return write !== null && actor?.id === recordedBy;
}

/** Zones whose overview the actor may read: every zone for the network leader and the admin. */
export function overviewZones(
  actor: CompetenceActor | undefined,
  allZoneIds: readonly string[],
): string[] {
  if (!actor) return [];
  if (actor.roles.includes('networkLeader') || actor.roles.includes('admin'))
    return [...allZoneIds];
  if (actor.roles.includes('leader')) return allZoneIds.filter((z) => actor.zoneIds.includes(z));
  return [];
}

/** Creating network events and recording attendance at them. */
export const mayManageNetworkEvents = (actor: CompetenceActor | undefined): boolean =>
  actor?.roles.includes('networkLeader') === true;

/** `koble nettverk`: the network leader, or the admin setting the bot up. */
export const mayLinkNetworkChannel = (actor: CompetenceActor | undefined): boolean =>
  actor !== undefined && (actor.roles.includes('networkLeader') || actor.roles.includes('admin'));

/**
 * Registering oneself for a network event: a resource nurse (the role is taken away when she
 * steps down, so a former nurse cannot). Only ever for herself; nobody registers others.
 */
export const mayRegisterForEvents = (actor: CompetenceActor | undefined): boolean =>
  actor?.roles.includes('nurse') === true;
